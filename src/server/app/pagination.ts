import { sql } from 'kysely';
import { z } from 'zod';
import { errors } from './errors.js';

/** Keyset position: the sort timestamp and id of the last row of the previous page. */
export interface Cursor {
  at: string;
  id: string;
}

const cursorSchema = z.object({ at: z.string().min(1), id: z.string().min(1) });

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(value: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    throw errors.validation({ errors: [{ path: 'querystring.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }] });
  }
}

/** Query-string fields every list accepts. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
};

/** Rows after the cursor in a newest-first (timestamp, id) order: one row-value comparison on both dialects. */
export const olderThan = (atColumn: string, idColumn: string, cursor: Cursor) =>
  sql<boolean>`(${sql.ref(atColumn)}, ${sql.ref(idColumn)}) < (${cursor.at}, ${cursor.id})`;
