import { Button, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, storeLanguage } from '../lib/language';
import { GlobeIcon } from './icons';

/**
 * With two languages a single button that offers the other one is quicker than a menu (and keeps
 * the popover code out of the login page's bundle). It names the target language in that
 * language, as language switchers conventionally do. `onChange` lets a signed-in caller also save
 * the choice to the user's profile.
 */
export function LanguageSwitcher({ onChange }: { onChange?: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  const current: Language = isLanguage(i18n.language) ? i18n.language : 'de';
  const target: Language = current === 'de' ? 'en' : 'de';
  const targetName = t(`header.languages.${target}`);

  const switchLanguage = () => {
    storeLanguage(target);
    void i18n.changeLanguage(target);
    onChange?.(target);
  };

  return (
    <Button
      variant="subtle"
      color="gray"
      c="var(--mantine-color-text)"
      px="xs"
      leftSection={<GlobeIcon />}
      onClick={switchLanguage}
      title={targetName}
    >
      <span lang={target}>
        {target.toUpperCase()}
        <VisuallyHidden> – {targetName}</VisuallyHidden>
      </span>
    </Button>
  );
}
