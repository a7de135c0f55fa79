import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Db } from '../../app/db.js';
import { nowIso } from '../../app/db.js';
import { newId, randomBase32, sha256Hex } from '../../app/ids.js';

export const RECOVERY_CODE_COUNT = 10;
export const MAX_MFA_ATTEMPTS = 5;

/** A recovery code: 80 random bits as four groups of four base32 characters. */
function newRecoveryCode(): string {
  return randomBase32(80).match(/.{4}/g)!.join('-');
}

const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[^0-9a-z]/g, '');

/** A new TOTP secret with its otpauth:// URI and the QR code as SVG, drawn here (nothing leaves the server). */
export async function newTotpEnrollment({ email, issuer = 'Portico' }: { email: string; issuer?: string }) {
  const secret = generateSecret();
  const otpauthUrl = generateURI({ secret, issuer, label: email });
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, otpauthUrl, qrSvg };
}

/** Checks a TOTP code (±1 step of 30 s); returns the time step it matched, or null. */
export async function checkTotp(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({ secret, token: code, epochTolerance: 30, ...(afterTimeStep !== null ? { afterTimeStep } : {}) });
    return result.valid && 'timeStep' in result ? Number(result.timeStep) : null;
  } catch {
    return null;
  }
}

export function createMfaRepository({ db }: { db: Db }) {
  return {
    async findState(userId: string) {
      const r = await db
        .selectFrom('users')
        .select(['mfa_secret', 'mfa_pending_secret', 'mfa_enabled_at', 'mfa_last_step'])
        .where('id', '=', userId)
        .executeTakeFirst();
      return r
        ? { secret: r.mfa_secret, pendingSecret: r.mfa_pending_secret, enabledAt: r.mfa_enabled_at, lastStep: r.mfa_last_step === null ? null : Number(r.mfa_last_step) }
        : null;
    },

    async setPendingSecret(userId: string, secret: string | null) {
      await db.updateTable('users').set({ mfa_pending_secret: secret, updated_at: nowIso() }).where('id', '=', userId).execute();
    },

    async enable(userId: string, secret: string, step: number) {
      await db
        .updateTable('users')
        .set({ mfa_secret: secret, mfa_pending_secret: null, mfa_enabled_at: nowIso(), mfa_last_step: step, updated_at: nowIso() })
        .where('id', '=', userId)
        .execute();
    },

    async disable(userId: string) {
      await db
        .updateTable('users')
        .set({ mfa_secret: null, mfa_pending_secret: null, mfa_enabled_at: null, mfa_last_step: null, updated_at: nowIso() })
        .where('id', '=', userId)
        .execute();
      await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
    },

    /**
     * Accepts a TOTP time step only if it is newer than the last accepted one: a code works once,
     * even when two requests race with it.
     */
    async acceptStep(userId: string, step: number): Promise<boolean> {
      const r = await db
        .updateTable('users')
        .set({ mfa_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Replaces the user's recovery codes; returns the new codes, which are shown once and stored only hashed. */
    async replaceRecoveryCodes(userId: string): Promise<string[]> {
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
      const now = nowIso();
      await db
        .insertInto('mfa_recovery_codes')
        .values(codes.map((c) => ({ id: newId('rec'), user_id: userId, code_hash: sha256Hex(normalizeRecoveryCode(c)), used_at: null, created_at: now })))
        .execute();
      return codes;
    },

    /** Uses up one recovery code; false when unknown or already used. */
    async consumeRecoveryCode(userId: string, code: string): Promise<boolean> {
      const normalized = normalizeRecoveryCode(code);
      if (normalized.length !== 16) return false;
      const r = await db
        .updateTable('mfa_recovery_codes')
        .set({ used_at: nowIso() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', sha256Hex(normalized))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async countUnusedRecoveryCodes(userId: string): Promise<number> {
      const r = await db
        .selectFrom('mfa_recovery_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

/** Verifies a second factor (a TOTP code or a recovery code) for the user; each is accepted once. */
export async function verifySecondFactor(db: Db, userId: string, code: string): Promise<'totp' | 'recovery_code' | null> {
  const mfa = createMfaRepository({ db });
  const state = await mfa.findState(userId);
  if (!state?.secret) return null;
  const trimmed = code.trim().replace(/\s/g, '');
  const step = await checkTotp(state.secret, trimmed, state.lastStep);
  if (step !== null) return (await mfa.acceptStep(userId, step)) ? 'totp' : null;
  if (await mfa.consumeRecoveryCode(userId, trimmed)) return 'recovery_code';
  return null;
}
