import { expect, test } from '@playwright/test';
import { LANGS, type Lang, expectNoAxeViolations, newSession, screenshot, t } from './support.js';

// axe on every page the foundation has, in both languages, at a 1280 px desktop and a 360 px phone,
// with a full-page screenshot of each under test-results/screenshots/.
type PageCase = {
  name: string;
  path: string;
  /** Signed in as this demo user, or anonymous. */
  as?: string;
  /** The heading that says the page has rendered. */
  heading: (lang: Lang) => { level: number; name: string };
};

const PAGES: readonly PageCase[] = [
  { name: 'login', path: '/login', heading: (l) => ({ level: 1, name: t(l, 'login.title') }) },
  {
    name: 'dashboard',
    path: '/',
    as: 'admin@beispiel.example',
    heading: (l) => ({ level: 1, name: t(l, 'dashboard.welcome', { name: 'Anna Admin' }) }),
  },
  {
    name: 'account-profile',
    path: '/account',
    as: 'admin@beispiel.example',
    heading: (l) => ({ level: 2, name: t(l, 'account.profile.title') }),
  },
  {
    name: 'account-activity',
    path: '/account/activity',
    as: 'admin@beispiel.example',
    heading: (l) => ({ level: 2, name: t(l, 'account.activity.title') }),
  },
  {
    name: 'console-accounts',
    path: '/console/accounts',
    as: 'staff-admin@portico.example',
    heading: (l) => ({ level: 2, name: t(l, 'console.accounts.title') }),
  },
  {
    name: 'console-outbox',
    path: '/console/outbox',
    as: 'staff-admin@portico.example',
    heading: (l) => ({ level: 2, name: t(l, 'console.outbox.title') }),
  },
  {
    name: 'dashboard-staff',
    path: '/',
    as: 'agent@portico.example',
    heading: (l) => ({ level: 1, name: t(l, 'dashboard.welcome', { name: 'Sam Support' }) }),
  },
  {
    name: 'not-found',
    path: '/gibt-es-nicht',
    as: 'member@beispiel.example',
    heading: (l) => ({ level: 1, name: t(l, 'notFound.title') }),
  },
];

for (const lang of LANGS) {
  for (const width of [1280, 360]) {
    for (const pageCase of PAGES) {
      test(`${pageCase.name} (${lang}, ${width} px) has no axe violations`, async ({ browser, baseURL }) => {
        const { context, page } = await newSession(browser, {
          lang,
          baseURL: baseURL ?? '',
          width,
          ...(pageCase.as ? { email: pageCase.as } : {}),
        });
        try {
          await page.goto(pageCase.path);
          await expect(page.getByRole('heading', pageCase.heading(lang))).toBeVisible();
          await expect(page.locator('html')).toHaveAttribute('lang', lang);
          // Lists and tables load after the page's frame; wait until no spinner is left.
          await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
          await page.waitForLoadState('networkidle');
          await screenshot(page, `${pageCase.name}-${lang}-${width}`);
          await expectNoAxeViolations(page, `${pageCase.name} (${lang}, ${width} px)`);
        } finally {
          await context.close();
        }
      });
    }
  }
}

for (const as of [undefined, 'admin@beispiel.example']) {
  const name = as ? 'dashboard' : 'login';
  test(`${name} in dark mode (de, 1280 px) has no axe violations`, async ({ browser, baseURL }) => {
    // The app follows the system's colour scheme until the user picks one.
    const { context, page } = await newSession(browser, {
      lang: 'de',
      baseURL: baseURL ?? '',
      colorScheme: 'dark',
      ...(as ? { email: as } : {}),
    });
    try {
      await page.goto(as ? '/' : '/login');
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `${name}-de-1280-dark`);
      await expectNoAxeViolations(page, `${name} in dark mode`);
    } finally {
      await context.close();
    }
  });
}
