import { sql } from 'kysely';
import type { Db, Dialect } from '../../app/db.js';
import { accountSearchToken, scopedSearchText, searchWords } from '../../db/migrations/0005_case_list_performance.js';

/** The words of a search, letters and digits only: nothing the user types reaches a query parser raw. */
export function searchTerms(q: string, { minLength = 1, max = 8 } = {}): string[] {
  return searchWords(q).filter((w) => w.length >= minLength).slice(0, max).map((w) => w.toLowerCase());
}

/**
 * A prefix query over the words: all of them (search) or any of them (similar cases). With an
 * account, over that account's own index words (see scopedSearchText, migration 0005): what a
 * customer searches; without, over the plain text of every account: what staff search.
 */
export function ftsQuery(dialect: Dialect, terms: readonly string[], mode: 'all' | 'any', accountId?: string): string {
  const token = accountId === undefined ? '' : accountSearchToken(accountId);
  if (dialect === 'postgres') return terms.map((t) => `${token}${t}:*`).join(mode === 'all' ? ' & ' : ' | ');
  const column = accountId === undefined ? 'search_text' : 'scoped';
  return `${column} : (${terms.map((t) => `"${token}${t}"*`).join(mode === 'all' ? ' AND ' : ' OR ')})`;
}

/** The indexed text on PostgreSQL: the account's own words (stored column) or the plain text. */
const pgVector = (scoped: boolean) => (scoped ? sql`c.scoped_vector` : sql`to_tsvector('simple', c.search_text)`);

/**
 * `c` matches the search (the index holds subject, description, number and public comments only).
 * `scoped`: the query was built with the account (ftsQuery's accountId), which the caller's scope
 * must also filter.
 */
export function caseMatches(dialect: Dialect, query: string, { scoped }: { scoped: boolean }) {
  return dialect === 'postgres'
    ? sql<boolean>`${pgVector(scoped)} @@ to_tsquery('simple', ${query})`
    : sql<boolean>`c.rowid in (select rowid from case_search where case_search match ${query})`;
}

/** SQLite: the matching rows with their rank, to join (similar-case suggestions). */
export const sqliteRanked = (query: string) => sql<{ rowid: number; rank: number }>`(select rowid, rank from case_search where case_search match ${query})`;

/** PostgreSQL: the rank of a match within the account (similar-case suggestions). */
export const pgRank = (query: string) => sql`ts_rank(${pgVector(true)}, to_tsquery('simple', ${query}))`;

/** Rebuilds the case's search text from what customers may read, inside the caller's transaction. */
export async function reindexCase(db: Db, dialect: Dialect, caseId: string): Promise<void> {
  const c = await db.selectFrom('cases').select(['number', 'subject', 'description', 'account_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const comments = await db
    .selectFrom('case_comments')
    .select('body')
    .where('case_id', '=', caseId)
    .where('visibility', '=', 'public')
    .orderBy('created_at')
    .execute();
  const text = [c.number, c.subject, c.description, ...comments.map((m) => m.body)].join('\n');
  await db.updateTable('cases').set({ search_text: text, search_scoped: scopedSearchText(c.account_id, text) }).where('id', '=', caseId).execute();
  if (dialect === 'sqlite') {
    await sql`delete from case_search where rowid = (select rowid from cases where id = ${caseId})`.execute(db);
    await sql`insert into case_search (rowid, scoped, case_id, search_text) select rowid, search_scoped, id, search_text from cases where id = ${caseId}`.execute(db);
  }
}
