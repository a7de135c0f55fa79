import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '..');
const STYLES_DIR = path.resolve(WEB, '../../node_modules/@mantine/core/styles');
const list = fs.readFileSync(path.join(import.meta.dirname, 'mantine-styles.ts'), 'utf8');

/** Components whose markup is built from other components that carry their own stylesheet. */
const BUILT_FROM: Record<string, string[]> = {
  ActionIcon: ['UnstyledButton', 'Loader'],
  Alert: ['CloseButton'],
  Burger: ['UnstyledButton'],
  Button: ['UnstyledButton', 'Loader'],
  Card: ['Paper'],
  Checkbox: ['InlineInput'],
  Modal: ['ModalBase', 'Overlay', 'CloseButton', 'Paper'],
  NativeSelect: ['Input'],
  NavLink: ['UnstyledButton'],
  PasswordInput: ['Input', 'ActionIcon'],
  Radio: ['InlineInput'],
  Select: ['Input', 'Combobox', 'Popover'],
  Switch: ['InlineInput'],
  TextInput: ['Input'],
  Textarea: ['Input'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

function mantineComponentsInUse(): Set<string> {
  const used = new Set<string>();
  for (const file of sourceFiles(WEB)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@mantine\/core'/g)) {
      for (const name of (match[1] ?? '').split(',')) {
        const component = name.replace(/^\s*type\s+/, '').trim();
        if (/^[A-Z]/.test(component)) used.add(component);
      }
    }
  }
  return used;
}

describe('the Mantine stylesheet list', () => {
  it('imports the stylesheet of every Mantine component the app uses, and of their parts', () => {
    const needed = new Set<string>();
    for (const component of mantineComponentsInUse()) {
      for (const name of [component, ...(BUILT_FROM[component] ?? [])]) {
        if (fs.existsSync(path.join(STYLES_DIR, `${name}.css`))) needed.add(name);
      }
    }
    const missing = [...needed].filter((name) => !list.includes(`@mantine/core/styles/${name}.css'`));
    expect(missing).toEqual([]);
  });

  it('names only stylesheets that exist', () => {
    for (const match of list.matchAll(/'@mantine\/core\/styles\/([^']+)'/g)) {
      expect(fs.existsSync(path.join(STYLES_DIR, match[1] ?? ''))).toBe(true);
    }
  });
});
