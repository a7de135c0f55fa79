import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import type { InvoiceRecord } from './invoices.repository.js';

const config = loadConfig({ NODE_ENV: 'test', VENDOR_NAME: 'Portico Software GmbH', VENDOR_VAT_ID: 'DE999999999' });

function text(pdf: Buffer) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'portico-pdf-unit-')), 'x.pdf');
  fs.writeFileSync(file, pdf);
  // Columns come out one after the other; a value wrapped in its column is joined again here.
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

const invoice = (over: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  id: 'inv_unit', number: 'INV-2026-000042', accountId: 'acc_x', accountName: 'Kunde', accountNumber: '100042', status: 'open', scheduled: false, currency: 'EUR',
  language: 'de', issueDate: '2026-03-02', dueDate: '2026-03-16', termsDays: 14, billTo: { accountName: 'Kunde', address: null, contact: null }, vatId: null,
  poReference: null, memo: null, subtotal: 10000, tax: 1900, total: 11900, amountPaid: 0, issuedAt: '2026-03-02T09:00:00.000Z', paidAt: null, voidedAt: null,
  voidReason: null, uncollectibleAt: null, version: 2, createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z',
  lines: [{ id: 'inl_1', position: 1, productId: null, productName: null, description: 'Beratung', periodStart: null, periodEnd: null, quantity: 1, unitAmount: 10000, taxRateBp: 1900, amount: 10000, tax: 1900 }],
  payments: [],
  ...over,
});

describe('the invoice PDF', () => {
  it('names the vendor with its VAT id and shows an overdue invoice as overdue', async () => {
    const t = text(await renderInvoicePdf({ invoice: invoice(), config, now: new Date('2026-03-20T12:00:00Z') }));
    expect(t).toContain('Portico Software GmbH');
    expect(t).toContain('USt-IdNr. DE999999999');
    expect(t).toContain('Offen (überfällig seit 4 Tagen)');
  });

  it('switches to a wider font for names outside Windows-1252, so they print right', async () => {
    const billTo = { accountName: 'Łódź Analityka Sp. z o.o.', address: { company: 'Łódź Analityka Sp. z o.o.', attention: 'Paweł Żółć', line1: 'ul. Piotrkowska 1', line2: null, postalCode: '90-001', city: 'Łódź', region: null, country: 'PL' }, contact: null };
    const t = text(await renderInvoicePdf({ invoice: invoice({ billTo, language: 'en' }), config }));
    expect(t).toContain('Łódź Analityka Sp. z o.o.');
    expect(t).toContain('Attn. Paweł Żółć');
    expect(t).toContain('90-001 Łódź');
    expect(t).toContain('Poland');
  });

  it('a scheduled invoice prints as a preview without a number or bank details', async () => {
    const t = text(await renderInvoicePdf({ invoice: invoice({ status: 'draft', scheduled: true, number: null }), config }));
    expect(t).toContain('Geplante Rechnung (Vorschau)');
    expect(t).toContain('Geplantes Rechnungsdatum');
    expect(t).not.toContain('IBAN');
  });
});
