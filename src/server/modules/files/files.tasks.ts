import type { JobHandler } from '../../app/jobs.js';
import type { AppDeps } from '../../app/types.js';
import { cleanupUploads, filesService, scanAttachment } from './files.usecases.js';

/** The files module's jobs: the virus scan of a new attachment. */
export function createFilesTasks(deps: AppDeps): Record<string, JobHandler> {
  return {
    'attachment.scan': async (payload, job) => {
      await scanAttachment({ svc: filesService(deps), attachmentId: String(payload.attachmentId), final: job.final });
    },
  };
}

/** Housekeeping (the worker's maintenance run): expired uploads and stale locks. */
export async function filesMaintenance(deps: AppDeps): Promise<void> {
  await cleanupUploads({ svc: filesService(deps) });
}
