import crypto from 'node:crypto';

// No 0/O, 1/I/L, 5/S, 8/B lookalikes: keys are read aloud and typed from paper.
const ALPHABET = '2346789ACDEFGHJKMNPQRTUVWXYZ';
export const KEY_PATTERN = /^[2346789ACDEFGHJKMNPQRTUVWXYZ]{5}(-[2346789ACDEFGHJKMNPQRTUVWXYZ]{5}){4}$/;
/** Longer input is refused before any lookup. */
export const MAX_KEY_LENGTH = 29;

/** A new product key: 25 characters from a 28-letter alphabet (~120 bits), in five groups. */
export function generateLicenseKey(): string {
  const chars: string[] = [];
  while (chars.length < 25) {
    const byte = crypto.randomBytes(1)[0] as number;
    // Rejection sampling keeps every character equally likely.
    if (byte < 252) chars.push(ALPHABET[byte % 28] as string);
  }
  return [0, 5, 10, 15, 20].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** Upper-cases and strips spaces; returns null for anything that cannot be a key. */
export function normalizeLicenseKey(input: string): string | null {
  if (input.length > MAX_KEY_LENGTH + 10) return null;
  const key = input.trim().toUpperCase().replace(/\s+/g, '');
  return key.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(key) ? key : null;
}

/** Shows only the last group, for people who may see a key exists but not use it. */
export const maskLicenseKey = (key: string): string => `•••••-•••••-•••••-•••••-${key.slice(-5)}`;

export type MaintenanceStatus = 'active' | 'expiring' | 'expired' | 'none';
export const EXPIRING_WITHIN_DAYS = 90;

export function maintenanceStatus(maintenanceEnd: string | null, now = Date.now()): MaintenanceStatus {
  if (!maintenanceEnd) return 'none';
  const end = Date.parse(maintenanceEnd);
  if (end <= now) return 'expired';
  return end <= now + EXPIRING_WITHIN_DAYS * 86_400_000 ? 'expiring' : 'active';
}

/** Compares dotted versions numerically ("2026.10" > "2026.9"); non-numeric parts compare as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}
