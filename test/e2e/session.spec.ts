import { expect, request, test } from '@playwright/test';
import { BROWSER_LOCALE, demoUser, expireSession, loginViaApi, mainNav, submitLogin, t } from './support.js';

// What happens when the session is gone: the app goes to the login page, says why, and after the
// login returns to the page the user was on.
test.describe('a lost session', () => {
  test.use({ locale: BROWSER_LOCALE.de });
  const member = demoUser('member@beispiel.example');

  test('a visit without a session goes to the login page and, after the login, to the page', async ({ page }) => {
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    await expect(page.getByText(t('de', 'login.nextNotice'))).toBeVisible();
    await submitLogin(page, 'de', member.email);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'account.title'));
  });

  test('a cookie removed while the app is open leads to the login and back', async ({ page, context, baseURL }) => {
    await loginViaApi(context, baseURL ?? '', member.email);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'dashboard.welcome', { name: member.name }));
    await context.clearCookies();
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    await submitLogin(page, 'de', member.email);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'account.title'));
  });

  test('a session ended on the server sends the next click to the login and back', async ({ page, context, baseURL }) => {
    const admin = demoUser('admin@beispiel.example');
    await loginViaApi(context, baseURL ?? '', admin.email);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'dashboard.welcome', { name: admin.name }));

    // Sign the same session out from elsewhere; the browser keeps its (now dead) cookie.
    const cookie = (await context.cookies()).find((c) => c.name.endsWith('portico_session'));
    if (!cookie || !baseURL) throw new Error('no session cookie');
    const other = await request.newContext({ baseURL });
    const res = await other.post('/api/v1/auth/logout', {
      headers: { cookie: `${cookie.name}=${cookie.value}`, origin: new URL(baseURL).origin },
    });
    expect(res.status()).toBe(204);
    await other.dispose();

    await mainNav(page, 'de').getByRole('link', { name: t('de', 'nav.account') }).click();
    await page.getByRole('link', { name: t('de', 'account.tabs.activity') }).click();
    await expect(page).toHaveURL(/\/login\?next=%2Faccount%2Factivity$/);
    await submitLogin(page, 'de', admin.email);
    await expect(page).toHaveURL(/\/account\/activity$/);
    await expect(page.getByRole('heading', { level: 2, name: t('de', 'account.activity.title') })).toBeVisible();
  });

  test('an expired session says so on the login page and returns to the page after the login', async ({ page, context, baseURL }) => {
    await loginViaApi(context, baseURL ?? '', member.email);
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'account.title'));
    await expireSession(context);
    await page.reload();
    await expect(page).toHaveURL(/\/login\?next=%2Faccount&expired=1$/);
    await expect(page.getByText(t('de', 'login.expiredNotice'))).toBeVisible();
    await submitLogin(page, 'de', member.email);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('de', 'account.title'));
  });
});
