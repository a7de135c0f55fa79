import type { IncomingMessage } from 'node:http';
import { Metadata, Server as TusServer, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createError, errors } from '../../app/errors.js';
import { createKeyGroupsRepository } from '../keys/key-groups.repository.js';
import { INLINE_TYPES } from './content-type.js';
import { ensureFileActor, ensureStaffFileActor, type FileActor } from './files.policy.js';
import { presentAttachment } from './files.presenter.js';
import { sendStoredFile } from './serve.js';
import { createFilesRepository } from './files.repository.js';
import { attachmentListSchema, attachmentSchema, contentQuery, UPLOAD_RESULT_HEADERS } from './files.schemas.js';
import {
  closeFilesService,
  createUpload,
  ensureDownloadable,
  ensureMayContinue,
  filesService,
  finalizeUpload,
  findUploadResult,
  getOwnUpload,
  getVisibleAttachment,
  isUploadFull,
  listCaseAttachments,
  UPLOAD_ID,
  uploadCompleted,
} from './files.usecases.js';

const ENDPOINT = '/api/v1/uploads';
const TUS_CONTEXT = Symbol('portico.tus');
const caseParams = z.object({ caseId: z.string().min(1).max(100) });
const attachmentParams = z.object({ attachmentId: z.string().min(1).max(100) });

const lengthRequired = createError({ code: 'upload.length_required', status: 400, message: 'Send Upload-Length (a whole number of bytes); deferred lengths are not supported' });
const concatUnsupported = createError({ code: 'upload.concatenation_unsupported', status: 400, message: 'Parallel (concatenated) uploads are not supported; upload the file in one stream' });
const badMetadata = createError({ code: 'upload.invalid_metadata', status: 400, message: 'Upload-Metadata is not valid tus metadata' });

type TusRequest = IncomingMessage & { [TUS_CONTEXT]?: { uploadId: string } };

/**
 * Case attachments: the tus 1.0 endpoint (creation, termination, expiration; no GET), the
 * attachment lists of a case, one attachment and its content. The tus routes hand the raw request
 * to @tus/server after Portico decided who may do what: creation is checked and reserved here
 * (case, size, quota, name) before tus stores a byte; HEAD/PATCH/DELETE reach tus only for the
 * uploader's own unfinished upload (anything else is 404).
 */
export async function filesRoutes(app: FastifyInstance) {
  const deps = app.deps;
  // Storage is opened on first use: an app that never handles a file never touches FILES_DIR or S3.
  const svc = () => filesService(deps);
  const repo = createFilesRepository({ db: deps.db });
  const groups = createKeyGroupsRepository({ db: deps.db });
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onClose', async () => closeFilesService(deps.config));

  const fileActor = (req: FastifyRequest): Promise<FileActor> | FileActor => ensureFileActor(req.actor, (u, a) => groups.managedBy(u, a));
  /** The tus endpoint also takes release artifacts from release staff. */
  const uploadActor = (req: FastifyRequest): Promise<FileActor> | FileActor => ensureFileActor(req.actor, (u, a) => groups.managedBy(u, a), { forUploads: true });

  let tusServer: TusServer | null = null;
  const tus = () => (tusServer ??= createTus());
  const createTus = () => new TusServer({
    path: ENDPOINT,
    datastore: svc().store,
    locker: svc().locker,
    relativeLocation: true,
    maxSize: deps.config.files.maxFileBytes,
    disableTerminationForFinishedUploads: true,
    allowedOrigins: [deps.config.publicOrigin],
    exposedHeaders: [UPLOAD_RESULT_HEADERS.attachmentId, UPLOAD_RESULT_HEADERS.sha256],
    // Portico chose the id when it checked and recorded the upload (POST handler below).
    namingFunction(req) {
      const id = (req as unknown as { runtime?: { node?: { req?: TusRequest } } }).runtime?.node?.req?.[TUS_CONTEXT]?.uploadId;
      if (!id) throw errors.internal();
      return id;
    },
    getFileIdFromRequest: (_req, lastPath) => (lastPath && UPLOAD_ID.test(lastPath) ? lastPath : undefined),
    async onUploadFinish(_req, upload: Upload) {
      const a = await finalizeUpload({ svc: svc(), uploadId: upload.id });
      return { headers: { [UPLOAD_RESULT_HEADERS.attachmentId]: a.id, [UPLOAD_RESULT_HEADERS.sha256]: a.sha256 } };
    },
  });

  async function runTus(req: FastifyRequest, reply: FastifyReply, uploadId?: string) {
    if (uploadId) (req.raw as TusRequest)[TUS_CONTEXT] = { uploadId };
    reply.hijack();
    try {
      await tus().handle(req.raw, reply.raw);
    } catch (err) {
      req.log.error({ err }, 'tus request failed');
      if (!reply.raw.headersSent) {
        reply.raw.statusCode = 500;
        reply.raw.end();
      } else reply.raw.destroy();
    }
  }

  /** A finished upload answers from its row: complete, with the attachment it became. */
  async function answerCompleted(reply: FastifyReply, uploadId: string, length: number) {
    const a = await findUploadResult(deps, uploadId);
    return reply
      .status(200)
      .headers({
        'tus-resumable': '1.0.0',
        'upload-offset': String(length),
        'upload-length': String(length),
        'cache-control': 'no-store',
        ...(a ? { [UPLOAD_RESULT_HEADERS.attachmentId]: a.id, [UPLOAD_RESULT_HEADERS.sha256]: a.sha256 } : {}),
      })
      .send();
  }

  await app.register(async (tusApp) => {
    // The body of PATCH (and of a POST with data) is streamed to storage by tus, never parsed here.
    tusApp.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
    const t = tusApp.withTypeProvider<ZodTypeProvider>();

    t.route({
      method: 'OPTIONS',
      url: ENDPOINT,
      config: { auth: 'public' },
      schema: { hide: true },
      handler: (req, reply) => runTus(req, reply),
    });

    t.route({
      method: 'POST',
      url: ENDPOINT,
      config: { auth: 'user' },
      schema: { hide: true },
      async handler(req, reply) {
        const fa = await uploadActor(req);
        if (req.headers['upload-concat'] !== undefined) throw concatUnsupported();
        const lengthHeader = req.headers['upload-length'];
        if (typeof lengthHeader !== 'string' || !/^\d{1,16}$/.test(lengthHeader)) throw lengthRequired();
        let metadata: Record<string, string | null>;
        try {
          metadata = Metadata.parse(typeof req.headers['upload-metadata'] === 'string' ? req.headers['upload-metadata'] : undefined);
        } catch {
          throw badMetadata();
        }
        const upload = await createUpload({ deps, fa, input: { length: Number(lengthHeader), metadata } });
        await runTus(req, reply, upload.id);
        if (reply.raw.statusCode !== 201) await repo.deleteUpload(upload.id);
      },
    });

    t.route({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: `${ENDPOINT}/:uploadId`,
      config: { auth: 'user' },
      schema: { hide: true, params: z.object({ uploadId: z.string() }) },
      async handler(req, reply) {
        const fa = await uploadActor(req);
        const u = await getOwnUpload({ deps, fa, uploadId: req.params.uploadId });
        if (u.completedAt) {
          if (req.method === 'DELETE') throw uploadCompleted();
          if (req.method === 'PATCH' && req.headers['upload-offset'] !== String(u.length)) throw uploadCompleted();
          return answerCompleted(reply, u.id, u.length);
        }
        // All bytes arrived but the upload was not finished (the process died in between): finish it now.
        if (req.method === 'HEAD' && (await isUploadFull(svc(), u))) {
          await finalizeUpload({ svc: svc(), uploadId: u.id });
          return answerCompleted(reply, u.id, u.length);
        }
        if (req.method === 'PATCH') await ensureMayContinue(deps, fa, u);
        await runTus(req, reply);
        if (req.method === 'DELETE' && reply.raw.statusCode === 204) await repo.deleteUpload(u.id);
      },
    });
  });

  r.get(
    '/api/v1/cases/:caseId/attachments',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['cases'],
        summary: "The case's files (Dateien), oldest first, and what you may upload to it (tus endpoint, size limits)",
        params: caseParams,
        response: { 200: attachmentListSchema },
      },
    },
    async (req) => {
      const fa = await fileActor(req);
      if (fa.kind !== 'customer') throw errors.forbidden();
      const { attachments, upload } = await listCaseAttachments({ deps, fa, caseId: req.params.caseId });
      return { data: attachments.map(presentAttachment), upload: { ...upload, endpoint: ENDPOINT } };
    },
  );

  r.get(
    '/api/v1/staff/cases/:caseId/attachments',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: "The case's files, internal ones included, and the upload limits",
        params: caseParams,
        response: { 200: attachmentListSchema },
      },
    },
    async (req) => {
      if (req.actor.kind === 'customer') throw errors.notFound();
      const fa = await fileActor(req);
      ensureStaffFileActor(fa);
      const { attachments, upload } = await listCaseAttachments({ deps, fa, caseId: req.params.caseId });
      return { data: attachments.map(presentAttachment), upload: { ...upload, endpoint: ENDPOINT } };
    },
  );

  r.get(
    '/api/v1/attachments/:attachmentId',
    {
      config: { auth: 'user' },
      schema: { tags: ['cases'], summary: 'One file of a case: name, size, SHA-256, detected type, virus-scan state', params: attachmentParams, response: { 200: z.object({ data: attachmentSchema }) } },
    },
    async (req) => {
      const { attachment } = await getVisibleAttachment({ deps, fa: await fileActor(req), attachmentId: req.params.attachmentId });
      return { data: presentAttachment(attachment) };
    },
  );

  r.get(
    '/api/v1/attachments/:attachmentId/content',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['cases'],
        summary:
          'Download a file (Range requests resume; always Content-Disposition: attachment except raster images asked for inline; sandboxed, never sniffed)',
        params: attachmentParams,
        querystring: contentQuery,
      },
    },
    async (req, reply) => {
      const { attachment: a } = await getVisibleAttachment({ deps, fa: await fileActor(req), attachmentId: req.params.attachmentId });
      ensureDownloadable(a);
      const inline = req.query.disposition === 'inline' && INLINE_TYPES.includes(a.contentType);
      return sendStoredFile(req, reply, {
        storage: svc().storage,
        file: { storageKey: a.storageKey, size: a.size, fileName: a.fileName, sha256: a.sha256, contentType: inline ? a.contentType : 'application/octet-stream', disposition: inline ? 'inline' : 'attachment' },
      });
    },
  );
}
