export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'portico.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start in: a choice stored earlier on this device, else the first browser
 * language Portico speaks, else German (the portal's home market).
 */
export function detectLanguage({
  stored,
  browserLanguages,
}: {
  stored: string | null;
  browserLanguages: readonly string[];
}): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'de';
}

export function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private modes may refuse storage; the choice then lasts for this page only.
  }
}

/**
 * The BCP 47 locale for Intl formatting. English uses en-GB: day-month dates and a 24-hour clock
 * read naturally to the European customers Portico is made for.
 */
export function intlLocale(language: string): string {
  return language === 'en' ? 'en-GB' : 'de-DE';
}
