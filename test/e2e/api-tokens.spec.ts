import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, fieldLabel, type Lang, newSession, screenshot, t } from './support.js';

/**
 * API-Tokens on Mein Konto → Sicherheit: an admin creates a token for a script, copies the secret
 * shown once, the script reads the cases with it, the admin revokes it and the script is refused.
 */
const s = (lang: Lang, key: string, vars: Record<string, string> = {}) => t(lang, `security:${key}`, vars);
const RUN = Date.now().toString(36);

test('an admin creates an API token, a script uses it, and it stops working once revoked', async ({ browser, baseURL, playwright }) => {
  const lang = 'de';
  const base = baseURL ?? '';
  const { context, page } = await newSession(browser, { lang, baseURL: base, email: 'admin@beispiel.example', width: 360 });
  const script = await playwright.request.newContext({ baseURL: base });
  try {
    await page.goto('/account/security');
    const card = page.getByRole('region', { name: s(lang, 'apiTokens.title') });
    await card.getByRole('button', { name: s(lang, 'apiTokens.create') }).click();
    const dialog = page.getByRole('dialog', { name: s(lang, 'apiTokens.createTitle') });
    // Nothing chosen but the default scope, no name: the form says what is missing.
    await dialog.getByRole('button', { name: s(lang, 'apiTokens.submit') }).click();
    await expect(dialog.getByText(s(lang, 'apiTokens.nameRequired'))).toBeVisible();
    await dialog.getByLabel(fieldLabel(s(lang, 'apiTokens.name'))).fill(`Nächtlicher Export ${RUN}`);
    await dialog.getByRole('checkbox', { name: s(lang, 'apiTokens.scope.keys_read') }).check();
    await dialog.getByLabel(s(lang, 'apiTokens.lifetime')).selectOption('30');
    await expectNoAxeViolations(page, 'API token dialog (de, 360 px)');
    await dialog.getByRole('button', { name: s(lang, 'apiTokens.submit') }).click();

    const created = page.getByRole('dialog', { name: s(lang, 'apiTokens.createdTitle') });
    const secret = (await created.getByTestId('api-token-secret').textContent()) ?? '';
    expect(secret).toMatch(/^portico_pat_/);
    await screenshot(page, 'api-token-created-de-360', { viewport: true });
    await created.getByRole('button', { name: s(lang, 'apiTokens.done') }).click();

    // A table on a desktop, a list of cards on a phone.
    const row = card.getByRole('row').or(card.getByRole('listitem')).filter({ hasText: `Nächtlicher Export ${RUN}` });
    await expect(row).toContainText(s(lang, 'apiTokens.scope.keys_read'));
    await expect(row).toContainText(s(lang, 'apiTokens.neverUsed'));
    // The secret is not on the page any more.
    await expect(page.getByText(secret)).toHaveCount(0);

    const cases = await script.get('/api/v1/cases?view=all', { headers: { authorization: `Bearer ${secret}` } });
    expect(cases.status(), await cases.text()).toBe(200);
    const account = await script.get('/api/v1/account/users', { headers: { authorization: `Bearer ${secret}` } });
    expect(account.status()).toBe(403);
    await page.reload();
    await expect(row).not.toContainText(s(lang, 'apiTokens.neverUsed'));

    await row.getByRole('button', { name: s(lang, 'apiTokens.revokeLabel', { name: `Nächtlicher Export ${RUN}` }) }).click();
    const confirm = page.getByRole('dialog', { name: s(lang, 'apiTokens.revokeTitle') });
    await confirm.getByRole('button', { name: s(lang, 'apiTokens.revoke') }).click();
    await expect(card.getByRole('status')).toHaveText(s(lang, 'apiTokens.revoked'));
    await expect(row).toContainText(s(lang, 'apiTokens.statuses.revoked'));
    expect((await script.get('/api/v1/cases', { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);
    await expectNoAxeViolations(page, 'security page with API tokens (de, 360 px)');
  } finally {
    await script.dispose();
    await context.close();
  }
});
