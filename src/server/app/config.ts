import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Portico reads from the environment, parsed in this one place.
 * A bad value stops start-up with a message that names the variable.
 * The reference for operators is docs/operations.md; keep both in step.
 */
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Portico <portico@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORTICO_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  SESSION_IDLE_MINUTES: positiveInt(120),
  SESSION_MAX_HOURS: positiveInt(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt(100),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt(300),
  BODY_LIMIT_BYTES: positiveInt(1024 * 1024),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  WORKER_POLL_MS: positiveInt(1000),
  STAFF_MFA_REQUIRED: z.enum(['auto', 'true', 'false']).default('auto'),
  LICENSING_RATE_PER_IP: positiveInt(120),
  LICENSING_RATE_PER_KEY: positiveInt(60),
  LICENSE_CERT_DAYS: positiveInt(30),
  KEY_RELEASE_COOLDOWN_MINUTES: z.coerce.number().int().min(0).default(60),
  KEY_RELEASE_MONTHLY_LIMIT: positiveInt(5),
  SUPPORT_EMAIL: z.email().default('support@portico.example'),
  CUSTOMER_SERVICE_EMAIL: z.email().optional(),
  UPLOAD_MAX_FILE_BYTES: positiveInt(20 * 1024 ** 3),
  UPLOAD_ACCOUNT_QUOTA_BYTES: positiveInt(200 * 1024 ** 3),
  UPLOAD_EXPIRY_HOURS: positiveInt(72),
  UPLOAD_LOCK_LEASE_SECONDS: positiveInt(10),
  DOWNLOAD_LINK_SECRET: z.string().min(32, { message: 'must be at least 32 characters (e.g. `openssl rand -base64 48`)' }).optional(),
  DOWNLOAD_LINK_SECONDS: z.coerce.number().int().min(10).max(300).default(300),
  STORAGE: z.enum(['local', 's3']).default('local'),
  FILES_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  S3_PART_SIZE_BYTES: positiveInt(16 * 1024 ** 2),
  VIRUS_SCAN: z.enum(['off', 'clamd', 'clamscan']).default('off'),
  CLAMD_ADDRESS: z.string().min(1).default('/run/clamav/clamd.ctl'),
  CLAMSCAN_PATH: z.string().min(1).default('clamscan'),
  VIRUS_SCAN_MAX_BYTES: positiveInt(4 * 1024 ** 3 - 1),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, { message: 'must be a Stripe secret key (sk_live_…, sk_test_… or rk_…)' }).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, { message: 'must be a Stripe webhook signing secret (whsec_…)' }).optional(),
  STRIPE_API_BASE: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  BANK_ACCOUNT_HOLDER: z.string().min(2).optional(),
  BANK_IBAN: z
    .string()
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .refine(isValidIban, { message: 'must be a valid IBAN' })
    .optional(),
  BANK_BIC: z.string().regex(/^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$/, { message: 'must be a BIC (8 or 11 characters)' }).optional(),
  BANK_NAME: z.string().min(2).optional(),
  VENDOR_NAME: z.string().min(2).default('Portico Software GmbH'),
  VENDOR_ADDRESS: z.string().min(2).default('Musterstraße 1; 10115 Berlin; Deutschland'),
  VENDOR_VAT_ID: z.string().optional(),
  INVOICE_REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(90).default(7),
  INVOICE_REMINDER_OVERDUE_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, { message: 'must be a comma-separated list of days, e.g. 1,14,30' })
    .default('1,14')
    .transform((v) => [...new Set(v.split(',').map(Number))].sort((a, b) => a - b)),
});

/** ISO 13616 check digits (mod 97). */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** The well-known example IBAN, used only outside production when BANK_IBAN is not set. */
const DEMO_BANK = { accountHolder: 'Portico Software GmbH (Demo)', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', bankName: 'Demo-Bank (keine echte Bankverbindung)' };

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  publicUrl: string;
  publicOrigin: string;
  secureCookies: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: string;
  role: 'all' | 'web' | 'worker';
  demo: boolean;
  session: { idleMinutes: number; maxHours: number; cookieName: string };
  login: { maxFailuresPerAccount: number; maxFailuresPerIp: number };
  bodyLimit: number;
  trustProxy: boolean;
  workerPollMs: number;
  /** Staff must enrol and use TOTP (users marked MFA-exempt, like the demo staff, excepted). */
  staffMfaRequired: boolean;
  licensing: {
    /** Requests per minute per client IP, and per product key. */
    ratePerIp: number;
    ratePerKey: number;
    certificateDays: number;
    releaseCooldownMinutes: number;
    releaseMonthlyLimit: number;
  };
  supportEmail: string;
  /** Where new and updated Kundendienst cases go when no one is assigned (default: SUPPORT_EMAIL). */
  customerServiceEmail: string;
  webRoot: string;
  files: FilesConfig;
  /** Signed download links (issue #8): the HMAC key every replica shares, and how long a link lives (≤ 5 minutes). */
  downloads: { linkSecret: string; linkSeconds: number };
  /** Card payments through Stripe Checkout; null: customers get bank-transfer instructions. */
  stripe: { secretKey: string; webhookSecret: string; api: { host: string; port: number; protocol: 'http' | 'https' } | null } | null;
  /** Where bank transfers go; null only in production without BANK_IBAN (then paying by transfer is not offered). */
  bank: { accountHolder: string; iban: string; bic: string | null; bankName: string | null } | null;
  /** Who issues the invoices (their letterhead). */
  vendor: { name: string; addressLines: string[]; vatId: string | null };
  invoiceReminders: { daysBefore: number; overdueDays: number[] };
}

/** Case attachments (issue #6): limits, where the bytes live, and the optional virus scan. */
export interface FilesConfig {
  maxFileBytes: number;
  /** All attachments and unfinished uploads of one customer account together. */
  accountQuotaBytes: number;
  /** An unfinished upload is removed this long after it was created. */
  expiryMs: number;
  lockLeaseMs: number;
  storage: { kind: 'local'; directory: string } | { kind: 's3'; endpoint: string | null; region: string; bucket: string; accessKeyId: string | null; secretAccessKey: string | null; forcePathStyle: boolean; partSize: number };
  scan: { kind: 'off' } | { kind: 'clamd'; address: string; maxBytes: number } | { kind: 'clamscan'; path: string; maxBytes: number };
}

function stripeApi(base: string) {
  const u = new URL(base);
  const protocol = u.protocol === 'http:' ? 'http' : 'https';
  return { host: u.hostname, port: u.port ? Number(u.port) : protocol === 'http' ? 80 : 443, protocol } as const;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function filesConfig(e: z.output<typeof envSchema>, dataDir: string): FilesConfig {
  let storage: FilesConfig['storage'];
  if (e.STORAGE === 's3') {
    if (!e.S3_BUCKET) throw new ConfigError(['S3_BUCKET: required when STORAGE=s3']);
    if (!!e.S3_ACCESS_KEY_ID !== !!e.S3_SECRET_ACCESS_KEY) throw new ConfigError(['S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY: set both or neither (neither: the AWS default credential chain)']);
    if (e.S3_PART_SIZE_BYTES < 5 * 1024 ** 2) throw new ConfigError(['S3_PART_SIZE_BYTES: S3 parts are at least 5 MiB (5242880)']);
    storage = {
      kind: 's3', endpoint: e.S3_ENDPOINT ?? null, region: e.S3_REGION, bucket: e.S3_BUCKET, accessKeyId: e.S3_ACCESS_KEY_ID ?? null,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? null, forcePathStyle: e.S3_FORCE_PATH_STYLE, partSize: e.S3_PART_SIZE_BYTES,
    };
  } else {
    storage = { kind: 'local', directory: path.resolve(e.FILES_DIR ?? path.join(dataDir, 'files')) };
  }
  if (e.UPLOAD_ACCOUNT_QUOTA_BYTES < e.UPLOAD_MAX_FILE_BYTES) {
    throw new ConfigError(['UPLOAD_ACCOUNT_QUOTA_BYTES: must be at least UPLOAD_MAX_FILE_BYTES']);
  }
  return {
    maxFileBytes: e.UPLOAD_MAX_FILE_BYTES,
    accountQuotaBytes: e.UPLOAD_ACCOUNT_QUOTA_BYTES,
    expiryMs: e.UPLOAD_EXPIRY_HOURS * 3_600_000,
    lockLeaseMs: e.UPLOAD_LOCK_LEASE_SECONDS * 1000,
    storage,
    scan:
      e.VIRUS_SCAN === 'clamd'
        ? { kind: 'clamd', address: e.CLAMD_ADDRESS, maxBytes: e.VIRUS_SCAN_MAX_BYTES }
        : e.VIRUS_SCAN === 'clamscan'
          ? { kind: 'clamscan', path: e.CLAMSCAN_PATH, maxBytes: e.VIRUS_SCAN_MAX_BYTES }
          : { kind: 'off' },
  };
}

/** Parses the environment (process.env by default) into a Config, or throws a ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as they do in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  const secureCookies = publicUrl.startsWith('https://');
  const isEmbedded = !e.DATABASE_URL;
  if (!!e.STRIPE_SECRET_KEY !== !!e.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError(['STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: set both (card payments) or neither (bank transfer only)']);
  }
  if (!e.DOWNLOAD_LINK_SECRET && e.NODE_ENV === 'production') {
    throw new ConfigError(['DOWNLOAD_LINK_SECRET: required in production (the key that signs download links; the same on every replica)']);
  }
  const demo = e.DEMO_DATA === 'on' || (e.DEMO_DATA === 'auto' && e.NODE_ENV !== 'production' && isEmbedded);
  if (demo && e.NODE_ENV === 'production') {
    throw new ConfigError(['DEMO_DATA: demo data is never seeded when NODE_ENV=production']);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { dialect: 'postgres', url: e.DATABASE_URL }
      : { dialect: 'sqlite', file: path.join(dataDir, 'portico.sqlite') },
    publicUrl,
    publicOrigin: new URL(publicUrl).origin,
    secureCookies,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    role: e.PORTICO_ROLE,
    demo,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      maxHours: e.SESSION_MAX_HOURS,
      // __Host- binds the cookie to this exact origin (Secure, Path=/, no Domain); browsers accept it only over https.
      cookieName: secureCookies ? '__Host-portico_session' : 'portico_session',
    },
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
    },
    bodyLimit: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    workerPollMs: e.WORKER_POLL_MS,
    staffMfaRequired: e.STAFF_MFA_REQUIRED === 'auto' ? e.NODE_ENV === 'production' : e.STAFF_MFA_REQUIRED === 'true',
    licensing: {
      ratePerIp: e.LICENSING_RATE_PER_IP,
      ratePerKey: e.LICENSING_RATE_PER_KEY,
      certificateDays: e.LICENSE_CERT_DAYS,
      releaseCooldownMinutes: e.KEY_RELEASE_COOLDOWN_MINUTES,
      releaseMonthlyLimit: e.KEY_RELEASE_MONTHLY_LIMIT,
    },
    supportEmail: e.SUPPORT_EMAIL,
    customerServiceEmail: e.CUSTOMER_SERVICE_EMAIL ?? e.SUPPORT_EMAIL,
    webRoot: path.resolve(import.meta.dirname, '../../../dist/web'),
    files: filesConfig(e, dataDir),
    downloads: {
      // Outside production a missing secret is made per process: links then die with a restart, which a single embedded process can afford.
      linkSecret: e.DOWNLOAD_LINK_SECRET ?? crypto.randomBytes(32).toString('base64url'),
      linkSeconds: e.DOWNLOAD_LINK_SECONDS,
    },
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            api: e.STRIPE_API_BASE ? stripeApi(e.STRIPE_API_BASE) : null,
          }
        : null,
    bank: e.BANK_IBAN
      ? { accountHolder: e.BANK_ACCOUNT_HOLDER ?? e.VENDOR_NAME, iban: e.BANK_IBAN, bic: e.BANK_BIC?.toUpperCase() ?? null, bankName: e.BANK_NAME ?? null }
      : e.NODE_ENV === 'production'
        ? null
        : DEMO_BANK,
    vendor: {
      name: e.VENDOR_NAME,
      addressLines: e.VENDOR_ADDRESS.split(';').map((l) => l.trim()).filter(Boolean),
      vatId: e.VENDOR_VAT_ID ?? null,
    },
    invoiceReminders: { daysBefore: e.INVOICE_REMINDER_DAYS_BEFORE, overdueDays: e.INVOICE_REMINDER_OVERDUE_DAYS },
  };
}
