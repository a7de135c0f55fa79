import fs from 'node:fs';
import path from 'node:path';
import type { FieldError } from '../../app/errors.js';
import { errors } from '../../app/errors.js';

/** NIST SP 800-63B: length only, no composition rules, no truncation, no common passwords. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

// dist/server/modules/users and src/server/modules/users are both two levels below …/server.
const LIST_FILE = path.resolve(import.meta.dirname, '../../assets/common-passwords.txt');
let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  if (!common) {
    const lines = fs.readFileSync(LIST_FILE, 'utf8').split('\n');
    common = new Set(lines.filter((l) => l && !l.startsWith('#')));
  }
  return common;
}

/** Returns what is wrong with a new password, or null. Context words (email, name, "portico") count as common. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): FieldError['code'] | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'password_too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'password_too_long';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'password_common';
  if (new Set(lower).size <= 2) return 'password_common';
  const words = [context.email, context.email?.split('@')[0], context.name, 'portico'].filter((w): w is string => !!w && w.length >= 4);
  if (words.some((w) => lower.replace(/[^\p{L}\p{N}@.]/gu, '') === w.toLowerCase().replace(/[^\p{L}\p{N}@.]/gu, ''))) return 'password_common';
  return null;
}

const messages: Record<string, string> = {
  password_too_short: `The password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  password_too_long: `The password may have at most ${MAX_PASSWORD_LENGTH} characters`,
  password_common: 'This password is too common or too easy to guess',
};

/** Throws a 400 with a field error at `field` when the password is not acceptable. */
export function ensureAcceptablePassword(password: string, context: { email?: string; name?: string }, field = 'body.password'): void {
  const problem = passwordProblem(password, context);
  if (problem) throw errors.validation({ errors: [{ path: field, code: problem, message: messages[problem] ?? problem }] });
}
