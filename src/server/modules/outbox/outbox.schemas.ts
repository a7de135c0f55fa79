import { z } from 'zod';

export const mailSummarySchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(['queued', 'sent', 'held', 'failed']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const mailDetailSchema = mailSummarySchema.extend({
  text: z.string(),
  html: z.string().nullable(),
  lastError: z.string().nullable(),
});
