import { describe, expect, it } from 'vitest';
import { chunkSizeFor } from './upload-manager';

const MIB = 1024 * 1024;

describe('chunkSizeFor', () => {
  it('sends small files in 32 MiB steps and huge ones in at most 256 MiB, never more than ~64 requests below 16 GiB', () => {
    expect(chunkSizeFor(0)).toBe(32 * MIB);
    expect(chunkSizeFor(40 * MIB)).toBe(32 * MIB);
    expect(chunkSizeFor(4 * 1024 * MIB)).toBe(64 * MIB);
    expect(chunkSizeFor(20 * 1024 * MIB)).toBe(256 * MIB);
    expect(chunkSizeFor(200 * 1024 * MIB)).toBe(256 * MIB);
    for (const gib of [1, 2, 8, 16]) expect(Math.ceil((gib * 1024 * MIB) / chunkSizeFor(gib * 1024 * MIB))).toBeLessThanOrEqual(64);
  });
});
