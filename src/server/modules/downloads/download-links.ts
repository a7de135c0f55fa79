import crypto from 'node:crypto';

/**
 * Short-lived download links: `…/content?expires=<unix seconds>&sig=<HMAC-SHA256>` over the
 * artifact, the user, the account they act in and the expiry, keyed with DOWNLOAD_LINK_SECRET. A
 * link names no user in clear; the fetch recomputes the MAC for the session's own user and account,
 * so another user's link, a changed expiry or another artifact simply does not verify.
 */
export interface LinkClaims {
  artifactId: string;
  userId: string;
  accountId: string;
}

const mac = (secret: string, c: LinkClaims, expires: number) =>
  crypto.createHmac('sha256', secret).update(`portico-download-v1\n${c.artifactId}\n${c.userId}\n${c.accountId}\n${expires}`).digest('base64url');

export function signLink(secret: string, claims: LinkClaims, { now = Date.now(), seconds }: { now?: number; seconds: number }) {
  const expires = Math.floor(now / 1000) + seconds;
  return { expires, sig: mac(secret, claims, expires) };
}

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/** Checks the MAC first (in constant time), then the expiry: a tampered expiry reads as invalid, not expired. */
export function checkLink(secret: string, claims: LinkClaims, link: { expires: number; sig: string }, { now = Date.now(), maxSeconds }: { now?: number; maxSeconds: number }): LinkCheck {
  const expected = Buffer.from(mac(secret, claims, link.expires));
  const given = Buffer.from(link.sig);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'invalid';
  const nowSeconds = Math.floor(now / 1000);
  if (link.expires < nowSeconds) return 'expired';
  // A genuine link never reaches further than the configured lifetime (a lowered setting shortens old links too).
  if (link.expires > nowSeconds + maxSeconds) return 'invalid';
  return 'valid';
}
