import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { linkIn, waitForMail } from './mail-capture.js';
import { expectNoAxeViolations, fieldLabel, LANGS, type Lang, mainNav, newSession, screenshot, t } from './support.js';

/**
 * Rechnungen und Kontodaten (#7): an admin opens an unpaid invoice, prints it, downloads the PDF,
 * pays it through the Stripe stand-in (global-setup.ts) and finds it under Ältere Rechnungen; a
 * billing user keeps the Kontodaten current; a member without the billing flag sees no invoice.
 */
const iv = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `invoices:${key}`, vars);

const RUN = Date.now().toString(36);
const PASSWORD = 'ein langer Satz als Kennwort 7';
const origin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

type Summary = { id: string; number: string | null; status: string; overdue: boolean; amountPaid: number; total: number; balance: number; currency: string };

const euro = (minor: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
/** Intl writes a no-break space before "€"; pdftotext and innerText may give a plain one. */
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

async function unpaid(page: Page): Promise<Summary[]> {
  const res = await page.context().request.get('/api/v1/invoices?tab=unpaid');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { data: Summary[] }).data;
}

async function openList(page: Page, lang: Lang, query = '') {
  await page.goto(`/invoices${query}`);
  await expect(page.getByRole('heading', { level: 1, name: iv(lang, 'list.title') })).toBeVisible();
  const list = page.getByRole('region', { name: iv(lang, 'list.table') }).or(page.getByRole('list', { name: iv(lang, 'list.table') }));
  await expect(list.or(page.getByText(iv(lang, 'list.empty'))).filter({ visible: true }).first()).toBeVisible();
}

test('ein Admin druckt eine unbezahlte Rechnung, lädt das PDF, bezahlt sie über Stripe und findet sie unter Ältere Rechnungen', async ({ browser, baseURL }) => {
  const lang = 'de';
  const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'admin@beispiel.example' });
  // The newest open invoice nothing has been paid of (the demo's overdue and partly paid ones stay for the other tests).
  const invoice = (await unpaid(page)).find((i) => i.status === 'open' && i.amountPaid === 0 && !i.overdue);
  if (!invoice?.number) throw new Error('the demo data has an open invoice without payments');
  const number = invoice.number;

  // Unbezahlt is the default tab; the list shows the invoice with its amount in the account's currency.
  await openList(page, lang);
  const tabs = page.getByRole('navigation', { name: iv(lang, 'list.tabsLabel') });
  await expect(tabs.getByRole('link', { name: new RegExp(`^${iv(lang, 'tabs.unpaid')}`) })).toHaveAttribute('aria-current', 'page');
  const table = page.getByRole('region', { name: iv(lang, 'list.table') });
  const row = table.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText(euro(invoice.total, lang));
  // Overdue invoices stand out with the days past due.
  await expect(table.getByText(/Seit \d+ Tagen überfällig/).first()).toBeVisible();
  await expect(page.getByTestId('tab-totals')).toContainText(iv(lang, 'list.openAmount'));

  // Search by number keeps tab and term in the address.
  await page.getByLabel(iv(lang, 'list.search')).fill(number.slice(-6));
  await expect(page).toHaveURL(new RegExp(`q=${number.slice(-6)}`));
  await expect(table.getByRole('row')).toHaveCount(2);

  await row.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1, name: iv(lang, 'invoice.titleNumber', { number }) })).toBeVisible();
  const lines = page.getByRole('region', { name: iv(lang, 'invoice.linesTable') });
  await expect(lines).toContainText('Zusätzliche Plätze Edition Explorer');
  const totals = page.getByTestId('invoice-totals');
  await expect(totals).toContainText(iv(lang, 'invoice.total'));

  // Drucken opens the browser's print dialog; the print stylesheet leaves a clean A4 page.
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printed = 'yes';
    };
  });
  await page.getByRole('button', { name: iv(lang, 'invoice.print') }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await page.emulateMedia({ media: 'print' });
  await expect(mainNav(page, lang)).toBeHidden();
  await expect(page.getByRole('button', { name: iv(lang, 'invoice.pay') })).toBeHidden();
  await expect(lines).toBeVisible();
  await screenshot(page, 'invoices-print-preview-de');
  await page.emulateMedia({ media: 'screen' });

  // The PDF from the server holds the number, the lines and the total.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: iv(lang, 'invoice.pdf') }).click()]);
  expect(download.suggestedFilename()).toContain(number);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portico-pdf-')), 'rechnung.pdf');
  await download.saveAs(file);
  const text = spaces(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  expect(text).toContain(number);
  expect(text).toContain('Zusätzliche Plätze Edition Explorer');
  expect(text).toContain(spaces(euro(invoice.total, lang)));

  // Bezahlen: to the (stand-in) Stripe Checkout, pay, and back to a paid invoice.
  await page.getByRole('button', { name: iv(lang, 'invoice.pay') }).click();
  await expect(page.getByRole('heading', { name: 'Stripe Checkout (Test)' })).toBeVisible();
  await expect(page.getByTestId('amount')).toHaveText(euro(invoice.total, lang));
  await page.getByRole('button', { name: 'Bezahlen' }).click();
  await page.waitForURL(new RegExp(`/invoices/${invoice.id}\\?payment=success`));
  await expect(page.getByTestId('payment-state')).toContainText(iv(lang, 'payment.received'));
  await expect(page.getByRole('button', { name: iv(lang, 'invoice.pay') })).toHaveCount(0);
  await expect(page.getByRole('region', { name: iv(lang, 'invoice.paymentsTable') })).toContainText(iv(lang, 'invoice.provider.stripe'));
  await screenshot(page, 'invoices-paid-de');

  // It left Unbezahlt for Ältere Rechnungen.
  await page.getByRole('link', { name: iv(lang, 'invoice.back') }).click();
  await expect(page.getByRole('region', { name: iv(lang, 'list.table') })).not.toContainText(number);
  await page.getByRole('navigation', { name: iv(lang, 'list.tabsLabel') }).getByRole('link', { name: new RegExp(`^${iv(lang, 'tabs.older')}`) }).click();
  await expect(page).toHaveURL(/tab=older/);
  const older = page.getByRole('region', { name: iv(lang, 'list.table') }).getByRole('row').filter({ hasText: number });
  await expect(older).toContainText(iv(lang, 'status.paid'));
  await context.close();
});

/** A new user of Beispiel Analytics GmbH with the billing flag only (not an admin), signed in. */
async function freshBillingUser(browser: Browser, lang: Lang, baseURL: string) {
  const admin = await newSession(browser, { lang, baseURL, email: 'admin@beispiel.example' });
  const email = `buchhaltung-${RUN}@beispiel.example`;
  const name = 'Bea Buchhaltung';
  const since = Date.now();
  const invited = await admin.context.request.post('/api/v1/account/users', {
    headers: origin(baseURL),
    data: { email, name, role: 'member', caseAdmin: false, billing: true, downloads: false, keyGroupIds: [], locale: lang },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  await admin.context.close();
  const mail = await waitForMail(email, { since, contains: '/invitation/' });
  const token = linkIn(mail, `${baseURL}/invitation/`).split('/').at(-1) ?? '';
  const session = await newSession(browser, { lang, baseURL });
  const accepted = await session.context.request.post(`/api/v1/invitations/${token}`, { headers: origin(baseURL), data: { name, password: PASSWORD } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  return session;
}

test('ein Benutzer mit Rechnungsberechtigung ändert die Rechnungsadresse', async ({ browser, baseURL }) => {
  const lang = 'de';
  const base = baseURL ?? '';
  const { context, page } = await freshBillingUser(browser, lang, base);
  await page.goto('/account');
  // A member with the billing flag reads the invoices and keeps the Kontodaten.
  await expect(mainNav(page, lang).getByRole('link', { name: t(lang, 'nav.invoices') })).toBeVisible();
  await page.getByRole('navigation', { name: t(lang, 'account.sections') }).getByRole('link', { name: t(lang, 'account.tabs.billing') }).click();
  await expect(page).toHaveURL(/\/account\/billing$/);
  const form = page.getByRole('form', { name: iv(lang, 'billing.title') });
  const billing = form.getByRole('group', { name: iv(lang, 'billing.billingAddress') });
  const street = billing.getByLabel(fieldLabel(iv(lang, 'billing.line1')));
  await expect(street).toHaveValue(/\S/);

  // A VAT id that does not fit its country's format is refused at its field.
  const vat = form.getByLabel(fieldLabel(iv(lang, 'billing.vatId')));
  const vatBefore = await vat.inputValue();
  await vat.fill('DE12');
  await form.getByRole('button', { name: iv(lang, 'billing.save') }).click();
  await expect(form.getByText(iv(lang, 'errors.vatFormat'))).toBeVisible();
  await vat.fill(vatBefore);

  const newStreet = `Rechnungsweg ${RUN}`;
  await street.fill(newStreet);
  await form.getByRole('button', { name: iv(lang, 'billing.save') }).click();
  await expect(page.getByRole('status').filter({ hasText: iv(lang, 'billing.saved') })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: iv(lang, 'billing.title') }).getByRole('group', { name: iv(lang, 'billing.billingAddress') }).getByLabel(fieldLabel(iv(lang, 'billing.line1')))).toHaveValue(newStreet);

  // Someone else saves in between: the form says so and loads their version on request.
  const current = await context.request.get('/api/v1/account');
  const version = ((await current.json()) as { data: { version: number } }).data.version;
  const other = await context.request.patch('/api/v1/account', { headers: { ...origin(base), 'if-match': `"${version}"` }, data: { poReference: `PO-${RUN}` } });
  expect(other.status(), await other.text()).toBe(200);
  const form2 = page.getByRole('form', { name: iv(lang, 'billing.title') });
  await form2.getByLabel(fieldLabel(iv(lang, 'billing.contactName'))).fill('Bea Buchhaltung');
  await form2.getByRole('button', { name: iv(lang, 'billing.save') }).click();
  await expect(form2.getByText(iv(lang, 'billing.conflict'))).toBeVisible();
  await form2.getByRole('button', { name: iv(lang, 'billing.reload') }).click();
  await expect(form2.getByLabel(fieldLabel(iv(lang, 'billing.poReference')))).toHaveValue(`PO-${RUN}`);
  await context.close();
});

test('ein Mitglied ohne Rechnungsberechtigung sieht keine Rechnungen', async ({ browser, baseURL }) => {
  const lang = 'de';
  const admin = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'admin@beispiel.example' });
  const someInvoice = (await unpaid(admin.page))[0];
  await admin.context.close();
  if (!someInvoice) throw new Error('the demo account has unpaid invoices');

  const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'member@beispiel.example' });
  await page.goto('/');
  await expect(mainNav(page, lang).getByRole('link', { name: t(lang, 'nav.cases') })).toBeVisible();
  await expect(mainNav(page, lang).getByRole('link', { name: t(lang, 'nav.invoices') })).toHaveCount(0);
  for (const url of ['/invoices', `/invoices/${someInvoice.id}`, '/account/billing']) {
    await page.goto(url);
    await expect(page.getByRole('heading', { name: t(lang, 'notFound.title') })).toBeVisible();
    await expect(page.getByText(someInvoice.number ?? '-')).toHaveCount(0);
  }
  await page.goto('/account');
  await expect(page.getByRole('link', { name: t(lang, 'account.tabs.billing') })).toHaveCount(0);
  expect((await context.request.get('/api/v1/invoices')).status()).toBe(403);
  expect((await context.request.get(`/api/v1/invoices/${someInvoice.id}/pdf`)).status()).toBe(403);
  await context.close();
});

for (const lang of LANGS) {
  for (const width of [360, 1280]) {
    test(`Rechnungen und Kontodaten sind zugänglich (${lang}, ${width} px)`, async ({ browser, baseURL }) => {
      // Four pages, each checked by axe and photographed whole: slow on a small machine.
      test.setTimeout(150_000);
      const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'admin@beispiel.example', width });
      const overdue = (await unpaid(page)).find((i) => i.overdue);
      if (!overdue) throw new Error('the demo data has an overdue invoice');

      await openList(page, lang);
      await expectNoAxeViolations(page, `invoices ${lang} ${width}`);
      await screenshot(page, `invoices-list-${lang}-${width}`);

      await openList(page, lang, '?tab=upcoming');
      await expect(page.getByRole('link', { name: new RegExp(iv(lang, 'list.plannedFor', { date: '.+' })) }).first()).toBeVisible();
      await expectNoAxeViolations(page, `invoices upcoming ${lang} ${width}`);
      await screenshot(page, `invoices-upcoming-${lang}-${width}`);

      await page.goto(`/invoices/${overdue.id}`);
      await expect(page.getByRole('heading', { level: 1, name: iv(lang, 'invoice.titleNumber', { number: overdue.number ?? '' }) })).toBeVisible();
      await expectNoAxeViolations(page, `invoice ${lang} ${width}`);
      await screenshot(page, `invoice-${lang}-${width}`);
      // Keyboard: the actions are reachable with Tab.
      await page.getByRole('link', { name: iv(lang, 'invoice.back') }).focus();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: iv(lang, 'invoice.pay') })).toBeFocused();

      await page.goto('/account/billing');
      await expect(page.getByRole('heading', { level: 2, name: iv(lang, 'billing.title') })).toBeVisible();
      await expectNoAxeViolations(page, `billing ${lang} ${width}`);
      await screenshot(page, `account-billing-${lang}-${width}`);
      await context.close();
    });
  }
}
