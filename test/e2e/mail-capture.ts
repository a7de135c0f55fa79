import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type CapturedMail = { to: string[]; subject: string; text: string; at: number };

/**
 * A real SMTP server on loopback that the e2e Portico sends its mail to (`SMTP_URL`). Each mail
 * lands as one JSON file in `dir`, so the spec workers (other processes) can read what arrived.
 */
export async function startMailCapture(port: number, dir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true });
  let seq = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        const mail: CapturedMail = {
          to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          at: Date.now(),
        };
        seq += 1;
        fs.writeFileSync(path.join(dir, `${Date.now()}-${seq}.json`), JSON.stringify(mail));
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(port, '127.0.0.1', resolve);
  });
  return () => new Promise<void>((resolve) => smtp.close(() => resolve()));
}

function readMails(dir: string): CapturedMail[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CapturedMail);
}

/** The newest mail to `to` received after `since` whose text contains `contains`, waiting for it to arrive. */
export async function waitForMail(to: string, { since, contains }: { since: number; contains: string }): Promise<CapturedMail> {
  const dir = process.env.PORTICO_E2E_MAIL_DIR;
  if (!dir) throw new Error('PORTICO_E2E_MAIL_DIR is not set (playwright.config.ts)');
  let found: CapturedMail | undefined;
  await expect
    .poll(
      () => {
        found = readMails(dir)
          .filter((mail) => mail.at >= since && mail.to.includes(to.toLowerCase()) && mail.text.includes(contains))
          .at(-1);
        return Boolean(found);
      },
      { message: `a mail to ${to} containing ${contains}`, timeout: 20_000 },
    )
    .toBe(true);
  return found as CapturedMail;
}

/** The first link in a mail's text that starts with `prefix` (e.g. `${baseURL}/invitation/`). */
export function linkIn(mail: CapturedMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = mail.text.match(new RegExp(`${escaped}[^\\s>)"]+`));
  if (!match) throw new Error(`no link ${prefix}… in mail "${mail.subject}":\n${mail.text}`);
  return match[0];
}
