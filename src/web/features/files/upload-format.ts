import { intlLocale } from '../../lib/language';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** The unit (decimal, as file managers and Intl name them) and the value in it. */
function scale(bytes: number): { unit: (typeof UNITS)[number]; value: number } {
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1000 && index < UNITS.length - 1) {
    value /= 1000;
    index++;
  }
  return { unit: UNITS[index]!, value };
}

function formatScaled(bytes: number, language: string, suffix = ''): string {
  const { unit, value } = scale(bytes);
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'unit',
    unit: `${unit}${suffix}`,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' || value >= 100 ? 0 : 1,
  }).format(value);
}

/** A file size for people: "41,9 MB" (German), "41.9 MB" (English). */
export function formatBytes(bytes: number, language: string): string {
  return formatScaled(bytes, language);
}

/** A transfer rate: "12,5 MB/s". */
export function formatSpeed(bytesPerSecond: number, language: string): string {
  return formatScaled(bytesPerSecond, language, '-per-second');
}

/** Time left, rounded up to what a person plans with: "45 Sek.", "3 Min.", "1 Std. 5 Min.". */
export function formatDuration(seconds: number, language: string): string {
  const locale = intlLocale(language);
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value);
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return unit(s, 'second');
  const minutes = Math.ceil(s / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${unit(hours, 'hour')} ${unit(rest, 'minute')}` : unit(hours, 'hour');
}

/**
 * Speed over the last few seconds of progress reports, so the shown rate and time left follow
 * the connection without jumping at every report. Bytes from before a pause or reconnect do not
 * count: `reset()` starts the window again.
 */
export class RateMeter {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5_000) {}

  reset(): void {
    this.samples = [];
  }

  add(bytes: number, at: number): void {
    this.samples.push({ at, bytes });
    const from = at - this.windowMs;
    while (this.samples.length > 2 && this.samples[1]!.at <= from) this.samples.shift();
  }

  /** Bytes per second, or null until there is at least a quarter of a second to measure. */
  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < 250) return null;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
  }
}

/** Seconds until `remaining` bytes are through at `rate`; null when the rate is unknown or zero. */
export function secondsLeft(remaining: number, rate: number | null): number | null {
  if (rate === null || rate <= 0) return null;
  return remaining / rate;
}
