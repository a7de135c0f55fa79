import { describe, expect, it } from 'vitest';
import type { DownloadRelease } from './api/types';
import { artifactFor, detectPlatform, latestFor } from './platform';

const release = (version: string, channel: DownloadRelease['channel'], download: boolean, files: [string, string][]): DownloadRelease => ({
  id: `rel_${version}`, version, channel, publishedAt: '2026-01-01T00:00:00Z', notes: '', notesHtml: '', renewalKeyId: null,
  coverage: download ? { covered: true } : { covered: false, reason: 'maintenance_ended', maintenanceEnd: '2025-12-01T00:00:00Z' },
  abilities: { download, requestRenewal: !download },
  artifacts: files.map(([platform, arch]) => ({
    id: `art_${version}_${platform}_${arch}`, platform: platform as 'windows', arch: arch as 'x64', fileName: `${version}-${platform}-${arch}`, size: 1, sha256: 'a'.repeat(64), sha256Url: '', signature: null,
  })),
});

describe('the platform of the browser', () => {
  it('reads client hints first, then navigator.platform and the user agent', () => {
    expect(detectPlatform({ userAgentData: { platform: 'Windows' } })).toEqual({ platform: 'windows', arch: 'x64' });
    expect(detectPlatform({ platform: 'MacIntel', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)' })).toEqual({ platform: 'macos', arch: 'arm64' });
    expect(detectPlatform({ userAgentData: { platform: 'macOS', architecture: 'x86' } })).toEqual({ platform: 'macos', arch: 'x64' });
    expect(detectPlatform({ platform: 'Linux aarch64', userAgent: 'Mozilla/5.0 (X11; Linux aarch64)' })).toEqual({ platform: 'linux', arch: 'arm64' });
    expect(detectPlatform({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toEqual({ platform: 'linux', arch: 'x64' });
    expect(detectPlatform({ platform: 'iPhone', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' })).toBeNull();
    expect(detectPlatform(undefined)).toBeNull();
  });
});

describe('the latest file for a platform', () => {
  const releases = [
    release('2026.4', 'preview', true, [['linux', 'x64']]),
    release('2026.3', 'stable', false, [['linux', 'x64'], ['windows', 'x64']]),
    release('2026.2', 'stable', true, [['windows', 'x64'], ['linux', 'arm64']]),
    release('2026.1', 'lts', true, [['linux', 'x64']]),
  ];

  it('takes the newest stable or LTS release the user may download, before a newer preview', () => {
    expect(latestFor(releases, { platform: 'linux', arch: 'x64' })?.artifact.id).toBe('art_2026.1_linux_x64');
    expect(latestFor(releases, { platform: 'windows', arch: 'x64' })?.artifact.id).toBe('art_2026.2_windows_x64');
  });

  it('falls back to another architecture of the platform, and to a preview when nothing else fits', () => {
    expect(artifactFor(releases[2]!, { platform: 'linux', arch: 'x64' })?.id).toBe('art_2026.2_linux_arm64');
    expect(latestFor([releases[0]!], { platform: 'linux', arch: 'x64' })?.release.version).toBe('2026.4');
    expect(latestFor(releases, { platform: 'macos', arch: 'arm64' })).toBeNull();
    expect(latestFor(releases, null)).toBeNull();
  });
});
