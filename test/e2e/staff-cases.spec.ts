import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { waitForMail } from './mail-capture.js';
import { DEMO_ACCOUNT, expectNoAxeViolations, fieldLabel, LANGS, type Lang, newSession, screenshot, t } from './support.js';

/**
 * Support console → Fälle: a customer opens a case through the API, the agent finds it among the
 * unassigned cases, takes it, writes an internal note and a public reply. The customer sees the
 * reply (and gets it by mail) but never the note. German UI; screenshots in both languages.
 */

const RUN = Date.now().toString(36);
const CUSTOMER = 'member@beispiel.example';
const AGENT = { email: 'agent@portico.example', name: 'Sam Support' };
const SUBJECT = `Abfrage bricht nach Update ab ${RUN}`;
const NOTE = `Interner Hinweis ${RUN}: Kunde hat Wartung bis nächstes Jahr, Logs anfordern.`;
const REPLY = `Guten Tag, bitte senden Sie uns die Protokolldatei ${RUN}.`;

const s = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `staff-cases:${key}`, vars);

type CreatedCase = { id: string; number: string };
let created: CreatedCase | null = null;

async function post(request: APIRequestContext, baseURL: string, url: string, data: unknown) {
  const res = await request.post(url, { data, headers: { origin: new URL(baseURL).origin } });
  expect(res.ok(), `POST ${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as { data: unknown };
}

/** The member opens a Technischer Support case about her key under maintenance, as the portal's form would. */
async function openCaseAsCustomer(context: BrowserContext, baseURL: string): Promise<CreatedCase> {
  const options = await context.request.get('/api/v1/cases/form-options');
  expect(options.status()).toBe(200);
  const { data } = (await options.json()) as { data: { keys: { id: string; supportable: boolean }[] } };
  const key = data.keys.find((k) => k.supportable);
  expect(key, 'the demo member has a key under maintenance').toBeTruthy();
  const { data: kase } = (await post(context.request, baseURL, '/api/v1/cases', {
    type: 'technical',
    subject: SUBJECT,
    description: `Seit dem Update auf 2026.3 bricht jede Abfrage mit **Fehler 500** ab.\n\n- Windows 11\n- Datenquelle: PostgreSQL\n\nLauf ${RUN}`,
    severity: 'p2',
    keyId: key?.id,
    productVersion: '2026.3',
    operatingSystem: 'macOS 15.2',
  })) as { data: CreatedCase };
  return kase;
}

function timeline(page: Page, lang: Lang) {
  return page.getByRole('list', { name: s(lang, 'timeline.list') });
}

async function openQueue(page: Page, lang: Lang) {
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/cases$/);
  await expect(page.getByRole('heading', { level: 2, name: s(lang, 'title') })).toBeVisible();
}

test.describe.serial('the support console works a case', () => {
  test('the agent finds a new case among the unassigned, takes it, notes internally and replies', async ({ browser, baseURL }) => {
    const base = baseURL ?? '';
    const lang: Lang = 'de';
    const customer = await newSession(browser, { lang, baseURL: base, email: CUSTOMER });
    created = await openCaseAsCustomer(customer.context, base);
    const kase = created;

    const { context, page } = await newSession(browser, { lang, baseURL: base, email: AGENT.email });
    await openQueue(page, lang);
    const filters = page.getByRole('search', { name: s(lang, 'filters.label') });
    await filters.getByLabel(s(lang, 'filters.assigned')).selectOption({ label: s(lang, 'filters.assignedNone') });
    await expect(page).toHaveURL(/assigned=none/);
    await filters.getByLabel(s(lang, 'filters.search')).fill(RUN);
    await expect(page).toHaveURL(new RegExp(`q=${RUN}`));
    const table = page.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: SUBJECT });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(kase.number);
    await expect(row).toContainText(DEMO_ACCOUNT);
    await expect(row).toContainText(s(lang, 'severities.p2'));
    await expect(row).toContainText(s(lang, 'statuses.new'));
    await expect(row).toContainText(s(lang, 'list.unassigned'));
    // Opened a moment ago with a P2 target of four hours: the first response is due in 3 or 4 hours.
    await expect(row).toContainText(/fällig in [34] Std\./);
    await expectNoAxeViolations(page, 'staff case queue (de)');

    // The case number alone finds the case too.
    await filters.getByLabel(s(lang, 'filters.search')).fill(kase.number);
    await expect(page).toHaveURL(new RegExp(`q=${kase.number}`));
    await expect(table.getByRole('row')).toHaveCount(2);

    await row.getByRole('link', { name: new RegExp(SUBJECT) }).click();
    await expect(page).toHaveURL(new RegExp(`/console/cases/${kase.id}$`));
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(SUBJECT) })).toBeVisible();
    const facts = page.getByRole('region', { name: s(lang, 'case.facts') });
    await expect(facts).toContainText('macOS 15.2');
    await expect(facts).toContainText('Fehler 500');
    await expect(facts.locator('strong')).toHaveText('Fehler 500');
    const account = page.getByRole('region', { name: s(lang, 'account.title') });
    await expect(account).toContainText(DEMO_ACCOUNT);
    await expect(account.getByRole('list', { name: s(lang, 'account.keysTable', { account: DEMO_ACCOUNT }) }).getByRole('listitem').first()).toBeVisible();
    await expect(account).toContainText(s(lang, 'account.thisCase'));
    await expect(timeline(page, lang)).toContainText(s(lang, 'timeline.events.opened', { actor: 'Mia Mitglied' }));
    await expectNoAxeViolations(page, 'staff case page (de)');

    // Assign to me: the case moves to In Bearbeitung, the assignment is an internal event.
    const manage = page.getByRole('region', { name: s(lang, 'manage.title') });
    await manage.getByRole('button', { name: s(lang, 'manage.assignToMe') }).click();
    await expect(manage.getByRole('status')).toHaveText(s(lang, 'manage.assignedToMe'));
    await expect(manage.getByLabel(s(lang, 'manage.assignee'))).toHaveValue(/^usr_/);
    await expect(manage.getByLabel(s(lang, 'manage.assignee')).locator('option:checked')).toHaveText(AGENT.name);
    await expect(manage.getByLabel(s(lang, 'manage.status'))).toHaveValue('in_progress');
    await expect(manage.getByRole('button', { name: s(lang, 'manage.assignToMe') })).toHaveCount(0);
    await expect(timeline(page, lang).getByRole('listitem').filter({ hasText: s(lang, 'timeline.events.assignedSelf', { actor: AGENT.name }) })).toContainText(
      s(lang, 'timeline.internalEvent'),
    );

    // A colleague changes the severity meanwhile: saving the stale form answers 412, reloads, says so.
    await manage.getByLabel(s(lang, 'manage.status')).selectOption('waiting_on_customer');
    const current = await context.request.get(`/api/v1/staff/cases/${kase.id}`);
    const version = ((await current.json()) as { data: { version: number } }).data.version;
    const patched = await context.request.patch(`/api/v1/staff/cases/${kase.id}`, {
      data: { severity: 'p1' },
      headers: { origin: new URL(base).origin, 'if-match': `"${version}"` },
    });
    expect(patched.status()).toBe(200);
    await manage.getByRole('button', { name: s(lang, 'manage.save') }).click();
    await expect(manage.getByRole('alert')).toHaveText(s(lang, 'manage.stale'));
    await expect(manage.getByLabel(s(lang, 'manage.severity'))).toHaveValue('p1');
    await expect(manage.getByLabel(s(lang, 'manage.status'))).toHaveValue('in_progress');

    // An internal note: chosen explicitly, the button says so, the timeline marks it.
    const reply = page.getByRole('region', { name: s(lang, 'reply.title') });
    await expect(reply.getByRole('radio', { name: s(lang, 'reply.public') })).toBeChecked();
    await reply.getByRole('radio', { name: s(lang, 'reply.internal') }).check();
    await expect(reply.getByLabel(s(lang, 'reply.newStatus'))).toHaveCount(0);
    await reply.getByRole('textbox', { name: fieldLabel(s(lang, 'reply.bodyInternal')) }).fill(NOTE);
    await expect(reply.getByRole('button', { name: s(lang, 'reply.submitPublic') })).toHaveCount(0);
    await expectNoAxeViolations(page, 'staff case page with an internal note being written (de)');
    await screenshot(reply, 'staff-cases-internal-note-de-1280');
    await reply.getByRole('button', { name: s(lang, 'reply.submitInternal') }).click();
    await expect(reply.getByRole('status')).toHaveText(s(lang, 'reply.noted'));
    const note = timeline(page, lang).getByRole('listitem').filter({ hasText: NOTE });
    await expect(note).toContainText(s(lang, 'timeline.internal'));
    await expect(note).toHaveAttribute('data-visibility', 'internal');

    // A public reply, by default moving the case to Wartet auf Kunde.
    const since = Date.now();
    await reply.getByRole('radio', { name: s(lang, 'reply.public') }).check();
    await expect(reply.getByLabel(s(lang, 'reply.newStatus'))).toHaveValue('waiting_on_customer');
    await reply.getByRole('textbox', { name: fieldLabel(s(lang, 'reply.bodyPublic')) }).fill(REPLY);
    await reply.getByRole('button', { name: s(lang, 'reply.submitPublic') }).click();
    await expect(reply.getByRole('status')).toHaveText(s(lang, 'reply.sent'));
    const answer = timeline(page, lang).getByRole('listitem').filter({ hasText: REPLY });
    await expect(answer).toHaveAttribute('data-visibility', 'public');
    await expect(answer).not.toContainText(s(lang, 'timeline.internal'));
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(SUBJECT) }).locator('..')).toContainText(s(lang, 'statuses.waiting_on_customer'));
    await expect(manage).toContainText(s(lang, 'response.met'));

    // The customer sees the reply, never the note, and gets the reply by mail.
    const comments = await customer.context.request.get(`/api/v1/cases/${kase.id}/comments`);
    expect(comments.status()).toBe(200);
    const seen = JSON.stringify(await comments.json());
    expect(seen).toContain(REPLY);
    expect(seen).not.toContain(NOTE);
    expect(seen).not.toContain('"internal"');
    const mine = await customer.context.request.get(`/api/v1/cases/${kase.id}`);
    expect(((await mine.json()) as { data: { status: string } }).data.status).toBe('waiting_on_customer');
    const mail = await waitForMail(CUSTOMER, { since, contains: REPLY });
    expect(mail.subject).toContain(kase.number);
    expect(mail.text).not.toContain(NOTE);
    const mailDir = process.env.PORTICO_E2E_MAIL_DIR ?? '';
    for (const file of fs.readdirSync(mailDir)) expect(fs.readFileSync(path.join(mailDir, file), 'utf8')).not.toContain(`Interner Hinweis ${RUN}`);

    await customer.context.close();
    await context.close();
  });

  test('the case page reads well in dark mode', async ({ browser, baseURL }) => {
    test.skip(!created, 'needs the case from the first test');
    const kase = created as CreatedCase;
    const lang: Lang = 'de';
    const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: AGENT.email, colorScheme: 'dark' });
    await page.goto(`/console/cases/${kase.id}`);
    await expect(timeline(page, lang).getByRole('listitem').filter({ hasText: NOTE })).toContainText(s(lang, 'timeline.internal'));
    await page.getByRole('region', { name: s(lang, 'reply.title') }).getByRole('radio', { name: s(lang, 'reply.internal') }).check();
    await expectNoAxeViolations(page, 'staff case page (de, dark)');
    // A full-page capture taken while scrolled down paints the sticky header mid-page.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await screenshot(page, 'staff-cases-case-de-1280-dark');
    await context.close();
  });

  for (const lang of LANGS) {
    for (const width of [360, 1280]) {
      test(`queue and case read well at ${width} px in ${lang}`, async ({ browser, baseURL }) => {
        test.skip(!created, 'needs the case from the first test');
        const kase = created as CreatedCase;
        const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: AGENT.email, width });
        await openQueue(page, lang);
        const list = page.getByRole(width < 600 ? 'list' : 'region', { name: s(lang, 'list.table') });
        await expect(list.getByRole('link', { name: new RegExp(SUBJECT) })).toBeVisible();
        await expectNoAxeViolations(page, `staff case queue (${lang}, ${width} px)`);
        await screenshot(page, `staff-cases-queue-${lang}-${width}`);

        await list.getByRole('link', { name: new RegExp(SUBJECT) }).click();
        await expect(page).toHaveURL(new RegExp(`/console/cases/${kase.id}$`));
        await expect(timeline(page, lang).getByRole('listitem').filter({ hasText: NOTE })).toContainText(s(lang, 'timeline.internal'));
        await expect(page.getByRole('region', { name: s(lang, 'account.title') }).getByRole('listitem').first()).toBeVisible();
        await expectNoAxeViolations(page, `staff case page (${lang}, ${width} px)`);
        await screenshot(page, `staff-cases-case-${lang}-${width}`);

        // Back returns to the queue as it was left.
        await page.getByRole('link', { name: s(lang, 'case.back') }).click();
        await expect(page).toHaveURL(/\/console\/cases$/);
        await context.close();
      });
    }
  }
});
