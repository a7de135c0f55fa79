import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Dialect } from '../../app/db.js';
import { nowIso, parseJson } from '../../app/db.js';
import { newId } from '../../app/ids.js';
import { type Param, prepared, type Shape } from '../../app/prepared.js';
import { type Cursor, decodeCursor, encodeCursor, olderThan } from '../../app/pagination.js';
import type { CaseCategory, CaseSeverity, CaseStatus, CaseType, Database } from '../../db/schema.js';
import { caseMatches, ftsQuery, pgRank, searchTerms, sqliteRanked } from './case-search.js';
import { type CaseListScope, OPEN_STATUSES, type StaffCaseScope } from './cases.policy.js';

export const CASE_VIEWS = ['recent', 'active_support', 'my_open', 'all_open', 'all'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];
export const CASE_SORTS = ['newest', 'oldest', 'activity'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface StaffListQuery {
  queue?: CaseType;
  status?: CaseStatus[];
  assigned: 'me' | 'none' | 'any';
  overdue?: 'true' | 'false';
  account?: string;
  q?: string;
  sort: 'newest' | 'due';
}

export interface CaseListQuery {
  q?: string;
  status?: CaseStatus[];
  type?: CaseType;
  severity?: CaseSeverity[];
  productId?: string;
  contactUserId?: string;
  /** Opened on or after / before (ISO dates). */
  from?: string;
  to?: string;
}

type Eb = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;

/** The SQL form of canViewCase: every view, search, suggestion and export goes through it. */
export function caseScopeWhere(eb: Eb, scope: CaseListScope, { sqliteHint = false } = {}) {
  // SQLite without statistics would walk the whole account for "my open cases" and "recently
  // viewed" (the account index also gives the order); saying the account matches most rows makes
  // it start from the user's own rows instead.
  const inAccount = sqliteHint ? sql<boolean>`likelihood(c.account_id = ${scope.accountId}, 0.9)` : eb('c.account_id', '=', scope.accountId);
  if (scope.kind === 'account') return inAccount;
  const involved = [
    eb('c.created_by_user_id', '=', scope.userId),
    eb('c.contact_user_id', '=', scope.userId),
    eb.exists(eb.selectFrom('case_ccs as cc').select('cc.case_id').whereRef('cc.case_id', '=', 'c.id').where('cc.user_id', '=', scope.userId)),
  ];
  if (scope.groupIds.length) {
    involved.push(
      eb.exists(eb.selectFrom('product_keys as sk').select('sk.id').whereRef('sk.id', '=', 'c.key_id').where('sk.key_group_id', 'in', [...scope.groupIds])),
    );
  }
  return eb.and([inAccount, eb.or(involved)]);
}

/** The SQL form of canWorkCase: the console's queue and the staff cases report go through it. */
export function staffCaseScopeWhere(eb: Eb, scope: StaffCaseScope) {
  return scope.kind === 'types' ? eb('c.type', 'in', [...scope.types]) : eb.and([]);
}

/** What a view adds to the scope. */
function viewWhere(eb: Eb, view: CaseView, userId: string) {
  switch (view) {
    case 'active_support':
      return eb('c.status', 'in', ['new', 'in_progress']);
    case 'my_open':
      return eb.and([eb('c.status', 'in', [...OPEN_STATUSES]), eb.or([eb('c.contact_user_id', '=', userId), eb('c.created_by_user_id', '=', userId)])]);
    case 'all_open':
      return eb('c.status', 'in', [...OPEN_STATUSES]);
    default:
      return eb.and([]);
  }
}

interface ListParams extends Record<string, Param> {
  accountId: string;
  /** The involved scope's user ('' for the account scope). */
  scopeUserId: string;
  groupIds: string[];
  /** Whose recent views and open cases. */
  userId: string;
  status: CaseStatus[];
  type: CaseType | null;
  severity: CaseSeverity[];
  productId: string | null;
  contactUserId: string | null;
  from: string | null;
  to: string | null;
  fts: string | null;
  cursorAt: string | null;
  cursorId: string | null;
  limit: number;
}

const EMPTY_LIST_PARAMS: ListParams = {
  accountId: '', scopeUserId: '', groupIds: [], userId: '', status: [], type: null, severity: [], productId: null, contactUserId: null,
  from: null, to: null, fts: null, cursorAt: null, cursorId: null, limit: 0,
};

/** What changes the list's SQL (the values go in ListParams). */
interface ListShape extends Shape {
  view: CaseView;
  sort: CaseSort;
  scope: CaseListScope['kind'];
  cursor: boolean;
  type: boolean;
  product: boolean;
  contact: boolean;
  from: boolean;
  to: boolean;
  fts: boolean;
}

/** The scope of ListParams as caseScopeWhere takes it. */
const scopeOf = (p: ListParams, kind: CaseListScope['kind']): CaseListScope =>
  kind === 'account' ? { kind, accountId: p.accountId } : { kind, accountId: p.accountId, userId: p.scopeUserId, groupIds: p.groupIds };

function listWhere(eb: Eb, p: ListParams, shape: Pick<ListShape, 'view' | 'scope'> & Partial<ListShape>, dialect: Dialect) {
  const parts: Expression<SqlBool>[] = [caseScopeWhere(eb, scopeOf(p, shape.scope), { sqliteHint: dialect === 'sqlite' && (shape.view === 'my_open' || shape.view === 'recent') })];
  if (shape.view !== 'recent') parts.push(viewWhere(eb, shape.view, p.userId));
  if (p.status.length) parts.push(eb('c.status', 'in', p.status));
  if (shape.type) parts.push(eb('c.type', '=', p.type as CaseType));
  if (p.severity.length) parts.push(eb('c.severity', 'in', p.severity));
  if (shape.product) parts.push(eb('c.product_id', '=', p.productId));
  if (shape.contact) parts.push(eb('c.contact_user_id', '=', p.contactUserId as string));
  if (shape.from) parts.push(eb('c.created_at', '>=', p.from as string));
  if (shape.to) parts.push(eb('c.created_at', '<', p.to as string));
  if (shape.fts) parts.push(caseMatches(dialect, p.fts as string, { scoped: true }));
  return eb.and(parts);
}

/** Only what a row of the list shows: a list never reads descriptions or joins what it does not show. */
const listQuery = prepared((db, p: ListParams, shape: ListShape, dialect) => {
  const base = db
    .selectFrom('cases as c')
    .innerJoin('users as cu', 'cu.id', 'c.contact_user_id')
    .leftJoin('products as p', 'p.id', 'c.product_id')
    .select([
      'c.id', 'c.number', 'c.type', 'c.category', 'c.subject', 'c.status', 'c.severity', 'c.product_id', 'p.name as product_name',
      'c.contact_user_id', 'cu.name as contact_name', 'cu.email as contact_email', 'c.created_at', 'c.updated_at', 'c.last_activity_at',
    ])
    .where((eb) => listWhere(eb, p, shape, dialect));
  const cursor = { at: p.cursorAt as string, id: p.cursorId as string };
  if (shape.view === 'recent') {
    return base
      .innerJoin('case_views as v', (j) => j.onRef('v.case_id', '=', 'c.id').on('v.user_id', '=', p.userId))
      .select('v.viewed_at as sort_at')
      .$if(shape.cursor, (b) => b.where(olderThan('v.viewed_at', 'c.id', cursor)))
      .orderBy('v.viewed_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(p.limit);
  }
  const column = shape.sort === 'activity' ? 'c.last_activity_at' : 'c.created_at';
  const ascending = shape.sort === 'oldest';
  return base
    .select(`${column} as sort_at` as 'c.created_at as sort_at')
    .$if(shape.cursor && !ascending, (b) => b.where(olderThan(column, 'c.id', cursor)))
    .$if(shape.cursor && ascending, (b) => b.where(sql<boolean>`(c.created_at, c.id) > (${cursor.at}, ${cursor.id})`))
    .orderBy(column, ascending ? 'asc' : 'desc')
    .orderBy('c.id', ascending ? 'asc' : 'desc')
    .limit(p.limit);
});

const countQuery = prepared((db, p: ListParams, shape: { view: CaseView; scope: CaseListScope['kind'] }, dialect) =>
  db
    .selectFrom('cases as c')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(shape.view === 'recent', (b) => b.innerJoin('case_views as v', (j) => j.onRef('v.case_id', '=', 'c.id').on('v.user_id', '=', p.userId)))
    .where((eb) => listWhere(eb, p, shape, dialect)),
);

const statusCounts = prepared((db, p: { accountId: string }) => db.selectFrom('case_counts').select(['status', 'n']).where('account_id', '=', p.accountId).where('n', '>', 0));

type SummaryRow = Awaited<ReturnType<typeof listQuery.execute>>[number];
const toSummary = (r: SummaryRow) => ({
  id: r.id,
  number: r.number,
  type: r.type,
  category: r.category,
  subject: r.subject,
  status: r.status,
  severity: r.severity,
  productId: r.product_id,
  productName: r.product_name,
  contactUserId: r.contact_user_id,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lastActivityAt: r.last_activity_at,
});
export type CaseSummary = ReturnType<typeof toSummary>;

export function createCasesRepository({ db, dialect }: { db: Db; dialect: Dialect }) {
  const base = () =>
    db
      .selectFrom('cases as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .innerJoin('users as cu', 'cu.id', 'c.contact_user_id')
      .innerJoin('users as cb', 'cb.id', 'c.created_by_user_id')
      .leftJoin('users as au', 'au.id', 'c.assigned_user_id')
      .leftJoin('products as p', 'p.id', 'c.product_id')
      .leftJoin('product_keys as k', 'k.id', 'c.key_id')
      .leftJoin('cases as rc', 'rc.id', 'c.related_case_id')
      .select([
        'c.id', 'c.number', 'c.account_id', 'a.name as account_name', 'a.number as account_number', 'c.type', 'c.category', 'c.subject', 'c.description',
        'c.product_id', 'p.name as product_name', 'p.latest_version as product_latest_version', 'c.product_version', 'c.operating_system', 'c.severity',
        'c.key_id', 'k.license_key', 'k.key_group_id', 'k.maintenance_end', 'k.status as key_status', 'c.invoice_number', 'c.status',
        'c.contact_user_id', 'cu.name as contact_name', 'cu.email as contact_email', 'c.created_by_user_id', 'cb.name as created_by_name',
        'c.assigned_user_id', 'au.name as assigned_name', 'c.related_case_id', 'rc.number as related_case_number', 'c.first_response_due_at',
        'c.first_responded_at', 'c.solved_at', 'c.closed_at', 'c.last_activity_at', 'c.version', 'c.created_at', 'c.updated_at',
      ]);

  type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const toCase = (r: Row) => ({
    id: r.id,
    number: r.number,
    accountId: r.account_id,
    accountName: r.account_name,
    accountNumber: r.account_number,
    type: r.type,
    category: r.category,
    subject: r.subject,
    description: r.description,
    productId: r.product_id,
    productName: r.product_name,
    productLatestVersion: r.product_latest_version,
    productVersion: r.product_version,
    operatingSystem: r.operating_system,
    severity: r.severity,
    keyId: r.key_id,
    keyLicenseKey: r.license_key,
    keyGroupId: r.key_group_id,
    keyMaintenanceEnd: r.maintenance_end,
    keyStatus: r.key_status,
    invoiceNumber: r.invoice_number,
    status: r.status,
    contactUserId: r.contact_user_id,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    createdByUserId: r.created_by_user_id,
    createdByName: r.created_by_name,
    assignedUserId: r.assigned_user_id,
    assignedName: r.assigned_name,
    relatedCaseId: r.related_case_id,
    relatedCaseNumber: r.related_case_number,
    firstResponseDueAt: r.first_response_due_at,
    firstRespondedAt: r.first_responded_at,
    solvedAt: r.solved_at,
    closedAt: r.closed_at,
    lastActivityAt: r.last_activity_at,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  async function ccsOf(caseId: string) {
    return db
      .selectFrom('case_ccs as cc')
      .innerJoin('users as u', 'u.id', 'cc.user_id')
      .select(['u.id as userId', 'u.name', 'u.email'])
      .where('cc.case_id', '=', caseId)
      .orderBy('u.name')
      .execute();
  }

  return {
    async find(caseId: string) {
      const row = await base().where('c.id', '=', caseId).executeTakeFirst();
      if (!row) return null;
      const ccs = await ccsOf(caseId);
      return { ...toCase(row), ccs, ccUserIds: ccs.map((c) => c.userId) };
    },

    /** One page of a view within the scope, newest first (or as sorted), keyset-paginated. */
    async list({
      scope, view, userId, query, sort = 'newest', limit, cursor,
    }: { scope: CaseListScope; view: CaseView; userId: string; query: CaseListQuery; sort?: CaseSort; limit: number; cursor?: string }) {
      const after: Cursor | null = cursor ? decodeCursor(cursor) : null;
      const terms = query.q ? searchTerms(query.q) : [];
      const params: ListParams = {
        accountId: scope.accountId,
        scopeUserId: scope.kind === 'involved' ? scope.userId : '',
        groupIds: scope.kind === 'involved' ? [...scope.groupIds] : [],
        userId,
        status: query.status ?? [],
        type: query.type ?? null,
        severity: query.severity ?? [],
        productId: query.productId ?? null,
        contactUserId: query.contactUserId ?? null,
        from: query.from ? new Date(query.from).toISOString() : null,
        to: query.to ? new Date(Date.parse(query.to) + 86_400_000).toISOString() : null,
        fts: terms.length ? ftsQuery(dialect, terms, 'all', scope.accountId) : null,
        cursorAt: after?.at ?? null,
        cursorId: after?.id ?? null,
        limit: limit + 1,
      };
      const shape: ListShape = {
        view, sort, scope: scope.kind, cursor: after !== null,
        type: params.type !== null, product: params.productId !== null, contact: params.contactUserId !== null,
        from: params.from !== null, to: params.to !== null, fts: params.fts !== null,
      };
      const rows = await listQuery.execute(db, params, shape);
      const items = rows.slice(0, limit).map(toSummary);
      const last = rows[limit - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.sort_at, id: last.id }) : null };
    },

    /**
     * How many cases each view holds for the user (scope only; filters and search not applied). The
     * account-wide views read the per-status counts the triggers keep (migration 0005).
     */
    async counts({ scope, userId }: { scope: CaseListScope; userId: string }): Promise<Record<CaseView, number>> {
      const params: ListParams = {
        ...EMPTY_LIST_PARAMS, accountId: scope.accountId, scopeUserId: scope.kind === 'involved' ? scope.userId : '',
        groupIds: scope.kind === 'involved' ? [...scope.groupIds] : [], userId,
      };
      const count = async (view: CaseView) => Number((await countQuery.executeTakeFirst(db, params, { view, scope: scope.kind }))?.n ?? 0);
      if (scope.kind === 'account') {
        const byStatus = new Map((await statusCounts.execute(db, { accountId: scope.accountId })).map((r) => [r.status, Number(r.n)]));
        const sum = (statuses: readonly CaseStatus[]) => statuses.reduce((n, st) => n + (byStatus.get(st) ?? 0), 0);
        const [recent, myOpen] = await Promise.all([count('recent'), count('my_open')]);
        return {
          recent,
          active_support: sum(['new', 'in_progress']),
          my_open: myOpen,
          all_open: sum(OPEN_STATUSES),
          all: [...byStatus.values()].reduce((a, b) => a + b, 0),
        };
      }
      const entries = await Promise.all(CASE_VIEWS.map(async (v) => [v, await count(v)] as const));
      return Object.fromEntries(entries) as Record<CaseView, number>;
    },

    /** Cases like the words typed (any of them, ranked), within the scope: duplicate suggestions. */
    async similar({ scope, q, limit = 5 }: { scope: CaseListScope; q: string; limit?: number }) {
      const terms = searchTerms(q, { minLength: 3 });
      if (!terms.length) return [];
      const query = ftsQuery(dialect, terms, 'any', scope.accountId);
      const qb = db.selectFrom('cases as c').select(['c.id', 'c.number', 'c.subject', 'c.status', 'c.type', 'c.created_at']).where((eb) => caseScopeWhere(eb, scope));
      if (dialect === 'postgres') {
        return qb
          .where(caseMatches(dialect, query, { scoped: true }))
          .orderBy(pgRank(query), 'desc')
          .orderBy('c.created_at', 'desc')
          .limit(limit)
          .execute();
      }
      return qb
        .innerJoin(sqliteRanked(query).as('s'), (j) =>
          j.on(sql<boolean>`s.rowid = c.rowid`),
        )
        .orderBy(sql`s.rank`)
        .orderBy('c.created_at', 'desc')
        .limit(limit)
        .execute();
    },

    /** The support console's queues: by type and status, unassigned or mine, overdue; newest first or most urgent first. */
    async staffList({
      scope, staffUserId, query, limit, cursor,
    }: { scope: StaffCaseScope; staffUserId: string; query: StaffListQuery; limit: number; cursor?: string }) {
      const after: Cursor | null = cursor ? decodeCursor(cursor) : null;
      const now = nowIso();
      const byDue = query.sort === 'due';
      const column = byDue ? 'c.first_response_due_at' : 'c.created_at';
      const rows = await base()
        .select(`${column} as sort_at` as 'c.created_at as sort_at')
        .where((eb) => staffCaseScopeWhere(eb, scope))
        .$if(!!query.queue, (b) => b.where('c.type', '=', query.queue!))
        .$if(!!query.status?.length, (b) => b.where('c.status', 'in', query.status!))
        .$if(query.assigned === 'me', (b) => b.where('c.assigned_user_id', '=', staffUserId))
        .$if(query.assigned === 'none', (b) => b.where('c.assigned_user_id', 'is', null))
        .$if(query.overdue === 'true', (b) =>
          b.where('c.first_responded_at', 'is', null).where('c.first_response_due_at', '<', now).where('c.status', 'in', [...OPEN_STATUSES]),
        )
        .$if(!!query.account, (b) => b.where('c.account_id', '=', query.account!))
        .$if(!!query.q, (b) => {
          const terms = searchTerms(query.q!);
          // A case number, with or without its leading zeros, or words (an error code can be both).
          const byNumber = /^\d{1,8}$/.test(query.q!.trim()) ? query.q!.trim().padStart(8, '0') : null;
          if (!terms.length) return b;
          const words = caseMatches(dialect, ftsQuery(dialect, terms, 'all'), { scoped: false });
          return b.where((eb) => (byNumber ? eb.or([eb('c.number', '=', byNumber), words]) : words));
        })
        .$if(after !== null && !byDue, (b) => b.where(olderThan(column, 'c.id', after!)))
        .$if(after !== null && byDue, (b) => b.where(sql<boolean>`(c.first_response_due_at, c.id) > (${after!.at}, ${after!.id})`))
        .orderBy(column, byDue ? 'asc' : 'desc')
        .orderBy('c.id', byDue ? 'asc' : 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map(toCase);
      const last = rows[limit - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.sort_at, id: last.id }) : null };
    },

    async insert(trx: Db, c: Omit<Database['cases'], 'version' | 'search_text' | 'search_scoped'>) {
      await trx.insertInto('cases').values({ ...c, search_text: '', search_scoped: '' }).execute();
    },

    async setCcs(trx: Db, caseId: string, userIds: readonly string[]) {
      await trx.deleteFrom('case_ccs').where('case_id', '=', caseId).execute();
      if (userIds.length) await trx.insertInto('case_ccs').values(userIds.map((user_id) => ({ case_id: caseId, user_id }))).execute();
    },

    /**
     * Applies a change if the case still has `expectedVersion` (null: unconditionally); false on a lost
     * race. `bump: false` for what does not touch the editable fields (a comment's activity time), so
     * a comment never turns someone's open edit into a 412.
     */
    async update(trx: Db, caseId: string, expectedVersion: number | null, set: Partial<Omit<Database['cases'], 'version'>>, { bump = true } = {}) {
      const res = await trx
        .updateTable('cases')
        .set((eb) => ({ ...set, ...(bump ? { version: eb('version', '+', 1) } : {}), updated_at: nowIso() }))
        .where('id', '=', caseId)
        .$if(expectedVersion !== null, (b) => b.where('version', '=', expectedVersion!))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async addComment(trx: Db, c: { caseId: string; authorUserId: string; authorKind: 'customer' | 'staff'; visibility: 'public' | 'internal'; body: string }) {
      const id = newId('cmt');
      const at = nowIso();
      await trx
        .insertInto('case_comments')
        .values({ id, case_id: c.caseId, author_user_id: c.authorUserId, author_kind: c.authorKind, visibility: c.visibility, body: c.body, created_at: at })
        .execute();
      return { id, createdAt: at };
    },

    async addEvent(trx: Db, e: { caseId: string; actorUserId: string | null; kind: string; visibility: 'public' | 'internal'; data: Record<string, unknown> }) {
      await trx
        .insertInto('case_events')
        .values({ id: newId('cev'), case_id: e.caseId, actor_user_id: e.actorUserId, kind: e.kind, visibility: e.visibility, data: JSON.stringify(e.data), created_at: nowIso() })
        .execute();
    },

    /** The timeline: comments and events, oldest first; customers get the public entries only. */
    async timeline(caseId: string, { includeInternal }: { includeInternal: boolean }) {
      const comments = await db
        .selectFrom('case_comments as m')
        .leftJoin('users as u', 'u.id', 'm.author_user_id')
        .select(['m.id', 'm.author_user_id', 'u.name as author_name', 'm.author_kind', 'm.visibility', 'm.body', 'm.created_at'])
        .where('m.case_id', '=', caseId)
        .$if(!includeInternal, (b) => b.where('m.visibility', '=', 'public'))
        .orderBy('m.created_at')
        .orderBy('m.id')
        .execute();
      const events = await db
        .selectFrom('case_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_user_id')
        .select(['e.id', 'e.actor_user_id', 'u.name as actor_name', 'u.kind as actor_kind', 'e.kind', 'e.visibility', 'e.data', 'e.created_at'])
        .where('e.case_id', '=', caseId)
        .$if(!includeInternal, (b) => b.where('e.visibility', '=', 'public'))
        .orderBy('e.created_at')
        .orderBy('e.id')
        .execute();
      return [
        ...comments.map((m) => ({
          type: 'comment' as const, id: m.id, at: m.created_at, visibility: m.visibility,
          author: { userId: m.author_user_id, name: m.author_name, kind: m.author_kind }, body: m.body,
        })),
        ...events.map((e) => ({
          type: 'event' as const, id: e.id, at: e.created_at, visibility: e.visibility,
          author: { userId: e.actor_user_id, name: e.actor_name, kind: e.actor_kind ?? null }, kind: e.kind, data: parseJson(e.data),
        })),
      ].sort((x, y) => (x.at === y.at ? x.id.localeCompare(y.id) : x.at < y.at ? -1 : 1));
    },

    async recordView(userId: string, caseId: string) {
      const at = nowIso();
      await db
        .insertInto('case_views')
        .values({ user_id: userId, case_id: caseId, viewed_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'case_id']).doUpdateSet({ viewed_at: at }))
        .execute();
    },
  };
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;
export type CaseRecord = NonNullable<Awaited<ReturnType<CasesRepository['find']>>>;
export type CaseCategoryValue = CaseCategory;
