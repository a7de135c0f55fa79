import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import { CASE_SORTS, CASE_VIEWS } from './cases.repository.js';

export const CASE_TYPES = ['technical', 'customer_service'] as const;
export const CASE_STATUSES = ['new', 'in_progress', 'waiting_on_customer', 'solved', 'closed'] as const;
export const CASE_SEVERITIES = ['p1', 'p2', 'p3', 'p4'] as const;
export const CASE_CATEGORIES = ['invoice', 'payment', 'account_data', 'licensing', 'other'] as const;

/** Comments and descriptions: generous, but bounded (a log belongs in an attachment). */
export const MAX_BODY = 20_000;

const id = z.string().min(1).max(100);
/** `status=new,in_progress` or repeated; each value checked. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const caseListQuery = z.object({
  view: z.enum(CASE_VIEWS).optional(),
  q: z.string().trim().max(200).optional(),
  status: listOf(CASE_STATUSES).optional(),
  type: z.enum(CASE_TYPES).optional(),
  severity: listOf(CASE_SEVERITIES).optional(),
  product: id.optional(),
  contact: id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  sort: z.enum(CASE_SORTS).default('newest'),
  format: z.enum(['csv']).optional(),
  ...pageQuery,
});

export const newCaseSchema = z.strictObject({
  type: z.enum(CASE_TYPES),
  subject: z.string().trim().min(3).max(200),
  description: z.string().trim().min(1).max(MAX_BODY),
  severity: z.enum(CASE_SEVERITIES).optional(),
  keyId: id.nullable().optional(),
  productVersion: z.string().trim().max(50).nullable().optional(),
  operatingSystem: z.string().trim().max(100).nullable().optional(),
  category: z.enum(CASE_CATEGORIES).optional(),
  invoiceNumber: z.string().trim().max(40).nullable().optional(),
  ccUserIds: z.array(id).max(20).optional(),
  relatedCaseId: id.nullable().optional(),
});

export const casePatchSchema = z
  .strictObject({
    severity: z.enum(CASE_SEVERITIES).optional(),
    contactUserId: id.optional(),
    ccUserIds: z.array(id).max(20).optional(),
    keyId: id.nullable().optional(),
    description: z.string().trim().min(1).max(MAX_BODY).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change' });

export const commentSchema = z.strictObject({ body: z.string().trim().min(1).max(MAX_BODY) });

export const staffCommentSchema = z.strictObject({
  body: z.string().trim().min(1).max(MAX_BODY),
  visibility: z.enum(['public', 'internal']),
  /** With a public reply: the status the case moves to (default: waiting for the customer). */
  status: z.enum(CASE_STATUSES).optional(),
});

export const staffPatchSchema = z
  .strictObject({
    status: z.enum(CASE_STATUSES).optional(),
    severity: z.enum(CASE_SEVERITIES).optional(),
    assignedUserId: id.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change' });

export const staffListQuery = z.object({
  queue: z.enum(CASE_TYPES).optional(),
  status: listOf(CASE_STATUSES).optional(),
  assigned: z.enum(['me', 'none', 'any']).default('any'),
  overdue: z.enum(['true', 'false']).optional(),
  account: id.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['newest', 'due']).default('newest'),
  ...pageQuery,
});

const person = z.object({ userId: z.string(), name: z.string(), email: z.string() });

export const caseSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  type: z.enum(CASE_TYPES),
  category: z.enum(CASE_CATEGORIES).nullable(),
  subject: z.string(),
  status: z.enum(CASE_STATUSES),
  severity: z.enum(CASE_SEVERITIES),
  product: z.object({ id: z.string(), name: z.string() }).nullable(),
  contact: person,
  createdAt: z.string(),
  updatedAt: z.string(),
  lastActivityAt: z.string(),
});

export const caseSchema = caseSummarySchema.extend({
  description: z.string(),
  descriptionHtml: z.string(),
  productVersion: z.string().nullable(),
  latestVersion: z.string().nullable(),
  operatingSystem: z.string().nullable(),
  key: z
    .object({ id: z.string(), licenseKeyTail: z.string(), maintenanceEnd: z.string().nullable(), maintenanceStatus: z.enum(['active', 'expiring', 'expired', 'none']), status: z.string() })
    .nullable(),
  invoiceNumber: z.string().nullable(),
  ccs: z.array(person),
  createdBy: z.object({ userId: z.string(), name: z.string() }),
  supportAgent: z.string().nullable(),
  relatedCase: z.object({ id: z.string(), number: z.string() }).nullable(),
  solvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenUntil: z.string().nullable(),
  version: z.number().int(),
  abilities: z.object({ edit: z.boolean(), comment: z.boolean(), solve: z.boolean(), reopen: z.boolean(), followUp: z.boolean() }),
});

export const timelineEntrySchema = z.object({
  type: z.enum(['comment', 'event']),
  id: z.string(),
  at: z.string(),
  visibility: z.enum(['public', 'internal']),
  author: z.object({ userId: z.string().nullable(), name: z.string().nullable(), kind: z.string().nullable() }),
  body: z.string().optional(),
  bodyHtml: z.string().optional(),
  kind: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const staffCaseSchema = caseSchema.omit({ abilities: true, supportAgent: true }).extend({
  account: z.object({ id: z.string(), name: z.string(), number: z.string() }),
  assignedTo: z.object({ userId: z.string(), name: z.string() }).nullable(),
  firstResponseDueAt: z.string(),
  firstRespondedAt: z.string().nullable(),
  responseState: z.enum(['met', 'breached', 'due', 'overdue']),
});

export const staffCaseSummarySchema = caseSummarySchema.extend({
  account: z.object({ id: z.string(), name: z.string(), number: z.string() }),
  assignedTo: z.object({ userId: z.string(), name: z.string() }).nullable(),
  firstResponseDueAt: z.string(),
  firstRespondedAt: z.string().nullable(),
  responseState: z.enum(['met', 'breached', 'due', 'overdue']),
});
