import fs from 'node:fs';

/** Removes the e2e server's temporary data directory (made in playwright.config.ts). */
export default function globalTeardown() {
  const dir = process.env.PORTICO_E2E_DATA_DIR;
  if (dir?.includes('portico-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
  const mailDir = process.env.PORTICO_E2E_MAIL_DIR;
  if (mailDir?.includes('portico-e2e-mail-')) fs.rmSync(mailDir, { recursive: true, force: true });
}
