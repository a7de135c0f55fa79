/**
 * The format of a VAT identification number per country (the prefix is part of the number; Greece
 * uses EL). EU member states and Northern Ireland (XI) as the VIES service knows them, plus the
 * neighbours a European vendor bills most (CH, GB, NO). A format check only: whether the number
 * exists is for VIES, which cannot be reached from every installation.
 */
const FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  CH: /^E\d{9}(MWST|TVA|IVA|TPV)?$/,
  GB: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  NO: /^\d{9}(MVA)?$/,
};

/** What a VAT id's country is called in its prefix (Greece: EL, not GR). */
export const vatPrefixForCountry = (country: string) => (country === 'GR' ? 'EL' : country);

export type VatCheck = { ok: true; normalized: string } | { ok: false; reason: 'unknown_country' | 'format' | 'country_mismatch' };

/**
 * Checks a VAT id (spaces, dots and dashes ignored, any case) against its country's format; with
 * `country` (the billing address's), the prefix must be that country's.
 */
export function checkVatId(raw: string, country?: string | null): VatCheck {
  const normalized = raw.replace(/[\s.-]/g, '').toUpperCase();
  const prefix = normalized.slice(0, 2);
  const format = FORMATS[prefix];
  if (!format) return { ok: false, reason: 'unknown_country' };
  if (!format.test(normalized.slice(2))) return { ok: false, reason: 'format' };
  if (country && vatPrefixForCountry(country) !== prefix && !(country === 'GB' && prefix === 'XI')) return { ok: false, reason: 'country_mismatch' };
  return { ok: true, normalized };
}
