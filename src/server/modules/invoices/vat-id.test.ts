import { describe, expect, it } from 'vitest';
import { checkVatId } from './vat-id.js';

describe('VAT id format check', () => {
  it('accepts well-formed ids of EU countries, with spaces, dots and dashes and in any case', () => {
    for (const id of ['DE123456789', 'de 123 456 789', 'ATU12345678', 'FR12345678901', 'NL123456789B01', 'EL123456789', 'IE1234567WA', 'ES-X1234567Z', 'BE0123456789', 'SE123456789001', 'CHE-123.456.789 MWST']) {
      expect(checkVatId(id), id).toMatchObject({ ok: true });
    }
    expect(checkVatId('de 123.456-789')).toEqual({ ok: true, normalized: 'DE123456789' });
  });

  it('refuses a wrong length or shape for the country', () => {
    for (const id of ['DE12345678', 'DE1234567890', 'ATU1234567', 'AT12345678', 'NL123456789A01', 'BE2123456789', 'FRIO123456789', 'SE1234567890']) {
      expect(checkVatId(id), id).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('refuses an unknown prefix (Greece is EL, not GR)', () => {
    expect(checkVatId('GR123456789')).toEqual({ ok: false, reason: 'unknown_country' });
    expect(checkVatId('123456789')).toEqual({ ok: false, reason: 'unknown_country' });
    expect(checkVatId('US123456789')).toEqual({ ok: false, reason: 'unknown_country' });
  });

  it("must belong to the billing address's country when one is given", () => {
    expect(checkVatId('DE123456789', 'DE')).toMatchObject({ ok: true });
    expect(checkVatId('EL123456789', 'GR')).toMatchObject({ ok: true });
    expect(checkVatId('ATU12345678', 'DE')).toEqual({ ok: false, reason: 'country_mismatch' });
  });
});
