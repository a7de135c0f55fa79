import crypto from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** Random base32 text with `bits` bits of entropy from the OS CSPRNG. */
export function randomBase32(bits: number): string {
  const length = Math.ceil(bits / 5);
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] as number) & 31];
  return out;
}

export type IdPrefix = 'acc' | 'usr' | 'mem' | 'ses' | 'aud' | 'job' | 'mail' | 'kgr' | 'tok' | 'rec' | 'prd' | 'edn' | 'key' | 'act' | 'cas' | 'cmt' | 'cev' | 'upl' | 'att' | 'inv' | 'inl' | 'pay' | 'chk' | 'pat' | 'rel' | 'art' | 'rsb' | 'mat';

/** An unguessable, typed id such as `acc_3k9x…` (130 random bits). */
export const newId = (prefix: IdPrefix): string => `${prefix}_${randomBase32(130)}`;

/** A secret token for cookies and links: 256 random bits, URL-safe. */
export const newSecretToken = (): string => crypto.randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => crypto.createHash('sha256').update(value).digest('hex');
