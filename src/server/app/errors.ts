import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export interface FieldError {
  path: string;
  message: string;
  code: string;
}

/** A known failure with a stable code; the error handler turns it into application/problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; detail?: string } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorSpec {
  code: string;
  status: number;
  message: string;
}

/** Declares a module's error once: `export const caseNotFound = createError({ code: 'case.not_found', status: 404, message: 'Case not found' })`. */
export function createError(spec: ErrorSpec) {
  return (extra?: AppError['extra']) => new AppError(spec.code, spec.status, spec.message, extra);
}

export const errors = {
  validation: createError({ code: 'request.invalid', status: 400, message: 'The request is invalid' }),
  malformedJson: createError({ code: 'request.malformed_json', status: 400, message: 'The request body is not valid JSON' }),
  bodyTooLarge: createError({ code: 'request.too_large', status: 413, message: 'The request body is too large' }),
  unsupportedMediaType: createError({ code: 'request.unsupported_media_type', status: 415, message: 'Unsupported content type' }),
  notFound: createError({ code: 'route.not_found', status: 404, message: 'Not found' }),
  unauthenticated: createError({ code: 'auth.unauthenticated', status: 401, message: 'Authentication required' }),
  sessionExpired: createError({ code: 'auth.session_expired', status: 401, message: 'The session has expired' }),
  forbidden: createError({ code: 'auth.forbidden', status: 403, message: 'You are not allowed to do this' }),
  csrf: createError({ code: 'auth.cross_site_request', status: 403, message: 'Cross-site request refused' }),
  preconditionFailed: createError({ code: 'request.precondition_failed', status: 412, message: 'The resource was changed by someone else' }),
  internal: createError({ code: 'internal', status: 500, message: 'Internal server error' }),
};

const titles: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 412: 'Precondition Failed', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 428: 'Precondition Required', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    return errors.validation({
      errors: error.validation.map((v) => {
        const segments = v.instancePath.split('/').filter(Boolean);
        const keys = (v.params as { keys?: string[] }).keys;
        const path = [where, ...segments].join('.');
        if (v.keyword === 'unrecognized_keys' && keys) {
          return { path: `${path}.${keys.join(',')}`, message: v.message ?? 'Unknown field', code: 'unrecognized_keys' };
        }
        return { path, message: v.message ?? 'Invalid value', code: v.keyword };
      }),
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.malformedJson({ detail: error.message });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.bodyTooLarge();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType();
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('request.invalid', error.statusCode, error.message);
  }
  return null;
}

/** The one place where errors become HTTP: known errors as problem+json, anything else a logged 500 with no detail. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let known = toAppError(error);
    if (!known) {
      if (isResponseSerializationError(error)) request.log.error({ err: error }, 'response does not match its schema');
      else request.log.error({ err: error }, 'unhandled error');
      known = errors.internal();
    } else if (known.status >= 500) {
      request.log.error({ err: error }, known.message);
    }
    for (const [name, value] of Object.entries(known.extra.headers ?? {})) reply.header(name, value);
    return reply
      .status(known.status)
      .type('application/problem+json')
      .send({
        type: `about:blank`,
        title: titles[known.status] ?? 'Error',
        status: known.status,
        code: known.code,
        detail: known.extra.detail ?? known.message,
        ...(known.extra.errors ? { errors: known.extra.errors } : {}),
      });
  });

}
