/**
 * Invoice arithmetic in integer minor units. A line's net amount is quantity × unit price; its tax
 * is rounded half away from zero per line; the invoice's tax is the sum of its lines' taxes, so
 * every figure printed adds up exactly.
 */
export interface LineInput {
  quantity: number;
  unitAmount: number;
  taxRateBp: number;
}

export function lineAmounts(l: LineInput): { amount: number; tax: number } {
  const amount = l.quantity * l.unitAmount;
  // Integer arithmetic: amount × bp / 10 000, rounded half up (amounts are never negative).
  const tax = Math.floor((amount * l.taxRateBp + 5_000) / 10_000);
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(amount * l.taxRateBp)) throw new RangeError('Amount too large');
  return { amount, tax };
}

export function invoiceTotals(lines: readonly LineInput[]): { subtotal: number; tax: number; total: number } {
  let subtotal = 0;
  let tax = 0;
  for (const l of lines) {
    const a = lineAmounts(l);
    subtotal += a.amount;
    tax += a.tax;
  }
  return { subtotal, tax, total: subtotal + tax };
}

/** Minor units per major unit for the currencies Intl knows (JPY 0, EUR 2, KWD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 123456 EUR in de → "1.234,56 €"; in en → "€1,234.56". */
export function formatMoney(minor: number, currency: string, locale: 'de' | 'en'): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

/** 1900 → "19 %" (de) / "19%" (en); 750 → "7,5 %" / "7.5%". */
export function formatTaxRate(bp: number, locale: 'de' | 'en'): string {
  const n = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(bp / 100);
  return locale === 'de' ? `${n} %` : `${n}%`;
}

/** 2026-03-31 → "31.03.2026" (de) / "31 Mar 2026" (en). */
export function formatDate(isoDate: string, locale: 'de' | 'en'): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return locale === 'de'
    ? new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(d)
    : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Today's date in UTC as YYYY-MM-DD. */
export const todayIso = (now = new Date()): string => now.toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
