import { describe, expect, test } from 'vitest';
import { findSensitive } from '../../workers/privacy/findSensitive.ts';

/** One value of every kind, each in a line of its own. */
const VALUES = {
  email: 'jane.doe@example.com',
  phone: '+44 20 7946 0958',
  card: '4242 4242 4242 4242',
  iban: 'DE89 3704 0044 0532 0130 00',
  ssn: '536-90-4399',
  ipv4: '192.168.10.42',
  ipv6: '2001:db8:85a3::8a2e:370:7334',
  'private-key': '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oCw\n-----END EC PRIVATE KEY-----',
  'aws-key': 'AKIAZ7Q4W2LMNXR5TB3K',
  'github-token': 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  'slack-token': 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  'stripe-key': 'sk_live_51H8xYzAbC123dEfG456hIjK',
  'api-key': 'sk-Xa9f3Kq2Lm8Rt5Vw1Yz7Bc4Nd6Pe0f3a9',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  secret: 'Xk9#mQ2vL7pR4tWz8',
};

const TEXT = Object.entries(VALUES)
  .map(([kind, value]) => (kind === 'secret' ? `password: ${value}` : kind === 'ssn' ? `SSN ${value}` : value))
  .join('\n');

describe('finding previews', () => {
  const findings = findSensitive(TEXT);

  test('every kind is found once, over exactly its value', () => {
    expect(findings.map((f) => [f.kind, TEXT.slice(f.start, f.end)])).toEqual(Object.entries(VALUES));
  });

  test('no field of a finding holds the value, nor its digits run together', () => {
    for (const f of findings) {
      const value = TEXT.slice(f.start, f.end);
      const serialised = JSON.stringify(f);
      expect(serialised).not.toContain(value);
      const digits = value.replace(/\D/g, '');
      if (digits.length >= 8) expect(serialised.replace(/\D/g, '')).not.toContain(digits);
      expect(Object.keys(f).sort()).toEqual(['confidence', 'end', 'kind', 'preview', 'start']);
    }
  });

  test('previews keep what names the kind and a short tail', () => {
    const preview = Object.fromEntries(findings.map((f) => [f.kind, f.preview]));
    expect(preview).toEqual({
      email: 'j…@example.com',
      phone: '•••• 58',
      card: '•••• 4242',
      iban: 'DE…3000',
      ssn: '•••-••-4399',
      ipv4: '192.•.•.•',
      ipv6: '2001:…',
      'private-key': 'EC private key',
      'aws-key': 'AKIA…TB3K',
      'github-token': 'ghp_…q7R8',
      'slack-token': 'xoxb-…UvWx',
      'stripe-key': 'sk_live_…hIjK',
      'api-key': 'sk-…f3a9',
      jwt: 'eyJ…sw5c',
      secret: '…z8',
    });
  });

  test('confidence is between 0 and 1', () => {
    for (const f of findings) {
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
  });
});
