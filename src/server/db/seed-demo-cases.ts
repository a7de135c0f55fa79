import type { Db, Dialect } from '../app/db.js';
import { nextCounterValue } from '../app/counters.js';
import { newId } from '../app/ids.js';
import type { CaseCategory, CaseSeverity, CaseStatus } from './schema.js';
import { reindexCase } from '../modules/cases/case-search.js';
import { firstResponseDue } from '../modules/cases/sla.js';

const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * HOUR).toISOString();

type Person = { id: string };
type Step =
  | { h: number; by: Person; say: string; staff?: boolean }
  | { h: number; by: Person; note: string }
  | { h: number; by: Person; status: CaseStatus }
  | { h: number; by: Person; assign: Person & { name: string } };

interface DemoCase {
  account: string;
  by: Person;
  h: number;
  subject: string;
  description: string;
  type: 'technical' | 'customer_service';
  severity?: CaseSeverity;
  category?: CaseCategory;
  key?: { id: string; productId: string } | null;
  version?: string;
  os?: string;
  invoice?: string;
  ccs?: Person[];
  steps?: Step[];
  viewedBy?: Person[];
}

/**
 * Cases of both types in every status, with comment threads, support replies, an internal note and
 * an overdue one, so "Meine Fälle" and the support console are alive on first start.
 */
export async function seedDemoCases(
  trx: Db,
  dialect: Dialect,
  { accountId, otherAccountId, admin, keyManager, member, agent, staffAdmin, nordlicht }: {
    accountId: string;
    otherAccountId: string;
    admin: Person; keyManager: Person; member: Person; nordlicht: Person;
    agent: Person & { name: string }; staffAdmin: Person & { name: string };
  },
) {
  const keyOf = async (where: { assignedUserId?: string; product: string; accountId: string; expired?: boolean }) => {
    let q = trx
      .selectFrom('product_keys as k')
      .innerJoin('products as p', 'p.id', 'k.product_id')
      .select(['k.id', 'k.product_id as productId'])
      .where('p.code', '=', where.product)
      .where('k.account_id', '=', where.accountId);
    if (where.assignedUserId) q = q.where('k.assigned_user_id', '=', where.assignedUserId);
    q = q.where('k.maintenance_end', where.expired ? '<' : '>', at(0));
    return (await q.orderBy('k.created_at').executeTakeFirst()) ?? null;
  };
  const miasKey = await keyOf({ assignedUserId: member.id, product: 'analytics-desktop', accountId });
  const serverKey = await keyOf({ assignedUserId: keyManager.id, product: 'analytics-server', accountId });
  const prepKey = await keyOf({ product: 'prep', accountId });
  const munichKey = await keyOf({ product: 'analytics-desktop', accountId, expired: true });
  const nordlichtKey = await keyOf({ product: 'analytics-desktop', accountId: otherAccountId });

  const cases: DemoCase[] = [
    {
      account: accountId, by: member, h: -74, type: 'technical', severity: 'p2', key: miasKey, version: '2026.1', os: 'Windows 11 Pro 24H2',
      subject: 'Export nach PDF bricht bei großen Dashboards ab',
      description: 'Beim Export des Dashboards **Vertrieb Q3** nach PDF bleibt der Fortschritt bei 50 % stehen.\n\n1. Dashboard öffnen\n2. *Datei → Exportieren → PDF*\n3. Nach etwa zwei Minuten: Fehlermeldung „Zeitüberschreitung“',
      viewedBy: [member],
      steps: [
        { h: -73, by: agent, assign: agent },
        { h: -72, by: agent, note: 'Bekanntes Problem mit Dashboards > 40 Ansichten, Ticket DEV-2231. Workaround: Export pro Ansicht.' },
        { h: -71.5, by: agent, say: 'Vielen Dank für die Beschreibung. Können Sie uns bitte die Protokolldatei `export.log` aus `%APPDATA%\\Beispiel\\Logs` senden? Bis dahin hilft es, die Ansichten einzeln zu exportieren.', staff: true },
      ],
    },
    {
      account: accountId, by: keyManager, h: -26, type: 'technical', severity: 'p1', key: serverKey, version: '2026.2', os: 'Debian 12',
      subject: 'Analytics Server startet nach Update auf 2026.2 nicht',
      description: 'Nach dem Update auf 2026.2 startet der Dienst nicht mehr. Im Log steht:\n\n```\nFATAL: repository migration 2026.2-004 failed: lock timeout\n```\n\nAlle Nutzer in Berlin sind betroffen.',
      steps: [
        { h: -25.7, by: agent, assign: agent },
        { h: -25.5, by: agent, say: 'Bitte stoppen Sie alle Worker-Knoten und starten Sie nur den Hauptknoten mit `tsm start --primary-only`. Danach die Migration erneut anstoßen.', staff: true },
        { h: -24, by: keyManager, say: 'Hauptknoten läuft wieder, die Worker starten aber noch nicht.' },
        { h: -23.5, by: agent, note: 'Rückfrage bei Entwicklung läuft (DEV-2240).' },
      ],
    },
    {
      account: accountId, by: member, h: -2, type: 'technical', severity: 'p3', key: miasKey, version: '2026.3', os: 'macOS 15.2',
      subject: 'Standardfilter für alle Arbeitsmappen festlegen',
      description: 'Gibt es eine Möglichkeit, einen Datumsfilter (aktuelles Quartal) für alle neuen Arbeitsmappen voreinzustellen?',
    },
    {
      account: accountId, by: admin, h: -190, type: 'customer_service', category: 'invoice', invoice: 'INV-2026-000117',
      subject: 'Rechnung INV-2026-000117: falsche Umsatzsteuer-ID',
      description: 'Auf der Rechnung steht noch unsere alte USt-IdNr. Bitte korrigieren Sie sie auf DE123456789.',
      steps: [
        { h: -189, by: staffAdmin, assign: staffAdmin },
        { h: -187, by: staffAdmin, say: 'Wir haben die Rechnung storniert und mit der richtigen USt-IdNr. neu ausgestellt. Sie finden sie unter Rechnungen.', staff: true },
        { h: -80, by: admin, say: 'Danke, passt jetzt.' },
        { h: -79, by: admin, status: 'solved' },
      ],
    },
    {
      account: accountId, by: admin, h: -120, type: 'customer_service', category: 'licensing', key: munichKey,
      subject: 'Wartung für Niederlassung München verlängern',
      description: 'Die Wartung der Explorer-Lizenzen in München ist abgelaufen. Bitte senden Sie uns ein Angebot für die Verlängerung um ein Jahr (10 Plätze).',
    },
    {
      account: accountId, by: keyManager, h: -960, type: 'technical', severity: 'p4', key: prepKey, version: '2026.1', os: 'Windows 10 Pro',
      subject: 'Frage zur Offline-Aktivierung auf Rechnern ohne Internet',
      description: 'Wie aktivieren wir Prep auf Rechnern im abgeschotteten Labornetz?',
      steps: [
        { h: -950, by: agent, say: 'Unter *Product Keys → Schlüssel → Offline-Aktivierung* laden Sie die Anfragedatei hoch und erhalten eine Lizenzdatei. Anleitung: docs/licensing.md.', staff: true },
        { h: -940, by: keyManager, say: 'Hat funktioniert, danke!' },
        { h: -939, by: keyManager, status: 'solved' },
        { h: -500, by: agent, status: 'closed' },
      ],
    },
    {
      account: accountId, by: member, h: -50, type: 'customer_service', category: 'account_data', ccs: [admin],
      subject: 'Neue Rechnungsanschrift ab Januar',
      description: 'Ab dem 1. Januar lautet unsere Rechnungsanschrift: Beispiel Analytics GmbH, Friedrichstraße 100, 10117 Berlin.',
      viewedBy: [member],
      steps: [
        { h: -30, by: staffAdmin, say: 'Gern. Sollen auch die Lieferadresse und der Rechnungskontakt geändert werden?', staff: true },
      ],
    },
    {
      account: accountId, by: admin, h: -600, type: 'technical', severity: 'p3', key: miasKey, version: '2025.4', os: 'Windows 11 Pro 23H2',
      subject: 'Kartenansicht zeigt falsche Postleitzahlen',
      description: 'In der Kartenansicht werden einige Postleitzahlen in Brandenburg falsch zugeordnet.',
      steps: [
        { h: -590, by: agent, say: 'Das ist in 2026.1 behoben (Geodaten-Update). Bitte aktualisieren Sie.', staff: true },
        { h: -560, by: agent, status: 'solved' },
      ],
    },
    {
      account: otherAccountId, by: nordlicht, h: -10, type: 'technical', severity: 'p3', key: nordlichtKey, version: '2026.1', os: 'Windows 11',
      subject: 'Anmeldung mit SSO schlägt fehl', description: 'Seit gestern schlägt die SAML-Anmeldung fehl.',
    },
  ];

  for (const c of cases) {
    const id = newId('cas');
    const number = String(await nextCounterValue(trx, 'case_number', 100000)).padStart(8, '0');
    const severity = c.severity ?? 'p3';
    const opened = at(c.h);
    let status: CaseStatus = 'new';
    let assigned: string | null = null;
    let firstResponse: string | null = null;
    let solved: string | null = null;
    let closed: string | null = null;
    let last = opened;
    await trx
      .insertInto('cases')
      .values({
        id, number, account_id: c.account, type: c.type, category: c.category ?? null, subject: c.subject, description: c.description,
        product_id: c.key?.productId ?? null, product_version: c.version ?? null, operating_system: c.os ?? null, severity, key_id: c.key?.id ?? null,
        invoice_number: c.invoice ?? null, status, contact_user_id: c.by.id, created_by_user_id: c.by.id, assigned_user_id: null, related_case_id: null,
        first_response_due_at: firstResponseDue(new Date(opened), severity).toISOString(), first_responded_at: null, solved_at: null, closed_at: null,
        last_activity_at: opened, search_text: '', search_scoped: '', version: 1, created_at: opened, updated_at: opened,
      })
      .execute();
    if (c.ccs?.length) await trx.insertInto('case_ccs').values(c.ccs.map((p) => ({ case_id: id, user_id: p.id }))).execute();
    const event = (h: number, by: Person, kind: string, visibility: 'public' | 'internal', data: Record<string, unknown>) =>
      trx.insertInto('case_events').values({ id: newId('cev'), case_id: id, actor_user_id: by.id, kind, visibility, data: JSON.stringify(data), created_at: at(h) }).execute();
    await event(c.h, c.by, 'opened', 'public', {});
    for (const s of c.steps ?? []) {
      last = at(s.h);
      if ('say' in s || 'note' in s) {
        const internal = 'note' in s;
        await trx
          .insertInto('case_comments')
          .values({ id: newId('cmt'), case_id: id, author_user_id: s.by.id, author_kind: internal || s.staff ? 'staff' : 'customer', visibility: internal ? 'internal' : 'public', body: internal ? s.note : s.say, created_at: last })
          .execute();
        if (!internal && s.staff) {
          firstResponse ??= last;
          if (status !== 'waiting_on_customer') {
            await event(s.h, s.by, 'status_changed', 'public', { from: status, to: 'waiting_on_customer' });
            status = 'waiting_on_customer';
          }
        } else if (!internal && status === 'waiting_on_customer') {
          await event(s.h, s.by, 'status_changed', 'public', { from: status, to: 'in_progress' });
          status = 'in_progress';
        }
      } else if ('assign' in s) {
        assigned = s.assign.id;
        await event(s.h, s.by, 'assigned', 'internal', { to: s.assign.name });
        if (status === 'new') {
          await event(s.h, s.by, 'status_changed', 'public', { from: status, to: 'in_progress' });
          status = 'in_progress';
        }
      } else {
        await event(s.h, s.by, 'status_changed', 'public', { from: status, to: s.status });
        status = s.status;
        if (s.status === 'solved') solved = last;
        if (s.status === 'closed') closed = last;
      }
    }
    await trx
      .updateTable('cases')
      .set({ status, assigned_user_id: assigned, first_responded_at: firstResponse, solved_at: solved, closed_at: closed, last_activity_at: last, updated_at: last })
      .where('id', '=', id)
      .execute();
    for (const v of c.viewedBy ?? []) await trx.insertInto('case_views').values({ user_id: v.id, case_id: id, viewed_at: at(-1) }).execute();
    await reindexCase(trx, dialect, id);
  }
}
