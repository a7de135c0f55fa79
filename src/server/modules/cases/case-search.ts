import { sql } from 'kysely';
import type { Db, Dialect } from '../../app/db.js';

/** The words of a search, letters and digits only: nothing the user types reaches a query parser raw. */
export function searchTerms(q: string, { minLength = 1, max = 8 } = {}): string[] {
  return (q.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= minLength).slice(0, max).map((w) => w.toLowerCase());
}

/** A prefix query over the words: all of them (search) or any of them (similar cases). */
export function ftsQuery(dialect: Dialect, terms: readonly string[], mode: 'all' | 'any'): string {
  if (dialect === 'postgres') return terms.map((t) => `${t}:*`).join(mode === 'all' ? ' & ' : ' | ');
  return terms.map((t) => `"${t}"*`).join(mode === 'all' ? ' ' : ' OR ');
}

/** `c` matches the search (the index holds subject, description, number and public comments only). */
export function caseMatches(dialect: Dialect, query: string) {
  return dialect === 'postgres'
    ? sql<boolean>`to_tsvector('simple', c.search_text) @@ to_tsquery('simple', ${query})`
    : sql<boolean>`c.rowid in (select rowid from case_search where case_search match ${query})`;
}

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
    await sql`insert into case_search (rowid, case_id, search_text) select rowid, id, search_text from cases where id = ${caseId}`.execute(db);
  }
}
