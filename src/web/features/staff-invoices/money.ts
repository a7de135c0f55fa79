/** Digits after the decimal point of a currency (EUR 2, JPY 0), as Intl knows them. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units (cents) as the user's locale writes the invoice currency: 123456 EUR → „1.234,56 €“. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/**
 * A decimal a person typed („1.234,56“, „1234.5“, „12“) scaled by 10^digits, or null when it is no
 * such number. The last `,` or `.` is the decimal mark when at most `digits` digits follow it (so
 * „1.234“ is a thousand when fewer than three decimals are allowed); other marks group thousands.
 */
export function parseDecimal(text: string, digits: number): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(cleaned)) return null;
  let whole = cleaned;
  let fraction = '';
  const mark = Math.max(cleaned.lastIndexOf(','), cleaned.lastIndexOf('.'));
  if (mark >= 0) {
    const after = cleaned.slice(mark + 1);
    if (after.length <= digits && !(after.length === 3 && digits < 3)) {
      whole = cleaned.slice(0, mark);
      fraction = after;
    } else if (after.length !== 3) {
      return null;
    }
  }
  // Grouping marks stand between groups of three digits: „12,5,0“ is no number.
  const [head = '', ...groups] = whole.split(/[.,]/);
  if (!/^\d+$/.test(head) || groups.some((group) => !/^\d{3}$/.test(group))) return null;
  const wholeDigits = head + groups.join('');
  const value = Number(wholeDigits) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
  return Number.isSafeInteger(value) ? value : null;
}

/** An amount typed in the invoice currency, in minor units: „12,50“ EUR → 1250. */
export function parseMoney(text: string, currency: string): number | null {
  return parseDecimal(text, currencyDigits(currency));
}

/** A tax rate typed in percent, in basis points: „19“ → 1900, „7,5“ → 750; null above 100 %. */
export function parseRate(text: string): number | null {
  const bp = parseDecimal(text.replace(/%$/, '').trim(), 2);
  return bp !== null && bp <= 10_000 ? bp : null;
}

/** Minor units as an input shows them for editing, in the locale's decimal mark: 1250 → „12,50“. */
export function minorToInput(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(minor / 10 ** digits);
}

/** A tax rate in basis points as a person reads it: 1900 → „19 %“, 750 → „7,5 %“. */
export function formatRate(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

/** Net amount and tax of one line, as the server computes them (tax rounded half up per line). */
export function lineAmounts(line: { quantity: number; unitAmount: number; taxRateBp: number }): { amount: number; tax: number } {
  const amount = line.quantity * line.unitAmount;
  return { amount, tax: Math.floor((amount * line.taxRateBp + 5000) / 10_000) };
}

/** Subtotal, tax and total of lines: the invoice's tax is the sum of its lines'. */
export function invoiceTotals(lines: readonly { quantity: number; unitAmount: number; taxRateBp: number }[]) {
  let subtotal = 0;
  let tax = 0;
  for (const line of lines) {
    const a = lineAmounts(line);
    subtotal += a.amount;
    tax += a.tax;
  }
  return { subtotal, tax, total: subtotal + tax };
}

/** A calendar day (`YYYY-MM-DD`) in the locale, read as that day everywhere (no time-zone shift). */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
