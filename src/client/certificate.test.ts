import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type CertificatePayload, signCertificate, verifyCertificate } from './certificate.js';
import { makeActivationRequest, requestChecksum } from './offline-files.js';

const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keys = { k1: pub };

const payload: CertificatePayload = {
  v: 1, kid: 'k1', keyId: 'key_1', product: 'analytics-desktop', productName: 'Analytics', edition: null, fingerprint: 'machine-aaaa',
  seats: 3, issuedAt: '2026-11-27T00:00:00.000Z', expiresAt: '2026-12-27T00:00:00.000Z', maintenanceEnd: null, method: 'online',
};
const now = Date.parse('2026-12-01T00:00:00Z');

describe('licence certificates', () => {
  it('verify offline with the public key', () => {
    const cert = signCertificate(payload, priv);
    expect(verifyCertificate(cert, keys, { fingerprint: 'machine-aaaa', now })).toEqual({ valid: true, payload });
  });

  it('fail when a single character of the payload changes', () => {
    const cert = signCertificate(payload, priv);
    const [prefix, body, sig] = cert.split('.');
    const forged = JSON.parse(Buffer.from(body!, 'base64url').toString()) as CertificatePayload;
    forged.seats = 1000;
    const tampered = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    expect(verifyCertificate(tampered, keys, { now })).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('fail for another machine, after expiry, with an unknown key id, or when garbled', () => {
    const cert = signCertificate(payload, priv);
    expect(verifyCertificate(cert, keys, { fingerprint: 'machine-bbbb', now })).toEqual({ valid: false, reason: 'wrong_machine' });
    expect(verifyCertificate(cert, keys, { now: Date.parse('2027-01-01T00:00:00Z') })).toEqual({ valid: false, reason: 'expired' });
    expect(verifyCertificate(cert, { other: pub }, { now })).toEqual({ valid: false, reason: 'unknown_key' });
    expect(verifyCertificate('PL1.garbage', keys, { now }).valid).toBe(false);
    expect(verifyCertificate('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', keys, { now }).valid).toBe(false);
  });

  it('signed by another key are refused', () => {
    const other = crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(verifyCertificate(signCertificate(payload, other), keys, { now })).toEqual({ valid: false, reason: 'bad_signature' });
  });
});

describe('offline request files', () => {
  it('carry a checksum that changes when any field is edited', () => {
    const file = makeActivationRequest({ key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', fingerprint: 'machine-aaaa', hostname: 'h', os: 'Linux', softwareVersion: '2026.1' });
    const { checksum, ...rest } = file;
    expect(requestChecksum(rest)).toBe(checksum);
    expect(requestChecksum({ ...rest, hostname: 'other' })).not.toBe(checksum);
  });
});
