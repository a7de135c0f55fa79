import type { Db } from '../../app/db.js';
import { nowIso } from '../../app/db.js';
import { newId, newSecretToken, sha256Hex } from '../../app/ids.js';

export type TokenKind = 'invitation' | 'password_reset' | 'email_change';

export interface UserToken {
  id: string;
  userId: string;
  kind: TokenKind;
  accountId: string | null;
  newEmail: string | null;
  createdByUserId: string | null;
  expiresAt: string;
  usedAt: string | null;
}

/**
 * Single-use secrets sent by mail (invitations, password resets, email changes): 256 random bits,
 * only the SHA-256 is stored, used at most once (a conditional update), with an expiry.
 */
export function createTokensRepository({ db }: { db: Db }) {
  return {
    async issue(input: { userId: string; kind: TokenKind; ttlMs: number; accountId?: string | null; newEmail?: string | null; createdByUserId?: string | null }) {
      const token = newSecretToken();
      const expiresAt = new Date(Date.now() + input.ttlMs).toISOString();
      await db
        .insertInto('user_tokens')
        .values({
          id: newId('tok'),
          user_id: input.userId,
          kind: input.kind,
          token_hash: sha256Hex(token),
          account_id: input.accountId ?? null,
          new_email: input.newEmail ?? null,
          created_by_user_id: input.createdByUserId ?? null,
          expires_at: expiresAt,
          used_at: null,
          created_at: nowIso(),
        })
        .execute();
      return { token, expiresAt };
    },

    async findByToken(kind: TokenKind, token: string): Promise<UserToken | null> {
      const r = await db.selectFrom('user_tokens').selectAll().where('token_hash', '=', sha256Hex(token)).where('kind', '=', kind).executeTakeFirst();
      if (!r) return null;
      return {
        id: r.id,
        userId: r.user_id,
        kind: r.kind,
        accountId: r.account_id,
        newEmail: r.new_email,
        createdByUserId: r.created_by_user_id,
        expiresAt: r.expires_at,
        usedAt: r.used_at,
      };
    },

    /** The newest unused, unexpired token of this kind for the user (e.g. a pending email change). */
    async findOpen({ userId, kind }: { userId: string; kind: TokenKind }): Promise<{ newEmail: string | null; expiresAt: string } | null> {
      const r = await db
        .selectFrom('user_tokens')
        .select(['new_email', 'expires_at'])
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowIso())
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return r ? { newEmail: r.new_email, expiresAt: r.expires_at } : null;
    },

    /** Marks the token used; false when it was used (or revoked) meanwhile — the loser of a race. */
    async consume(id: string): Promise<boolean> {
      const result = await db.updateTable('user_tokens').set({ used_at: nowIso() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Ends every open token of this kind for the user (a new invitation or reset supersedes the old). */
    async revokeOpen({ userId, kind, accountId }: { userId: string; kind: TokenKind; accountId?: string }) {
      let q = db.updateTable('user_tokens').set({ used_at: nowIso() }).where('user_id', '=', userId).where('kind', '=', kind).where('used_at', 'is', null);
      if (accountId) q = q.where('account_id', '=', accountId);
      await q.execute();
    },
  };
}
