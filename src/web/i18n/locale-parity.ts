import { describe, expect, it } from 'vitest';

/** Test support (imported only by *.test.ts): every key of one locale pair, with its text. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

const placeholders = (text: unknown) => String(text).match(/{{\s*\w+\s*}}/g)?.sort() ?? [];

/** The checks every German/English locale pair must pass: same keys, no empty text, same placeholders. */
export function describeLocalePair(name: string, de: unknown, en: unknown) {
  describe(name, () => {
    it('have exactly the same keys in German and English', () => {
      expect(leaves(en).map(([key]) => key).sort()).toEqual(leaves(de).map(([key]) => key).sort());
    });

    it('have a non-empty text for every key', () => {
      for (const [key, value] of [...leaves(de), ...leaves(en)]) {
        expect({ key, ok: typeof value === 'string' && value.trim() !== '' }).toEqual({ key, ok: true });
      }
    });

    it('use the same placeholders in both languages', () => {
      const english = new Map(leaves(en));
      for (const [key, value] of leaves(de)) {
        expect({ key, placeholders: placeholders(english.get(key)) }).toEqual({ key, placeholders: placeholders(value) });
      }
    });
  });
}
