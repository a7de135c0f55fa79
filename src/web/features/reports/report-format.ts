import { intlLocale } from '../../lib/language';

/** Minor units per major unit of a currency, as Intl knows it (JPY 0, EUR 2). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Integer minor units in the currency, in the reader's language: 11900 EUR → "119,00 €". */
export function formatMoney(minor: number, currency: string, language: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

/** "2026-10" → "Okt. 2026" / "Oct 2026". */
export function formatMonth(month: string, language: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(intlLocale(language), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "2026-10-05" → "05.10.2026" / "5 Oct 2026": a week's Monday, a day as the server counted it (UTC). */
export function formatDay(day: string, language: string): string {
  const date = new Date(day.length === 10 ? `${day}T00:00:00Z` : day);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A chart series key such as "billed:EUR" split into its measure and currency. */
export function splitSeriesKey(key: string): { measure: string; currency: string | null } {
  const [measure = key, currency] = key.split(':');
  return { measure, currency: currency ?? null };
}
