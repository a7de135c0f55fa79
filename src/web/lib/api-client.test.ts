import { describe, expect, it } from 'vitest';
import { problemFromResponse, retryAfterSeconds } from './api-client';

describe('retryAfterSeconds', () => {
  it('reads the seconds form and the date form of Retry-After', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(retryAfterSeconds('Fri, 27 Nov 2026 12:01:30 GMT', now)).toBe(90);
  });

  it('drops a missing or unreadable header', () => {
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});

describe('problemFromResponse', () => {
  it('keeps the code of a problem document and the wait from Retry-After', async () => {
    const response = new Response(JSON.stringify({ status: 429, code: 'activation.release_cooldown', title: 'Too Many Requests' }), {
      status: 429,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '1800' },
    });
    const error = await problemFromResponse(response);
    expect(error.code).toBe('activation.release_cooldown');
    expect(error.retryAfterSeconds).toBe(1800);
  });
});
