import crypto from 'node:crypto';
import type { Db } from '../app/db.js';
import { newId } from '../app/ids.js';
import { artifactKey, type FileStorage } from '../modules/files/storage.js';
import type { ArtifactArch, ArtifactPlatform, ReleaseChannel } from './schema.js';

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

type Build = [ArtifactPlatform, ArtifactArch, string];
const DESKTOP: Build[] = [['windows', 'x64', 'msi'], ['macos', 'arm64', 'dmg'], ['macos', 'x64', 'dmg'], ['linux', 'x64', 'tar.gz']];
const SERVER: Build[] = [['linux', 'x64', 'tar.gz'], ['linux', 'arm64', 'tar.gz'], ['windows', 'x64', 'zip']];

interface DemoRelease {
  product: string;
  version: string;
  channel: ReleaseChannel;
  days: number;
  builds: Build[];
  notes: { de: string };
}

/**
 * Releases of the demo products over several versions and channels, each with small real files
 * written to storage and their true SHA-256, so the release centre works end to end in the demo.
 * Nordlicht's Prep key ended its maintenance 200 days ago: its newer Prep releases show as not
 * covered, with the date; Beispiel's keys behind the newest version get update hints.
 */
export const DEMO_RELEASES: readonly DemoRelease[] = [
  { product: 'analytics-desktop', version: '2025.2', channel: 'lts', days: -520, builds: DESKTOP, notes: { de: '## Langzeitversion 2025.2\n\n- Sicherheitskorrekturen bis Ende 2027\n- Stabile Schnittstellen für Erweiterungen' } },
  { product: 'analytics-desktop', version: '2025.4', channel: 'stable', days: -300, builds: DESKTOP, notes: { de: '## Neu in 2025.4\n\n- Dashboards als PDF exportieren\n- Schnellere Filter bei großen Datenquellen' } },
  { product: 'analytics-desktop', version: '2026.1', channel: 'stable', days: -150, builds: DESKTOP, notes: { de: '## Neu in 2026.1\n\n- **Dunkler Modus**\n- Verbindungen zu PostgreSQL 17\n\nBehoben: Absturz beim Öffnen sehr alter Arbeitsmappen.' } },
  { product: 'analytics-desktop', version: '2026.2', channel: 'stable', days: -75, builds: DESKTOP, notes: { de: '## Neu in 2026.2\n\n- Freigabe von Ansichten per Link\n- Deutlich kürzere Startzeit' } },
  { product: 'analytics-desktop', version: '2026.3', channel: 'stable', days: -20, builds: DESKTOP, notes: { de: '## Neu in 2026.3\n\n- Native Unterstützung für Apple-Silicon-Rechner\n- Verbesserte Barrierefreiheit der Diagramme\n\nSiehe auch die [Systemanforderungen](https://portico.example/docs/requirements).' } },
  { product: 'analytics-desktop', version: '2026.4', channel: 'preview', days: -3, builds: DESKTOP, notes: { de: '## Vorschau 2026.4\n\nNicht für den Produktiveinsatz. Neu: KI-gestützte Formelvorschläge.' } },
  { product: 'analytics-server', version: '2025.4', channel: 'lts', days: -300, builds: SERVER, notes: { de: '## Server 2025.4 (Langzeitversion)\n\n- Hochverfügbarkeit mit zwei Knoten' } },
  { product: 'analytics-server', version: '2026.2', channel: 'stable', days: -70, builds: SERVER, notes: { de: '## Server 2026.2\n\n- Anmeldung über OpenID Connect\n- Prometheus-Metriken' } },
  { product: 'analytics-server', version: '2026.3', channel: 'stable', days: -15, builds: SERVER, notes: { de: '## Server 2026.3\n\n- Schnellere Extrakt-Aktualisierung\n- ARM64-Pakete für Linux' } },
  { product: 'prep', version: '2025.3', channel: 'stable', days: -400, builds: DESKTOP.slice(0, 2), notes: { de: '## Prep 2025.3\n\n- Neue Bereinigungsschritte für Datumsfelder' } },
  { product: 'prep', version: '2026.1', channel: 'stable', days: -140, builds: DESKTOP.slice(0, 2), notes: { de: '## Prep 2026.1\n\n- Abläufe planen und überwachen' } },
  { product: 'prep', version: '2026.2', channel: 'stable', days: -25, builds: DESKTOP.slice(0, 2), notes: { de: '## Prep 2026.2\n\n- Verbindungen zu Snowflake und BigQuery' } },
];

/** A small, real file for a demo build: a readable header, then deterministic bytes (its SHA-256 is what the portal shows). */
export function demoArtifactBytes(productName: string, version: string, platform: string, arch: string): Buffer {
  const header = Buffer.from(`${productName} ${version} (${platform}-${arch})\nDemo build of the Portico release centre. Not installable software.\n`, 'utf8');
  const seed = crypto.createHash('sha256').update(`${productName}|${version}|${platform}|${arch}`).digest();
  const size = 24 * 1024 + (seed[0]! << 7);
  const body = Buffer.alloc(size);
  let block = seed;
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(body, offset);
    block = crypto.createHash('sha256').update(block).digest();
  }
  return Buffer.concat([header, body]);
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');

/** Writes the demo files to storage (before the transaction commits: a failed seed leaves only unreferenced files) and their rows. */
export async function seedDemoReleases(trx: Db, storage: FileStorage, { releaseUserId }: { releaseUserId: string | null }) {
  const products = await trx.selectFrom('products').select(['id', 'code', 'name']).execute();
  for (const r of DEMO_RELEASES) {
    const product = products.find((p) => p.code === r.product);
    if (!product) continue;
    const id = newId('rel');
    const published = at(r.days);
    await trx
      .insertInto('releases')
      .values({ id, product_id: product.id, version: r.version, channel: r.channel, notes: r.notes.de, published_at: published, created_by_user_id: releaseUserId, created_at: at(r.days - 2), updated_at: published })
      .execute();
    for (const [platform, arch, ext] of r.builds) {
      const artifactId = newId('art');
      const bytes = demoArtifactBytes(product.name, r.version, platform, arch);
      const key = artifactKey(artifactId);
      await storage.write(key, bytes);
      await trx
        .insertInto('release_artifacts')
        .values({
          id: artifactId, release_id: id, platform, arch, file_name: `${slug(product.name)}-${r.version}-${platform}-${arch}.${ext}`, size: bytes.length,
          sha256: crypto.createHash('sha256').update(bytes).digest('hex'), storage: storage.kind, storage_key: key,
          signature_file_name: null, signature_storage_key: null, signature_size: null, signature_sha256: null, upload_id: null, uploader_user_id: releaseUserId, created_at: published,
        })
        .execute();
    }
  }
}
