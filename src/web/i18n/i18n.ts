import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLanguage, readStoredLanguage } from '../lib/language';
import de from './locales/de.json';
import en from './locales/en.json';

/**
 * Namespaces that features bring with their own locale files (`features/<area>/i18n/`). A feature
 * adds its namespace here by declaration merging and registers the texts when its code loads, so
 * they travel in the feature's lazy chunk instead of the first load.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging from the features.
export interface FeatureResources {}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof de } & FeatureResources;
  }
}

/** Keeps `<html lang>` in step with the UI language, for screen readers and hyphenation. */
function reflectLanguage(language: string) {
  document.documentElement.lang = language;
}

i18next.on('languageChanged', reflectLanguage);

void i18next.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: detectLanguage({ stored: readStoredLanguage(), browserLanguages: navigator.languages ?? [] }),
  fallbackLng: 'de',
  supportedLngs: ['de', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export { i18next as i18n };
