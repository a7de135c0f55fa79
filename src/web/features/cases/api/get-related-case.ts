import { useQuery } from '@tanstack/react-query';
import { caseQueryOptions } from './get-case';

/** The case a follow-up refers to (no polling: only its number and type are shown). */
export function useCaseSummary(accountId: string, caseId: string | null) {
  return useQuery({ ...caseQueryOptions(accountId, caseId ?? ''), enabled: caseId !== null && caseId !== '' });
}
