import { spawn } from 'node:child_process';
import net from 'node:net';
import type { Readable } from 'node:stream';
import type { FilesConfig } from '../../app/config.js';

export type ScanVerdict = { status: 'clean' } | { status: 'infected'; signature: string } | { status: 'skipped'; reason: string };

/** clamd's address: a unix socket path, or `tcp://host:port` / `host:port`. */
function connectOptions(address: string): net.NetConnectOpts {
  const tcp = /^(?:tcp:\/\/)?([^/:]+):(\d+)$/.exec(address);
  if (tcp) return { host: tcp[1] as string, port: Number(tcp[2]) };
  return { path: address.replace(/^unix:/, '') };
}

/**
 * Streams the file to clamd with INSTREAM (`zINSTREAM\0`, then chunks each prefixed with their
 * length as 4 bytes big-endian, then a zero-length chunk) and reads the one-line verdict:
 * `stream: OK`, `stream: <signature> FOUND`, or an error such as "INSTREAM size limit exceeded".
 */
export function scanWithClamd(address: string, data: Readable, timeoutMs = 10 * 60_000): Promise<ScanVerdict> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(connectOptions(address));
    let reply = '';
    let settled = false;
    const finish = (err: Error | null, verdict?: ScanVerdict) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      data.destroy();
      if (err) reject(err);
      else resolve(verdict!);
    };
    socket.setTimeout(timeoutMs, () => finish(new Error('clamd did not answer in time')));
    socket.on('error', (err) => finish(err));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
    });
    socket.on('end', () => {
      const line = reply.replace(/\0/g, '').trim();
      const found = /^stream: (.+) FOUND$/.exec(line);
      if (found) return finish(null, { status: 'infected', signature: found[1] as string });
      if (line === 'stream: OK') return finish(null, { status: 'clean' });
      if (/size limit exceeded/i.test(line)) return finish(null, { status: 'skipped', reason: 'larger than clamd StreamMaxLength' });
      finish(new Error(`clamd answered: ${line || '(nothing)'}`));
    });
    socket.on('connect', async () => {
      try {
        socket.write('zINSTREAM\0');
        for await (const chunk of data) {
          const buf = chunk as Buffer;
          // clamd closes the connection once a limit is hit; the verdict still arrives on 'end'.
          if (socket.destroyed || socket.writableEnded) return;
          for (let i = 0; i < buf.length; i += 64 * 1024) {
            const part = buf.subarray(i, i + 64 * 1024);
            const len = Buffer.alloc(4);
            len.writeUInt32BE(part.length);
            if (!socket.write(Buffer.concat([len, part]))) await new Promise((r) => socket.once('drain', r));
          }
        }
        socket.end(Buffer.alloc(4));
      } catch (err) {
        if (!settled && !socket.destroyed) finish(err as Error);
      }
    });
  });
}

/** Runs `clamscan --no-summary -` with the file on stdin: exit 0 clean, 1 infected, else an error. */
export function scanWithClamscan(bin: string, data: Readable): Promise<ScanVerdict> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--no-summary', '--stdout', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c) => {
      out += c.toString('utf8');
    });
    child.on('error', reject);
    child.stdin.on('error', () => {});
    data.on('error', (err) => child.kill() && reject(err));
    data.pipe(child.stdin);
    child.on('close', (code) => {
      if (code === 0) return resolve({ status: 'clean' });
      const found = /: (.+) FOUND/.exec(out);
      if (code === 1) return resolve({ status: 'infected', signature: found?.[1] ?? 'unknown' });
      reject(new Error(`clamscan exited ${code}: ${out.trim().slice(0, 500)}`));
    });
  });
}

/** Scans with what the configuration names; files above its size limit are skipped (and say so). */
export async function scanFile(scan: FilesConfig['scan'], size: number, open: () => Promise<Readable>): Promise<ScanVerdict> {
  if (scan.kind === 'off') return { status: 'skipped', reason: 'scanning is off' };
  if (size > scan.maxBytes) return { status: 'skipped', reason: `larger than VIRUS_SCAN_MAX_BYTES (${scan.maxBytes})` };
  const data = await open();
  return scan.kind === 'clamd' ? scanWithClamd(scan.address, data) : scanWithClamscan(scan.path, data);
}
