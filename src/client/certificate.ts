import crypto from 'node:crypto';

/**
 * A Portico licence certificate: `PL1.<payload>.<signature>`, both base64url; the payload is JSON,
 * the signature Ed25519 over the bytes `PL1.<payload>`. Shared by the server (signing) and the
 * reference client (offline verification); it never matches the product key format.
 */
export interface CertificatePayload {
  v: 1;
  /** Signing key id: which public key verifies this certificate. */
  kid: string;
  /** The product key's id (never the key itself). */
  keyId: string;
  product: string;
  productName: string;
  edition: string | null;
  fingerprint: string;
  seats: number;
  issuedAt: string;
  /** After this the software must validate online again (or use a new offline licence); null: perpetual. */
  expiresAt: string | null;
  maintenanceEnd: string | null;
  /** How the licence was obtained. */
  method: 'online' | 'offline';
}

export const CERTIFICATE_PREFIX = 'PL1.';

export function signCertificate(payload: CertificatePayload, privateKey: string | crypto.KeyObject): string {
  const body = `${CERTIFICATE_PREFIX}${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = crypto.sign(null, Buffer.from(body), typeof privateKey === 'string' ? crypto.createPrivateKey(privateKey) : privateKey);
  return `${body}.${signature.toString('base64url')}`;
}

export type VerifyResult =
  | { valid: true; payload: CertificatePayload }
  | { valid: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' | 'wrong_machine' };

/**
 * Verifies a certificate offline against the vendor's published public keys (kid → PEM).
 * Pass the machine's fingerprint to also check the certificate belongs to this machine.
 */
export function verifyCertificate(
  certificate: string,
  publicKeys: Record<string, string>,
  { fingerprint, now = Date.now() }: { fingerprint?: string; now?: number } = {},
): VerifyResult {
  if (typeof certificate !== 'string' || !certificate.startsWith(CERTIFICATE_PREFIX) || certificate.length > 8192) return { valid: false, reason: 'malformed' };
  const lastDot = certificate.lastIndexOf('.');
  const body = certificate.slice(0, lastDot);
  const signature = certificate.slice(lastDot + 1);
  let payload: CertificatePayload;
  try {
    payload = JSON.parse(Buffer.from(body.slice(CERTIFICATE_PREFIX.length), 'base64url').toString('utf8')) as CertificatePayload;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (payload?.v !== 1 || typeof payload.kid !== 'string') return { valid: false, reason: 'malformed' };
  const pem = publicKeys[payload.kid];
  if (!pem) return { valid: false, reason: 'unknown_key' };
  let ok = false;
  try {
    ok = crypto.verify(null, Buffer.from(body), crypto.createPublicKey(pem), Buffer.from(signature, 'base64url'));
  } catch {
    ok = false;
  }
  if (!ok) return { valid: false, reason: 'bad_signature' };
  if (payload.expiresAt && Date.parse(payload.expiresAt) <= now) return { valid: false, reason: 'expired' };
  if (fingerprint !== undefined && payload.fingerprint !== fingerprint) return { valid: false, reason: 'wrong_machine' };
  return { valid: true, payload };
}
