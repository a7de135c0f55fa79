import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../app/auth/actor.js';
import { requestChecksum, type LicenseFile } from '../../../client/offline-files.js';
import { createKeyGroupsRepository } from '../keys/key-groups.repository.js';
import { normalizeLicenseKey } from '../keys/key-format.js';
import { canManageKey, ensureKeyReader } from '../keys/keys.policy.js';
import { createKeysRepository } from '../keys/keys.repository.js';
import { keyNotFound } from '../keys/keys.usecases.js';
import { badCertificate, badRequestFile } from './licensing.errors.js';
import { activate, checkOwnCertificate, deactivate } from './licensing.usecases.js';

const fingerprint = z.string().min(8).max(128).regex(/^[A-Za-z0-9:_-]+$/);
const activationFile = z.strictObject({
  format: z.literal('portico-activation-request'),
  version: z.literal(1),
  key: z.string().max(40),
  fingerprint,
  hostname: z.string().max(255),
  os: z.string().max(100),
  softwareVersion: z.string().max(50).regex(/^[0-9A-Za-z.+-]*$/),
  createdAt: z.iso.datetime(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
const deactivationFile = z.strictObject({
  format: z.literal('portico-deactivation-request'),
  version: z.literal(1),
  key: z.string().max(40),
  fingerprint,
  certificate: z.string().max(8192),
  createdAt: z.iso.datetime(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
const requestFile = z.discriminatedUnion('format', [activationFile, deactivationFile]);

function parseRequestFile(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequestFile();
  }
  const parsed = requestFile.safeParse(json);
  if (!parsed.success) throw badRequestFile();
  const { checksum, ...rest } = parsed.data;
  if (requestChecksum(rest) !== checksum) throw badRequestFile();
  return parsed.data;
}

/**
 * Offline activation in the portal: a person who manages the key uploads the request file the
 * software wrote and downloads the signed licence file (or gives a seat back with a deactivation file).
 */
export async function offlineLicensingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  r.post(
    '/api/v1/licensing/offline',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['licensing'],
        summary: 'Offline activation or deactivation: post the request file the software wrote; an activation answers with the licence file',
        body: z.strictObject({ request: z.string().min(2).max(16_384) }),
        response: {
          200: z.object({
            data: z.object({
              kind: z.enum(['activation', 'deactivation']),
              keyId: z.string(),
              licenseFile: z.object({ format: z.literal('portico-license'), version: z.literal(1), certificate: z.string(), product: z.string(), issuedAt: z.string() }).nullable(),
            }),
          }),
        },
      },
    },
    async (req) => {
      const actor = ensureKeyReader(req.actor);
      const file = parseRequestFile(req.body.request);
      const licenseKey = normalizeLicenseKey(file.key);
      const key = licenseKey ? await createKeysRepository({ db: deps.db }).findByLicenseKey(licenseKey) : null;
      const managedGroupIds = can(actor, 'read:keys:groups') ? await createKeyGroupsRepository({ db: deps.db }).managedBy(actor.userId, actor.accountId) : [];
      // Someone else's key, or one the actor does not manage, reads as not found.
      if (!key || !canManageKey({ actor, managedGroupIds }, key)) throw keyNotFound();
      if (file.format === 'portico-activation-request') {
        const { certificate } = await activate(deps, {
          licenseKey: key.licenseKey,
          machine: { fingerprint: file.fingerprint, hostname: file.hostname, os: file.os, version: file.softwareVersion || null },
          method: 'offline',
          byUserId: actor.userId,
          ip: req.ip,
        });
        const licenseFile: LicenseFile = { format: 'portico-license', version: 1, certificate, product: key.productName, issuedAt: new Date().toISOString() };
        return { data: { kind: 'activation' as const, keyId: key.id, licenseFile } };
      }
      if (!(await checkOwnCertificate(deps.db, file.certificate, { keyId: key.id, fingerprint: file.fingerprint }))) throw badCertificate();
      await deactivate(deps, { licenseKey: key.licenseKey, fingerprint: file.fingerprint, how: 'offline', byUserId: actor.userId, ip: req.ip });
      return { data: { kind: 'deactivation' as const, keyId: key.id, licenseFile: null } };
    },
  );
}
