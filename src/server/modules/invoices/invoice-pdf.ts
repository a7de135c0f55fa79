import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Config } from '../../app/config.js';
import { daysBetween, formatDate, formatMoney, formatTaxRate, todayIso } from './money.js';
import type { InvoiceRecord } from './invoices.repository.js';
import { isPayable } from './invoices.policy.js';

type Lang = 'de' | 'en';

const T = {
  de: {
    invoice: 'Rechnung', preview: 'Geplante Rechnung (Vorschau)', number: 'Rechnungsnummer', issueDate: 'Rechnungsdatum', plannedIssue: 'Geplantes Rechnungsdatum',
    dueDate: 'Fällig am', status: 'Status', customerNo: 'Kundennummer', vatId: 'USt-IdNr. des Kunden', po: 'Ihre Bestellnummer', vendorVat: 'USt-IdNr.',
    pos: 'Pos.', item: 'Produkt / Beschreibung', qty: 'Menge', unit: 'Einzelpreis', rate: 'USt.', amount: 'Betrag (netto)', period: 'Zeitraum',
    subtotal: 'Zwischensumme (netto)', tax: 'Umsatzsteuer', total: 'Gesamtbetrag', paid: 'Bezahlt', balance: 'Offener Betrag',
    payments: 'Zahlungen', paymentVia: { stripe: 'Kartenzahlung', bank_transfer: 'Überweisung' }, reference: 'Referenz',
    payBy: 'Bitte überweisen Sie den offenen Betrag bis zum Fälligkeitsdatum auf folgendes Konto:', holder: 'Kontoinhaber', bank: 'Bank',
    purpose: 'Verwendungszweck', page: (n: number, of: number) => `Seite ${n} von ${of}`, billTo: 'Rechnungsempfänger', attention: 'z. Hd.',
    overdue: (d: number) => `überfällig seit ${d} ${d === 1 ? 'Tag' : 'Tagen'}`,
    statuses: { draft: 'Geplant', open: 'Offen', paid: 'Bezahlt', void: 'Storniert', uncollectible: 'Uneinbringlich' },
  },
  en: {
    invoice: 'Invoice', preview: 'Scheduled invoice (preview)', number: 'Invoice number', issueDate: 'Invoice date', plannedIssue: 'Planned invoice date',
    dueDate: 'Due date', status: 'Status', customerNo: 'Customer number', vatId: 'Customer VAT ID', po: 'Your purchase order', vendorVat: 'VAT ID',
    pos: 'No.', item: 'Product / description', qty: 'Qty', unit: 'Unit price', rate: 'Tax', amount: 'Amount (net)', period: 'Period',
    subtotal: 'Subtotal (net)', tax: 'Tax', total: 'Total', paid: 'Paid', balance: 'Balance due',
    payments: 'Payments', paymentVia: { stripe: 'Card payment', bank_transfer: 'Bank transfer' }, reference: 'Reference',
    payBy: 'Please transfer the balance by the due date to this account:', holder: 'Account holder', bank: 'Bank',
    purpose: 'Payment reference', page: (n: number, of: number) => `Page ${n} of ${of}`, billTo: 'Bill to', attention: 'Attn.',
    overdue: (d: number) => `overdue by ${d} ${d === 1 ? 'day' : 'days'}`,
    statuses: { draft: 'Scheduled', open: 'Open', paid: 'Paid', void: 'Void', uncollectible: 'Uncollectible' },
  },
} as const;

/** Text Helvetica's WinAnsi encoding can show: Latin-1 plus the euro sign, „“ ‚‘ – — … • ™ and the rest of cp1252. */
const WIN_ANSI = /^[\t\n\r\u0020-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]*$/;
const DEJAVU = { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' };

export const countryName = (code: string, lang: Lang) => {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** The billing address snapshot as the lines of a letter's address field. */
export function addressLines(inv: Pick<InvoiceRecord, 'billTo'>, lang: Lang): string[] {
  const a = inv.billTo.address;
  if (!a) return [inv.billTo.accountName];
  return [
    a.company,
    ...(a.attention ? [`${T[lang].attention} ${a.attention}`] : []),
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    `${a.postalCode} ${a.city}${a.region ? `, ${a.region}` : ''}`,
    countryName(a.country, lang),
  ];
}

/**
 * The invoice as an A4 PDF in its own language, with the same content as the invoice page:
 * letterhead, address field, facts, lines (product, description, period, quantity, unit price,
 * tax rate, amount), subtotal, tax, total, paid, balance, payments, and how to pay by transfer.
 * Helvetica (WinAnsi: €, umlauts, „“) unless a text needs more, then DejaVu Sans when installed.
 */
export function renderInvoicePdf({ invoice: inv, config, now = new Date() }: { invoice: InvoiceRecord; config: Pick<Config, 'vendor' | 'bank'>; now?: Date }): Promise<Buffer> {
  const lang = inv.language;
  const t = T[lang];
  const money = (n: number) => formatMoney(n, inv.currency, lang);
  const date = (d: string | null) => (d ? formatDate(d, lang) : '—');

  const allText = JSON.stringify([inv.billTo, inv.lines, inv.memo, inv.vatId, inv.poReference, config.vendor]);
  const wide = !WIN_ANSI.test(allText) && fs.existsSync(DEJAVU.regular) && fs.existsSync(DEJAVU.bold);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 60, left: 56, right: 56 },
    bufferPages: true,
    lang,
    displayTitle: true,
    info: { Title: `${t.invoice} ${inv.number ?? ''}`.trim(), Author: config.vendor.name, Subject: inv.billTo.accountName },
  });
  if (wide) {
    doc.registerFont('regular', DEJAVU.regular);
    doc.registerFont('bold', DEJAVU.bold);
  }
  const REG = wide ? 'regular' : 'Helvetica';
  const BOLD = wide ? 'bold' : 'Helvetica-Bold';
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const right = left + width;
  const bottomLimit = () => doc.page.height - doc.page.margins.bottom - 10;

  // Letterhead
  doc.font(BOLD).fontSize(16).fillColor('#1a1b1e').text(config.vendor.name, left, 50, { width });
  doc.font(REG).fontSize(8.5).fillColor('#555')
    .text([...config.vendor.addressLines, ...(config.vendor.vatId ? [`${t.vendorVat} ${config.vendor.vatId}`] : [])].join(' · '), { width });

  // Address field (left) and facts (right)
  const topY = 130;
  doc.font(REG).fontSize(7.5).fillColor('#777').text(`${config.vendor.name} · ${config.vendor.addressLines.join(' · ')}`, left, topY, { width: 235 });
  doc.font(REG).fontSize(10).fillColor('#1a1b1e').text(addressLines(inv, lang).join('\n'), left, topY + 14, { width: 235, lineGap: 1.5 });

  const overdueDays = isPayable(inv) ? Math.max(0, daysBetween(inv.dueDate, todayIso(now))) : 0;
  const status = inv.status === 'draft' ? t.statuses.draft : `${t.statuses[inv.status]}${overdueDays > 0 ? ` (${t.overdue(overdueDays)})` : ''}`;
  const facts: [string, string][] = [
    [t.number, inv.number ?? '—'],
    [inv.status === 'draft' ? t.plannedIssue : t.issueDate, date(inv.issueDate)],
    [t.dueDate, date(inv.dueDate)],
    [t.status, status],
    [t.customerNo, inv.accountNumber],
    ...(inv.vatId ? ([[t.vatId, inv.vatId]] as [string, string][]) : []),
    ...(inv.poReference ? ([[t.po, inv.poReference]] as [string, string][]) : []),
  ];
  let y = topY;
  const factsX = left + 255;
  const labelW = 115;
  for (const [label, value] of facts) {
    doc.font(REG).fontSize(9).fillColor('#555').text(label, factsX, y, { width: labelW });
    doc.font(BOLD).fontSize(9).fillColor('#1a1b1e').text(value, factsX + labelW, y, { width: right - factsX - labelW });
    y = Math.max(doc.y, y + 13);
  }

  y = Math.max(y, topY + 110) + 16;
  doc.font(BOLD).fontSize(18).fillColor('#1a1b1e').text(inv.status === 'draft' ? t.preview : `${t.invoice} ${inv.number}`, left, y, { width });
  y = doc.y + 12;

  // Lines
  const cols = { pos: left, item: left + 26, qty: left + 262, unit: left + 300, rate: left + 370, amount: left + 410 };
  const colW = { pos: 24, item: 232, qty: 34, unit: 66, rate: 38, amount: right - (left + 410) };
  const header = () => {
    doc.font(BOLD).fontSize(8.5).fillColor('#1a1b1e');
    doc.text(t.pos, cols.pos, y, { width: colW.pos });
    doc.text(t.item, cols.item, y, { width: colW.item });
    doc.text(t.qty, cols.qty, y, { width: colW.qty, align: 'right' });
    doc.text(t.unit, cols.unit, y, { width: colW.unit, align: 'right' });
    doc.text(t.rate, cols.rate, y, { width: colW.rate, align: 'right' });
    doc.text(t.amount, cols.amount, y, { width: colW.amount, align: 'right' });
    y += 14;
    doc.moveTo(left, y - 3).lineTo(right, y - 3).lineWidth(0.6).strokeColor('#999').stroke();
  };
  const newPageIfNeeded = (needed: number) => {
    if (y + needed > bottomLimit()) {
      doc.addPage();
      y = doc.page.margins.top;
      header();
    }
  };
  header();
  for (const l of inv.lines) {
    const title = l.productName ? `${l.productName}` : null;
    const period = l.periodStart || l.periodEnd ? `${t.period}: ${date(l.periodStart)} – ${date(l.periodEnd)}` : null;
    const itemText = [title, l.description, period].filter(Boolean).join('\n');
    doc.font(REG).fontSize(9);
    const h = doc.heightOfString(itemText, { width: colW.item }) + 6;
    newPageIfNeeded(h);
    doc.fillColor('#1a1b1e').text(String(l.position), cols.pos, y, { width: colW.pos });
    if (title) {
      doc.font(BOLD).text(title, cols.item, y, { width: colW.item });
      doc.font(REG).text([l.description, period].filter(Boolean).join('\n'), cols.item, doc.y, { width: colW.item });
    } else {
      doc.text([l.description, period].filter(Boolean).join('\n'), cols.item, y, { width: colW.item });
    }
    doc.font(REG);
    doc.text(new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB').format(l.quantity), cols.qty, y, { width: colW.qty, align: 'right' });
    doc.text(money(l.unitAmount), cols.unit, y, { width: colW.unit, align: 'right' });
    doc.text(formatTaxRate(l.taxRateBp, lang), cols.rate, y, { width: colW.rate, align: 'right' });
    doc.text(money(l.amount), cols.amount, y, { width: colW.amount, align: 'right' });
    y += h;
  }
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.6).strokeColor('#999').stroke();
  y += 8;

  // Totals
  const balance = inv.total - inv.amountPaid;
  const totals: [string, string, boolean][] = [
    [t.subtotal, money(inv.subtotal), false],
    [t.tax, money(inv.tax), false],
    [t.total, money(inv.total), true],
    ...(inv.amountPaid > 0 || inv.status === 'paid' ? ([[t.paid, money(inv.amountPaid), false]] as [string, string, boolean][]) : []),
    ...(inv.status !== 'void' ? ([[t.balance, money(balance), true]] as [string, string, boolean][]) : []),
  ];
  newPageIfNeeded(totals.length * 15 + 10);
  for (const [label, value, strong] of totals) {
    doc.font(strong ? BOLD : REG).fontSize(strong ? 10 : 9).fillColor('#1a1b1e');
    doc.text(label, left + 260, y, { width: 140 });
    doc.text(value, left + 400, y, { width: right - left - 400, align: 'right' });
    y += strong ? 16 : 14;
  }

  // Payments
  if (inv.payments.length) {
    y += 8;
    newPageIfNeeded(20 + inv.payments.length * 13);
    doc.font(BOLD).fontSize(10).text(t.payments, left, y, { width });
    y = doc.y + 4;
    for (const p of inv.payments) {
      doc.font(REG).fontSize(9);
      doc.text(`${date(p.receivedAt.slice(0, 10))} · ${t.paymentVia[p.provider]} · ${t.reference} ${p.reference}`, left, y, { width: 380 });
      doc.text(money(p.amount), left + 400, y, { width: right - left - 400, align: 'right' });
      y = Math.max(doc.y, y + 13);
    }
  }

  // How to pay by transfer
  if (isPayable(inv) && config.bank && inv.number) {
    y += 14;
    newPageIfNeeded(80);
    doc.font(REG).fontSize(9).fillColor('#1a1b1e').text(t.payBy, left, y, { width });
    const bank: [string, string][] = [
      [t.holder, config.bank.accountHolder],
      ['IBAN', config.bank.iban.replace(/(.{4})/g, '$1 ').trim()],
      ...(config.bank.bic ? ([['BIC', config.bank.bic]] as [string, string][]) : []),
      ...(config.bank.bankName ? ([[t.bank, config.bank.bankName]] as [string, string][]) : []),
      [t.purpose, inv.number],
    ];
    y = doc.y + 4;
    for (const [label, value] of bank) {
      doc.font(REG).text(label, left, y, { width: 110 });
      doc.font(BOLD).text(value, left + 110, y, { width: width - 110 });
      y = Math.max(doc.y, y + 12);
    }
  }

  if (inv.memo) {
    y += 12;
    newPageIfNeeded(40);
    doc.font(REG).fontSize(9).fillColor('#333').text(inv.memo, left, y, { width });
  }

  // Footer on every page: vendor and page numbers.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footerY = doc.page.height - 40;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REG).fontSize(7.5).fillColor('#777');
    doc.text(`${config.vendor.name} · ${inv.number ? `${t.invoice} ${inv.number}` : t.preview}`, left, footerY, { width: width - 100, lineBreak: false });
    doc.text(t.page(i - range.start + 1, range.count), right - 100, footerY, { width: 100, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
