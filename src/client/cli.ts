#!/usr/bin/env node
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  createLicenseClient,
  LicensingError,
  machineInfo,
  offlineActivationRequest,
  offlineDeactivationRequest,
  readLicenseFile,
  verifyLicense,
} from './license-client.js';

const USAGE = `portico-license — reference client for Portico's licensing API

  portico-license fingerprint
  portico-license activate   --server URL --key KEY [--version V] [--out license.json]
  portico-license validate   --server URL --key KEY [--version V]
  portico-license deactivate --server URL --key KEY
  portico-license verify     --license license.json (--server URL | --public-keys keys.json)
  portico-license offline-request      --key KEY --version V --out request.json
  portico-license offline-deactivation --key KEY --license license.json --out request.json

--fingerprint F overrides this machine's fingerprint (for tests and for licence servers).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values: o } = parseArgs({
    args: rest,
    options: {
      server: { type: 'string' }, key: { type: 'string' }, version: { type: 'string' }, out: { type: 'string' },
      license: { type: 'string' }, 'public-keys': { type: 'string' }, fingerprint: { type: 'string' },
    },
  });
  const machine = { ...machineInfo(), ...(o.fingerprint ? { fingerprint: o.fingerprint } : {}) };
  const need = (name: keyof typeof o) => {
    const v = o[name];
    if (!v) throw new Error(`--${name} is required`);
    return v;
  };
  const write = (file: string | undefined, data: unknown) => {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    if (file) fs.writeFileSync(file, text);
    else process.stdout.write(text);
  };

  switch (command) {
    case 'fingerprint':
      console.log(machine.fingerprint);
      return 0;
    case 'activate': {
      const answer = await createLicenseClient({ baseUrl: need('server') }).activate(need('key'), machine, o.version);
      write(o.out, { format: 'portico-license', version: 1, certificate: answer.certificate, product: answer.license.product, issuedAt: new Date().toISOString() });
      console.error(`Activated: ${answer.license.product}, maintenance ${answer.license.maintenance.status}`);
      return 0;
    }
    case 'validate': {
      const answer = await createLicenseClient({ baseUrl: need('server') }).validate(need('key'), machine, o.version);
      console.log(JSON.stringify(answer.license));
      return 0;
    }
    case 'deactivate':
      await createLicenseClient({ baseUrl: need('server') }).deactivate(need('key'), machine.fingerprint);
      console.error('Deactivated: the seat is free again.');
      return 0;
    case 'verify': {
      const license = readLicenseFile(fs.readFileSync(need('license'), 'utf8'));
      const keys = o['public-keys'] ? (JSON.parse(fs.readFileSync(o['public-keys'], 'utf8')) as Record<string, string>) : await createLicenseClient({ baseUrl: need('server') }).publicKeys();
      const result = verifyLicense(license.certificate, keys, machine.fingerprint);
      console.log(JSON.stringify(result.valid ? { valid: true, ...result.payload } : result));
      return result.valid ? 0 : 3;
    }
    case 'offline-request':
      write(o.out, offlineActivationRequest(need('key'), machine, need('version')));
      return 0;
    case 'offline-deactivation': {
      const license = readLicenseFile(fs.readFileSync(need('license'), 'utf8'));
      write(o.out, offlineDeactivationRequest(need('key'), machine, license.certificate));
      return 0;
    }
    default:
      console.error(USAGE);
      return command ? 64 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof LicensingError ? `${err.code}: ${err.message}` : `Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof LicensingError ? 2 : 1);
  },
);
