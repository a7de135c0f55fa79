
import { type Browser, expect, type Page, test } from '@playwright/test';
import { waitForMail } from './mail-capture.js';
import { DEMO_ACCOUNT, expectNoAxeViolations, fieldLabel, type Lang, newSession, screenshot, t } from './support.js';

/**
 * The console's Rechnungen: the staff admin writes a draft with two lines for the demo account,
 * issues it (the billing contact gets the mail with the PDF link), books a partial bank transfer
 * and then the rest; voids another invoice; an agent without the billing role sees no Rechnungen.
 */
const s = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `staff-invoices:${key}`, vars);
const RUN = Date.now().toString(36);
const STAFF = 'staff-admin@portico.example';
const BILLING_CONTACT = 'admin@beispiel.example';
const eur = (major: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(major);

function consoleNav(page: Page, lang: Lang) {
  return page.getByRole('navigation', { name: t(lang, 'console.sections') });
}

async function openInvoices(browser: Browser, lang: Lang, baseURL: string, width = 1280) {
  const session = await newSession(browser, { lang, baseURL, email: STAFF, width });
  await session.page.goto('/console');
  await consoleNav(session.page, lang).getByRole('link', { name: t(lang, 'console:invoicesNav') }).click();
  await expect(session.page).toHaveURL(/\/console\/invoices$/);
  await expect(session.page.getByRole('heading', { level: 2, name: s(lang, 'title') })).toBeVisible();
  return session;
}

/** The demo account's id and an issued invoice of 100 € for it, written through the API. */
async function issuedInvoiceViaApi(page: Page, baseURL: string, description: string): Promise<{ id: string; number: string }> {
  const origin = { origin: new URL(baseURL).origin };
  const accounts = (await (await page.request.get('/api/v1/staff/accounts?q=Beispiel')).json()) as { data: { id: string; name: string }[] };
  const account = accounts.data.find((a) => a.name === DEMO_ACCOUNT);
  if (!account) throw new Error('no demo account');
  const created = await page.request.post('/api/v1/staff/invoices', {
    headers: origin,
    data: { accountId: account.id, currency: 'EUR', lines: [{ description, quantity: 1, unitAmount: 10_000, taxRateBp: 1900 }] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const draft = ((await created.json()) as { data: { id: string; version: number } }).data;
  const issued = await page.request.post(`/api/v1/staff/invoices/${draft.id}/issue`, { headers: { ...origin, 'if-match': `"${draft.version}"` } });
  expect(issued.status(), await issued.text()).toBe(200);
  return { id: draft.id, number: ((await issued.json()) as { data: { number: string } }).data.number };
}

test('a new invoice takes the chosen account\'s currency and language, except what the form chose itself', async ({ browser, baseURL }) => {
  const lang = 'en';
  const base = baseURL ?? '';
  const { context, page } = await openInvoices(browser, lang, base);
  try {
    const name = `Helvetia Analytics ${RUN}`;
    const created = await page.request.post('/api/v1/staff/accounts', {
      headers: { origin: new URL(base).origin },
      data: { name, currency: 'CHF', locale: 'en', admin: { email: `admin-${RUN}@helvetia.example`, name: 'Heidi Admin' } },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.getByRole('link', { name: s(lang, 'new') }).click();
    const account = page.getByRole('combobox', { name: fieldLabel(s(lang, 'form.account')) });
    const currency = page.getByLabel(s(lang, 'form.currency'), { exact: true });
    const language = page.getByLabel(s(lang, 'form.language'), { exact: true });
    await expect(currency).toHaveValue('EUR');
    // (The list also keeps the account chosen before, so pick by name.)
    const pick = async (text: string) => {
      await account.fill(text);
      await page.getByRole('listbox').getByRole('option', { name: new RegExp(`^${text} \\(`) }).click();
      await expect(account).toHaveValue(new RegExp(`^${text} \\(`));
    };
    await pick(name);
    await expect(currency).toHaveValue('CHF');
    await expect(language).toHaveValue('en');
    const line1 = page.getByRole('group', { name: s(lang, 'form.line', { n: '1' }) });
    await expect(line1.getByLabel(fieldLabel(s(lang, 'form.unitAmount', { currency: 'CHF' })))).toBeVisible();
    // Chosen here first, the currency stays when another account is picked; the language follows it.
    await currency.selectOption('USD');
    await pick(DEMO_ACCOUNT);
    await expect(currency).toHaveValue('USD');
    await expect(language).toHaveValue('de');
  } finally {
    await context.close();
  }
});

test('billing staff write a draft with two lines, issue it, and book a partial then the full bank transfer', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const lang = 'de';
  const base = baseURL ?? '';
  const { context, page } = await openInvoices(browser, lang, base);
  try {
    await expect(page.getByRole('list', { name: s(lang, 'list.table') }).or(page.getByRole('region', { name: s(lang, 'list.table') }))).toBeVisible();
    await page.getByRole('link', { name: s(lang, 'new') }).click();
    await expect(page.getByRole('heading', { level: 2, name: s(lang, 'form.newTitle') })).toBeVisible();

    // Nothing chosen: the form says what is missing and sends nothing.
    await page.getByRole('button', { name: s(lang, 'form.save') }).click();
    await expect(page.getByText(s(lang, 'form.accountRequired'))).toBeVisible();
    await expect(page.getByText(s(lang, 'form.descriptionRequired'))).toBeVisible();

    const account = page.getByRole('combobox', { name: fieldLabel(s(lang, 'form.account')) });
    await account.fill('Beispiel');
    const options = page.getByRole('listbox').getByRole('option');
    await expect(options).toHaveCount(1);
    await account.press('ArrowDown');
    await account.press('Enter');
    await expect(account).toHaveValue(new RegExp(`^${DEMO_ACCOUNT} \\(`));

    const line1 = page.getByRole('group', { name: s(lang, 'form.line', { n: '1' }) });
    await line1.getByLabel(s(lang, 'form.product')).selectOption({ label: 'Beispiel Analytics Desktop' });
    await line1.getByLabel(fieldLabel(s(lang, 'form.description'))).fill(`Wartung 2026 ${RUN}`);
    await line1.getByLabel(s(lang, 'form.periodStart')).fill('2026-01-01');
    await line1.getByLabel(s(lang, 'form.periodEnd')).fill('2026-12-31');
    await line1.getByLabel(fieldLabel(s(lang, 'form.quantity'))).fill('2');
    await line1.getByLabel(fieldLabel(s(lang, 'form.unitAmount', { currency: 'EUR' }))).fill('1.200,00');
    await page.getByRole('button', { name: s(lang, 'form.addLine') }).click();
    const line2 = page.getByRole('group', { name: s(lang, 'form.line', { n: '2' }) });
    await line2.getByLabel(fieldLabel(s(lang, 'form.description'))).fill('Einrichtung vor Ort');
    await line2.getByLabel(fieldLabel(s(lang, 'form.unitAmount', { currency: 'EUR' }))).fill('350');
    await line2.getByLabel(fieldLabel(s(lang, 'form.taxRate'))).fill('7');

    // Live totals: 2 × 1.200 + 350 = 2.750 net; 456 + 24,50 tax.
    const totals = page.getByTestId('invoice-totals');
    await expect(totals).toContainText(eur(2750));
    await expect(totals).toContainText(eur(480.5));
    await expect(totals).toContainText(eur(3230.5));
    await screenshot(page, 'staff-invoices-form-de-1280');
    await expectNoAxeViolations(page, 'new invoice form (de, 1280 px)');

    await page.getByRole('button', { name: s(lang, 'form.save') }).click();
    await expect(page.getByRole('heading', { level: 2, name: s(lang, 'invoice.draftHeading', { account: DEMO_ACCOUNT }) })).toBeVisible();
    await expect(page.getByTestId('invoice-status').first()).toHaveText(s(lang, 'statuses.draft'));
    await expect(page.getByRole('region', { name: s(lang, 'invoice.linesTable') })).toContainText(`Wartung 2026 ${RUN}`);
    // A draft is neither payable nor voidable.
    await expect(page.getByRole('button', { name: s(lang, 'actions.payment') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: s(lang, 'actions.void') })).toHaveCount(0);
    await expectNoAxeViolations(page, 'draft invoice page (de, 1280 px)');

    // Issue: the confirm dialog, then the number.
    const since = Date.now();
    await page.getByRole('button', { name: s(lang, 'actions.issue') }).click();
    const issueDialog = page.getByRole('dialog', { name: s(lang, 'actions.issueTitle') });
    await expect(issueDialog).toContainText(eur(3230.5));
    await screenshot(page, 'staff-invoices-issue-dialog-de-1280', { viewport: true });
    await issueDialog.getByRole('button', { name: s(lang, 'actions.issue') }).click();
    const heading = page.getByRole('heading', { level: 2, name: /^Rechnung INV-\d{4}-\d+$/ });
    await expect(heading).toBeVisible();
    const number = ((await heading.textContent()) ?? '').replace('Rechnung ', '');
    await expect(page.getByRole('status').filter({ hasText: s(lang, 'actions.issued', { number }) })).toBeVisible();
    await expect(page.getByTestId('invoice-status').first()).toHaveText(s(lang, 'statuses.open'));
    await expect(page.getByRole('button', { name: s(lang, 'actions.edit') })).toHaveCount(0);

    // The billing contact's mail names the number and links the PDF.
    const mail = await waitForMail(BILLING_CONTACT, { since, contains: number });
    expect(mail.subject).toContain(number);
    expect(mail.text).toMatch(/\/api\/v1\/invoices\/[^\s]+\/pdf/);

    // The PDF as the customer gets it.
    const pdfHref = await page.getByRole('link', { name: s(lang, 'actions.pdf') }).getAttribute('href');
    const pdf = await page.request.get(pdfHref ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    // A partial bank transfer leaves a balance.
    await page.getByRole('button', { name: s(lang, 'actions.payment') }).click();
    let payDialog = page.getByRole('dialog', { name: s(lang, 'actions.paymentTitle') });
    await payDialog.getByLabel(fieldLabel(s(lang, 'actions.paymentAmount', { currency: 'EUR' }))).fill('5000');
    await payDialog.getByLabel(fieldLabel(s(lang, 'actions.paymentReference'))).fill(`KTO-${RUN}-1`);
    await payDialog.getByRole('button', { name: s(lang, 'actions.paymentSubmit') }).click();
    // More than the balance: refused in the form.
    await expect(payDialog.getByText(s(lang, 'actions.paymentAmountInvalid'))).toBeVisible();
    await payDialog.getByLabel(fieldLabel(s(lang, 'actions.paymentAmount', { currency: 'EUR' }))).fill('1.000');
    await screenshot(page, 'staff-invoices-payment-dialog-de-1280', { viewport: true });
    await expectNoAxeViolations(page, 'payment dialog (de, 1280 px)');
    await payDialog.getByRole('button', { name: s(lang, 'actions.paymentSubmit') }).click();
    await expect(payDialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: s(lang, 'actions.paymentDone', { amount: eur(1000), balance: eur(2230.5) }) })).toBeVisible();
    await expect(page.getByRole('region', { name: s(lang, 'invoice.paymentsTable') })).toContainText(`KTO-${RUN}-1`);

    // The same statement reference again is refused readably.
    await page.getByRole('button', { name: s(lang, 'actions.payment') }).click();
    payDialog = page.getByRole('dialog', { name: s(lang, 'actions.paymentTitle') });
    await payDialog.getByLabel(fieldLabel(s(lang, 'actions.paymentAmount', { currency: 'EUR' }))).fill('10');
    await payDialog.getByLabel(fieldLabel(s(lang, 'actions.paymentReference'))).fill(`KTO-${RUN}-1`);
    await payDialog.getByRole('button', { name: s(lang, 'actions.paymentSubmit') }).click();
    await expect(payDialog.getByRole('alert')).toHaveText(s(lang, 'errors.duplicateReference'));

    // The rest: paid.
    await payDialog.getByLabel(fieldLabel(s(lang, 'actions.paymentAmount', { currency: 'EUR' }))).fill('2.230,50');
    await payDialog.getByLabel(fieldLabel(s(lang, 'actions.paymentReference'))).fill(`KTO-${RUN}-2`);
    await payDialog.getByRole('button', { name: s(lang, 'actions.paymentSubmit') }).click();
    await expect(page.getByRole('status').filter({ hasText: s(lang, 'actions.paymentDonePaid', { amount: eur(2230.5), number }) })).toBeVisible();
    await expect(page.getByTestId('invoice-status').first()).toHaveText(s(lang, 'statuses.paid'));
    await expect(page.getByRole('button', { name: s(lang, 'actions.payment') })).toHaveCount(0);
    await expect(page.getByRole('button', { name: s(lang, 'actions.void') })).toHaveCount(0);
    await screenshot(page, 'staff-invoices-paid-de-1280');
    await expectNoAxeViolations(page, 'paid invoice page (de, 1280 px)');

    // The list finds it by number.
    await page.getByRole('link', { name: s(lang, 'invoice.back') }).click();
    await page.getByLabel(s(lang, 'filters.search')).fill(number);
    const list = page.getByRole('region', { name: s(lang, 'list.table') });
    await expect(list.locator('tbody tr')).toHaveCount(1);
    await expect(list).toContainText(eur(3230.5));
    await screenshot(page, 'staff-invoices-list-de-1280');
    await expectNoAxeViolations(page, 'console invoice list (de, 1280 px)');
  } finally {
    await context.close();
  }
});

test('billing staff void an issued invoice nothing was paid of', async ({ browser, baseURL }) => {
  const lang = 'de';
  const base = baseURL ?? '';
  const { context, page } = await openInvoices(browser, lang, base);
  try {
    const inv = await issuedInvoiceViaApi(page, base, `Storno-Test ${RUN}`);
    await page.goto(`/console/invoices/${inv.id}`);
    await expect(page.getByRole('heading', { level: 2, name: s(lang, 'invoice.heading', { number: inv.number }) })).toBeVisible();
    await page.getByRole('button', { name: s(lang, 'actions.void') }).click();
    const dialog = page.getByRole('dialog', { name: s(lang, 'actions.voidTitle') });
    await dialog.getByRole('button', { name: s(lang, 'actions.void') }).click();
    await expect(dialog.getByText(s(lang, 'actions.voidReasonRequired'))).toBeVisible();
    await dialog.getByLabel(fieldLabel(s(lang, 'actions.voidReason'))).fill('Doppelt gestellt');
    await dialog.getByRole('button', { name: s(lang, 'actions.void') }).click();
    await expect(page.getByRole('status').filter({ hasText: s(lang, 'actions.voided', { number: inv.number }) })).toBeVisible();
    // The dialog fades out: until it has gone, its text area still holds the reason too.
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('invoice-status').first()).toHaveText(s(lang, 'statuses.void'));
    await expect(page.getByText('Doppelt gestellt')).toBeVisible();
    await expect(page.getByRole('button', { name: s(lang, 'actions.payment') })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('an agent without the billing role sees no Rechnungen in the console', async ({ browser, baseURL }) => {
  const lang = 'de';
  const { context, page } = await newSession(browser, { lang, baseURL: baseURL ?? '', email: 'agent@portico.example' });
  try {
    await page.goto('/console');
    await expect(consoleNav(page, lang).getByRole('link').first()).toBeVisible();
    await expect(consoleNav(page, lang).getByRole('link', { name: t(lang, 'console:invoicesNav') })).toHaveCount(0);
    await page.goto('/console/invoices');
    await expect(page.getByRole('heading', { name: t(lang, 'notFound.title') })).toBeVisible();
    expect((await context.request.get('/api/v1/staff/invoices')).status()).toBe(403);
  } finally {
    await context.close();
  }
});

test('the console invoice pages at 360 px have no axe violations', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const lang = 'de';
  const base = baseURL ?? '';
  const { context, page } = await openInvoices(browser, lang, base, 360);
  try {
    await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
    await screenshot(page, 'staff-invoices-list-de-360');
    await expectNoAxeViolations(page, 'console invoice list (de, 360 px)');
    const inv = await issuedInvoiceViaApi(page, base, `Schmal ${RUN}`);
    await page.goto(`/console/invoices/${inv.id}`);
    await expect(page.getByRole('heading', { level: 2, name: s(lang, 'invoice.heading', { number: inv.number }) })).toBeVisible();
    await screenshot(page, 'staff-invoices-invoice-de-360');
    await expectNoAxeViolations(page, 'console invoice page (de, 360 px)');
    await page.getByRole('button', { name: s(lang, 'actions.payment') }).click();
    await expect(page.getByRole('dialog', { name: s(lang, 'actions.paymentTitle') })).toBeVisible();
    await screenshot(page, 'staff-invoices-payment-dialog-de-360', { viewport: true });
    await expectNoAxeViolations(page, 'payment dialog (de, 360 px)');
    await page.goto('/console/invoices/new');
    await expect(page.getByRole('heading', { level: 2, name: s(lang, 'form.newTitle') })).toBeVisible();
    await screenshot(page, 'staff-invoices-form-de-360');
    await expectNoAxeViolations(page, 'new invoice form (de, 360 px)');
  } finally {
    await context.close();
  }
});
