import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { DataStore, type Upload } from '@tus/utils';

interface HashState {
  hash: crypto.Hash;
  /** How many bytes of the upload the hash has seen (always from byte 0). */
  offset: number;
  touchedAt: number;
}

/** Hash states of uploads nobody wrote to for this long are dropped (the upload re-hashes at the end). */
const STALE_MS = 6 * 3_600_000;

/**
 * Wraps the tus data store so that every byte is hashed (SHA-256) on its way to storage, across
 * as many PATCH requests as the upload takes. A hash state cannot be serialised in Node, so it
 * lives in this process: when a request continues at an offset this process did not hash up to
 * (a restart, another app process, an interrupted write of unknown length), the state is dropped
 * and the upload is hashed once more from storage when it completes (docs/decisions/009).
 */
export class HashingStore extends DataStore {
  private readonly states = new Map<string, HashState>();

  constructor(
    readonly inner: DataStore,
    private readonly hooks: {
      /** After each successful write: the new offset (persisted as the upload's progress). */
      written(id: string, offset: number): Promise<void>;
      /** An upload whose bytes already left the tus area: answered as complete. */
      completed(id: string): Promise<Upload | null>;
    },
  ) {
    super();
    // Uploads always declare their length (Upload-Defer-Length is refused before it gets here).
    this.extensions = inner.extensions.filter((e) => e !== 'creation-defer-length');
  }

  override async create(upload: Upload): Promise<Upload> {
    const created = await this.inner.create(upload);
    this.states.set(upload.id, { hash: crypto.createHash('sha256'), offset: 0, touchedAt: Date.now() });
    return created;
  }

  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    this.dropStale();
    let state = this.states.get(id);
    if (state && state.offset !== offset) {
      this.states.delete(id);
      state = undefined;
    }
    let seen = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        state?.hash.update(chunk);
        seen += chunk.length;
        callback(null, chunk);
      },
    });
    stream.on('error', (err) => tap.destroy(err));
    stream.pipe(tap);
    let newOffset: number;
    try {
      newOffset = await this.inner.write(tap, id, offset);
    } catch (err) {
      this.states.delete(id);
      throw err;
    }
    if (state && newOffset - offset === seen) {
      state.offset = newOffset;
      state.touchedAt = Date.now();
    } else {
      this.states.delete(id);
    }
    await this.hooks.written(id, newOffset);
    return newOffset;
  }

  /** The SHA-256 (hex) of a complete upload if this process hashed all of it; else null. Forgets the state. */
  takeDigest(id: string, size: number): string | null {
    const state = this.states.get(id);
    this.states.delete(id);
    return state && state.offset === size ? state.hash.digest('hex') : null;
  }

  forget(id: string): void {
    this.states.delete(id);
  }

  override async getUpload(id: string): Promise<Upload> {
    try {
      return await this.inner.getUpload(id);
    } catch (err) {
      const done = await this.hooks.completed(id);
      if (done) return done;
      throw err;
    }
  }

  override async remove(id: string): Promise<void> {
    this.states.delete(id);
    await this.inner.remove(id);
  }

  override declareUploadLength(id: string, length: number): Promise<void> {
    return this.inner.declareUploadLength(id, length);
  }

  /** Not used: the cleanup job removes expired uploads by their rows and never touches attachments. */
  override async deleteExpired(): Promise<number> {
    return 0;
  }

  override getExpiration(): number {
    return this.inner.getExpiration();
  }

  private dropStale() {
    const limit = Date.now() - STALE_MS;
    for (const [id, s] of this.states) if (s.touchedAt < limit) this.states.delete(id);
  }
}
