import { z } from 'zod';

export const loginSchema = z.strictObject({
  email: z.string().trim().min(3).max(320),
  // No truncation and no composition rules; the upper bound only stops abuse of the hash function.
  password: z.string().min(1).max(1024),
});
