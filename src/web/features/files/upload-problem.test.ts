import { describe, expect, it } from 'vitest';
import { shouldRetryUpload, uploadProblem } from './upload-problem';

const answer = (status: number, body: unknown = '') => ({
  originalResponse: { getStatus: () => status, getBody: () => (typeof body === 'string' ? body : JSON.stringify(body)), getHeader: () => undefined },
});

describe('uploadProblem', () => {
  it('reads Portico’s refusals by their problem codes', () => {
    expect(uploadProblem(answer(413, { code: 'upload.too_large' })).key).toBe('errors.tooLarge');
    expect(uploadProblem(answer(413, { code: 'upload.quota_exceeded' })).key).toBe('errors.quota');
    expect(uploadProblem(answer(409, { code: 'case.not_open' })).key).toBe('errors.caseClosed');
    expect(uploadProblem(answer(400, { code: 'request.validation', errors: [{ path: 'metadata.caseId', code: 'unknown_case' }] })).key).toBe('errors.caseNotFound');
    expect(uploadProblem(answer(400, { code: 'request.validation', errors: [{ path: 'metadata.filename', code: 'too_long' }] })).key).toBe('errors.badName');
    expect(uploadProblem(answer(404, { code: 'upload.not_found' })).key).toBe('errors.expired');
    expect(uploadProblem(answer(401, { code: 'auth.session_expired' })).key).toBe('errors.signedOut');
    expect(uploadProblem(answer(403, { code: 'auth.cross_site_request' })).key).toBe('errors.forbidden');
  });

  it('treats no answer, server errors and a busy upload as worth another try, refusals not', () => {
    expect(uploadProblem({ originalResponse: null })).toEqual({ key: 'errors.network', status: 0, retryable: true });
    expect(uploadProblem(new Error('tus: failed to upload chunk'))).toMatchObject({ key: 'errors.network', retryable: true });
    expect(uploadProblem(answer(502, '<html>Bad gateway</html>'))).toEqual({ key: 'errors.server', status: 502, retryable: true });
    expect(shouldRetryUpload(answer(423, 'locked'))).toBe(true);
    expect(shouldRetryUpload(answer(409, 'Upload-Offset conflict'))).toBe(true);
    expect(shouldRetryUpload(answer(409, { code: 'case.not_open' }))).toBe(false);
    expect(shouldRetryUpload(answer(413, { code: 'upload.quota_exceeded' }))).toBe(false);
    expect(shouldRetryUpload(answer(401, { code: 'auth.unauthenticated' }))).toBe(false);
  });
});
