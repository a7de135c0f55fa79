/** One problem in a request body or query, as the server's validation reports it. */
export type FieldProblem = { path: string; message: string; code: string };

/** An error answer of the API, parsed from `application/problem+json`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  /** Seconds to wait before trying again, from a `Retry-After` header (429, 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string | undefined;
    errors?: FieldProblem[] | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** Status used for failures where no HTTP answer arrived at all (offline, DNS, reset). */
export const NETWORK_ERROR_STATUS = 0;

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isUnauthorized(error: unknown): error is ApiError {
  return isApiError(error) && error.status === 401;
}

type QueryValue = string | number | boolean | null | undefined;

/** Appends the non-empty query values to a path, so callers can pass optional filters as-is. */
export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const search = params.toString();
  if (!search) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

function asFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    return [
      {
        path: typeof record.path === 'string' ? record.path : '',
        message: typeof record.message === 'string' ? record.message : '',
        code: typeof record.code === 'string' ? record.code : '',
      },
    ];
  });
}

/** `Retry-After` in seconds; the HTTP-date form is converted, anything unreadable is dropped. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Builds an ApiError from a failed response. Bodies that are not problem documents (a proxy's
 * HTML error page, an empty 502) still give a usable error with a code derived from the status.
 */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const parsed: unknown = await response.json();
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      // An unreadable body still leaves the status, which is enough to explain the failure.
    }
  }
  return new ApiError({
    status: response.status,
    code: typeof body.code === 'string' ? body.code : `http.${response.status}`,
    title: typeof body.title === 'string' ? body.title : response.statusText,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    errors: asFieldProblems(body.errors),
    retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')),
  });
}

export type ApiRequest = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Extra request headers, e.g. `If-Match` for edits guarded by an ETag. */
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
};

/**
 * Calls the Portico API on the same origin. Resolves with the parsed JSON body (undefined for
 * 204) and rejects with an ApiError for every non-2xx answer and for network failures.
 */
export async function apiRequest<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  const init: RequestInit = {
    method: request.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    signal: request.signal ?? null,
  };
  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }

  let response: Response;
  try {
    response = await fetch(withQuery(path, request.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: NETWORK_ERROR_STATUS, code: 'network', title: 'Network error' });
  }

  if (!response.ok) throw await problemFromResponse(response);
  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return undefined as T;
  return (await response.json()) as T;
}
