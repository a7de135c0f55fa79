/** Why an upload failed, as a message of the files namespace, and whether trying again can help. */
export type UploadProblem = {
  key:
    | 'errors.tooLarge'
    | 'errors.quota'
    | 'errors.caseClosed'
    | 'errors.caseNotFound'
    | 'errors.badName'
    | 'errors.expired'
    | 'errors.signedOut'
    | 'errors.forbidden'
    | 'errors.network'
    | 'errors.server'
    | 'errors.unknown';
  status: number;
  /** A network failure, a server error or a busy upload: the same upload can go on later. */
  retryable: boolean;
};

/** The parts of a tus-js-client error this needs (its DetailedError carries the last answer). */
export type TusLikeError = {
  originalResponse?: { getStatus(): number; getBody(): string; getHeader(name: string): string | undefined } | null;
};

type ProblemBody = { code?: unknown; errors?: unknown };

function parseBody(text: string): ProblemBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as ProblemBody) : {};
  } catch {
    return {};
  }
}

function fieldCodes(body: ProblemBody): { path: string; code: string }[] {
  if (!Array.isArray(body.errors)) return [];
  return body.errors.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, code } = item as Record<string, unknown>;
    return [{ path: typeof path === 'string' ? path : '', code: typeof code === 'string' ? code : '' }];
  });
}

/**
 * Reads a failed tus request: Portico answers its own refusals as problem+json with stable codes
 * (upload.too_large, upload.quota_exceeded, case.not_open, …); tus's own answers are plain text;
 * no answer at all is a network failure.
 */
export function uploadProblem(error: unknown): UploadProblem {
  const response = (error as TusLikeError | null)?.originalResponse ?? null;
  if (!response) return { key: 'errors.network', status: 0, retryable: true };
  const status = response.getStatus();
  if (status === 0) return { key: 'errors.network', status: 0, retryable: true };
  const body = parseBody(response.getBody() ?? '');
  const code = typeof body.code === 'string' ? body.code : '';
  const fields = fieldCodes(body);
  const problem = (key: UploadProblem['key'], retryable = false): UploadProblem => ({ key, status, retryable });
  if (code === 'upload.too_large' || (status === 413 && !code)) return problem('errors.tooLarge');
  if (code === 'upload.quota_exceeded') return problem('errors.quota');
  if (code === 'case.not_open') return problem('errors.caseClosed');
  if (fields.some((f) => f.code === 'unknown_case')) return problem('errors.caseNotFound');
  if (fields.some((f) => f.path.endsWith('filename'))) return problem('errors.badName');
  if (code === 'upload.not_found' || status === 404 || status === 410) return problem('errors.expired');
  if (status === 401) return problem('errors.signedOut');
  if (status === 403) return problem('errors.forbidden');
  // 423: another request holds the upload's lock for a moment; 409 from tus: an offset raced.
  if (status === 423 || (status === 409 && !code) || status === 429 || status >= 500) return problem('errors.server', true);
  return problem('errors.unknown');
}

/** tus-js-client asks before each retry: only what can succeed later (never a refusal by Portico). */
export function shouldRetryUpload(error: unknown): boolean {
  return uploadProblem(error).retryable;
}
