
import path from 'node:path';
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import {
  BROWSER_LOCALE,
  expectNoAxeViolations,
  fieldLabel,
  LANGS,
  type Lang,
  loginViaApi,
  mainNav,
  newSession,
  screenshot,
  t,
} from './support.js';
import { waitForMail } from './mail-capture.js';

// Fälle in the browser, in German: the seed article's steps ("Meine Fälle" → a view → a case →
// "Bearbeiten" → "Kommentar hinzufügen"), Fall erstellen with duplicate suggestions, a lost update
// (412) shown with what changed, solve and reopen. Each test makes its own cases through the API
// (subjects with a run tag), so it depends on no demo case and on no other test.

type FormKey = { id: string; licenseKeyTail: string; product: { name: string }; edition: string | null; supportable: boolean; maintenanceStatus: string };
type ApiCase = { id: string; number: string; subject: string; version: number; severity: string };

/** A string of the Fälle area. */
const c = (key: string, vars: Record<string, string> = {}) => t('de', `cases:${key}`, vars);
const cIn = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `cases:${key}`, vars);

const RUN = Date.now().toString(36).slice(-5);

/** A signed-in API client (its own browser context) for arranging and checking data. */
async function apiAs(browser: Browser, baseURL: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await loginViaApi(context, baseURL, email);
  return context;
}

const origin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

async function formKeys(api: BrowserContext): Promise<FormKey[]> {
  const res = await api.request.get('/api/v1/cases/form-options');
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { data: { keys: FormKey[] } }).data.keys;
}

async function createCaseViaApi(api: BrowserContext, baseURL: string, data: Record<string, unknown>): Promise<ApiCase> {
  const res = await api.request.post('/api/v1/cases', { data, headers: origin(baseURL) });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { data: ApiCase }).data;
}

async function getCaseViaApi(api: BrowserContext, id: string): Promise<ApiCase> {
  const res = await api.request.get(`/api/v1/cases/${id}`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { data: ApiCase }).data;
}

/** The data rows of the case list (the table on wide screens). */
function caseRows(page: Page): Locator {
  return page.getByRole('region', { name: c('list.table') }).locator('tbody tr');
}

function viewsNav(page: Page, lang: Lang = 'de'): Locator {
  return page.getByRole('navigation', { name: cIn(lang, 'views.label') });
}

function section(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** The member's own key, under maintenance (src/server/db/seed-demo-keys.ts). */
async function memberKey(api: BrowserContext): Promise<FormKey> {
  const key = (await formKeys(api)).find((candidate) => candidate.supportable);
  if (!key) throw new Error('the member has no key under maintenance');
  return key;
}

test.describe('Fälle', () => {
  test.use({ locale: BROWSER_LOCALE.de });

  test('a member follows the article: Meine Fälle, the views, a case, Bearbeiten, Kommentar hinzufügen; a support reply appears without a reload', async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const base = baseURL ?? '';
    await loginViaApi(context, base, 'member@beispiel.example');
    const api = await apiAs(browser, base, 'member@beispiel.example');
    const agent = await apiAs(browser, base, 'agent@portico.example');
    try {
      const key = await memberKey(api);
      const subject = `Diagramme laden langsam ${RUN}`;
      const kase = await createCaseViaApi(api, base, {
        type: 'technical',
        subject,
        description: 'Seit dem Update brauchen **alle** Diagramme über eine Minute.',
        severity: 'p3',
        keyId: key.id,
        productVersion: '2026.1',
        operatingSystem: 'Windows 11',
      });

      // The dashboard counts the open cases and leads to them.
      await page.goto('/');
      const openCases = page.getByRole('region', { name: t('de', 'dashboard.cases.title') });
      await expect(openCases.getByRole('link', { name: t('de', 'dashboard.cases.link') })).toHaveAttribute('href', '/cases?view=all_open');

      // 1.–2. Sign in (done) and click "Meine Fälle" (the navigation entry "Fälle").
      await mainNav(page, 'de').getByRole('link', { name: t('de', 'nav.cases') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(c('list.title'));

      // 3. The five views, each with its count.
      const views = viewsNav(page);
      for (const view of ['recent', 'active_support', 'my_open', 'all_open', 'all']) {
        await expect(views.getByRole('link', { name: new RegExp(`^${c(`views.${view}`)} \\(\\d+ `) })).toBeVisible();
      }
      await views.getByRole('link', { name: new RegExp(`^${c('views.my_open')}`) }).click();
      await expect(page).toHaveURL(/\/cases\?view=my_open$/);
      await expect(page.getByRole('heading', { level: 2, name: c('views.my_open') })).toBeVisible();
      await expect(caseRows(page).filter({ hasText: subject })).toHaveCount(1);

      // The search and the filters live in the address; the view chosen last is remembered.
      await page.getByLabel(c('list.search')).fill(`langsam ${RUN}`);
      await expect(page).toHaveURL(new RegExp(`q=langsam\\+${RUN}`));
      await expect(caseRows(page)).toHaveCount(1);
      await page.getByLabel(c('fields.severity'), { exact: true }).selectOption({ label: c('severity.p3.label') });
      await expect(page).toHaveURL(/severity=p3/);
      await expect(caseRows(page)).toHaveCount(1);
      await expect(page.getByRole('link', { name: c('list.export') })).toHaveAttribute(
        'href',
        `/api/v1/cases?format=csv&view=my_open&q=langsam+${RUN}&severity=p3`,
      );
      await page.goto('/cases');
      await expect(viewsNav(page).getByRole('link', { name: new RegExp(`^${c('views.my_open')}`) })).toHaveAttribute('aria-current', 'page');
      await expectNoAxeViolations(page, 'Meine Fälle');

      // 4. Click a case to view it.
      await caseRows(page).getByRole('link', { name: subject }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/${kase.id}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
      await expect(page.getByText(c('case.numberLabel', { number: kase.number }))).toBeVisible();
      const details = section(page, c('case.details'));
      await expect(details.getByText('Windows 11')).toBeVisible();
      await expect(details.getByRole('link', { name: c('key.tailOnly', { tail: key.licenseKeyTail }) })).toHaveAttribute('href', `/keys/${key.id}`);
      await expect(details.getByText(c('maintenance.active'))).toBeVisible();
      await expect(section(page, c('fields.description')).locator('strong')).toHaveText('alle');
      const timeline = section(page, c('timeline.title'));
      await expect(timeline.getByText(c('timeline.events.opened', { name: 'Mia Mitglied' }))).toBeVisible();
      await expectNoAxeViolations(page, 'Fall');

      // Bearbeiten: the severity goes up; the timeline says so in a sentence.
      await page.getByRole('button', { name: c('case.edit') }).click();
      const dialog = page.getByRole('dialog', { name: c('edit.title', { number: kase.number }) });
      await dialog.getByLabel(c('fields.severity')).selectOption({ label: c('severity.p2.label') });
      await expectNoAxeViolations(page, 'Bearbeiten');
      await dialog.getByRole('button', { name: t('de', 'common.save') }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('status').filter({ hasText: c('edit.saved') })).toBeVisible();
      await expect(
        timeline.getByText(c('timeline.events.severityChanged', { name: 'Mia Mitglied', from: c('severity.p3.label'), to: c('severity.p2.label') })),
      ).toBeVisible();

      // Kommentar hinzufügen: support is told automatically.
      const commentForm = section(page, c('comment.title'));
      await commentForm.getByRole('button', { name: c('comment.submit') }).click();
      await expect(commentForm.getByText(t('de', 'validation.required'))).toBeVisible();
      await commentForm.getByRole('textbox', { name: c('comment.label'), exact: true }).fill('Betrifft auch die *Exportansicht*.');
      const commented = Date.now();
      await commentForm.getByRole('button', { name: c('comment.submit') }).click();
      await expect(commentForm.getByRole('status')).toHaveText(c('comment.added'));
      // The automatic notification: the case is unassigned, so the Technischer Support queue gets the mail.
      const toSupport = await waitForMail('support@portico.example', { since: commented, contains: 'Exportansicht' });
      expect(toSupport.subject).toContain(kase.number);
      await expect(timeline.getByRole('article', { name: c('timeline.commentBy', { name: 'Mia Mitglied' }) }).locator('em')).toHaveText('Exportansicht');

      // Support notes something internally, then replies; the reply arrives while the page is open,
      // without a reload, and by mail; the note never shows.
      const internal = await agent.request.post(`/api/v1/staff/cases/${kase.id}/comments`, {
        data: { body: `Interne Notiz ${RUN}: Treiber veraltet.`, visibility: 'internal' },
        headers: origin(base),
      });
      expect(internal.status(), await internal.text()).toBe(201);
      const replied = Date.now();
      const reply = await agent.request.post(`/api/v1/staff/cases/${kase.id}/comments`, {
        data: { body: `Bitte senden Sie uns das Protokoll ${RUN}.`, visibility: 'public' },
        headers: origin(base),
      });
      expect(reply.status(), await reply.text()).toBe(201);
      await expect(timeline.getByText(`Bitte senden Sie uns das Protokoll ${RUN}.`)).toBeVisible({ timeout: 25_000 });
      await expect(page.getByText(`Interne Notiz ${RUN}`)).toHaveCount(0);
      const toMember = await waitForMail('member@beispiel.example', { since: replied, contains: `Bitte senden Sie uns das Protokoll ${RUN}.` });
      expect(toMember.text).not.toContain(`Interne Notiz ${RUN}`);
      await expect(page.getByText(c('status.waiting_on_customer')).first()).toBeVisible();

      // The case now heads "Zuletzt angezeigte Fälle".
      await page.getByRole('link', { name: c('case.back') }).click();
      await viewsNav(page).getByRole('link', { name: new RegExp(`^${c('views.recent')}`) }).click();
      await expect(caseRows(page).first()).toContainText(subject);
    } finally {
      await api.close();
      await agent.close();
    }
  });

  test('a member creates a Technischer Support case with a similar case suggested, edits it through a conflict, comments, solves and reopens it', async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    test.setTimeout(150_000);
    const base = baseURL ?? '';
    await loginViaApi(context, base, 'member@beispiel.example');
    const api = await apiAs(browser, base, 'member@beispiel.example');
    try {
      const key = await memberKey(api);
      const earlier = await createCaseViaApi(api, base, {
        type: 'technical',
        subject: `Lizenzserver Zeitüberschreitung ${RUN}`,
        description: 'Die Anmeldung am Lizenzserver bricht ab.',
        severity: 'p4',
        keyId: key.id,
      });

      await page.goto('/cases');
      await page.getByRole('link', { name: c('new.title') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(c('new.title'));
      await expect(page.getByRole('radio', { name: c('type.technical') })).toBeChecked();

      // Sent empty: each missing choice is named at its field.
      await page.getByRole('button', { name: c('new.submit') }).click();
      await expect(page.getByText(c('errors.chooseKey'))).toBeVisible();
      await expect(page.getByText(c('errors.chooseSeverity'))).toBeVisible();

      // The key brings the product and fills in the version used last.
      await page.getByRole('radio', { name: new RegExp(`…${key.licenseKeyTail}$`) }).check();
      await expect(page.getByRole('textbox', { name: c('fields.product'), exact: true })).toHaveValue(key.product.name);
      await expect(page.getByLabel(fieldLabel(c('fields.version')))).not.toHaveValue('');
      await page.getByLabel(fieldLabel(c('fields.operatingSystem'))).fill('macOS 15');
      await page.getByRole('radio', { name: c('severity.p2.label') }).check();
      await expect(page.getByText(c('severity.p2.guidance'))).toBeVisible();

      // While the subject is typed, the similar case is suggested; its link opens in the same tab.
      const subject = `Zeitüberschreitung beim Lizenzserver nach Update ${RUN}`;
      await page.getByLabel(fieldLabel(c('fields.subject'))).fill(subject);
      const similar = page.getByRole('region', { name: c('new.similarTitle') });
      const suggestion = similar.getByRole('link', { name: c('new.similarLink', { number: earlier.number, subject: earlier.subject }) });
      await expect(suggestion).toBeVisible();
      await expect(suggestion).not.toHaveAttribute('target', /.+/);
      await page.getByLabel(fieldLabel(c('fields.description'))).fill('Nach dem Update auf die neue Version bricht die Anmeldung ab.\n\n- Schritt 1\n- Schritt 2');
      await expectNoAxeViolations(page, 'Fall erstellen');
      await page.getByRole('button', { name: c('new.submit') }).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
      await expect(page.getByRole('status').filter({ hasText: c('case.created') })).toBeVisible();
      const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
      const created = await getCaseViaApi(api, caseId);
      expect(created.severity).toBe('p2');

      // Bearbeiten, while someone else changes the case through the API: 412, and the dialog says what changed.
      await page.getByRole('button', { name: c('case.edit') }).click();
      const dialog = page.getByRole('dialog', { name: c('edit.title', { number: created.number }) });
      await dialog.getByLabel(fieldLabel(c('fields.description'))).fill('Nach dem Update bricht die Anmeldung ab. Protokoll folgt.');
      const parallel = await api.request.patch(`/api/v1/cases/${caseId}`, {
        headers: { 'if-match': `"${created.version}"`, ...origin(base) },
        data: { severity: 'p1' },
      });
      expect(parallel.status(), await parallel.text()).toBe(200);
      await dialog.getByRole('button', { name: t('de', 'common.save') }).click();
      const conflict = dialog.getByRole('alert');
      await expect(conflict).toContainText(c('edit.conflictTitle'));
      await expect(conflict).toContainText(c('edit.conflictField', { field: c('edit.fields.severity'), value: c('severity.p1.label') }));
      await expect(conflict).toContainText(c('edit.conflictKept'));
      // The user's input is kept; the other person's severity is taken over, not undone.
      await expect(dialog.getByLabel(fieldLabel(c('fields.description')))).toHaveValue('Nach dem Update bricht die Anmeldung ab. Protokoll folgt.');
      await expect(dialog.getByLabel(c('fields.severity'))).toHaveValue('p1');
      await screenshot(page, 'cases-edit-conflict-de-1280', { viewport: true });
      await expectNoAxeViolations(page, 'Bearbeiten nach Konflikt');
      await dialog.getByRole('button', { name: c('edit.saveAnyway') }).click();
      await expect(dialog).toBeHidden();
      await expect(section(page, c('fields.description'))).toContainText('Protokoll folgt.');
      const afterEdit = await getCaseViaApi(api, caseId);
      expect(afterEdit.severity).toBe('p1');

      // Kommentar hinzufügen.
      const commentForm = section(page, c('comment.title'));
      await commentForm.getByRole('textbox', { name: c('comment.label'), exact: true }).fill('Das Protokoll hängt an.');
      await commentForm.getByRole('button', { name: c('comment.submit') }).click();
      await expect(section(page, c('timeline.title')).getByText('Das Protokoll hängt an.')).toBeVisible();

      // Als gelöst markieren: no more comments, reopening is offered with its deadline.
      await page.getByRole('button', { name: c('case.solve') }).click();
      await expect(page.getByRole('status').filter({ hasText: c('case.solvedDone') })).toBeVisible();
      await expect(page.getByText(c('status.solved')).first()).toBeVisible();
      await expect(page.getByText(/wieder eröffnen\.$/)).toBeVisible();
      await expect(section(page, c('comment.title')).getByText(c('comment.closedReopen'))).toBeVisible();
      const timeline = section(page, c('timeline.title'));
      await expect(
        timeline.getByText(c('timeline.events.statusChanged', { name: 'Mia Mitglied', from: c('status.new'), to: c('status.solved') })),
      ).toBeVisible();

      // Wieder eröffnen.
      await page.getByRole('button', { name: c('case.reopen') }).click();
      await expect(page.getByRole('status').filter({ hasText: c('case.reopenedDone') })).toBeVisible();
      await expect(section(page, c('comment.title')).getByRole('textbox', { name: c('comment.label'), exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: c('case.solve') })).toBeVisible();
    } finally {
      await api.close();
    }
  });

  test('an admin sees why a key without maintenance cannot get technical support and switches to a Kundendienst case about it', async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const base = baseURL ?? '';
    await loginViaApi(context, base, 'admin@beispiel.example');
    const api = await apiAs(browser, base, 'admin@beispiel.example');
    try {
      const expired = (await formKeys(api)).find((key) => key.maintenanceStatus === 'expired');
      if (!expired) throw new Error('the demo account has no key with expired maintenance');
      const label = c('key.label', { product: [expired.product.name, expired.edition].filter(Boolean).join(' '), tail: expired.licenseKeyTail });

      // The API refuses a technical case about it with a clear reason.
      const refused = await api.request.post('/api/v1/cases', {
        data: { type: 'technical', subject: 'Absturz', description: 'x', severity: 'p3', keyId: expired.id },
        headers: origin(base),
      });
      expect(refused.status()).toBe(422);
      expect(((await refused.json()) as { code: string }).code).toBe('case.key_not_under_maintenance');

      await page.goto('/cases/new');
      // The key cannot be chosen for Technischer Support; the reason is shown beside it.
      await expect(page.getByRole('radio', { name: label })).toHaveCount(0);
      const blocked = page.getByRole('region', { name: c('new.blockedKeysTitle') });
      await expect(blocked.getByText(label)).toBeVisible();
      await expect(blocked.getByText(/ist am .+ abgelaufen/).first()).toBeVisible();
      await screenshot(page, 'cases-new-blocked-key-de-1280');

      // One click: a Kundendienst case, category licensing, about that key.
      await blocked.getByRole('button', { name: c('new.renewKeyFor', { key: label }) }).click();
      await expect(page.getByRole('radio', { name: c('type.customer_service') })).toBeChecked();
      await expect(page.getByLabel(fieldLabel(c('fields.category')))).toHaveValue('licensing');
      await expect(page.getByLabel(c('fields.key'))).toHaveValue(expired.id);
      await expect(page.getByLabel(fieldLabel(c('fields.subject')))).toHaveValue(c('new.renewSubject', { key: label }));

      // A subject of two letters is refused by the server; its message stands at the field, in German.
      await page.getByLabel(fieldLabel(c('fields.subject'))).fill('Ab');
      await page.getByLabel(fieldLabel(c('fields.description'))).fill('Bitte senden Sie uns ein Angebot für die Verlängerung.');
      await page.getByRole('button', { name: c('new.submit') }).click();
      await expect(page.getByText(t('de', 'validation.tooShort'))).toBeVisible();
      await expectNoAxeViolations(page, 'Fall erstellen (Kundendienst, Fehler)');

      await page.getByLabel(fieldLabel(c('fields.subject'))).fill(`Wartung verlängern ${RUN}`);
      await page.getByRole('button', { name: c('new.submit') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Wartung verlängern ${RUN}`);
      const details = section(page, c('case.details'));
      await expect(details.getByText(`${c('type.customer_service')} · ${c('category.licensing')}`)).toBeVisible();
      await expect(details.getByText(c('maintenance.expired'))).toBeVisible();
    } finally {
      await api.close();
    }
  });

  test('a case solved more than 14 days ago offers a follow-up case that links it', async ({ page, context, browser, baseURL }) => {
    const base = baseURL ?? '';
    await loginViaApi(context, base, 'member@beispiel.example');
    const api = await apiAs(browser, base, 'member@beispiel.example');
    try {
      const key = await memberKey(api);
      const old = await createCaseViaApi(api, base, {
        type: 'technical',
        subject: `Alter Fall ${RUN}`,
        description: 'Gelöst vor langer Zeit.',
        severity: 'p4',
        keyId: key.id,
      });
      const solved = await api.request.post(`/api/v1/cases/${old.id}/solve`, { headers: origin(base) });
      expect(solved.status()).toBe(200);
      // The case was solved 20 days ago (written where the server keeps it).
      await backdateSolved(old.id, 20);

      await page.goto(`/cases/${old.id}`);
      await expect(page.getByRole('button', { name: c('case.reopen') })).toHaveCount(0);
      await expect(page.getByText(c('case.followUpHint'))).toBeVisible();
      await page.getByRole('link', { name: c('case.followUp') }).click();
      await expect(page).toHaveURL(new RegExp(`/cases/new\\?related=${old.id}$`));
      await expect(page.getByRole('link', { name: c('case.numberLabel', { number: old.number }) })).toBeVisible();
    } finally {
      await api.close();
    }
  });
});

/** Moves the solving of a case back in time in the e2e server's SQLite database. */
async function backdateSolved(caseId: string, days: number) {
  const dataDir = process.env.PORTICO_E2E_DATA_DIR;
  if (!dataDir) throw new Error('PORTICO_E2E_DATA_DIR is not set');
  const db = new Database(path.join(dataDir, 'portico.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const at = new Date(Date.now() - days * 86_400_000).toISOString();
    expect(db.prepare('UPDATE cases SET solved_at = ? WHERE id = ?').run(at, caseId).changes).toBe(1);
  } finally {
    db.close();
  }
}

test.describe('Fälle pages at 360 and 1280 px in German and English', () => {
  let ids: { caseId: string } = { caseId: '' };

  test.beforeAll(async ({ browser, baseURL }) => {
    const base = baseURL ?? '';
    const api = await apiAs(browser, base, 'member@beispiel.example');
    const agent = await apiAs(browser, base, 'agent@portico.example');
    try {
      const key = await memberKey(api);
      const kase = await createCaseViaApi(api, base, {
        type: 'technical',
        subject: `Berichtsexport als PDF schneidet Tabellen ab ${RUN}`,
        description: 'Beim Export **breiter** Tabellen fehlen die rechten Spalten.\n\n1. Bericht öffnen\n2. Als PDF exportieren',
        severity: 'p2',
        keyId: key.id,
        productVersion: '2026.1',
        operatingSystem: 'Windows 11',
      });
      await api.request.post(`/api/v1/cases/${kase.id}/comments`, { data: { body: 'Auch mit Querformat.' }, headers: origin(base) });
      await agent.request.post(`/api/v1/staff/cases/${kase.id}/comments`, {
        data: { body: 'Danke, wir können das nachstellen. Eine Korrektur folgt mit **2026.2**.', visibility: 'public' },
        headers: origin(base),
      });
      ids = { caseId: kase.id };
    } finally {
      await api.close();
      await agent.close();
    }
  });

  const PAGES = [
    { name: 'cases-list', path: () => '/cases?view=all', heading: (lang: Lang) => cIn(lang, 'list.title') },
    { name: 'cases-new', path: () => '/cases/new', heading: (lang: Lang) => cIn(lang, 'new.title') },
    { name: 'cases-case', path: () => `/cases/${ids.caseId}`, heading: () => `Berichtsexport als PDF schneidet Tabellen ab ${RUN}` },
  ];

  for (const lang of LANGS) {
    for (const width of [1280, 360]) {
      for (const pageCase of PAGES) {
        test(`${pageCase.name} (${lang}, ${width} px) has no axe violations`, async ({ browser, baseURL }) => {
          test.setTimeout(120_000);
          // As the admin, who sees every case of the account: the member's remembered view stays theirs.
          const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', width, email: 'admin@beispiel.example' });
          try {
            await page.goto(pageCase.path());
            await expect(page.getByRole('heading', { level: 1, name: pageCase.heading(lang), exact: true })).toBeVisible({ timeout: 30_000 });
            await expect(page.locator('html')).toHaveAttribute('lang', lang);
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
});
