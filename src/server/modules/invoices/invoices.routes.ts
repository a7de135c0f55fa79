import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderInvoicePdf } from './invoice-pdf.js';
import { ensureInvoiceReader, invoiceListScope } from './invoices.policy.js';
import { pdfFileName, presentInvoice, presentInvoiceSummary } from './invoices.presenter.js';
import { createInvoicesRepository } from './invoices.repository.js';
import { invoiceListQuery, invoiceListResponse, invoiceSchema, payResponse } from './invoices.schemas.js';
import { getVisibleInvoice } from './invoices.usecases.js';
import { todayIso } from './money.js';
import { payInvoice } from './payments.usecases.js';

const invoiceParams = z.object({ invoiceId: z.string().min(1).max(100) });

/** Rechnungen: the account's invoices for its admins and billing users. */
export async function invoicesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const invoices = createInvoicesRepository({ db: deps.db });

  r.get(
    '/api/v1/invoices',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['invoices'],
        summary: 'Rechnungen: one tab (upcoming = Demnächst fällig, unpaid = Unbezahlt, older = Ältere Rechnungen), search by number, issue-date range, keyset pagination; totals of every tab on the first page',
        querystring: invoiceListQuery,
        response: { 200: invoiceListResponse },
      },
    },
    async (req) => {
      const actor = ensureInvoiceReader(req.actor);
      const { tab, q, from, to, limit, cursor } = req.query;
      const scope = invoiceListScope(actor);
      const filter = { q, from, to };
      const { items, nextCursor } = await invoices.list({ scope, tab, filter, limit, cursor });
      const today = todayIso();
      return {
        data: items.map((i) => presentInvoiceSummary(i, today)),
        tab,
        nextCursor,
        totals: cursor ? null : await invoices.tabTotals({ scope, filter }),
      };
    },
  );

  r.get(
    '/api/v1/invoices/:invoiceId',
    {
      config: { auth: 'user' },
      schema: { tags: ['invoices'], summary: 'One invoice: its billing snapshot, lines, totals, payments and what you may do with it', params: invoiceParams, response: { 200: z.object({ data: invoiceSchema }) } },
    },
    async (req) => {
      const actor = ensureInvoiceReader(req.actor);
      return { data: presentInvoice(actor, await getVisibleInvoice({ deps, actor, invoiceId: req.params.invoiceId })) };
    },
  );

  r.get(
    '/api/v1/invoices/:invoiceId/pdf',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['invoices'],
        summary: 'The invoice as an A4 PDF in its language (application/pdf), the same content as the invoice page',
        params: invoiceParams,
      },
    },
    async (req, reply) => {
      const actor = ensureInvoiceReader(req.actor);
      const inv = await getVisibleInvoice({ deps, actor, invoiceId: req.params.invoiceId });
      const pdf = await renderInvoicePdf({ invoice: inv, config: deps.config });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${pdfFileName(inv)}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  r.post(
    '/api/v1/invoices/:invoiceId/pay',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['invoices'],
        summary: 'Bezahlen: a Stripe Checkout for the open balance (send the browser to `url`), or bank-transfer instructions when card payments are not configured. Repeated clicks get the same checkout.',
        params: invoiceParams,
        response: { 200: payResponse },
      },
    },
    async (req) => {
      const actor = ensureInvoiceReader(req.actor);
      return { data: await payInvoice({ deps, actor, invoiceId: req.params.invoiceId }) };
    },
  );
}
