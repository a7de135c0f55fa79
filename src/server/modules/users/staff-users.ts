import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { type Actor, ensureAuthenticated, ensureCan, type StaffActor } from '../../app/auth/actor.js';
import { STAFF_ROLES, type StaffRole } from '../../app/auth/permissions.js';
import { recordAuditEvent } from '../../app/audit.js';
import { type Db, isUniqueViolation } from '../../app/db.js';
import { createError, errors } from '../../app/errors.js';
import { queueMail } from '../../app/mail.js';
import { type Locale, mailTemplates } from '../../app/mail-templates.js';
import { decodeCursor, encodeCursor, pageQuery } from '../../app/pagination.js';
import type { AppDeps } from '../../app/types.js';
import { INVITATION_TTL_MS } from './account-users.usecases.js';
import { createTokensRepository } from './tokens.repository.js';
import { createUsersRepository, normalizeEmail } from './users.repository.js';
import { localeSchema } from './users.schemas.js';

const emailTaken = createError({ code: 'user.email_taken', status: 409, message: 'A user with this email address exists' });

/** Staff users are managed by staff admins; customers never learn these routes exist. */
export function ensureCanManageStaff(actor: Actor): StaffActor {
  ensureAuthenticated(actor);
  if (actor.kind !== 'staff') throw errors.notFound();
  ensureCan(actor, 'manage:staff_users');
  return actor;
}

async function listStaffUsers(db: Db, { limit, cursor }: { limit: number; cursor?: string }) {
  const after = cursor ? decodeCursor(cursor) : null;
  let q = db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'staff_role', 'status', 'mfa_enabled_at', 'last_login_at', 'created_at', sql<string>`lower(name)`.as('sort_name')])
    .where('kind', '=', 'staff')
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(limit + 1);
  if (after) q = q.where((eb) => eb.or([sql<boolean>`lower(name) > ${after.at}`, eb.and([sql<boolean>`lower(name) = ${after.at}`, eb('id', '>', after.id)])]));
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id, email: r.email, name: r.name, staffRole: r.staff_role as StaffRole, status: r.status, mfaEnabled: r.mfa_enabled_at !== null,
      lastLoginAt: r.last_login_at, createdAt: r.created_at,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.sort_name, id: last.id }) : null,
  };
}

/** Creates a staff user with a role; they set their password from an invitation link. */
export async function createStaffUser({ deps, actor, input, ip }: { deps: AppDeps; actor: StaffActor; input: { email: string; name: string; staffRole: StaffRole; locale: Locale }; ip: string }) {
  const email = normalizeEmail(input.email);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const users = createUsersRepository({ db: trx });
      if (await users.findCredentialsByEmail(email)) throw emailTaken();
      const user = await users.insertUser({ email, name: input.name, passwordHash: null, kind: 'staff', staffRole: input.staffRole, status: 'invited', locale: input.locale });
      const inviter = await users.findUserById(actor.userId);
      const { token, expiresAt } = await createTokensRepository({ db: trx }).issue({ userId: user.id, kind: 'invitation', ttlMs: INVITATION_TTL_MS, createdByUserId: actor.userId });
      const mail = mailTemplates.invitation(input.locale, { to: email, name: input.name, accountName: null, inviterName: inviter?.name ?? null, url: `${deps.config.publicUrl}/invitation/${token}`, expiresAt });
      await queueMail(trx, { mail, deliver: deps.mailer.delivers });
      await recordAuditEvent(trx, { accountId: null, actorUserId: actor.userId, action: 'staff.user_invited', targetType: 'user', targetId: user.id, data: { email, staffRole: input.staffRole }, ip });
      return { user };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

const staffUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  staffRole: z.enum(STAFF_ROLES),
  status: z.enum(['invited', 'active', 'disabled']),
  mfaEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export async function staffUsersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  r.get(
    '/api/v1/staff/users',
    {
      config: { auth: 'user' },
      schema: { tags: ['staff'], summary: 'Staff users (staff admins)', querystring: z.strictObject(pageQuery), response: { 200: z.object({ data: z.array(staffUserSchema), nextCursor: z.string().nullable() }) } },
    },
    async (req) => {
      ensureCanManageStaff(req.actor);
      const { items, nextCursor } = await listStaffUsers(deps.db, req.query);
      return { data: items, nextCursor };
    },
  );

  r.post(
    '/api/v1/staff/users',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Create a staff user with a staff role (invited by mail)',
        body: z.strictObject({ email: z.email().max(320), name: z.string().trim().min(1).max(200), staffRole: z.enum(STAFF_ROLES), locale: localeSchema.default('de') }),
        response: { 201: z.object({ data: staffUserSchema }) },
      },
    },
    async (req, reply) => {
      const actor = ensureCanManageStaff(req.actor);
      const { user } = await createStaffUser({ deps, actor, input: req.body, ip: req.ip });
      return reply.status(201).send({
        data: { id: user.id, email: user.email, name: user.name, staffRole: user.staffRole!, status: user.status, mfaEnabled: false, lastLoginAt: null, createdAt: user.createdAt },
      });
    },
  );
}
