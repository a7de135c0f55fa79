import { describe, expect, it } from 'vitest';
import { detectLanguage, intlLocale } from './language';

describe('detectLanguage', () => {
  it('prefers the language stored on this device', () => {
    expect(detectLanguage({ stored: 'en', browserLanguages: ['de-DE'] })).toBe('en');
  });

  it('ignores a stored value Portico does not speak', () => {
    expect(detectLanguage({ stored: 'fr', browserLanguages: ['en-US'] })).toBe('en');
  });

  it('takes the first supported browser language', () => {
    expect(detectLanguage({ stored: null, browserLanguages: ['fr-FR', 'de-AT', 'en'] })).toBe('de');
  });

  it('falls back to German', () => {
    expect(detectLanguage({ stored: null, browserLanguages: ['fr-FR'] })).toBe('de');
    expect(detectLanguage({ stored: null, browserLanguages: [] })).toBe('de');
  });
});

describe('intlLocale', () => {
  it('formats German as de-DE and English as en-GB', () => {
    expect(intlLocale('de')).toBe('de-DE');
    expect(intlLocale('en')).toBe('en-GB');
  });
});
