import { Badge, Button, Group, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { withQuery } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { CASE_VIEWS, type CaseView } from '../api/types';
import { type CaseListFilters, filtersToQuery } from '../case-filters';
import { useCasesTranslation } from '../i18n/register';

/**
 * The five views of "Meine Fälle", each with how many cases it holds. They are links (each view
 * has its own address, filters kept), the shown one marked as the current page.
 */
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
    <Group component="nav" aria-label={t('views.label')} gap={6} mb="md">
      {CASE_VIEWS.map((view) => {
        const active = view === current;
        const count = counts?.[view];
        return (
          <Button
            key={view}
            component={Link}
            to={withQuery('/cases', filtersToQuery({ ...filters, view }))}
            variant={active ? 'light' : 'subtle'}
            aria-current={active ? 'page' : undefined}
            size="sm"
            px="sm"
            rightSection={
              count === undefined ? undefined : (
                <Badge variant={active ? 'filled' : 'light'} color={active ? 'indigo.7' : 'gray'} size="sm" styles={{ label: { overflow: 'visible' } }}>
                  <span aria-hidden="true">{format.number(count)}</span>
                  <VisuallyHidden>{t('views.count', { count, formatted: format.number(count) })}</VisuallyHidden>
                </Badge>
              )
            }
          >
            {t(`views.${view}`)}
          </Button>
        );
      })}
    </Group>
  );
}
