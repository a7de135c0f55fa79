import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { linkIn, waitForMail } from './mail-capture.js';
import { expectNoAxeViolations, fieldLabel, LANGS, type Lang, newSession, screenshot, t } from './support.js';

/**
 * Mein Konto → Profil and Aktivität: a user changes their sign-in address through the link mailed
 * to the new one (captured by the loopback SMTP server) and sets which mails they want; an admin
 * filters the account's activity, keeps the filters in the address and downloads them as CSV.
 */
const ac = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `account:${key}`, vars);
const ax = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `access:${key}`, vars);

const RUN = Date.now().toString(36);
const PASSWORD = 'ein langer Satz als Kennwort 3';

/** Headers a state-changing API call needs (the server checks the Origin against PUBLIC_URL). */
const origin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

/**
 * A new member of Beispiel Analytics GmbH who has accepted their invitation, signed in in a fresh
 * context. Each test gets its own person, so nothing here changes a demo user other specs rely on.
 */
async function freshMember(browser: Browser, lang: Lang, baseURL: string, label: string) {
  const admin = await newSession(browser, { lang, baseURL, email: 'admin@beispiel.example' });
  const email = `${label}-${RUN}@beispiel.example`;
  const name = `Paula Profil ${label}`;
  const since = Date.now();
  const invited = await admin.context.request.post('/api/v1/account/users', {
    headers: origin(baseURL),
    data: { email, name, role: 'member', caseAdmin: false, billing: false, downloads: false, keyGroupIds: [], locale: lang },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  await admin.context.close();

  const mail = await waitForMail(email, { since, contains: '/invitation/' });
  const token = linkIn(mail, `${baseURL}/invitation/`).split('/').at(-1) ?? '';
  const session = await newSession(browser, { lang, baseURL });
  const accepted = await session.context.request.post(`/api/v1/invitations/${token}`, {
    headers: origin(baseURL),
    data: { name, password: PASSWORD },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  return { ...session, email, name };
}

async function openProfile(page: Page, lang: Lang) {
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 2, name: ac(lang, 'email.title') })).toBeVisible();
}

async function me(request: APIRequestContext) {
  const res = await request.get('/api/v1/me');
  expect(res.status()).toBe(200);
  return (await res.json()).data as {
    user: { email: string };
    pendingEmail: { email: string } | null;
    notificationPrefs: Record<string, boolean>;
  };
}

test('a user changes their email address through the link mailed to the new one', async ({ browser, baseURL }) => {
  const lang = 'de';
  const base = baseURL ?? '';
  const { context, page, email } = await freshMember(browser, lang, base, 'umzug');
  const newEmail = `neu-${RUN}@beispiel.example`;
  await openProfile(page, lang);
  const card = page.getByRole('region', { name: ac(lang, 'email.title') });
  await expect(card.getByLabel(ac(lang, 'email.current'))).toHaveValue(email);

  // A wrong password is refused at its field; nothing is sent.
  await card.getByLabel(fieldLabel(ac(lang, 'email.new'))).fill(newEmail);
  await card.getByLabel(fieldLabel(ac(lang, 'email.password'))).fill('nicht das Kennwort');
  await card.getByRole('button', { name: ac(lang, 'email.submit') }).click();
  await expect(card.getByText(ac(lang, 'email.errors.wrongPassword'))).toBeVisible();

  // The own address is explained, not sent.
  await card.getByLabel(fieldLabel(ac(lang, 'email.new'))).fill(email);
  await card.getByLabel(fieldLabel(ac(lang, 'email.password'))).fill(PASSWORD);
  await card.getByRole('button', { name: ac(lang, 'email.submit') }).click();
  await expect(card.getByText(ac(lang, 'email.errors.sameEmail'))).toBeVisible();

  const since = Date.now();
  await card.getByLabel(fieldLabel(ac(lang, 'email.new'))).fill(newEmail);
  await card.getByLabel(fieldLabel(ac(lang, 'email.password'))).fill(PASSWORD);
  await card.getByRole('button', { name: ac(lang, 'email.submit') }).click();
  await expect(card.getByText(ac(lang, 'email.sent', { email: newEmail }))).toBeVisible();

  // Pending: shown on the page (also after a reload), the old address still signs in.
  const pending = page.getByTestId('email-pending');
  await expect(pending).toContainText(ac(lang, 'email.pendingTitle'));
  await expect(pending).toContainText(newEmail);
  await page.reload();
  await expect(page.getByTestId('email-pending')).toContainText(newEmail);
  expect((await me(context.request)).user.email).toBe(email);
  await expectNoAxeViolations(page, 'profile with a pending email change (de)');
  await screenshot(page, 'account-profile-pending-de-1280');

  // The old address is told; the new one gets the link.
  await waitForMail(email, { since, contains: newEmail });
  const mail = await waitForMail(newEmail, { since, contains: '/confirm-email/' });
  await page.goto(linkIn(mail, `${base}/confirm-email/`));
  await expect(page.getByText(ax(lang, 'confirmEmail.done', { email: newEmail }))).toBeVisible();

  await openProfile(page, lang);
  await expect(page.getByRole('region', { name: ac(lang, 'email.title') }).getByLabel(ac(lang, 'email.current'))).toHaveValue(newEmail);
  await expect(page.getByTestId('email-pending')).toHaveCount(0);
  const after = await me(context.request);
  expect(after.user.email).toBe(newEmail);
  expect(after.pendingEmail).toBeNull();
  await context.close();
});

test('a user chooses which mails they get, and the choice is kept', async ({ browser, baseURL }) => {
  const lang = 'en';
  const { context, page } = await freshMember(browser, lang, baseURL ?? '', 'mails');
  await openProfile(page, lang);
  const card = page.getByRole('region', { name: ac(lang, 'notifications.title') });
  const releases = card.getByRole('switch', { name: ac(lang, 'notifications.releaseNotes.label') });
  const cases = card.getByRole('switch', { name: ac(lang, 'notifications.caseUpdates.label') });
  await expect(releases).not.toBeChecked();
  await expect(cases).toBeChecked();
  await expect(card.getByText(ac(lang, 'notifications.securityAlerts.hint'))).toBeVisible();

  // Keyboard only: focus the switch and press space.
  await releases.focus();
  await page.keyboard.press('Space');
  await expect(card.getByText(ac(lang, 'notifications.saved'))).toBeVisible();
  await cases.click();
  await expect(cases).not.toBeChecked();
  await expect
    .poll(async () => (await me(context.request)).notificationPrefs)
    .toEqual({ caseUpdates: false, caseStatus: true, invoiceReminders: true, releaseNotes: true, securityAlerts: true });

  await page.reload();
  await expect(page.getByRole('switch', { name: ac(lang, 'notifications.releaseNotes.label') })).toBeChecked();
  await expect(page.getByRole('switch', { name: ac(lang, 'notifications.caseUpdates.label') })).not.toBeChecked();
  await context.close();
});

test('an admin filters the activity, keeps the filters in the address and downloads them as CSV', async ({ browser, baseURL }) => {
  const lang = 'de';
  const base = baseURL ?? '';
  const { context, page } = await newSession(browser, { lang, baseURL: base, email: 'admin@beispiel.example' });
  await page.goto('/account/activity');
  await expect(page.getByRole('heading', { level: 2, name: t(lang, 'account.activity.title') })).toBeVisible();
  const filters = page.getByRole('search', { name: ac(lang, 'activity.filtersLabel') });

  // Every sign-in and sign-out of the account.
  await filters
    .getByLabel(ac(lang, 'activity.action'))
    .selectOption({ label: ac(lang, 'activity.allOfGroup', { group: ac(lang, 'activity.groups.auth') }) });
  await expect(page).toHaveURL(/[?&]action=auth\.(&|$)/);
  const table = page.getByRole('region', { name: t(lang, 'account.activity.table') }).getByRole('table');
  const authTexts = ['login', 'login_failed', 'logout', 'mfa_failed', 'password_reset', 'password_reset_requested'].map((a) =>
    t(lang, `account.activity.actions.auth.${a}`),
  );
  // The previous rows stay on screen while the filtered ones load: wait until only sign-in events
  // are listed (actions without a text of their own are shown by their code).
  const isAuth = (row: string) => authTexts.some((text) => row.startsWith(text)) || row.startsWith('auth.');
  await expect
    .poll(async () => {
      const rows = (await table.getByRole('row').allInnerTexts()).slice(1);
      return rows.length > 0 && rows.every(isAuth);
    })
    .toBe(true);

  // One person, and today only: both in the address, and still there after a reload.
  await filters.getByLabel(ac(lang, 'activity.user')).selectOption({ label: 'Anna Admin (admin@beispiel.example)' });
  const today = await page.evaluate(() => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  });
  await filters.getByLabel(ac(lang, 'activity.from')).fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}`));
  await expect(page).toHaveURL(/userId=usr_/);
  await page.reload();
  await expect(filters.getByLabel(ac(lang, 'activity.from'))).toHaveValue(today);
  await expect(filters.getByLabel(ac(lang, 'activity.action'))).toHaveValue('auth.');
  await expect(table.getByRole('row').filter({ hasText: t(lang, 'account.activity.actions.auth.login') }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'filtered activity (de)');

  // The CSV link carries the same filters; its rows are exactly the filtered events.
  const link = filters.getByRole('link', { name: ac(lang, 'activity.export') });
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/api\/v1\/account\/activity\?format=csv&action=auth\.&userId=usr_[^&]+&from=/);
  const csv = await context.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toBe('at,action,actor_name,actor_email,target_type,target_id,ip,data');
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) {
    const [at, action] = line.split(',');
    expect(action).toMatch(/^auth\./);
    // The browser and this test share the machine's time zone: the day starts at local midnight.
    expect(Date.parse(at ?? '')).toBeGreaterThanOrEqual(new Date(`${today}T00:00:00`).getTime());
  }

  // An end before the start is explained instead of asked.
  await filters.getByLabel(ac(lang, 'activity.to')).fill('2000-01-01');
  await expect(filters.getByText(ac(lang, 'activity.rangeError'))).toBeVisible();
  await filters.getByRole('button', { name: ac(lang, 'activity.reset') }).click();
  await expect(page).toHaveURL(/\/account\/activity$/);
  await context.close();
});

test('a member sees their own activity only, without the person filter', async ({ browser, baseURL }) => {
  const lang = 'de';
  const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'member@beispiel.example' });
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 2, name: ac(lang, 'email.title') })).toBeVisible();
  await page.getByRole('link', { name: t(lang, 'account.tabs.activity') }).click();
  await expect(page).toHaveURL(/\/account\/activity$/);
  await expect(page.getByText(ac(lang, 'activity.introOwn', { account: 'Beispiel Analytics GmbH' }))).toBeVisible();
  await expect(page.getByText(t(lang, 'account.activity.actions.auth.login')).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByLabel(ac(lang, 'activity.user'))).toHaveCount(0);
  // Only the member's own events: nobody else's name appears as the actor.
  await expect(page.getByText('Anna Admin')).toHaveCount(0);
  await context.close();
});

for (const lang of LANGS) {
  test(`profile and activity pages are axe-clean in ${lang} at 360 and 1280 px`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    for (const width of [360, 1280]) {
      const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'admin@beispiel.example', width });
      await openProfile(page, lang);
      await expect(page.getByRole('switch', { name: ac(lang, 'notifications.securityAlerts.label') })).toBeVisible();
      await expectNoAxeViolations(page, `profile page (${lang}, ${width})`);
      await screenshot(page, `account-profile-${lang}-${width}`);

      await page.goto('/account/activity?action=auth.');
      await expect(page.getByText(t(lang, 'account.activity.actions.auth.login')).filter({ visible: true }).first()).toBeVisible();
      await expectNoAxeViolations(page, `activity page (${lang}, ${width})`);
      await screenshot(page, `account-activity-${lang}-${width}`);
      await context.close();
    }
  });
}
