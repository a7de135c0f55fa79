import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatSpeed, RateMeter, secondsLeft } from './upload-format';

describe('sizes, speeds and times for people', () => {
  it('formats sizes with decimal units in the reader’s language', () => {
    expect(formatBytes(0, 'de')).toBe('0 Byte');
    expect(formatBytes(41_943_040, 'de')).toBe('41,9 MB');
    expect(formatBytes(41_943_040, 'en')).toBe('41.9 MB');
    expect(formatBytes(20 * 1024 ** 3, 'en')).toBe('21.5 GB');
    expect(formatBytes(512_000_000, 'en')).toBe('512 MB');
  });

  it('formats a transfer rate per second', () => {
    expect(formatSpeed(12_500_000, 'de')).toBe('12,5 MB/s');
    expect(formatSpeed(12_500_000, 'en')).toBe('12.5 MB/s');
  });

  it('rounds time left up to seconds, minutes, or hours and minutes', () => {
    expect(formatDuration(0.2, 'en')).toBe('1 sec');
    expect(formatDuration(44.1, 'de')).toBe('45 Sek.');
    expect(formatDuration(61, 'en')).toBe('2 mins');
    expect(formatDuration(3 * 3600 + 5 * 60, 'de')).toBe('3 Std. 5 Min.');
    expect(formatDuration(2 * 3600, 'en')).toBe('2 hrs');
  });
});

describe('RateMeter', () => {
  it('measures the rate over its window and forgets older samples', () => {
    const meter = new RateMeter(5_000);
    meter.add(0, 0);
    expect(meter.rate()).toBeNull();
    meter.add(1_000_000, 1_000);
    expect(meter.rate()).toBe(1_000_000);
    // A fast stretch after a slow one: the window follows the connection.
    for (let s = 2; s <= 10; s++) meter.add(1_000_000 + (s - 1) * 10_000_000, s * 1_000);
    expect(meter.rate()).toBeCloseTo(10_000_000, -3);
  });

  it('starts over after a reset (a pause does not count as slowness)', () => {
    const meter = new RateMeter();
    meter.add(0, 0);
    meter.add(5_000_000, 1_000);
    meter.reset();
    meter.add(5_000_000, 60_000);
    expect(meter.rate()).toBeNull();
    meter.add(6_000_000, 61_000);
    expect(meter.rate()).toBe(1_000_000);
  });

  it('gives no time left without a rate', () => {
    expect(secondsLeft(100, null)).toBeNull();
    expect(secondsLeft(100, 0)).toBeNull();
    expect(secondsLeft(100, 10)).toBe(10);
  });
});
