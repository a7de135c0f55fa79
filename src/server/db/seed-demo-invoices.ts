import { nextCounterValue } from '../app/counters.js';
import type { Db } from '../app/db.js';
import { newId } from '../app/ids.js';
import { addDays, invoiceTotals, lineAmounts, todayIso } from '../modules/invoices/money.js';
import type { BillTo } from '../modules/invoices/invoices.repository.js';
import type { InvoiceStatus } from './schema.js';

interface DemoLine {
  product?: string;
  description: string;
  period?: [number, number];
  quantity: number;
  unitAmount: number;
  taxRateBp?: number;
}

interface DemoInvoice {
  /** Days from today: when it was (or will be) issued. */
  issued: number;
  terms: number;
  status: InvoiceStatus;
  scheduled?: boolean;
  lines: DemoLine[];
  payments?: { days: number; provider: 'stripe' | 'bank_transfer'; reference: string; share: number }[];
  voidReason?: string;
  vatId?: string;
  memo?: string;
}

const MAINTENANCE = 'Software-Wartung und Updates';

/**
 * Invoices of the demo account in every tab: two scheduled renewals (Demnächst fällig), an open
 * one, an overdue one and a partly paid one (Unbezahlt), paid ones and one voided for a wrong VAT
 * id — INV-…-000117, the invoice the demo's Kundendienst case is about — (Ältere Rechnungen);
 * plus the account's Kontodaten. The second account gets one open invoice (tenant isolation).
 */
export async function seedDemoInvoices(trx: Db, { accountId, otherAccountId, staffUserId }: { accountId: string; otherAccountId: string; staffUserId: string }) {
  const today = todayIso();
  const products = new Map((await trx.selectFrom('products').select(['id', 'code', 'name']).execute()).map((p) => [p.code, p]));
  const address = { company: 'Beispiel Analytics GmbH', attention: 'Anna Admin', line1: 'Friedrichstraße 68', line2: null, postalCode: '10117', city: 'Berlin', region: null, country: 'DE' };
  const billing = {
    billing_address: JSON.stringify(address),
    shipping_address: JSON.stringify({ ...address, attention: 'Wareneingang', line1: 'Am Spreeufer 4', postalCode: '10178' }),
    billing_contact_name: 'Anna Admin',
    billing_contact_email: 'admin@beispiel.example',
    vat_id: 'DE123456789',
    po_reference: 'PO-2026-0042',
  };
  await trx.updateTable('accounts').set(billing).where('id', '=', accountId).execute();
  const billTo: BillTo = { accountName: 'Beispiel Analytics GmbH', address, contact: { name: 'Anna Admin', email: 'admin@beispiel.example' } };

  const support = { description: 'Supportpaket Premium (Reaktionszeit 4 Stunden)', quantity: 1, unitAmount: 240000 };
  const invoices: DemoInvoice[] = [
    {
      issued: -210, terms: 30, status: 'paid',
      lines: [
        { product: 'analytics-desktop', description: `${MAINTENANCE}, Edition Creator, 10 Plätze`, period: [-210, 155], quantity: 10, unitAmount: 42000 },
        { product: 'analytics-desktop', description: `${MAINTENANCE}, Edition Explorer, 25 Plätze`, period: [-210, 155], quantity: 25, unitAmount: 9600 },
      ],
      payments: [{ days: -196, provider: 'stripe', reference: 'pi_3Demo0000CardPaid01', share: 1 }],
    },
    {
      issued: -150, terms: 14, status: 'paid',
      lines: [
        { product: 'prep', description: 'Abonnement, 5 Plätze', period: [-150, 215], quantity: 5, unitAmount: 33000 },
        { description: 'Schulung „Datenaufbereitung mit Beispiel Prep“, ganztägig, bis 8 Teilnehmende', quantity: 1, unitAmount: 145000 },
        { description: 'Fachbuch „Datenanalyse für Einsteiger“', quantity: 8, unitAmount: 3990, taxRateBp: 700 },
      ],
      payments: [{ days: -141, provider: 'bank_transfer', reference: 'SEPA-GUTSCHRIFT 2026-0316-A7', share: 1 }],
    },
    {
      issued: -95, terms: 30, status: 'paid',
      lines: [{ product: 'analytics-server', description: 'Upgrade Edition Standard auf Enterprise, 16 Kerne', quantity: 16, unitAmount: 37500 }],
      payments: [
        { days: -80, provider: 'bank_transfer', reference: 'SEPA-GUTSCHRIFT 2026-0512-C2', share: 0.5 },
        { days: -66, provider: 'bank_transfer', reference: 'SEPA-GUTSCHRIFT 2026-0526-F9', share: 0.5 },
      ],
    },
    {
      issued: -45, terms: 14, status: 'open',
      lines: [
        { product: 'analytics-server', description: `${MAINTENANCE}, Edition Enterprise, 16 Kerne, 4. Quartal`, period: [-45, 47], quantity: 16, unitAmount: 9400 },
        { description: 'Einrichtung Hochverfügbarkeit (Remote-Beratung, Stunden)', quantity: 6, unitAmount: 16500 },
      ],
      memo: 'Bitte geben Sie bei der Überweisung die Rechnungsnummer an.',
    },
    { issued: -9, terms: 14, status: 'void', lines: [support], voidReason: 'Falsche USt-IdNr. des Kunden; neu ausgestellt', vatId: 'DE111111111' },
    {
      issued: -8, terms: 14, status: 'open', lines: [support],
      payments: [{ days: -2, provider: 'bank_transfer', reference: 'SEPA-GUTSCHRIFT 2026-1126-B4', share: 0.5 }],
    },
    {
      issued: -3, terms: 14, status: 'open',
      lines: [{ product: 'analytics-desktop', description: 'Zusätzliche Plätze Edition Explorer, anteilig bis Vertragsende', period: [-3, 155], quantity: 5, unitAmount: 4130 }],
    },
    {
      issued: 12, terms: 30, status: 'draft', scheduled: true,
      lines: [
        { product: 'analytics-desktop', description: `Verlängerung ${MAINTENANCE}, Edition Creator, 10 Plätze, 12 Monate`, period: [156, 520], quantity: 10, unitAmount: 43500 },
        { product: 'analytics-desktop', description: `Verlängerung ${MAINTENANCE}, Edition Explorer, 30 Plätze, 12 Monate`, period: [156, 520], quantity: 30, unitAmount: 9900 },
      ],
    },
    {
      issued: 40, terms: 30, status: 'draft', scheduled: true,
      lines: [{ product: 'analytics-server', description: `Verlängerung ${MAINTENANCE}, Edition Enterprise, 16 Kerne, 12 Monate`, period: [48, 412], quantity: 16, unitAmount: 38800 }],
    },
  ];

  // Numbered in order of issue so that the voided one is INV-<year>-000117.
  const voidIndex = invoices.findIndex((i) => i.status === 'void');
  await trx.insertInto('counters').values({ name: `invoice_number_${addDays(today, invoices[0]!.issued).slice(0, 4)}`, value: 117 - voidIndex - 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();

  const write = async (acc: string, d: DemoInvoice, who: BillTo) => {
    const id = newId('inv');
    const issueDate = addDays(today, d.issued);
    const lines = d.lines.map((l) => ({ ...l, taxRateBp: l.taxRateBp ?? 1900 }));
    const totals = invoiceTotals(lines);
    const draft = d.status === 'draft';
    const number = draft ? null : `INV-${issueDate.slice(0, 4)}-${String(await nextCounterValue(trx, `invoice_number_${issueDate.slice(0, 4)}`, 0)).padStart(6, '0')}`;
    const paid = (d.payments ?? []).map((p, i, all) => ({ ...p, amount: i === all.length - 1 && p.share < 1 ? totals.total - Math.round(totals.total * (1 - p.share)) : Math.round(totals.total * p.share) }));
    const amountPaid = paid.reduce((s, p) => s + p.amount, 0);
    const at = (days: number) => new Date(Date.parse(`${addDays(today, days)}T10:00:00Z`)).toISOString();
    const lastPayment = paid[paid.length - 1];
    await trx
      .insertInto('invoices')
      .values({
        id, number, account_id: acc, status: d.status, scheduled: d.scheduled ?? false, currency: 'EUR', language: 'de', issue_date: issueDate,
        due_date: addDays(issueDate, d.terms), terms_days: d.terms, bill_to: JSON.stringify(who), vat_id: d.vatId ?? (acc === accountId ? 'DE123456789' : null),
        po_reference: acc === accountId ? 'PO-2026-0042' : null, memo: d.memo ?? null, ...totals, amount_paid: amountPaid, created_by_user_id: null,
        issued_at: draft ? null : at(d.issued), paid_at: d.status === 'paid' && lastPayment ? at(lastPayment.days) : null,
        voided_at: d.status === 'void' ? at(d.issued + 1) : null, void_reason: d.voidReason ?? null, uncollectible_at: null, version: 1,
        created_at: at(Math.min(d.issued, 0) - 1), updated_at: at(Math.min(d.issued, 0)),
      })
      .execute();
    await trx
      .insertInto('invoice_lines')
      .values(lines.map((l, i) => {
        const p = l.product ? products.get(l.product) : undefined;
        return {
          id: newId('inl'), invoice_id: id, position: i + 1, product_id: p?.id ?? null, product_name: p?.name ?? null, description: l.description,
          period_start: l.period ? addDays(today, l.period[0]) : null, period_end: l.period ? addDays(today, l.period[1]) : null,
          quantity: l.quantity, unit_amount: l.unitAmount, tax_rate_bp: l.taxRateBp, ...lineAmounts(l),
        };
      }))
      .execute();
    for (const p of paid) {
      await trx.insertInto('payments').values({
        id: newId('pay'), invoice_id: id, account_id: acc, provider: p.provider, provider_reference: p.reference, amount: p.amount, currency: 'EUR',
        received_at: at(p.days), recorded_by_user_id: p.provider === 'bank_transfer' ? staffUserId : null, note: null, created_at: at(p.days),
      }).execute();
    }
  };

  for (const d of invoices) await write(accountId, d, billTo);
  await write(otherAccountId, {
    issued: -6, terms: 14, status: 'open',
    lines: [{ product: 'prep', description: 'Abonnement, 3 Plätze', period: [-6, 359], quantity: 3, unitAmount: 33000 }],
  }, { accountName: 'Nordlicht Software AG', address: { company: 'Nordlicht Software AG', attention: null, line1: 'Hafenstraße 12', line2: null, postalCode: '24103', city: 'Kiel', region: null, country: 'DE' }, contact: null });
}
