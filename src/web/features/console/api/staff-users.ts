import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Language } from '../../../lib/language';
import type { StaffRole } from '../../../lib/me';

export const STAFF_ROLES: StaffRole[] = ['agent', 'billing', 'release', 'admin'];

export type StaffUser = {
  id: string;
  email: string;
  name: string;
  staffRole: StaffRole;
  status: 'invited' | 'active' | 'disabled';
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

export type StaffUsersPage = { data: StaffUser[]; nextCursor: string | null };

const STAFF_USERS_PAGE_SIZE = 25;
const staffUsersKey = ['staff', 'users'] as const;

export function getStaffUsers({ cursor, signal }: { cursor: string | null; signal?: AbortSignal }) {
  return apiRequest<StaffUsersPage>('/api/v1/staff/users', { query: { limit: STAFF_USERS_PAGE_SIZE, cursor }, signal });
}

export function staffUsersQueryOptions() {
  return infiniteQueryOptions({
    queryKey: staffUsersKey,
    queryFn: ({ pageParam, signal }) => getStaffUsers({ cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useStaffUsers() {
  return useInfiniteQuery(staffUsersQueryOptions());
}

export type NewStaffUser = { name: string; email: string; staffRole: StaffRole; locale: Language };

export async function createStaffUser(input: NewStaffUser) {
  const { data } = await apiRequest<{ data: StaffUser }>('/api/v1/staff/users', { method: 'POST', body: input });
  return data;
}

export function useCreateStaffUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStaffUser,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: staffUsersKey });
    },
  });
}
