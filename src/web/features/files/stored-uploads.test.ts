import { describe, expect, it } from 'vitest';
import { fingerprintOfKey, parseFingerprint, uploadFingerprint } from './stored-uploads';

const identity = { userId: 'usr_1', caseId: 'cas_1', visibility: 'public' as const, name: 'log/2026 ä::x.zip', size: 41943040, lastModified: 1767225600000 };

describe('upload fingerprints', () => {
  it('round-trip through tus-js-client’s storage key, whatever the file is called', () => {
    const fingerprint = uploadFingerprint(identity);
    expect(fingerprint).not.toContain('::');
    expect(parseFingerprint(fingerprintOfKey(`tus::${fingerprint}::123456`) ?? '')).toEqual(identity);
  });

  it('differ per person, case and visibility for the same file', () => {
    const base = uploadFingerprint(identity);
    expect(uploadFingerprint({ ...identity, userId: 'usr_2' })).not.toBe(base);
    expect(uploadFingerprint({ ...identity, caseId: 'cas_2' })).not.toBe(base);
    expect(uploadFingerprint({ ...identity, visibility: 'internal' })).not.toBe(base);
    expect(uploadFingerprint({ ...identity, lastModified: identity.lastModified + 1 })).not.toBe(base);
  });

  it('ignore entries that are not Portico’s', () => {
    expect(parseFingerprint('tus-br-file.zip-application/zip-100-1-http://x')).toBeNull();
    expect(fingerprintOfKey('other::key')).toBeNull();
    expect(parseFingerprint('portico/u/c/secret/n/1/2')).toBeNull();
  });
});
