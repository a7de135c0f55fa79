import type { Arch, Artifact, DownloadRelease, Platform } from './api/types';

export type PlatformChoice = { platform: Platform; arch: Arch };

export const PLATFORM_CHOICES: readonly PlatformChoice[] = [
  { platform: 'windows', arch: 'x64' },
  { platform: 'windows', arch: 'arm64' },
  { platform: 'macos', arch: 'arm64' },
  { platform: 'macos', arch: 'x64' },
  { platform: 'linux', arch: 'x64' },
  { platform: 'linux', arch: 'arm64' },
];

/** What Chromium's User-Agent Client Hints tell without asking (`architecture` only after getHighEntropyValues). */
type UAData = { platform?: string; architecture?: string };

/**
 * The visitor's platform from what the browser tells: `navigator.userAgentData` (Chromium) or,
 * elsewhere, `navigator.platform` and the user agent. Apple silicon Macs report "MacIntel" for
 * compatibility, so a Mac counts as arm64 unless it says otherwise; null when nothing fits.
 */
export function detectPlatform(nav: { userAgentData?: UAData; platform?: string; userAgent?: string } | undefined): PlatformChoice | null {
  if (!nav) return null;
  const hint = `${nav.userAgentData?.platform ?? ''} ${nav.platform ?? ''} ${nav.userAgent ?? ''}`.toLowerCase();
  const armHint = /\b(arm|aarch64|arm64)\b/.test(hint) || nav.userAgentData?.architecture === 'arm';
  if (/android|iphone|ipad|cros/.test(hint)) return null;
  if (/win/.test(hint)) return { platform: 'windows', arch: armHint ? 'arm64' : 'x64' };
  if (/mac/.test(hint)) return { platform: 'macos', arch: nav.userAgentData?.architecture === 'x86' ? 'x64' : 'arm64' };
  if (/linux|x11/.test(hint)) return { platform: 'linux', arch: armHint ? 'arm64' : 'x64' };
  return null;
}

export const choiceKey = (c: PlatformChoice) => `${c.platform}-${c.arch}` as const;

export function parseChoice(value: string | null): PlatformChoice | null {
  return PLATFORM_CHOICES.find((c) => choiceKey(c) === value) ?? null;
}

/** The file of a release for a platform: the exact architecture, else another one of the same platform. */
export function artifactFor(release: DownloadRelease, choice: PlatformChoice | null): Artifact | null {
  if (!choice) return null;
  return release.artifacts.find((a) => a.platform === choice.platform && a.arch === choice.arch) ?? release.artifacts.find((a) => a.platform === choice.platform) ?? null;
}

/**
 * The newest release the user may download with a file for the platform: stable and LTS before a
 * preview, the exact architecture before another one of the same platform.
 */
export function latestFor(releases: readonly DownloadRelease[], choice: PlatformChoice | null): { release: DownloadRelease; artifact: Artifact } | null {
  if (!choice) return null;
  for (const steadyOnly of [true, false]) {
    for (const exact of [true, false]) {
      for (const release of releases) {
        if (!release.abilities.download || (steadyOnly && release.channel === 'preview')) continue;
        const artifact = exact ? release.artifacts.find((a) => a.platform === choice.platform && a.arch === choice.arch) : artifactFor(release, choice);
        if (artifact) return { release, artifact };
      }
    }
  }
  return null;
}
