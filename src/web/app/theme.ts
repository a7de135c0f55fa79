import { type CSSVariablesResolver, createTheme, darken, keys } from '@mantine/core';

/**
 * Indigo at shade 7 (light) and 8 (dark) keeps white text on filled buttons above 4.5:1;
 * Mantine's default blue-6 does not.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  cursorType: 'pointer',
  // h1 shrinks on phones so a greeting with a long name does not fill the first screen.
  headings: { fontWeight: '650', sizes: { h1: { fontSize: 'clamp(1.625rem, 1.2rem + 1.8vw, 2.125rem)' } } },
});

/**
 * Mantine's dimmed, error and success colours, and the text of its "light" variant (badges, light
 * buttons) for teal, yellow, green and orange, fall below WCAG AA contrast in the light scheme.
 * These replacements stay above 4.5:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const lightVariantText: Record<string, string> = {};
  for (const color of keys(resolved.colors)) {
    const shades = resolved.colors[color];
    if (Array.isArray(shades) && shades[9]) {
      lightVariantText[`--mantine-color-${color}-light-color`] = darken(shades[9], 0.3);
    }
  }
  return {
    variables: {},
    light: {
      ...lightVariantText,
      '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
      '--mantine-color-error': 'var(--mantine-color-red-9)',
      '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
      '--mantine-color-success': 'var(--mantine-color-teal-9)',
    },
    dark: {
      '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
      '--mantine-color-error': 'var(--mantine-color-red-4)',
      '--mantine-color-placeholder': 'var(--mantine-color-dark-2)',
      '--mantine-color-success': 'var(--mantine-color-teal-4)',
    },
  };
};
