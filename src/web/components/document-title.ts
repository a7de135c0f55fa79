import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title to "<parts, innermost first> · Portico" while the page is shown. */
export function useDocumentTitle(...parts: string[]) {
  const { t } = useTranslation();
  const page = parts.filter(Boolean).join(' · ');
  const title = page ? t('app.documentTitle', { page }) : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
