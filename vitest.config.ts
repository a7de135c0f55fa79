import os from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test`: every unit, repository and HTTP test. On SQLite by default; with DATABASE_URL set,
// the same files run on PostgreSQL, each in its own database cloned from a migrated template.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    globalSetup: ['src/server/test-support/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default (CPUs − 1) runs one file at a time on a 2-core machine; the files are
    // independent (each has its own database), so use at least two.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/vitest.xml' },
  },
});
