import type { FastifyRequest } from 'fastify';
import { createError } from './errors.js';

export const preconditionRequired = createError({
  code: 'request.precondition_required',
  status: 428,
  message: 'Send If-Match with the ETag you last read, so a concurrent change is not overwritten',
});
export const preconditionFailed = createError({
  code: 'request.precondition_failed',
  status: 412,
  message: 'Someone else changed this in the meantime; reload and try again',
});

export const etagOf = (version: number): string => `"${version}"`;

/** The version named by If-Match (`"3"` or `W/"3"`); 428 when the header is missing or not ours. */
export function requireIfMatch(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const match = typeof header === 'string' ? /^(?:W\/)?"(\d+)"$/.exec(header.trim()) : null;
  if (!match) throw preconditionRequired();
  return Number(match[1]);
}
