import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { etagOf, requireIfMatch } from '../../app/etag.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { ensureInvoiceStaff } from './invoices.policy.js';
import { pdfFileName, presentStaffInvoice, presentStaffInvoiceSummary } from './invoices.presenter.js';
import { createInvoicesRepository } from './invoices.repository.js';
import {
  staffCreateInvoiceSchema,
  staffInvoiceListQuery,
  staffInvoiceSchema,
  staffInvoiceSummarySchema,
  staffRecordPaymentSchema,
  staffUpdateInvoiceSchema,
  staffVoidSchema,
} from './invoices.schemas.js';
import { createInvoice, deleteDraft, invoiceNotFound, issueInvoice, markUncollectible, updateDraft, voidInvoice } from './invoices.usecases.js';
import { todayIso } from './money.js';
import { recordBankTransfer } from './payments.usecases.js';

const invoiceParams = z.object({ invoiceId: z.string().min(1).max(100) });
const one = z.object({ data: staffInvoiceSchema });

/** The console's Rechnungen: billing staff and staff admins write, issue, void and settle invoices. */
export async function staffInvoicesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const invoices = createInvoicesRepository({ db: deps.db });

  async function load(id: string) {
    const inv = await invoices.find(id);
    if (!inv) throw invoiceNotFound();
    return inv;
  }

  r.get(
    '/api/v1/staff/invoices',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'All invoices, newest first: by account, status, overdue, number and issue-date range',
        querystring: staffInvoiceListQuery,
        response: { 200: z.object({ data: z.array(staffInvoiceSummarySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      ensureInvoiceStaff(req.actor);
      const { limit, cursor, ...query } = req.query;
      const { items, nextCursor } = await invoices.staffList({ query, today: todayIso(), limit, cursor });
      return { data: items.map(presentStaffInvoiceSummary), nextCursor };
    },
  );

  r.post(
    '/api/v1/staff/invoices',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: 'Write a draft for an account (lines from products or free text, tax rate, due date or terms, currency); with `scheduled` and a future issue date the customer sees it as upcoming and it is issued on that day',
        body: staffCreateInvoiceSchema,
        response: { 201: one },
      },
    },
    async (req, reply) => {
      const staff = ensureInvoiceStaff(req.actor);
      const inv = await createInvoice({ deps, staff, input: req.body, ip: req.ip });
      return reply.status(201).header('etag', etagOf(inv.version)).header('location', `/api/v1/staff/invoices/${inv.id}`).send({ data: presentStaffInvoice(inv) });
    },
  );

  r.get(
    '/api/v1/staff/invoices/:invoiceId',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'One invoice with its account, lines and payments (ETag)', params: invoiceParams, response: { 200: one } } },
    async (req, reply) => {
      ensureInvoiceStaff(req.actor);
      const inv = await load(req.params.invoiceId);
      reply.header('etag', etagOf(inv.version));
      return { data: presentStaffInvoice(inv) };
    },
  );

  r.patch(
    '/api/v1/staff/invoices/:invoiceId',
    {
      config: { auth: 'user' },
      schema: { tags: ['staff'], summary: 'Change a draft: dates, terms, memo, currency, language, lines (replaced whole); If-Match required', params: invoiceParams, body: staffUpdateInvoiceSchema, response: { 200: one } },
    },
    async (req, reply) => {
      const staff = ensureInvoiceStaff(req.actor);
      const inv = await updateDraft({ deps, staff, invoiceId: req.params.invoiceId, expectedVersion: requireIfMatch(req), input: req.body, ip: req.ip });
      reply.header('etag', etagOf(inv.version));
      return { data: presentStaffInvoice(inv) };
    },
  );

  r.delete(
    '/api/v1/staff/invoices/:invoiceId',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'Delete a draft (it has no number yet, so no gap is left)', params: invoiceParams } },
    async (req, reply) => {
      const staff = ensureInvoiceStaff(req.actor);
      await deleteDraft({ deps, staff, invoiceId: req.params.invoiceId, ip: req.ip });
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/staff/invoices/:invoiceId/pdf',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'The invoice as the customer gets it (application/pdf); drafts as a preview', params: invoiceParams } },
    async (req, reply) => {
      ensureInvoiceStaff(req.actor);
      const inv = await load(req.params.invoiceId);
      const pdf = await renderInvoicePdf({ invoice: inv, config: deps.config });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${pdfFileName(inv)}"`).header('cache-control', 'private, no-store').send(pdf);
    },
  );

  r.post(
    '/api/v1/staff/invoices/:invoiceId/issue',
    {
      config: { auth: 'user' },
      schema: { tags: ['staff'], summary: 'Issue a draft now: number, date, billing snapshot; the customer gets a mail with the PDF link (If-Match required)', params: invoiceParams, response: { 200: one } },
    },
    async (req, reply) => {
      const staff = ensureInvoiceStaff(req.actor);
      const inv = await issueInvoice({ deps, staff, invoiceId: req.params.invoiceId, expectedVersion: requireIfMatch(req), ip: req.ip });
      reply.header('etag', etagOf(inv.version));
      return { data: presentStaffInvoice(inv) };
    },
  );

  r.post(
    '/api/v1/staff/invoices/:invoiceId/void',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'Void an issued invoice nothing was paid of (with a reason)', params: invoiceParams, body: staffVoidSchema, response: { 200: one } } },
    async (req, reply) => {
      const staff = ensureInvoiceStaff(req.actor);
      const inv = await voidInvoice({ deps, staff, invoiceId: req.params.invoiceId, reason: req.body.reason, ip: req.ip });
      reply.header('etag', etagOf(inv.version));
      return { data: presentStaffInvoice(inv) };
    },
  );

  r.post(
    '/api/v1/staff/invoices/:invoiceId/uncollectible',
    { config: { auth: 'user' }, schema: { tags: ['staff'], summary: 'Write an open invoice off as uncollectible (a later payment still settles it)', params: invoiceParams, response: { 200: one } } },
    async (req, reply) => {
      const staff = ensureInvoiceStaff(req.actor);
      const inv = await markUncollectible({ deps, staff, invoiceId: req.params.invoiceId, ip: req.ip });
      reply.header('etag', etagOf(inv.version));
      return { data: presentStaffInvoice(inv) };
    },
  );

  r.post(
    '/api/v1/staff/invoices/:invoiceId/payments',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['staff'],
        summary: "Record a bank transfer from the statement (the statement's reference makes it count once); the customer gets a receipt",
        params: invoiceParams,
        body: staffRecordPaymentSchema,
        response: { 201: one },
      },
    },
    async (req, reply) => {
      const staff = ensureInvoiceStaff(req.actor);
      const inv = await recordBankTransfer({ deps, staff, invoiceId: req.params.invoiceId, input: req.body, ip: req.ip });
      return reply.status(201).header('etag', etagOf(inv.version)).send({ data: presentStaffInvoice(inv) });
    },
  );
}
