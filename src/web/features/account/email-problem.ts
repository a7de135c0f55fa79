import { isApiError } from '../../lib/api-client';
import { problemField } from '../../lib/problem-message';

export type EmailProblem =
  | { field: 'newEmail'; key: 'email.errors.sameEmail' | 'email.errors.taken' | 'email.errors.invalidEmail' }
  | { field: 'currentPassword'; key: 'email.errors.wrongPassword' }
  | null;

/** Which field of the email change form a failed request is about, and what to say there; null for the rest. */
export function emailProblem(error: unknown): EmailProblem {
  if (!isApiError(error)) return null;
  if (error.code === 'user.email_taken') return { field: 'newEmail', key: 'email.errors.taken' };
  for (const problem of error.errors) {
    const field = problemField(problem.path);
    if (field === 'currentPassword' && problem.code === 'wrong_password') return { field, key: 'email.errors.wrongPassword' };
    if (field === 'newEmail') {
      return { field, key: problem.code === 'same_email' ? 'email.errors.sameEmail' : 'email.errors.invalidEmail' };
    }
  }
  return null;
}
