import { LinkTabs } from '../../../components/link-tabs';
import { withQuery } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { CASE_VIEWS, type CaseView } from '../api/types';
import { type CaseListFilters, filtersToQuery } from '../case-filters';
import { useCasesTranslation } from '../i18n/register';

/** The five views of "Meine Fälle", each with how many cases it holds. */
export function ViewTabs({
  filters,
  current,
  counts,
}: {
  filters: CaseListFilters;
  current: CaseView | null;
  counts: Record<CaseView, number> | undefined;
}) {
  const { t } = useCasesTranslation();
  const format = useFormat();
  return (
    <LinkTabs
      label={t('views.label')}
      current={current}
      tabs={CASE_VIEWS.map((view) => {
        const count = counts?.[view];
        return {
          key: view,
          label: t(`views.${view}`),
          to: withQuery('/cases', filtersToQuery({ ...filters, view })),
          count,
          countLabel: count === undefined ? undefined : t('views.count', { count, formatted: format.number(count) }),
        };
      })}
    />
  );
}
