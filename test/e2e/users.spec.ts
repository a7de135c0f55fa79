import { type Browser, expect, type Page, test } from '@playwright/test';
import { generate } from 'otplib';
import { linkIn, waitForMail } from './mail-capture.js';
import {
  expectNoAxeViolations,
  fieldLabel,
  LANGS,
  type Lang,
  mainNav,
  newSession,
  screenshot,
  t,
} from './support.js';

/**
 * Mein Konto → Benutzer and what hangs off it: an admin invites a key manager, the invitee accepts
 * through the link in the mail (captured by the loopback SMTP server), resets the password through
 * a mail, sets up MFA and signs in with a TOTP code. German UI, like the portal's home market.
 */
const u = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `users:${key}`, vars);
const a = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `access:${key}`, vars);
const s = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `security:${key}`, vars);

const RUN = Date.now().toString(36);
const INVITEE = { email: `km-${RUN}@beispiel.example`, name: `Konrad Gruppe ${RUN}` };
const FIRST_PASSWORD = 'ein langer Satz als Kennwort 1';
const NEW_PASSWORD = 'ein anderer langer Satz als Kennwort 2';

async function signInWithPassword(page: Page, lang: Lang, email: string, password: string) {
  await page.goto('/login');
  const form = page.getByRole('form', { name: t(lang, 'login.title') });
  await form.getByLabel(fieldLabel(t(lang, 'login.email'))).fill(email);
  await form.getByLabel(fieldLabel(t(lang, 'login.password'))).fill(password);
  await form.getByRole('button', { name: t(lang, 'login.submit'), exact: true }).click();
}

/** Waits for the start of the next 30-second TOTP step: a code is accepted only once. */
async function nextTotpStep() {
  const intoStep = Date.now() % 30_000;
  await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep + 500));
}

async function usersPage(browser: Browser, lang: Lang, baseURL: string, width = 1280) {
  const session = await newSession(browser, { lang, baseURL, email: 'admin@beispiel.example', width });
  await session.page.goto('/account/users');
  await expect(session.page.getByRole('heading', { level: 2, name: u(lang, 'users.title') })).toBeVisible();
  await expect(session.page.getByText('admin@beispiel.example').filter({ visible: true }).first()).toBeVisible();
  return session;
}

test.describe.serial('a key manager invited by mail', () => {
  let totpSecret = '';

  test('the admin invites a key manager for "Zentrale Berlin"', async ({ browser, baseURL }) => {
    const lang = 'de';
    const { context, page } = await usersPage(browser, lang, baseURL ?? '');
    await page.getByRole('button', { name: u(lang, 'users.invite') }).click();
    const dialog = page.getByRole('dialog', { name: u(lang, 'users.inviteDialog.title') });
    await dialog.getByLabel(fieldLabel(u(lang, 'users.inviteDialog.name'))).fill(INVITEE.name);
    await dialog.getByLabel(fieldLabel(u(lang, 'users.inviteDialog.email'))).fill(INVITEE.email);
    await dialog.getByLabel(u(lang, 'users.role')).selectOption({ label: t(lang, 'roles.customer.key_manager') });
    await dialog.getByRole('checkbox', { name: 'Zentrale Berlin' }).check();
    await expectNoAxeViolations(page, 'invite dialog (de)');
    const since = Date.now();
    await dialog.getByRole('button', { name: u(lang, 'users.inviteDialog.submit') }).click();
    await expect(page.getByText(u(lang, 'users.done.invited', { email: INVITEE.email }))).toBeVisible();
    await expect(dialog).toHaveCount(0);

    // The new row: invited, key manager of Zentrale Berlin.
    await page.getByLabel(u(lang, 'users.search')).fill(INVITEE.email);
    const table = page.getByRole('region', { name: u(lang, 'users.tableLabel') }).getByRole('table');
    const row = table.getByRole('row').filter({ hasText: INVITEE.email });
    await expect(row).toContainText(u(lang, 'users.statuses.invited'));
    await expect(row).toContainText('Zentrale Berlin');
    await expect(table.getByRole('row')).toHaveCount(2);

    // Inviting the same address again is explained, not duplicated.
    await page.getByRole('button', { name: u(lang, 'users.invite') }).click();
    await dialog.getByLabel(fieldLabel(u(lang, 'users.inviteDialog.name'))).fill(INVITEE.name);
    await dialog.getByLabel(fieldLabel(u(lang, 'users.inviteDialog.email'))).fill(INVITEE.email);
    await dialog.getByRole('button', { name: u(lang, 'users.inviteDialog.submit') }).click();
    await expect(dialog.getByText(u(lang, 'errors.alreadyMember'))).toBeVisible();
    await dialog.getByRole('button', { name: u(lang, 'users.cancel') }).click();

    const mail = await waitForMail(INVITEE.email, { since, contains: '/invitation/' });
    expect(mail.text).toContain('Beispiel Analytics GmbH');
    await context.close();
  });

  test('the invitee accepts through the mailed link and sees only what a key manager may', async ({ browser, baseURL }) => {
    const lang = 'de';
    const mail = await waitForMail(INVITEE.email, { since: 0, contains: '/invitation/' });
    const link = linkIn(mail, `${baseURL}/invitation/`);
    const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '' });
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1, name: a(lang, 'invitation.title') })).toBeVisible();
    await expect(page.getByLabel(a(lang, 'invitation.email'))).toHaveValue(INVITEE.email);
    await expectNoAxeViolations(page, 'invitation page (de)');
    await screenshot(page, 'users-invitation-de-1280');

    // A common password is refused with the reason.
    await page.getByLabel(fieldLabel(a(lang, 'password.label'))).fill('passwordpassword');
    await page.getByRole('button', { name: a(lang, 'invitation.submit') }).click();
    await expect(page.getByText(a(lang, 'password.common'))).toBeVisible();

    await page.getByLabel(fieldLabel(a(lang, 'password.label'))).fill(FIRST_PASSWORD);
    await page.getByRole('button', { name: a(lang, 'invitation.submit') }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: t(lang, 'dashboard.welcome', { name: INVITEE.name }) })).toBeVisible();

    // A key manager: Product Keys, no users page, no activity of others.
    await mainNav(page, lang).getByRole('link', { name: t(lang, 'nav.account') }).click();
    await expect(page.getByRole('link', { name: t(lang, 'account.tabs.users') })).toHaveCount(0);
    await page.goto('/account/users');
    await expect(page.getByRole('heading', { name: t(lang, 'notFound.title') })).toBeVisible();
    expect((await context.request.get('/api/v1/account/users')).status()).toBe(403);

    // The link works once.
    await context.clearCookies();
    await page.goto(link);
    await expect(page.getByText(a(lang, 'invitation.used'))).toBeVisible();
    await context.close();
  });

  test('the invitee resets the password through the mail', async ({ browser, baseURL }) => {
    const lang = 'de';
    const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '' });
    await page.goto('/login');
    await page.getByRole('link', { name: t(lang, 'login.forgotPassword') }).click();
    await expect(page.getByRole('heading', { level: 1, name: a(lang, 'reset.requestTitle') })).toBeVisible();
    const since = Date.now();
    await page.getByLabel(fieldLabel(a(lang, 'reset.email'))).fill(INVITEE.email);
    await page.getByRole('button', { name: a(lang, 'reset.requestSubmit') }).click();
    await expect(page.getByText(a(lang, 'reset.requested', { email: INVITEE.email }))).toBeVisible();

    const mail = await waitForMail(INVITEE.email, { since, contains: '/password-reset/' });
    await page.goto(linkIn(mail, `${baseURL}/password-reset/`));
    await expect(page.getByRole('heading', { level: 1, name: a(lang, 'reset.title') })).toBeVisible();
    await page.getByLabel(fieldLabel(a(lang, 'reset.newPassword'))).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: a(lang, 'reset.submit') }).click();
    await expect(page.getByText(a(lang, 'reset.done'))).toBeVisible();

    // A reset never signs in: the new password does.
    await signInWithPassword(page, lang, INVITEE.email, NEW_PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: t(lang, 'dashboard.welcome', { name: INVITEE.name }) })).toBeVisible();
    await context.close();
  });

  test('the invitee sets up MFA and later signs in with a TOTP code', async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const lang = 'de';
    const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '' });
    await signInWithPassword(page, lang, INVITEE.email, NEW_PASSWORD);
    await page.waitForURL((url: URL) => url.pathname === '/');
    await page.goto('/account/security');
    await page.getByRole('button', { name: s(lang, 'mfa.start') }).click();
    await expect(page.getByRole('img', { name: s(lang, 'mfa.qrAlt') })).toBeVisible();
    totpSecret = (await page.getByTestId('totp-secret').innerText()).trim();
    await expectNoAxeViolations(page, 'MFA set-up (de)');
    await screenshot(page, 'users-mfa-setup-de-1280');
    await page.getByLabel(fieldLabel(s(lang, 'mfa.code'))).fill(await generate({ secret: totpSecret }));
    await page.getByRole('button', { name: s(lang, 'mfa.confirm') }).click();
    await expect(page.getByRole('heading', { name: s(lang, 'mfa.codesTitle') })).toBeVisible();
    await expect(page.getByTestId('recovery-codes').locator('code')).toHaveCount(10);
    await page.getByRole('button', { name: s(lang, 'mfa.codesDone') }).click();
    await expect(page.getByRole('button', { name: s(lang, 'mfa.disable') })).toBeVisible();
    await context.close();

    await nextTotpStep();
    const later = await newSession(browser, { lang, baseURL: baseURL ?? '' });
    await signInWithPassword(later.page, lang, INVITEE.email, NEW_PASSWORD);
    await expect(later.page.getByRole('heading', { level: 1, name: t(lang, 'login.mfa.title') })).toBeVisible();
    await later.page.getByLabel(fieldLabel(t(lang, 'login.mfa.code'))).fill(await generate({ secret: totpSecret }));
    await later.page.getByRole('button', { name: t(lang, 'login.mfa.submit'), exact: true }).click();
    await expect(later.page.getByRole('heading', { level: 1, name: t(lang, 'dashboard.welcome', { name: INVITEE.name }) })).toBeVisible();
    await later.context.close();
  });
});

test('a member cannot reach the users page', async ({ browser, baseURL }) => {
  const lang = 'de';
  const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'member@beispiel.example' });
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: t(lang, 'account.title') })).toBeVisible();
  await expect(page.getByRole('link', { name: t(lang, 'account.tabs.users') })).toHaveCount(0);
  await page.goto('/account/users');
  await expect(page.getByRole('heading', { name: t(lang, 'notFound.title') })).toBeVisible();
  expect((await context.request.get('/api/v1/account/users')).status()).toBe(403);
  await context.close();
});

for (const lang of LANGS) {
  test(`users, security and public pages are axe-clean in ${lang}`, async ({ browser, baseURL }) => {
    // Eight pages with axe at two widths: more than the default minute on two shared cores.
    test.setTimeout(240_000);
    for (const width of [360, 1280]) {
      const { context, page } = await usersPage(browser, lang, baseURL ?? '', width);
      await expectNoAxeViolations(page, `users page (${lang}, ${width})`);
      await screenshot(page, `users-list-${lang}-${width}`);
      await page.goto('/account/security');
      await expect(page.getByRole('heading', { level: 2, name: s(lang, 'mfa.title') })).toBeVisible();
      await expect(page.getByText(s(lang, 'sessions.current')).filter({ visible: true }).first()).toBeVisible();
      await expectNoAxeViolations(page, `security page (${lang}, ${width})`);
      await screenshot(page, `users-security-${lang}-${width}`);
      await context.close();

      const visitor = await newSession(browser, { lang, baseURL: baseURL ?? '', width });
      await visitor.page.goto('/password-reset');
      await expect(visitor.page.getByRole('heading', { level: 1, name: a(lang, 'reset.requestTitle') })).toBeVisible();
      await expectNoAxeViolations(visitor.page, `password reset request (${lang}, ${width})`);
      await screenshot(visitor.page, `users-password-reset-${lang}-${width}`);
      await visitor.page.goto('/invitation/0123456789abcdef0123456789abcdef');
      await expect(visitor.page.getByText(a(lang, 'invitation.notFound'))).toBeVisible();
      await expectNoAxeViolations(visitor.page, `unknown invitation (${lang}, ${width})`);
      await visitor.context.close();
    }
  });
}
