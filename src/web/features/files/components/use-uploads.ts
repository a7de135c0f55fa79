import { useSyncExternalStore } from 'react';
import { type UploadItem, uploads } from '../upload-manager';

/** This browser's uploads of files to one release (staff console), in the order they were added. */
export function useReleaseUploads(releaseId: string): UploadItem[] {
  const all = useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
  return all.filter((item) => item.artifact?.releaseId === releaseId);
}

/** This browser's uploads to one case, in the order they were added. */
export function useCaseUploads(caseId: string): UploadItem[] {
  const all = useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
  return all.filter((item) => item.caseId === caseId);
}
