import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_KEY_LENGTH } from '../keys/key-format.js';
import { activate, deactivate, licenseSummary, validate } from './licensing.usecases.js';
import { signingKeys } from './signing.js';

// The licensing API is called by the vendor's software, not by browsers: no cookies, no CSRF check,
// strict bodies with hard length limits.
const machine = {
  key: z.string().min(1).max(MAX_KEY_LENGTH + 10),
  fingerprint: z.string().min(8).max(128).regex(/^[A-Za-z0-9:_-]+$/),
  hostname: z.string().max(255).optional(),
  os: z.string().max(100).optional(),
  version: z.string().max(50).regex(/^[0-9A-Za-z.+-]+$/).optional(),
};

const licenseResponse = z.object({
  data: z.object({
    certificate: z.string(),
    license: z.object({
      status: z.string(),
      product: z.string(),
      edition: z.string().nullable(),
      seats: z.number().int(),
      validUntil: z.string().nullable(),
      maintenance: z.object({ end: z.string().nullable(), status: z.enum(['active', 'expiring', 'expired', 'none']) }),
    }),
  }),
});

const licensingConfig = { auth: 'public', csrf: false } as const;

export async function licensingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;

  r.post(
    '/api/v1/licensing/activate',
    { config: licensingConfig, schema: { tags: ['licensing'], summary: 'Activate this machine on a product key; returns a signed certificate', body: z.strictObject(machine), response: { 200: licenseResponse } } },
    async (req) => {
      const { key: licenseKey, ...m } = req.body;
      const { key, certificate } = await activate(deps, { licenseKey, machine: m, method: 'online', ip: req.ip });
      return { data: { certificate, license: licenseSummary(key) } };
    },
  );

  r.post(
    '/api/v1/licensing/validate',
    {
      config: licensingConfig,
      schema: { tags: ['licensing'], summary: 'Check an activation; updates last seen and last used version; returns a fresh certificate', body: z.strictObject(machine), response: { 200: licenseResponse } },
    },
    async (req) => {
      const { key: licenseKey, ...m } = req.body;
      const { key, certificate } = await validate(deps, { licenseKey, machine: m, ip: req.ip });
      return { data: { certificate, license: licenseSummary(key) } };
    },
  );

  r.post(
    '/api/v1/licensing/deactivate',
    {
      config: licensingConfig,
      schema: { tags: ['licensing'], summary: 'Give this machine’s seat back', body: z.strictObject({ key: machine.key, fingerprint: machine.fingerprint }) },
    },
    async (req, reply) => {
      await deactivate(deps, { licenseKey: req.body.key, fingerprint: req.body.fingerprint, how: 'software', ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/licensing/public-key',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['licensing'],
        summary: 'The Ed25519 public keys that verify licence certificates offline',
        response: { 200: z.object({ data: z.object({ algorithm: z.literal('Ed25519'), current: z.string(), keys: z.array(z.object({ kid: z.string(), publicKeyPem: z.string(), createdAt: z.string() })) }) }) },
      },
    },
    async (_req, reply) => {
      const keys = await signingKeys(deps.db);
      reply.header('cache-control', 'public, max-age=3600');
      return { data: { algorithm: 'Ed25519' as const, current: keys[0]!.kid, keys: keys.map(({ kid, publicKeyPem, createdAt }) => ({ kid, publicKeyPem, createdAt })) } };
    },
  );
}
