import { sql } from 'kysely';
import type { Db, Dialect } from '../../app/db.js';
import { SQLITE_ACCOUNT_TOKEN_SQL } from '../../db/migrations/0005_case_list_performance.js';

/** The words of a search, letters and digits only: nothing the user types reaches a query parser raw. */
export function searchTerms(q: string, { minLength = 1, max = 8 } = {}): string[] {
  return (q.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= minLength).slice(0, max).map((w) => w.toLowerCase());
}

/** A prefix query over the words: all of them (search) or any of them (similar cases). */
export function ftsQuery(dialect: Dialect, terms: readonly string[], mode: 'all' | 'any'): string {
  if (dialect === 'postgres') return terms.map((t) => `${t}:*`).join(mode === 'all' ? ' & ' : ' | ');
  return `search_text : (${terms.map((t) => `"${t}"*`).join(mode === 'all' ? ' AND ' : ' OR ')})`;
}

/** The indexed expression on PostgreSQL (migration 0005): the words, and `@` + the account id. */
const PG_VECTOR = sql`(to_tsvector('simple', c.search_text) || array_to_tsvector(array['@' || c.account_id]))`;

/**
 * The full-text condition, within one account when `accountId` is given: the index knows each
 * case's account (migration 0005), so a common word is matched among that account's cases only.
 * The account is joined to the query in SQL, so both stay plain values (see app/prepared.ts).
 */
function fullQuery(dialect: Dialect, query: string, accountId: string | undefined) {
  if (dialect === 'postgres') {
    return accountId === undefined ? sql`to_tsquery('simple', ${query})` : sql`(to_tsquery('simple', ${query}) && ('''@' || ${accountId} || '''')::tsquery)`;
  }
  return accountId === undefined ? sql`${query}` : sql`('account : ' || replace(${accountId}, '_', '') || ' AND ' || ${query})`;
}

/** `c` matches the search (the index holds subject, description, number and public comments only). */
export function caseMatches(dialect: Dialect, query: string, accountId?: string) {
  return dialect === 'postgres'
    ? sql<boolean>`${PG_VECTOR} @@ ${fullQuery(dialect, query, accountId)}`
    : sql<boolean>`c.rowid in (select rowid from case_search where case_search match ${fullQuery(dialect, query, accountId)})`;
}

/** SQLite: the matching rows with their rank, to join (similar-case suggestions). */
export const sqliteRanked = (query: string, accountId: string) =>
  sql<{ rowid: number; rank: number }>`(select rowid, rank from case_search where case_search match ${fullQuery('sqlite', query, accountId)})`;

/** PostgreSQL: the rank of a match (similar-case suggestions). */
export const pgRank = (query: string, accountId: string) => sql`ts_rank(${PG_VECTOR}, ${fullQuery('postgres', query, accountId)})`;

/** Rebuilds the case's search text from what customers may read, inside the caller's transaction. */
export async function reindexCase(db: Db, dialect: Dialect, caseId: string): Promise<void> {
  const c = await db.selectFrom('cases').select(['number', 'subject', 'description']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const comments = await db
    .selectFrom('case_comments')
    .select('body')
    .where('case_id', '=', caseId)
    .where('visibility', '=', 'public')
    .orderBy('created_at')
    .execute();
  const text = [c.number, c.subject, c.description, ...comments.map((m) => m.body)].join('\n');
  await db.updateTable('cases').set({ search_text: text }).where('id', '=', caseId).execute();
  if (dialect === 'sqlite') {
    await sql`delete from case_search where rowid = (select rowid from cases where id = ${caseId})`.execute(db);
    await sql`insert into case_search (rowid, account, case_id, search_text) select rowid, ${sql.raw(SQLITE_ACCOUNT_TOKEN_SQL)}, id, search_text from cases where id = ${caseId}`.execute(db);
  }
}
