/**
 * The type of a file from its first bytes (magic numbers), never from its name or the type the
 * browser declared. A small table of what support cases carry: images, documents, archives,
 * dumps, executables; text when the sample is valid UTF-8 without control bytes.
 */
export const SNIFF_BYTES = 4100;

interface Signature {
  type: string;
  offset?: number;
  bytes: (number | null)[];
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: Signature[] = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: ascii('GIF87a') },
  { type: 'image/gif', bytes: ascii('GIF89a') },
  { type: 'image/webp', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { type: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: 'image/x-icon', bytes: [0x00, 0x00, 0x01, 0x00] },
  { type: 'application/pdf', bytes: ascii('%PDF-') },
  { type: 'application/gzip', bytes: [0x1f, 0x8b] },
  { type: 'application/x-bzip2', bytes: ascii('BZh') },
  { type: 'application/x-xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { type: 'application/zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { type: 'application/x-7z-compressed', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { type: 'application/vnd.rar', bytes: ascii('Rar!\x1a\x07') },
  { type: 'application/x-tar', offset: 257, bytes: ascii('ustar') },
  { type: 'application/vnd.sqlite3', bytes: ascii('SQLite format 3\0') },
  { type: 'application/x-elf', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { type: 'application/x-msdownload', bytes: ascii('MZ') },
  { type: 'application/x-mach-binary', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { type: 'application/x-mach-binary', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { type: 'application/vnd.ms-cab-compressed', bytes: ascii('MSCF') },
  { type: 'application/x-ole-storage', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { type: 'video/mp4', offset: 4, bytes: ascii('ftyp') },
  { type: 'application/x-pcapng', bytes: [0x0a, 0x0d, 0x0d, 0x0a] },
  { type: 'application/vnd.tcpdump.pcap', bytes: [0xd4, 0xc3, 0xb2, 0xa1] },
  { type: 'application/vnd.tcpdump.pcap', bytes: [0xa1, 0xb2, 0xc3, 0xd4] },
  { type: 'application/x-dmp', bytes: ascii('MDMP') },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
];

function matches(head: Buffer, s: Signature): boolean {
  const at = s.offset ?? 0;
  if (head.length < at + s.bytes.length) return false;
  return s.bytes.every((b, i) => b === null || head[at + i] === b);
}

/** Office Open XML and OpenDocument are zip files; their first entries say which. */
function refineZip(head: Buffer): string {
  const text = head.toString('latin1');
  if (text.includes('mimetypeapplication/vnd.oasis.opendocument.')) {
    const m = /mimetype(application\/vnd\.oasis\.opendocument\.[a-z.-]+)/.exec(text);
    if (m?.[1]) return m[1];
  }
  if (text.includes('[Content_Types].xml') || text.includes('_rels/.rels')) {
    if (text.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (text.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (text.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  }
  return 'application/zip';
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  // Cut a multi-byte character the sample may have split at its end.
  let end = head.length;
  for (let i = Math.max(0, end - 3); i < end; i++) {
    const b = head[i] as number;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (i + need > end) end = i;
      break;
    }
  }
  const sample = head.subarray(0, end);
  for (const b of sample) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch {
    return false;
  }
}

/** The detected type of a file whose first bytes are `head` (up to SNIFF_BYTES). */
export function detectContentType(head: Buffer): string {
  for (const s of SIGNATURES) {
    if (!matches(head, s)) continue;
    return s.type === 'application/zip' ? refineZip(head) : s.type;
  }
  if (looksLikeText(head)) {
    const start = head.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
    if (start.startsWith('<?xml') || start.startsWith('<svg')) return start.includes('<svg') ? 'image/svg+xml' : 'application/xml';
    if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'text/html';
    if (start.startsWith('{') || start.startsWith('[')) return 'application/json';
    return 'text/plain';
  }
  return 'application/octet-stream';
}

/** Raster images a browser may show inline; everything else is only ever downloaded. */
export const INLINE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
