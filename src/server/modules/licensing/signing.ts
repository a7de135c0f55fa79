import crypto from 'node:crypto';
import type { Db } from '../../app/db.js';

export interface SigningKey {
  kid: string;
  publicKeyPem: string;
  privateKeyPem: string;
  /** Parsed once: parsing a PEM costs more than signing with it. */
  privateKey: crypto.KeyObject;
  createdAt: string;
}

let cached: { db: Db; keys: SigningKey[] } | null = null;

/** The licence signing keys (newest first); made by the migration, cached per process. */
export async function signingKeys(db: Db): Promise<SigningKey[]> {
  if (cached?.db === db) return cached.keys;
  const rows = await db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').execute();
  const keys = rows.map((r) => ({
    kid: r.kid,
    publicKeyPem: r.public_key,
    privateKeyPem: r.private_key,
    privateKey: crypto.createPrivateKey(r.private_key),
    createdAt: r.created_at,
  }));
  if (!keys.length) throw new Error('No licence signing key: run the migrations');
  cached = { db, keys };
  return keys;
}

export async function currentSigningKey(db: Db): Promise<SigningKey> {
  return (await signingKeys(db))[0] as SigningKey;
}
