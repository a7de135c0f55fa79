import { isApiError } from '../../lib/api-client';
import { type ErrorMessageKey, problemMessageKey } from '../../lib/problem-message';

export type StaffKeysErrorKey =
  | 'errors.codeTaken'
  | 'errors.unknownKeyGroup'
  | 'errors.unknownEdition'
  | 'errors.productNotFound'
  | 'errors.accountNotFound';

export type StaffKeysProblem = { ns: 'staffKeys'; key: StaffKeysErrorKey } | { ns: 'translation'; key: ErrorMessageKey };

const BY_CODE: Record<string, StaffKeysErrorKey> = {
  'product.code_taken': 'errors.codeTaken',
  'product.not_found': 'errors.productNotFound',
  'account.not_found': 'errors.accountNotFound',
};

const BY_FIELD_CODE: Record<string, StaffKeysErrorKey> = {
  unknown_key_group: 'errors.unknownKeyGroup',
  unknown_edition: 'errors.unknownEdition',
};

/** This page's message for the codes the staff key routes answer with, else the app's general one. */
export function staffKeysProblem(error: unknown): StaffKeysProblem {
  if (isApiError(error)) {
    const byCode = BY_CODE[error.code];
    if (byCode) return { ns: 'staffKeys', key: byCode };
    for (const problem of error.errors) {
      const byField = BY_FIELD_CODE[problem.code];
      if (byField) return { ns: 'staffKeys', key: byField };
    }
  }
  return { ns: 'translation', key: problemMessageKey(error) };
}
