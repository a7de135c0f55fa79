import { describe, expect, it } from 'vitest';
import type { ArtifactRecord, ReleaseRecord } from './downloads.repository.js';
import { platformOf, updateHintFor } from './update-hints.js';

const release = (version: string, channel: ReleaseRecord['channel'], publishedAt: string | null): ReleaseRecord => ({
  id: `rel_${version}`, productId: 'prd_1', productName: 'P', productCode: 'p', version, channel, notes: '', publishedAt, revision: 1, createdAt: publishedAt ?? '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});
const artifact = (releaseId: string, platform: ArtifactRecord['platform'], arch: ArtifactRecord['arch']): ArtifactRecord => ({
  id: `art_${releaseId}_${platform}_${arch}`, releaseId, platform, arch, fileName: `${releaseId}-${platform}-${arch}`, size: 1, sha256: 'a'.repeat(64), storage: 'local',
  storageKey: 'x', signatureFileName: null, signatureStorageKey: null, signatureSize: null, signatureSha256: null, createdAt: '2026-01-01T00:00:00Z',
});

const RELEASES = [
  release('2026.1', 'stable', '2026-01-10T10:00:00Z'),
  release('2026.2', 'preview', '2026-02-10T10:00:00Z'),
  release('2026.3', 'stable', '2026-03-10T10:00:00Z'),
  release('2026.10', 'lts', '2026-04-10T10:00:00Z'),
  release('2026.11', 'stable', '2026-06-10T10:00:00Z'),
  release('2026.12', 'stable', null),
];
const ARTIFACTS = [artifact('rel_2026.10', 'windows', 'x64'), artifact('rel_2026.10', 'linux', 'x64'), artifact('rel_2026.10', 'linux', 'arm64')];
const key = { id: 'key_1', productId: 'prd_1', lastUsedVersion: '2026.1', maintenanceEnd: '2026-05-01T00:00:00Z', createdAt: '2025-12-01T00:00:00Z', status: 'active' };

describe('update hints', () => {
  it('counts the stable and LTS releases between the last used version and the newest one maintenance covers (versions compared numerically)', () => {
    const hint = updateHintFor(key, RELEASES, ARTIFACTS, 'Ubuntu 24.04 (aarch64)');
    expect(hint).toEqual({
      behind: 2,
      latest: { releaseId: 'rel_2026.10', version: '2026.10', channel: 'lts', publishedAt: '2026-04-10T10:00:00Z' },
      artifact: { id: 'art_rel_2026.10_linux_arm64', fileName: 'rel_2026.10-linux-arm64', platform: 'linux', arch: 'arm64' },
    });
  });

  it('takes releases up to the maintenance end day, and none after it; drafts and previews never count', () => {
    expect(updateHintFor({ ...key, maintenanceEnd: '2026-06-10T00:00:00Z' }, RELEASES, ARTIFACTS, null)?.latest.version).toBe('2026.11');
    expect(updateHintFor({ ...key, maintenanceEnd: '2026-03-09T23:59:59Z' }, RELEASES, ARTIFACTS, null)).toBeNull();
    expect(updateHintFor({ ...key, maintenanceEnd: '2026-03-10T00:00:00Z' }, RELEASES, ARTIFACTS, null)).toMatchObject({ behind: 1, latest: { version: '2026.3' }, artifact: null });
  });

  it('gives no hint to a key that is up to date, never reported a version, or is not active', () => {
    expect(updateHintFor({ ...key, lastUsedVersion: '2026.10' }, RELEASES, ARTIFACTS, null)).toBeNull();
    expect(updateHintFor({ ...key, lastUsedVersion: null }, RELEASES, ARTIFACTS, null)).toBeNull();
    expect(updateHintFor({ ...key, status: 'suspended' }, RELEASES, ARTIFACTS, null)).toBeNull();
  });

  it('reads the platform from an activation OS text, falling back to any file of that platform', () => {
    expect(platformOf('Windows 11 Pro')).toEqual({ platform: 'windows', arch: 'x64' });
    expect(platformOf('macOS 15.1 (arm64)')).toEqual({ platform: 'macos', arch: 'arm64' });
    expect(platformOf('Debian GNU/Linux 12')).toEqual({ platform: 'linux', arch: 'x64' });
    expect(platformOf('FreeBSD 14')).toBeNull();
    expect(updateHintFor(key, RELEASES, ARTIFACTS, 'Windows Server 2022 arm64')?.artifact?.id).toBe('art_rel_2026.10_windows_x64');
    expect(updateHintFor(key, RELEASES, ARTIFACTS, 'macOS 14')?.artifact).toBeNull();
  });
});
