import { sql } from 'kysely';
import type { Db } from '../../app/db.js';
import { nowIso, parseJson, toBool } from '../../app/db.js';
import type { Address } from '../invoices/invoices.schemas.js';
import { newId } from '../../app/ids.js';
import { nextCounterValue } from '../../app/counters.js';
import { type Cursor, decodeCursor, encodeCursor, olderThan } from '../../app/pagination.js';

export interface Account {
  id: string;
  number: string;
  name: string;
  status: 'active' | 'suspended';
  currency: string;
  locale: string;
  requireMfa: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Kontodaten: what invoices snapshot when they are issued. */
export interface AccountBilling {
  billingAddress: Address | null;
  shippingAddress: Address | null;
  billingContact: { name: string; email: string } | null;
  vatId: string | null;
  poReference: string | null;
}

export interface AccountWithBilling extends Account {
  version: number;
  billing: AccountBilling;
}

const jsonOrNull = (v: unknown) => (v == null ? null : (parseJson(v) as unknown));

export interface AccountListItem extends Account {
  memberCount: number;
}

export function createAccountsRepository({ db }: { db: Db }) {
  return {
    /** Creates an account with the next human account number (100001, 100002, …); call inside a transaction. */
    async insertAccount(input: { name: string; currency?: string; locale?: string }): Promise<Account> {
      const n = await nextCounterValue(db, 'account_number', 100000);
      const now = nowIso();
      const account: Account = {
        id: newId('acc'),
        number: String(n),
        name: input.name,
        status: 'active',
        currency: input.currency ?? 'EUR',
        locale: input.locale ?? 'de',
        requireMfa: false,
        createdAt: now,
        updatedAt: now,
      };
      await db
        .insertInto('accounts')
        .values({
          id: account.id,
          number: account.number,
          name: account.name,
          status: account.status,
          currency: account.currency,
          locale: account.locale,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return account;
    },

    async findAccountById(id: string): Promise<Account | null> {
      const r = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return r
        ? { id: r.id, number: r.number, name: r.name, status: r.status, currency: r.currency, locale: r.locale, requireMfa: toBool(r.require_mfa), createdAt: r.created_at, updatedAt: r.updated_at }
        : null;
    },

    /** The account with its billing data and version (for ETag/If-Match). */
    async findAccountWithBilling(id: string): Promise<AccountWithBilling | null> {
      const r = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return null;
      return {
        id: r.id, number: r.number, name: r.name, status: r.status, currency: r.currency, locale: r.locale, requireMfa: toBool(r.require_mfa),
        createdAt: r.created_at, updatedAt: r.updated_at, version: Number(r.version),
        billing: {
          billingAddress: jsonOrNull(r.billing_address) as Address | null,
          shippingAddress: jsonOrNull(r.shipping_address) as Address | null,
          billingContact: r.billing_contact_email ? { name: r.billing_contact_name ?? '', email: r.billing_contact_email } : null,
          vatId: r.vat_id,
          poReference: r.po_reference,
        },
      };
    },

    /** Writes the billing data if the account is still at `expectedVersion`; false when someone else changed it first. */
    async updateBilling(id: string, expectedVersion: number, b: AccountBilling): Promise<boolean> {
      const res = await db
        .updateTable('accounts')
        .set((eb) => ({
          billing_address: b.billingAddress ? JSON.stringify(b.billingAddress) : null,
          shipping_address: b.shippingAddress ? JSON.stringify(b.shippingAddress) : null,
          billing_contact_name: b.billingContact?.name ?? null,
          billing_contact_email: b.billingContact?.email ?? null,
          vat_id: b.vatId,
          po_reference: b.poReference,
          version: eb('version', '+', 1),
          updated_at: nowIso(),
        }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async setRequireMfa(id: string, requireMfa: boolean) {
      await db.updateTable('accounts').set({ require_mfa: requireMfa, updated_at: nowIso() }).where('id', '=', id).execute();
    },

    /** Staff list of all accounts, newest first, keyset-paginated, optionally filtered by name or number. */
    async listAccounts({ q, id, limit, cursor }: { q?: string; id?: string; limit: number; cursor?: string }) {
      const after = cursor ? decodeCursor(cursor) : null;
      let query = db
        .selectFrom('accounts as a')
        .select([
          'a.id', 'a.number', 'a.name', 'a.status', 'a.currency', 'a.locale', 'a.require_mfa', 'a.created_at', 'a.updated_at',
          (eb) =>
            eb.selectFrom('memberships as m').whereRef('m.account_id', '=', 'a.id').select(eb.fn.countAll<number>().as('n')).as('member_count'),
        ])
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit + 1);
      if (q) {
        const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([sql<boolean>`lower(a.name) like ${like} escape '\\'`, sql<boolean>`a.number like ${like} escape '\\'`]),
        );
      }
      if (id) query = query.where('a.id', '=', id);
      if (after) {
        query = query.where(olderThan('a.created_at', 'a.id', after));
      }
      const rows = await query.execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const items: AccountListItem[] = page.map((r) => ({
        id: r.id,
        number: r.number,
        name: r.name,
        status: r.status,
        currency: r.currency,
        locale: r.locale,
        requireMfa: toBool(r.require_mfa),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        memberCount: Number(r.member_count ?? 0),
      }));
      const nextCursor: string | null =
        rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id } satisfies Cursor) : null;
      return { items, nextCursor };
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
