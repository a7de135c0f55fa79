import { recordAuditEvent } from '../../app/audit.js';
import type { Db } from '../../app/db.js';
import { createError } from '../../app/errors.js';
import { hashPassword } from '../auth/password.js';
import { createUsersRepository, normalizeEmail } from './users.repository.js';

export const MIN_PASSWORD_LENGTH = 12;

const emailTaken = createError({ code: 'user.email_taken', status: 409, message: 'A user with this email exists' });
const weakPassword = createError({ code: 'user.password_too_short', status: 400, message: `The password needs at least ${MIN_PASSWORD_LENGTH} characters` });
const invalidEmail = createError({ code: 'user.invalid_email', status: 400, message: 'The email address is not valid' });

/** Creates a staff administrator (the CLI's `create-admin`, for a production install without demo data). */
export async function createStaffAdmin({ db, email, name, password }: { db: Db; email: string; name: string; password: string }) {
  const normalized = normalizeEmail(email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized)) throw invalidEmail();
  // Length counts characters (code points), not bytes; nothing is truncated.
  if ([...password].length < MIN_PASSWORD_LENGTH) throw weakPassword();
  const users = createUsersRepository({ db });
  if (await users.findCredentialsByEmail(normalized)) throw emailTaken();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await createUsersRepository({ db: trx }).insertUser({ email: normalized, name, passwordHash, kind: 'staff', staffRole: 'admin' });
    await recordAuditEvent(trx, { accountId: null, actorUserId: null, action: 'staff.admin_created', targetType: 'user', targetId: user.id, data: { via: 'cli' } });
    return { user };
  });
}
