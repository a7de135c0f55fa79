import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { etagOf, requireIfMatch } from '../../app/etag.js';
import { errors } from '../../app/errors.js';
import { renderMarkdown } from '../../app/markdown.js';
import { cleanFileName } from '../files/files.usecases.js';
import { presentArtifact } from './downloads.presenter.js';
import type { ArtifactRecord, ReleaseRecord } from './downloads.repository.js';
import { artifactSchema, RELEASE_CHANNELS } from './downloads.schemas.js';
import {
  createRelease,
  deleteRelease,
  ensureReleaseManager,
  getRelease,
  listReleasesForStaff,
  MAX_SIGNATURE_BYTES,
  publishRelease,
  removeArtifact,
  removeSignature,
  setSignature,
  unpublishRelease,
  updateRelease,
} from './releases.usecases.js';
import { createDownloadsRepository } from './downloads.repository.js';

const UPLOADS_ENDPOINT = '/api/v1/uploads';
const version = z.string().trim().min(1).max(50).regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, { message: 'Letters, digits and . + _ - only, e.g. 2026.3.1' });
const notes = z.string().max(50_000);
const releaseParams = z.object({ releaseId: z.string().min(1).max(100) });
const artifactParams = z.object({ releaseId: z.string().min(1).max(100), artifactId: z.string().min(1).max(100) });

const staffReleaseSchema = z.object({
  id: z.string(),
  product: z.object({ id: z.string(), name: z.string() }),
  version: z.string(),
  channel: z.enum(RELEASE_CHANNELS),
  status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  notes: z.string(),
  notesHtml: z.string(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  artifacts: z.array(artifactSchema.extend({ createdAt: z.string() })),
  abilities: z.object({ edit: z.boolean(), editVersion: z.boolean(), publish: z.boolean(), unpublish: z.boolean(), delete: z.boolean(), upload: z.boolean(), removeFiles: z.boolean() }),
});

function presentStaffRelease(r: ReleaseRecord, artifacts: ArtifactRecord[]) {
  const published = r.publishedAt !== null;
  return {
    id: r.id,
    product: { id: r.productId, name: r.productName },
    version: r.version,
    channel: r.channel,
    status: published ? ('published' as const) : ('draft' as const),
    publishedAt: r.publishedAt,
    notes: r.notes,
    notesHtml: renderMarkdown(r.notes),
    revision: r.revision,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    artifacts: artifacts.map((a) => ({ ...presentArtifact(a), createdAt: a.createdAt })),
    abilities: { edit: true, editVersion: !published, publish: !published && artifacts.length > 0, unpublish: published, delete: !published, upload: true, removeFiles: !published },
  };
}

/**
 * The staff console's release centre (release managers and staff admins): releases of every
 * product with their channels, drafts and publication, notes, files (uploaded through the tus
 * endpoint with `releaseId`, `platform`, `arch` metadata) and detached signatures.
 */
export async function staffReleasesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const repo = createDownloadsRepository({ db: deps.db });
  const present = async (id: string) => {
    const release = await getRelease(deps, id);
    return presentStaffRelease(release, await repo.artifactsOf([release.id]));
  };

  r.get(
    '/api/v1/staff/releases',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Products with all their releases (drafts too), newest first, and where files are uploaded',
        querystring: z.strictObject({ product: z.string().max(100).optional() }),
        response: {
          200: z.object({
            data: z.array(z.object({ product: z.object({ id: z.string(), code: z.string(), name: z.string() }), releases: z.array(staffReleaseSchema) })),
            upload: z.object({ endpoint: z.string(), maxFileBytes: z.number().int() }),
          }),
        },
      },
    },
    async (req) => {
      ensureReleaseManager(req.actor);
      const { products, releases, artifacts } = await listReleasesForStaff({ deps, productId: req.query.product });
      const newest = (a: ReleaseRecord, b: ReleaseRecord) => (b.publishedAt ?? b.createdAt).localeCompare(a.publishedAt ?? a.createdAt);
      return {
        data: products.map((p) => ({
          product: p,
          releases: releases.filter((x) => x.productId === p.id).sort(newest).map((x) => presentStaffRelease(x, artifacts.filter((a) => a.releaseId === x.id))),
        })),
        upload: { endpoint: UPLOADS_ENDPOINT, maxFileBytes: deps.config.files.maxFileBytes },
      };
    },
  );

  r.post(
    '/api/v1/staff/releases',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'A new draft release of a product',
        body: z.strictObject({ productId: z.string().min(1).max(100), version, channel: z.enum(RELEASE_CHANNELS), notes: notes.default('') }),
        response: { 201: z.object({ data: staffReleaseSchema }) },
      },
    },
    async (req, reply) => {
      const actor = ensureReleaseManager(req.actor);
      const created = await createRelease({ deps, actor, input: req.body, ip: req.ip });
      const data = await present(created.id);
      return reply.status(201).header('etag', etagOf(data.revision)).send({ data });
    },
  );

  r.get(
    '/api/v1/staff/releases/:releaseId',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'One release with its files (ETag for edits)', params: releaseParams, response: { 200: z.object({ data: staffReleaseSchema }) } } },
    async (req, reply) => {
      ensureReleaseManager(req.actor);
      const data = await present(req.params.releaseId);
      return reply.header('etag', etagOf(data.revision)).send({ data });
    },
  );

  r.patch(
    '/api/v1/staff/releases/:releaseId',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Edit notes, channel, or (drafts only) version; If-Match required',
        params: releaseParams,
        body: z.strictObject({ notes: notes.optional(), channel: z.enum(RELEASE_CHANNELS).optional(), version: version.optional() }).refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' }),
        response: { 200: z.object({ data: staffReleaseSchema }) },
      },
    },
    async (req, reply) => {
      const actor = ensureReleaseManager(req.actor);
      const release = await updateRelease({ deps, actor, releaseId: req.params.releaseId, expectedRevision: requireIfMatch(req), patch: req.body, ip: req.ip });
      const data = await present(release.id);
      return reply.header('etag', etagOf(data.revision)).send({ data });
    },
  );

  r.post(
    '/api/v1/staff/releases/:releaseId/publish',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Publish: customers whose maintenance covers it can download it; `notify` mails the customers who subscribed to release notes; If-Match required',
        params: releaseParams,
        body: z.strictObject({ notify: z.boolean().default(false) }),
        response: { 200: z.object({ data: staffReleaseSchema }) },
      },
    },
    async (req, reply) => {
      const actor = ensureReleaseManager(req.actor);
      const release = await publishRelease({ deps, actor, releaseId: req.params.releaseId, expectedRevision: requireIfMatch(req), notify: req.body.notify, ip: req.ip });
      const data = await present(release.id);
      return reply.header('etag', etagOf(data.revision)).send({ data });
    },
  );

  r.post(
    '/api/v1/staff/releases/:releaseId/unpublish',
    {
      config: { auth: 'user' },
      schema: { tags: ['staff'], summary: 'Take a release back from customers; If-Match required', params: releaseParams, response: { 200: z.object({ data: staffReleaseSchema }) } },
    },
    async (req, reply) => {
      const actor = ensureReleaseManager(req.actor);
      const release = await unpublishRelease({ deps, actor, releaseId: req.params.releaseId, expectedRevision: requireIfMatch(req), ip: req.ip });
      const data = await present(release.id);
      return reply.header('etag', etagOf(data.revision)).send({ data });
    },
  );

  r.delete(
    '/api/v1/staff/releases/:releaseId',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'Delete a draft release and its files', params: releaseParams } },
    async (req, reply) => {
      const actor = ensureReleaseManager(req.actor);
      await deleteRelease({ deps, actor, releaseId: req.params.releaseId, ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.delete(
    '/api/v1/staff/releases/:releaseId/artifacts/:artifactId',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: "Remove a file from a draft release", params: artifactParams } },
    async (req, reply) => {
      const actor = ensureReleaseManager(req.actor);
      await removeArtifact({ deps, actor, releaseId: req.params.releaseId, artifactId: req.params.artifactId, ip: req.ip });
      return reply.status(204).send();
    },
  );

  await app.register(async (sigApp) => {
    // The signature is the raw request body (a few KiB at most), never parsed.
    sigApp.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_SIGNATURE_BYTES }, (_req, body, done) => done(null, body));
    sigApp.withTypeProvider<ZodTypeProvider>().put(
      '/api/v1/staff/releases/:releaseId/artifacts/:artifactId/signature',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['staff'],
          summary: 'Store the detached signature file of a file (body: the signature, application/octet-stream, at most 64 KiB; ?fileName=…)',
          params: artifactParams,
          querystring: z.strictObject({ fileName: z.string().min(1).max(255) }),
        },
      },
      async (req, reply) => {
        const actor = ensureReleaseManager(req.actor);
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw errors.validation({ errors: [{ path: 'body', code: 'required', message: 'Send the signature as an application/octet-stream body' }] });
        await setSignature({ deps, actor, releaseId: req.params.releaseId, artifactId: req.params.artifactId, fileName: cleanFileName(req.query.fileName), body, ip: req.ip });
        return reply.status(204).send();
      },
    );
  });

  r.delete(
    '/api/v1/staff/releases/:releaseId/artifacts/:artifactId/signature',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'Remove the detached signature of a file', params: artifactParams } },
    async (req, reply) => {
      const actor = ensureReleaseManager(req.actor);
      await removeSignature({ deps, actor, releaseId: req.params.releaseId, artifactId: req.params.artifactId, ip: req.ip });
      return reply.status(204).send();
    },
  );
}
