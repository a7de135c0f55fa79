import fs from 'node:fs';

/** Removes the e2e server's temporary data directory (made in playwright.config.ts). */
export default function globalTeardown() {
  const dir = process.env.PORTICO_E2E_DATA_DIR;
  if (dir?.includes('portico-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
