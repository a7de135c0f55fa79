import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { type CaseListFilters, type CaseSeverity, type CaseStatus, type CaseType, filtersToApiQuery } from '../case-filters';
import type { ResponseState } from '../response-time';

export type Person = { userId: string; name: string; email: string };
export type Category = 'invoice' | 'payment' | 'account_data' | 'licensing' | 'other';
export type MaintenanceStatus = 'active' | 'expiring' | 'expired' | 'none';

/** A case as the support console's queue lists it. */
export type StaffCaseSummary = {
  id: string;
  number: string;
  type: CaseType;
  category: Category | null;
  subject: string;
  status: CaseStatus;
  severity: CaseSeverity;
  product: { id: string; name: string } | null;
  contact: Person;
  account: { id: string; name: string; number: string };
  assignedTo: { userId: string; name: string } | null;
  firstResponseDueAt: string;
  firstRespondedAt: string | null;
  responseState: ResponseState;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
};

/** One case with everything the console shows; `version` goes back as If-Match. */
export type StaffCase = StaffCaseSummary & {
  description: string;
  descriptionHtml: string;
  productVersion: string | null;
  latestVersion: string | null;
  operatingSystem: string | null;
  key: { id: string; licenseKeyTail: string; maintenanceEnd: string | null; maintenanceStatus: MaintenanceStatus; status: string } | null;
  invoiceNumber: string | null;
  ccs: Person[];
  createdBy: { userId: string; name: string };
  relatedCase: { id: string; number: string } | null;
  solvedAt: string | null;
  closedAt: string | null;
  reopenUntil: string | null;
  version: number;
};

export type TimelineEntry = {
  type: 'comment' | 'event';
  id: string;
  at: string;
  visibility: 'public' | 'internal';
  author: { userId: string | null; name: string | null; kind: string | null };
  body?: string;
  /** Markdown rendered and sanitised by the server. */
  bodyHtml?: string;
  kind?: string;
  data?: Record<string, unknown>;
};

export type Agent = { userId: string; name: string; staffRole: string };
export type StaffCasePatch = { status?: CaseStatus; severity?: CaseSeverity; assignedUserId?: string | null };
export type StaffCommentInput = { body: string; visibility: 'public' | 'internal'; status?: CaseStatus };

const root = ['staff', 'cases'] as const;
const caseKey = (caseId: string) => [...root, 'case', caseId] as const;
const timelineKey = (caseId: string) => [...root, 'timeline', caseId] as const;

export function staffCasesQueryOptions(filters: CaseListFilters) {
  return infiniteQueryOptions({
    queryKey: [...root, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<{ data: StaffCaseSummary[]; nextCursor: string | null }>('/api/v1/staff/cases', {
        query: { ...filtersToApiQuery(filters), limit: 25, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The queue; keeps the previous rows on screen while a new filter loads. */
export function useStaffCases(filters: CaseListFilters) {
  return useInfiniteQuery({ ...staffCasesQueryOptions(filters), placeholderData: keepPreviousData });
}

export function staffCaseQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: caseKey(caseId),
    queryFn: async ({ signal }) => (await apiRequest<{ data: StaffCase }>(`/api/v1/staff/cases/${encodeURIComponent(caseId)}`, { signal })).data,
  });
}

export function useStaffCase(caseId: string) {
  return useQuery({ ...staffCaseQueryOptions(caseId), refetchInterval: 10_000 });
}

export function timelineQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: timelineKey(caseId),
    queryFn: async ({ signal }) =>
      (await apiRequest<{ data: TimelineEntry[] }>(`/api/v1/staff/cases/${encodeURIComponent(caseId)}/comments`, { signal })).data,
  });
}

/** The timeline polls, so a customer's comment or a colleague's note appears without a reload. */
export function useTimeline(caseId: string) {
  return useQuery({ ...timelineQueryOptions(caseId), refetchInterval: 10_000 });
}

export function agentsQueryOptions() {
  return queryOptions({
    queryKey: [...root, 'agents'],
    queryFn: async ({ signal }) => (await apiRequest<{ data: Agent[] }>('/api/v1/staff/cases/agents', { signal })).data,
    staleTime: 5 * 60_000,
  });
}

export function useAgents() {
  return useQuery(agentsQueryOptions());
}

export async function updateStaffCase({ caseId, version, patch }: { caseId: string; version: number; patch: StaffCasePatch }): Promise<StaffCase> {
  return (
    await apiRequest<{ data: StaffCase }>(`/api/v1/staff/cases/${encodeURIComponent(caseId)}`, {
      method: 'PATCH',
      body: patch,
      headers: { 'If-Match': `"${version}"` },
    })
  ).data;
}

/** Assign, status, severity; on success the case, its timeline and the queues show the change. */
export function useUpdateStaffCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStaffCase,
    onSuccess: async (updated) => {
      queryClient.setQueryData(caseKey(updated.id), updated);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: timelineKey(updated.id) }),
        queryClient.invalidateQueries({ queryKey: [...root, 'list'] }),
      ]);
    },
  });
}

export async function addStaffComment({ caseId, input }: { caseId: string; input: StaffCommentInput }): Promise<{ id: string; createdAt: string }> {
  return (
    await apiRequest<{ data: { id: string; createdAt: string } }>(`/api/v1/staff/cases/${encodeURIComponent(caseId)}/comments`, {
      method: 'POST',
      body: input,
    })
  ).data;
}

/** A public reply or an internal note; a reply may move the case's status and meets the first-response target. */
export function useAddStaffComment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addStaffComment,
    onSuccess: async (_comment, { caseId }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: timelineKey(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKey(caseId) }),
        queryClient.invalidateQueries({ queryKey: [...root, 'list'] }),
      ]);
    },
  });
}
