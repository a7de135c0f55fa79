import { describe, expect, it } from 'vitest';
import de from './locales/de.json';
import en from './locales/en.json';

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
}

function leafValues(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value).flatMap(leafValues);
}

describe('the locale files', () => {
  it('have exactly the same keys in German and English', () => {
    expect(leafKeys(en).sort()).toEqual(leafKeys(de).sort());
  });

  it('have a non-empty text for every key', () => {
    for (const value of [...leafValues(de), ...leafValues(en)]) {
      expect(typeof value === 'string' && value.trim() !== '').toBe(true);
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: unknown) => String(text).match(/{{\s*\w+\s*}}/g)?.sort() ?? [];
    const deKeys = leafKeys(de);
    const lookup = (tree: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
    for (const key of deKeys) {
      expect({ key, placeholders: placeholders(lookup(en, key)) }).toEqual({
        key,
        placeholders: placeholders(lookup(de, key)),
      });
    }
  });
});
