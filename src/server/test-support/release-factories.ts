import crypto from 'node:crypto';
import type { ArtifactArch, ArtifactPlatform, ReleaseChannel } from '../db/schema.js';
import { newId } from '../app/ids.js';
import { filesService } from '../modules/files/files.usecases.js';
import { artifactKey, artifactSignatureKey } from '../modules/files/storage.js';
import type { TestApp } from './test-app.js';

/**
 * A release written straight to the database, its files written to the test app's storage with
 * their true SHA-256. `publishedAt: null` makes a draft.
 */
export async function buildRelease(
  t: Pick<TestApp, 'db' | 'app'>,
  input: {
    productId: string;
    version: string;
    channel?: ReleaseChannel;
    publishedAt?: string | null;
    notes?: string;
    artifacts?: { platform: ArtifactPlatform; arch: ArtifactArch; fileName?: string; content?: Buffer; signature?: Buffer }[];
  },
) {
  const id = newId('rel');
  const now = new Date().toISOString();
  const publishedAt = input.publishedAt === undefined ? now : input.publishedAt;
  await t.db
    .insertInto('releases')
    .values({ id, product_id: input.productId, version: input.version, channel: input.channel ?? 'stable', notes: input.notes ?? '', published_at: publishedAt, created_by_user_id: null, created_at: publishedAt ?? now, updated_at: now })
    .execute();
  const { storage } = filesService(t.app.deps);
  const artifacts: { id: string; content: Buffer; sha256: string; fileName: string; platform: ArtifactPlatform; arch: ArtifactArch }[] = [];
  for (const a of input.artifacts ?? [{ platform: 'linux', arch: 'x64' }]) {
    const artifactId = newId('art');
    const content = a.content ?? crypto.randomBytes(4096);
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    const fileName = a.fileName ?? `product-${input.version}-${a.platform}-${a.arch}.bin`;
    await storage.write(artifactKey(artifactId), content);
    const sig = a.signature ? { key: artifactSignatureKey(artifactId), sha256: crypto.createHash('sha256').update(a.signature).digest('hex') } : null;
    if (sig && a.signature) await storage.write(sig.key, a.signature);
    await t.db
      .insertInto('release_artifacts')
      .values({
        id: artifactId, release_id: id, platform: a.platform, arch: a.arch, file_name: fileName, size: content.length, sha256, storage: storage.kind, storage_key: artifactKey(artifactId),
        signature_file_name: sig ? `${fileName}.sig` : null, signature_storage_key: sig?.key ?? null, signature_size: a.signature?.length ?? null, signature_sha256: sig?.sha256 ?? null,
        upload_id: null, uploader_user_id: null, created_at: now,
      })
      .execute();
    artifacts.push({ id: artifactId, content, sha256, fileName, platform: a.platform, arch: a.arch });
  }
  return { releaseId: id, artifacts };
}
