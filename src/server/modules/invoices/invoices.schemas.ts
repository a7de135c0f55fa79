import { z } from 'zod';

/**
 * Request and response shapes of Rechnungen (invoices), payments and Kontodaten, shared with the
 * web app: this file imports nothing but zod, so the SPA can import it as it is.
 * Money is always integer minor units (cents) beside its ISO currency; dates a person reads are
 * `YYYY-MM-DD`; timestamps are ISO-8601 UTC.
 */

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
/** Demnächst fällig, Unbezahlt, Ältere Rechnungen. */
export const INVOICE_TABS = ['upcoming', 'unpaid', 'older'] as const;
export type InvoiceTab = (typeof INVOICE_TABS)[number];
export const INVOICE_LANGUAGES = ['de', 'en'] as const;

const id = z.string().min(1).max(100);
const isoDate = z.iso.date();
const currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 currency code such as EUR');
const minor = z.number().int();

/* ---------- addresses and Kontodaten ---------- */

/** ISO 3166-1 alpha-2 (DE, AT, CH, …). */
export const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'A two-letter country code such as DE');

export const addressSchema = z.strictObject({
  company: z.string().trim().min(1).max(200),
  /** z. Hd. / attention line. */
  attention: z.string().trim().max(200).nullable().default(null),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).nullable().default(null),
  postalCode: z.string().trim().min(1).max(20),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().max(100).nullable().default(null),
  country: countryCode,
});
export type Address = z.output<typeof addressSchema>;

/** An address as the API answers it (no input normalisation in a response schema). */
export const addressOutSchema = z.object({
  company: z.string(),
  attention: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string(),
  city: z.string(),
  region: z.string().nullable(),
  country: z.string(),
});

export const billingContactSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).transform((v) => v.toLowerCase()),
});

/** What an admin or billing user keeps current under Kontodaten. */
export const accountBillingSchema = z.object({
  billingAddress: addressOutSchema.nullable(),
  /** null: ship to the billing address. */
  shippingAddress: addressOutSchema.nullable(),
  billingContact: z.object({ name: z.string(), email: z.string() }).nullable(),
  vatId: z.string().nullable(),
  poReference: z.string().nullable(),
});

/** PATCH /api/v1/account (If-Match): only the fields sent change. */
export const accountPatchSchema = z
  .strictObject({
    billingAddress: addressSchema.nullable().optional(),
    shippingAddress: addressSchema.nullable().optional(),
    billingContact: billingContactSchema.nullable().optional(),
    vatId: z
      .string()
      .trim()
      .max(20)
      .transform((v) => v.replace(/[\s.-]/g, '').toUpperCase())
      .nullable()
      .optional(),
    poReference: z.string().trim().max(100).nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change' });
export type AccountPatch = z.output<typeof accountPatchSchema>;

export const accountSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  currency: z.string(),
  locale: z.string(),
  requireMfa: z.boolean(),
  version: z.number().int(),
  /** Only for those who may see billing data (admins, billing users); null for everyone else. */
  billing: accountBillingSchema.nullable(),
  abilities: z.object({ editBilling: z.boolean(), manageSecurity: z.boolean() }),
});

/* ---------- invoices ---------- */

export const invoiceListQuery = z.strictObject({
  tab: z.enum(INVOICE_TABS).default('unpaid'),
  /** Part of the invoice number, e.g. `2026-0001`. */
  q: z.string().trim().max(40).optional(),
  /** Issue date (for upcoming invoices: the planned issue date) on or after / on or before. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

const lineSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  product: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  description: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  quantity: z.number().int(),
  unitAmount: minor,
  /** Basis points: 1900 = 19 %. */
  taxRateBp: z.number().int(),
  /** Net amount of the line (quantity × unit price). */
  amount: minor,
  tax: minor,
});

export const paymentSchema = z.object({
  id: z.string(),
  provider: z.enum(['stripe', 'bank_transfer']),
  reference: z.string(),
  amount: minor,
  currency: z.string(),
  receivedAt: z.string(),
});

export const billToSchema = z.object({
  accountName: z.string(),
  address: addressOutSchema.nullable(),
  contact: z.object({ name: z.string(), email: z.string() }).nullable(),
});

export const invoiceSummarySchema = z.object({
  id: z.string(),
  /** null until the invoice is issued (upcoming invoices have none yet). */
  number: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  scheduled: z.boolean(),
  tab: z.enum(INVOICE_TABS).nullable(),
  currency: z.string(),
  language: z.enum(INVOICE_LANGUAGES),
  issueDate: z.string().nullable(),
  dueDate: z.string(),
  overdue: z.boolean(),
  /** Whole days past the due date (0 when not overdue). */
  daysOverdue: z.number().int(),
  subtotal: minor,
  tax: minor,
  total: minor,
  amountPaid: minor,
  balance: minor,
});

export const invoiceAbilitiesSchema = z.object({ pay: z.boolean(), downloadPdf: z.boolean() });

export const invoiceSchema = invoiceSummarySchema.extend({
  billTo: billToSchema,
  vatId: z.string().nullable(),
  poReference: z.string().nullable(),
  memo: z.string().nullable(),
  lines: z.array(lineSchema),
  payments: z.array(paymentSchema),
  paidAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  issuedAt: z.string().nullable(),
  pdfUrl: z.string(),
  version: z.number().int(),
  abilities: invoiceAbilitiesSchema,
});

const tabTotal = z.object({
  count: z.number().int(),
  /** One entry per currency: totals and open balances of the tab's invoices (filters applied). */
  amounts: z.array(z.object({ currency: z.string(), total: minor, balance: minor })),
});

export const invoiceListResponse = z.object({
  data: z.array(invoiceSummarySchema),
  tab: z.enum(INVOICE_TABS),
  nextCursor: z.string().nullable(),
  /** On the first page only (null when a cursor is sent). */
  totals: z.record(z.enum(INVOICE_TABS), tabTotal).nullable(),
});

export const payResponse = z.object({
  data: z.discriminatedUnion('method', [
    z.object({
      method: z.literal('checkout'),
      /** Stripe Checkout's page: send the browser there. */
      url: z.string(),
      checkoutId: z.string(),
      amount: minor,
      currency: z.string(),
      expiresAt: z.string().nullable(),
    }),
    z.object({
      method: z.literal('bank_transfer'),
      accountHolder: z.string(),
      iban: z.string(),
      bic: z.string().nullable(),
      bankName: z.string().nullable(),
      /** Verwendungszweck: the invoice number. */
      reference: z.string(),
      amount: minor,
      currency: z.string(),
      dueDate: z.string(),
    }),
  ]),
});

/* ---------- staff console ---------- */

export const staffLineInput = z.strictObject({
  /** A product's line: its name is taken from the product; the description says what exactly. */
  productId: id.nullable().optional(),
  description: z.string().trim().min(1).max(500),
  periodStart: isoDate.nullable().optional(),
  periodEnd: isoDate.nullable().optional(),
  quantity: z.number().int().min(1).max(1_000_000),
  /** Net unit price in minor units. */
  unitAmount: z.number().int().min(0).max(100_000_000_00),
  /** Basis points: 1900 = 19 %, 0 for reverse charge or exports. */
  taxRateBp: z.number().int().min(0).max(10_000),
});

const invoiceFields = {
  currency: currency.optional(),
  language: z.enum(INVOICE_LANGUAGES).optional(),
  /** In the future with `scheduled`: the customer sees it under "Demnächst fällig" until it is issued on that day. */
  issueDate: isoDate.optional(),
  scheduled: z.boolean().optional(),
  /** Either a due date or payment terms in days after the issue date (default 14). */
  dueDate: isoDate.optional(),
  termsDays: z.number().int().min(0).max(365).optional(),
  memo: z.string().trim().max(2000).nullable().optional(),
  lines: z.array(staffLineInput).min(1).max(200),
};

export const staffCreateInvoiceSchema = z.strictObject({ accountId: id, ...invoiceFields });
export const staffUpdateInvoiceSchema = z.strictObject({
  ...invoiceFields,
  lines: invoiceFields.lines.optional(),
});
export type StaffInvoiceInput = z.output<typeof staffCreateInvoiceSchema>;

export const staffRecordPaymentSchema = z.strictObject({
  amount: z.number().int().min(1),
  /** The bank statement's reference of this transfer: recording it twice is refused. */
  reference: z.string().trim().min(1).max(200),
  receivedAt: isoDate,
  note: z.string().trim().max(1000).nullable().optional(),
});

export const staffVoidSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const staffInvoiceListQuery = z.strictObject({
  accountId: id.optional(),
  status: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(INVOICE_STATUSES)).max(INVOICE_STATUSES.length))
    .optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(40).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

export const staffInvoiceSummarySchema = invoiceSummarySchema.extend({
  account: z.object({ id: z.string(), name: z.string(), number: z.string() }),
  createdAt: z.string(),
});

export const staffInvoiceSchema = invoiceSchema.omit({ abilities: true }).extend({
  account: z.object({ id: z.string(), name: z.string(), number: z.string() }),
  termsDays: z.number().int(),
  voidReason: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({
    edit: z.boolean(),
    delete: z.boolean(),
    issue: z.boolean(),
    void: z.boolean(),
    recordPayment: z.boolean(),
    markUncollectible: z.boolean(),
  }),
});
