import { describe, expect, it } from 'vitest';
import { compareVersions, generateLicenseKey, KEY_PATTERN, maintenanceStatus, maskLicenseKey, normalizeLicenseKey } from './key-format.js';

describe('product keys', () => {
  it('are five groups of five unambiguous characters, all different', () => {
    const keys = new Set(Array.from({ length: 2000 }, generateLicenseKey));
    expect(keys.size).toBe(2000);
    for (const k of keys) expect(k).toMatch(KEY_PATTERN);
    expect([...keys].join('')).not.toMatch(/[01IOLSB5]/);
  });

  it('are normalised from what people type, and anything else is refused', () => {
    const k = generateLicenseKey();
    expect(normalizeLicenseKey(` ${k.toLowerCase()} `)).toBe(k);
    expect(normalizeLicenseKey('AAAAA-BBBBB')).toBeNull();
    expect(normalizeLicenseKey(`${k}-XXXXX`)).toBeNull();
    expect(normalizeLicenseKey('x'.repeat(10_000))).toBeNull();
    expect(normalizeLicenseKey('PL1.eyJ2IjoxfQ.c2ln')).toBeNull();
  });

  it('are masked to their last group', () => {
    expect(maskLicenseKey('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE')).toBe('•••••-•••••-•••••-•••••-EEEEE');
  });
});

describe('maintenance status', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it.each([
    ['2027-06-01T00:00:00Z', 'active'],
    ['2027-01-15T00:00:00Z', 'expiring'],
    ['2026-11-27T11:59:59Z', 'expired'],
    [null, 'none'],
  ])('%s is %s', (end, status) => {
    expect(maintenanceStatus(end, now)).toBe(status);
  });
});

describe('versions', () => {
  it('compare numerically part by part', () => {
    expect(compareVersions('2026.10', '2026.9')).toBe(1);
    expect(compareVersions('2026.3', '2026.3.0')).toBe(0);
    expect(compareVersions('2025.4', '2026.1')).toBe(-1);
  });
});
