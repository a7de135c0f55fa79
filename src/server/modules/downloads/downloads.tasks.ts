import type { JobHandler } from '../../app/jobs.js';
import type { AppDeps } from '../../app/types.js';
import { notifyReleasePublished } from './releases.usecases.js';

/** The release centre's jobs: telling subscribed customers about a published release. */
export function createDownloadsTasks(deps: AppDeps): Record<string, JobHandler> {
  return {
    'release.notify': async (payload) => {
      await notifyReleasePublished({ deps, releaseId: String(payload.releaseId) });
    },
  };
}
