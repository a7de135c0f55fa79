import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filesService } from '../files/files.usecases.js';
import { sendStoredFile } from '../files/serve.js';
import { createKeyGroupsRepository } from '../keys/key-groups.repository.js';
import { ensureKeyReader, type KeyActor } from '../keys/keys.policy.js';
import { needsManagedGroups } from './downloads.policy.js';
import { presentDownloadRelease } from './downloads.presenter.js';
import { artifactParams, contentQuery, downloadLinkSchema, downloadsSchema, updateHintSchema } from './downloads.schemas.js';
import { authorizeFetch, getDownloadableArtifact, issueDownloadLink, listDownloads, listUpdateHints, noSignature, recordDownload, sha256sumLine } from './downloads.usecases.js';

/**
 * The release centre for customers: what they may download, signed short-lived links, the files
 * themselves (Range, from local disk or S3 through the files module's storage), checksums and
 * detached signatures.
 */
export async function downloadsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const groups = createKeyGroupsRepository({ db: deps.db });

  async function downloadActor(req: FastifyRequest): Promise<KeyActor> {
    const actor = ensureKeyReader(req.actor);
    return { actor, managedGroupIds: needsManagedGroups(actor) ? await groups.managedBy(actor.userId, actor.accountId) : [] };
  }

  r.get(
    '/api/v1/downloads',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['downloads'],
        summary: 'The products you may download, each with its published releases (newest first), files, checksums and whether your keys cover each release (else why not)',
        response: { 200: downloadsSchema },
      },
    },
    async (req) => {
      const { products } = await listDownloads({ deps, ka: await downloadActor(req) });
      return { data: products.map((p) => ({ product: p.product, keyCount: p.keyCount, releases: p.releases.map(presentDownloadRelease) })) };
    },
  );

  r.get(
    '/api/v1/downloads/updates',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['downloads'],
        summary: 'Your keys that run an older version than the newest stable/LTS release their maintenance covers ("N versions behind"), most behind first, with the file to fetch',
        response: {
          200: z.object({
            data: z.array(
              z.object({
                key: z.object({ id: z.string(), licenseKeyTail: z.string(), product: z.object({ id: z.string(), name: z.string() }), lastUsedVersion: z.string(), assignedName: z.string().nullable() }),
                hint: updateHintSchema,
              }),
            ),
            total: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const { items, total } = await listUpdateHints({ deps, ka: await downloadActor(req), limit: 10 });
      return {
        data: items.map(({ key, hint }) => ({
          key: { id: key.id, licenseKeyTail: key.licenseKeyTail, product: { id: key.productId, name: key.productName }, lastUsedVersion: key.lastUsedVersion!, assignedName: key.assignedName },
          hint,
        })),
        total,
      };
    },
  );

  r.post(
    '/api/v1/downloads/:artifactId/link',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['downloads'],
        summary: 'A signed link to the file, for you only, valid for at most 5 minutes (403 download.not_covered when maintenance does not cover the release)',
        params: artifactParams,
        response: { 200: downloadLinkSchema },
      },
    },
    async (req) => ({ data: await issueDownloadLink({ deps, ka: await downloadActor(req), artifactId: req.params.artifactId }) }),
  );

  r.get(
    '/api/v1/downloads/:artifactId/content',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['downloads'],
        summary: 'The file, through a link from POST …/link (same user, unexpired); Range requests resume a broken download; every download is recorded in the account activity',
        params: artifactParams,
        querystring: contentQuery,
      },
    },
    async (req, reply) => {
      const ka = await downloadActor(req);
      const { artifact, release } = await authorizeFetch({ deps, ka, artifactId: req.params.artifactId, link: req.query });
      return sendStoredFile(req, reply, {
        storage: filesService(deps).storage,
        file: { storageKey: artifact.storageKey, size: artifact.size, fileName: artifact.fileName, sha256: artifact.sha256, contentType: 'application/octet-stream', disposition: 'attachment' },
        // A resumed download (a range after the first byte) is the same download, not a new one.
        onStart: async (range) => {
          if (req.method !== 'HEAD' && (range === null || range.start === 0)) await recordDownload({ deps, ka, artifact, release, ip: req.ip, range });
        },
      });
    },
  );

  r.get(
    '/api/v1/downloads/:artifactId/sha256',
    {
      config: { auth: 'user' },
      schema: { tags: ['downloads'], summary: 'The SHA-256 of the file in `sha256sum` format (check with `sha256sum -c`)', params: artifactParams, response: { 200: z.string() } },
    },
    async (req, reply) => {
      const { artifact } = await getDownloadableArtifact({ deps, ka: await downloadActor(req), artifactId: req.params.artifactId, requireCoverage: false });
      return reply
        .type('text/plain; charset=utf-8')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(sha256sumLine(artifact));
    },
  );

  r.get(
    '/api/v1/downloads/:artifactId/signature',
    {
      config: { auth: 'user' },
      schema: { tags: ['downloads'], summary: 'The detached signature file of the file (404 download.no_signature when the release has none)', params: artifactParams },
    },
    async (req, reply) => {
      const { artifact } = await getDownloadableArtifact({ deps, ka: await downloadActor(req), artifactId: req.params.artifactId, requireCoverage: false });
      const { signatureStorageKey: storageKey, signatureFileName: fileName, signatureSize: size, signatureSha256: sha256 } = artifact;
      if (!storageKey || !fileName || size === null || !sha256) throw noSignature();
      return sendStoredFile(req, reply, {
        storage: filesService(deps).storage,
        file: { storageKey, size, fileName, sha256, contentType: 'application/octet-stream', disposition: 'attachment' },
      });
    },
  );
}
