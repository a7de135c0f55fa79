import { intlLocale } from '../../lib/language';

/**
 * An amount in minor units (cents) in its ISO currency, formatted for `language`: the currency's
 * own number of decimals (2 for EUR, 0 for JPY) decides the divisor, so no amount is off by 100.
 */
export function formatMoney(minor: number, currency: string, language: string): string {
  const format = new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** A tax rate in basis points (1900) as a percentage for `language` ("19 %", "7 %", "19%"). */
export function formatTaxRate(bp: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}
