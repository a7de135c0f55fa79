import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIRequestContext, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, fieldLabel, LANGS, type Lang, newSession, screenshot as fullPageShot, t } from './support.js';

// Dateien hochladen, in German: a member adds a large log file to her case, the page is reloaded
// while it is on its way, she chooses the file again and the upload continues where the server
// had it; the checksum shown is the file's. Support finds the file in the console and downloads
// the same bytes; a file support marks internal never reaches the member. A new case takes files
// chosen while it is written.

const RUN = Date.now().toString(36).slice(-6);
const MEMBER = { email: 'member@beispiel.example', name: 'Mia Mitglied' };
const AGENT = { email: 'agent@portico.example', name: 'Sam Support' };
const BIG_NAME = `support-dump-${RUN}.bin`;
const INTERNAL_NAME = `interne-analyse-${RUN}.txt`;
/** Two PATCH requests at the app's chunk size for it (32 MiB), small enough for CI. */
const BIG_SIZE = 40 * 1024 * 1024;

const f = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `files:${key}`, vars);
const c = (key: string, vars: Record<string, string> = {}) => t('de', `cases:${key}`, vars);
const s = (key: string, vars: Record<string, string> = {}) => t('de', `staff-cases:${key}`, vars);

type CreatedCase = { id: string; number: string };
type ApiAttachment = { id: string; fileName: string; sha256: string; size: number; visibility: string };

let dir = '';
let bigPath = '';
let bigSha = '';
let internalPath = '';
let kase: CreatedCase | null = null;

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const origin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-uploads-'));
  bigPath = path.join(dir, BIG_NAME);
  const fd = fs.openSync(bigPath, 'w');
  for (let written = 0; written < BIG_SIZE; written += 4 * 1024 * 1024) fs.writeSync(fd, randomBytes(4 * 1024 * 1024));
  fs.closeSync(fd);
  bigSha = sha256(bigPath);
  internalPath = path.join(dir, INTERNAL_NAME);
  fs.writeFileSync(internalPath, `Analyse des Supports ${RUN}: Speicherleck im Abfragemodul, nicht für den Kunden.\n`);
});

test.afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openCase(context: BrowserContext, baseURL: string, subject: string): Promise<CreatedCase> {
  const options = await context.request.get('/api/v1/cases/form-options');
  expect(options.status()).toBe(200);
  const { data } = (await options.json()) as { data: { keys: { id: string; supportable: boolean }[] } };
  const key = data.keys.find((k) => k.supportable);
  expect(key, 'the demo member has a key under maintenance').toBeTruthy();
  const res = await context.request.post('/api/v1/cases', {
    data: { type: 'technical', subject, description: `Der Export bricht ab; Speicherabzug folgt. Lauf ${RUN}`, severity: 'p3', keyId: key?.id },
    headers: origin(baseURL),
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { data: CreatedCase }).data;
}

async function attachmentsVia(request: APIRequestContext, url: string): Promise<ApiAttachment[]> {
  const res = await request.get(url);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { data: ApiAttachment[] }).data;
}

function filesSection(page: Page, lang: Lang): Locator {
  return page.getByRole('region', { name: f(lang, 'section.title'), exact: true });
}

function attachment(page: Page, lang: Lang, name: string): Locator {
  return filesSection(page, lang).getByRole('list', { name: f(lang, 'list.label') }).getByRole('listitem').filter({ hasText: name });
}

function uploadRow(page: Page, lang: Lang, name: string): Locator {
  return filesSection(page, lang).getByRole('list', { name: f(lang, 'upload.uploads') }).getByRole('listitem').filter({ hasText: name });
}

/** Chooses files through the button's file dialog, as a person does. */
async function chooseFiles(page: Page, button: Locator, files: string[]) {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(files);
}

/** A full-page capture from the top with nothing focused (else the sticky header and the skip link paint mid-page). */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await fullPageShot(page, name);
}

const isPatch = (method: string, url: string) => method === 'PATCH' && new URL(url).pathname.startsWith('/api/v1/uploads/');

test.describe.serial('Dateien hochladen', () => {
  test('a member uploads a large file, the page is reloaded mid-way, she resumes and sees the file’s SHA-256', async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const base = baseURL ?? '';
    const lang: Lang = 'de';
    const { context, page } = await newSession(browser, { lang, baseURL: base, email: MEMBER.email });
    kase = await openCase(context, base, `Export bricht ab, Speicherabzug ${RUN}`);

    await page.goto(`/cases/${kase.id}`);
    const section = filesSection(page, lang);
    await expect(section.getByText(f(lang, 'section.empty'))).toBeVisible();
    await expect(section.getByRole('heading', { name: f(lang, 'upload.title') })).toBeVisible();

    // The first PATCH goes through; the second is held (never answered), so the upload stands
    // still at exactly one chunk — what a slow line would show when the reload comes.
    let patches = 0;
    let holding = true;
    let held!: () => void;
    const secondHeld = new Promise<void>((resolve) => {
      held = resolve;
    });
    await page.route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() !== 'PATCH' || !holding) return route.fallback();
      patches += 1;
      if (patches === 1) return route.continue();
      // Not answered and never let go (unrouting would send it on): the reload cancels it.
      held();
    });
    // A 16 MB/s line: the first chunk takes two seconds, long enough for a speed and a time left.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 16 * 1024 * 1024 });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });

    const firstPatch = page.waitForResponse((res) => isPatch(res.request().method(), res.url()));
    await chooseFiles(page, section.getByRole('button', { name: f(lang, 'upload.choose') }), [bigPath]);
    const first = await firstPatch;
    expect(first.status()).toBe(204);
    const offset = Number(first.headers()['upload-offset']);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(BIG_SIZE);
    await secondHeld;

    const row = uploadRow(page, lang, BIG_NAME);
    const bar = row.getByRole('progressbar', { name: f(lang, 'row.progress', { name: BIG_NAME }) });
    await expect(bar).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/);
    await expect(row.getByRole('button', { name: f(lang, 'row.pauseFile', { name: BIG_NAME }) })).toBeVisible();
    await expect(row.getByRole('button', { name: f(lang, 'row.cancelFile', { name: BIG_NAME }) })).toBeVisible();
    await expect(row).toContainText(/\/s/);
    await expect(row).toContainText(f(lang, 'row.timeLeft', { time: '' }).trim());
    await expectNoAxeViolations(page, 'case page with an upload in progress (de)');
    await screenshot(page, 'uploads-in-progress-de-1280');

    // Reload mid-way: the page warns first (uploads are running), then comes back without the file.
    holding = false;
    await page.reload();
    expect(dialogs).toContain('beforeunload');
    const stored = section.getByRole('region', { name: f(lang, 'resume.title') });
    await expect(stored).toContainText(BIG_NAME);
    await expect(stored).toContainText(/von/);
    await screenshot(page, 'uploads-resume-offer-de-1280');

    // Choosing the same file again continues at the server's offset: not one byte is sent twice.
    const resumed = page.waitForRequest((req) => isPatch(req.method(), req.url()));
    await chooseFiles(page, stored.getByRole('button', { name: f(lang, 'resume.chooseFile', { name: BIG_NAME }) }), [bigPath]);
    expect((await resumed).headers()['upload-offset']).toBe(String(offset));
    await expect(uploadRow(page, lang, BIG_NAME)).toContainText(f(lang, 'row.done'), { timeout: 120_000 });
    await expect(uploadRow(page, lang, BIG_NAME).getByTestId('sha256')).toHaveText(bigSha);
    await expect(section.getByRole('status')).toHaveText(f(lang, 'live.done', { name: BIG_NAME }));
    await expect(stored).toHaveCount(0);

    // The list shows the file with its checksum; the case has exactly one attachment.
    await expect(attachment(page, lang, BIG_NAME).getByTestId('sha256')).toHaveText(bigSha);
    await expect(attachment(page, lang, BIG_NAME).getByRole('link', { name: f(lang, 'list.downloadFile', { name: BIG_NAME }) })).toBeVisible();
    await expect(attachment(page, lang, BIG_NAME)).toContainText(MEMBER.name);
    const listed = await attachmentsVia(context.request, `/api/v1/cases/${kase.id}/attachments`);
    expect(listed.map((a) => [a.fileName, a.sha256, a.size])).toEqual([[BIG_NAME, bigSha, BIG_SIZE]]);
    await expect(page.getByText(c('timeline.events.attachmentAdded', { name: MEMBER.name, file: BIG_NAME }))).toBeVisible({ timeout: 15_000 });

    await expectNoAxeViolations(page, 'case page with a finished upload (de)');
    await screenshot(page, 'uploads-done-de-1280');
    await context.close();
  });

  test('support downloads the same bytes in the console and adds an internal file the member never sees', async ({ browser, baseURL }) => {
    test.skip(!kase, 'needs the case from the first test');
    const current = kase as CreatedCase;
    const base = baseURL ?? '';
    const lang: Lang = 'de';
    const { context, page } = await newSession(browser, { lang, baseURL: base, email: AGENT.email });
    await page.goto(`/console/cases/${current.id}`);
    const section = filesSection(page, lang);
    const file = attachment(page, lang, BIG_NAME);
    await expect(file.getByTestId('sha256')).toHaveText(bigSha);

    const downloading = page.waitForEvent('download');
    await file.getByRole('link', { name: f(lang, 'list.downloadFile', { name: BIG_NAME }) }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(BIG_NAME);
    const saved = path.join(dir, `download-${RUN}.bin`);
    await download.saveAs(saved);
    expect(sha256(saved)).toBe(bigSha);

    // An internal file: chosen explicitly, marked in the list and in the timeline.
    await expect(section.getByRole('radio', { name: new RegExp(`^${f(lang, 'upload.public')}`) })).toBeChecked();
    await section.getByRole('radio', { name: new RegExp(`^${f(lang, 'upload.internal')}`) }).check();
    await chooseFiles(page, section.getByRole('button', { name: f(lang, 'upload.choose') }), [internalPath]);
    await expect(uploadRow(page, lang, INTERNAL_NAME)).toContainText(f(lang, 'row.done'));
    await expect(uploadRow(page, lang, INTERNAL_NAME).getByTestId('sha256')).toHaveText(sha256(internalPath));
    const internal = attachment(page, lang, INTERNAL_NAME);
    await expect(internal).toHaveAttribute('data-visibility', 'internal');
    await expect(internal).toContainText(f(lang, 'list.internal'));
    await expect(page.getByText(s('timeline.events.attachment_added', { actor: AGENT.name, file: INTERNAL_NAME }))).toBeVisible({ timeout: 15_000 });
    await expectNoAxeViolations(page, 'staff case page with files (de)');
    await screenshot(page, 'uploads-staff-internal-de-1280');

    // The member: the list (API and page) has the public file only; the internal one's content is 404.
    const member = await newSession(browser, { lang, baseURL: base, email: MEMBER.email });
    const theirs = await attachmentsVia(member.context.request, `/api/v1/cases/${current.id}/attachments`);
    expect(theirs.map((a) => a.fileName)).toEqual([BIG_NAME]);
    const staffList = await attachmentsVia(context.request, `/api/v1/staff/cases/${current.id}/attachments`);
    const internalId = staffList.find((a) => a.fileName === INTERNAL_NAME)?.id;
    expect(internalId).toBeTruthy();
    expect((await member.context.request.get(`/api/v1/attachments/${internalId}/content`)).status()).toBe(404);
    await member.page.goto(`/cases/${current.id}`);
    await expect(attachment(member.page, lang, BIG_NAME)).toBeVisible();
    await expect(member.page.getByText(INTERNAL_NAME)).toHaveCount(0);
    await member.context.close();
    await context.close();
  });

  test('a new case takes files chosen while it is written and uploads them once it exists', async ({ browser, baseURL }) => {
    const base = baseURL ?? '';
    const lang: Lang = 'de';
    const { context, page } = await newSession(browser, { lang, baseURL: base, email: MEMBER.email });
    const logA = path.join(dir, `rechnung-export-${RUN}.log`);
    const logB = path.join(dir, `browser-konsole-${RUN}.txt`);
    const wrong = path.join(dir, `falsche-datei-${RUN}.txt`);
    fs.writeFileSync(logA, `2026-03-01 Export gestartet\n2026-03-01 Fehler 500 ${RUN}\n`.repeat(2000));
    fs.writeFileSync(logB, `TypeError: invoice is undefined ${RUN}\n`);
    fs.writeFileSync(wrong, 'nicht diese\n');

    await page.goto('/cases/new');
    await page.getByRole('radio', { name: c('type.customer_service') }).check();
    await page.getByLabel(fieldLabel(c('fields.category'))).selectOption('invoice');
    const subject = `Rechnungsexport leer ${RUN}`;
    await page.getByLabel(fieldLabel(c('fields.subject'))).fill(subject);
    await page.getByLabel(fieldLabel(c('fields.description'))).fill('Der Export der Rechnungen liefert eine leere Datei. Protokolle anbei.');
    const picker = page.getByRole('region', { name: f(lang, 'new.title') });
    await chooseFiles(page, picker.getByRole('button', { name: f(lang, 'upload.choose') }), [logA, wrong]);
    await chooseFiles(page, picker.getByRole('button', { name: f(lang, 'upload.choose') }), [logB]);
    const chosen = picker.getByRole('list', { name: f(lang, 'new.selected') });
    await expect(chosen.getByRole('listitem')).toHaveCount(3);
    await chosen.getByRole('button', { name: f(lang, 'new.removeFile', { name: path.basename(wrong) }) }).click();
    await expect(chosen.getByRole('listitem')).toHaveCount(2);
    await expectNoAxeViolations(page, 'Fall erstellen with files (de)');
    await screenshot(page, 'uploads-new-case-de-1280');
    await page.getByRole('button', { name: c('new.submit') }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
    for (const file of [logA, logB]) {
      await expect(attachment(page, lang, path.basename(file)).getByTestId('sha256')).toHaveText(sha256(file));
    }
    await expect(page.getByText(path.basename(wrong))).toHaveCount(0);
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const listed = await attachmentsVia(context.request, `/api/v1/cases/${caseId}/attachments`);
    expect(listed.map((a) => a.fileName).sort()).toEqual([path.basename(logA), path.basename(logB)].sort());
    await context.close();
  });

  test('an upload can be paused, resumed and cancelled; a cancelled upload leaves nothing on the case', async ({ browser, baseURL }) => {
    test.skip(!kase, 'needs the case from the first test');
    const current = kase as CreatedCase;
    const base = baseURL ?? '';
    const lang: Lang = 'en';
    const { context, page } = await newSession(browser, { lang, baseURL: base, email: MEMBER.email });
    await page.goto(`/cases/${current.id}`);
    const section = filesSection(page, lang);
    // Every PATCH waits until the test lets it go, so pausing happens while bytes are on their way.
    const gates: (() => Promise<void>)[] = [];
    await page.route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      gates.push(() => route.continue());
    });
    const second = path.join(dir, `zweiter-${RUN}.bin`);
    fs.copyFileSync(bigPath, second);
    await chooseFiles(page, section.getByRole('button', { name: f(lang, 'upload.choose') }), [second]);
    const row = uploadRow(page, lang, path.basename(second));
    await expect.poll(() => gates.length).toBe(1);
    await row.getByRole('button', { name: f(lang, 'row.pauseFile', { name: path.basename(second) }) }).click();
    await expect(row).toContainText(f(lang, 'row.paused'));
    await row.getByRole('button', { name: f(lang, 'row.resumeFile', { name: path.basename(second) }) }).click();
    await expect.poll(() => gates.length).toBe(2);
    await expect(row.getByRole('button', { name: f(lang, 'row.pauseFile', { name: path.basename(second) }) })).toBeVisible();
    await page.unroute('**/api/v1/uploads/*');
    const deleted = page.waitForResponse((res) => res.request().method() === 'DELETE' && res.url().includes('/api/v1/uploads/'));
    await row.getByRole('button', { name: f(lang, 'row.cancelFile', { name: path.basename(second) }) }).click();
    expect((await deleted).status()).toBe(204);
    await expect(row).toHaveCount(0);
    const listed = await attachmentsVia(context.request, `/api/v1/cases/${current.id}/attachments`);
    expect(listed.map((a) => a.fileName)).toEqual([BIG_NAME]);
    // Nothing is left to resume after a reload either.
    await page.reload();
    await expect(attachment(page, lang, BIG_NAME)).toBeVisible();
    await expect(section.getByRole('region', { name: f(lang, 'resume.title') })).toHaveCount(0);
    await context.close();
  });

  for (const lang of LANGS) {
    for (const width of [360, 1280]) {
      test(`the files of a case read well at ${width} px in ${lang}, for the member and for support`, async ({ browser, baseURL }) => {
        test.skip(!kase, 'needs the case from the first test');
        const current = kase as CreatedCase;
        const base = baseURL ?? '';
        const member = await newSession(browser, { lang, baseURL: base, email: MEMBER.email, width });
        await member.page.goto(`/cases/${current.id}`);
        await expect(attachment(member.page, lang, BIG_NAME).getByTestId('sha256')).toHaveText(bigSha);
        await expectNoAxeViolations(member.page, `case page with files (${lang}, ${width} px)`);
        await screenshot(member.page, `uploads-case-${lang}-${width}`);
        await member.context.close();

        const agent = await newSession(browser, { lang, baseURL: base, email: AGENT.email, width });
        await agent.page.goto(`/console/cases/${current.id}`);
        await expect(attachment(agent.page, lang, INTERNAL_NAME)).toContainText(f(lang, 'list.internal'));
        await expectNoAxeViolations(agent.page, `staff case page with files (${lang}, ${width} px)`);
        await screenshot(agent.page, `uploads-staff-${lang}-${width}`);
        await agent.context.close();
      });
    }
  }
});
