import { describe, expect, test } from 'vitest';
import type { Finding } from '../../workers/privacy/finding.ts';
import { findSensitive } from '../../workers/privacy/findSensitive.ts';

/** The kinds found in `text`, with the exact text each covers. */
const found = (text: string) => findSensitive(text).map((f) => [f.kind, text.slice(f.start, f.end)]);

/** A JWT with header {"alg":"HS256","typ":"JWT"}. */
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('findSensitive', () => {
  test('finds e-mail addresses, not file names such as icon@2x.png', () => {
    expect(found('Write to jane.doe+billing@example.co.uk today.')).toEqual([['email', 'jane.doe+billing@example.co.uk']]);
    expect(found('See icon@2x.png and lodash@4.17.21')).toEqual([]);
  });

  test('finds international and national phone numbers', () => {
    expect(found('Call +44 20 7946 0958 or (415) 555-2671.')).toEqual([
      ['phone', '+44 20 7946 0958'],
      ['phone', '(415) 555-2671'],
    ]);
    expect(found('Mobil: 0151 23456789, tel 06 12 34 56 78')).toEqual([
      ['phone', '0151 23456789'],
      ['phone', '06 12 34 56 78'],
    ]);
  });

  test('does not read dates, times, versions or counts as phone numbers', () => {
    expect(found('Released 2024-03-15 at 14:30:00, v1.2.3, build 20240315, 1 000 000 rows, 15.03.2024, 03/15/2024')).toEqual([]);
  });

  test('finds Luhn-valid card numbers with a known prefix, also with an OCR-widened gap', () => {
    expect(found('Card 4242 4242 4242 4242 exp 12/27')).toEqual([['card', '4242 4242 4242 4242']]);
    expect(found('Amex 3782-822463-10005; MC 5555555555554444')).toEqual([
      ['card', '3782-822463-10005'],
      ['card', '5555555555554444'],
    ]);
    expect(found('4242 4242  4242 4242')).toEqual([['card', '4242 4242  4242 4242']]);
  });

  test('rejects a Luhn-invalid card number and an unknown prefix', () => {
    expect(found('Card 4242 4242 4242 4241')).toEqual([]);
    expect(found('Order 1234 5678 9012 3452')).toEqual([]);
  });

  test('finds IBANs with a valid mod-97 checksum and the country length', () => {
    expect(found('IBAN: DE89 3704 0044 0532 0130 00 EUR')).toEqual([['iban', 'DE89 3704 0044 0532 0130 00']]);
    expect(found('GB82WEST12345698765432')).toEqual([['iban', 'GB82WEST12345698765432']]);
  });

  test('rejects an IBAN with a bad checksum or a wrong length', () => {
    expect(found('DE88 3704 0044 0532 0130 00')).toEqual([]);
    expect(found('DE89 3704 0044 0532 0130 0')).toEqual([]);
  });

  test('finds US SSNs and skips numbers the SSA never issues', () => {
    expect(found('SSN 536-90-4399')).toEqual([['ssn', '536-90-4399']]);
    expect(found('SSN: 536 90 4399')).toEqual([['ssn', '536 90 4399']]);
    expect(found('000-12-3456 666-12-3456 912-12-3456 536-00-4399 536-90-0000')).toEqual([]);
    // Without a label, a spaced or bare nine-digit number is just a number.
    expect(found('Order 536 90 4399')).toEqual([]);
  });

  test('finds IPv4 and IPv6 addresses; a dotted quad after "version" or "v" is a version', () => {
    expect(found('Server 192.168.10.42 and 2001:db8:85a3::8a2e:370:7334, loopback ::1')).toEqual([
      ['ipv4', '192.168.10.42'],
      ['ipv6', '2001:db8:85a3::8a2e:370:7334'],
      ['ipv6', '::1'],
    ]);
    expect(found('version 1.2.3.4, v10.0.0.1, 1.2.3.4.5, 256.1.1.1, std::vector, 12:30:45')).toEqual([]);
    // Four numbers under 16 read as a version or section ("see 1.2.3.4"), unless all equal or in 10.x or 127.x.
    expect(found('see 1.2.3.4 and 7.6.1.1; hosts 10.0.0.1, 127.0.0.1, 8.8.8.8; mask 255.255.255.0')).toEqual([
      ['ipv4', '10.0.0.1'],
      ['ipv4', '127.0.0.1'],
      ['ipv4', '8.8.8.8'],
    ]);
  });

  test('finds private key blocks, also when the END line is off screen', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7Zq9x3v2W\nAbCdEf0123456789+/xyz\n-----END RSA PRIVATE KEY-----';
    expect(found(`id_rsa:\n${key}\ndone`)).toEqual([['private-key', key]]);
    expect(found('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n\nnext')).toEqual([
      ['private-key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU'],
    ]);
    expect(found('-----BEGIN PUBLIC KEY-----')).toEqual([]);
  });

  test('finds well-known token shapes', () => {
    expect(found('export AWS_ACCESS_KEY_ID=AKIAZ7Q4W2LMNXR5TB3K')).toEqual([['aws-key', 'AKIAZ7Q4W2LMNXR5TB3K']]);
    expect(found('token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')).toEqual([['github-token', 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8']]);
    expect(found('xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx')).toEqual([['slack-token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx']]);
    expect(found('STRIPE=sk_live_51H8xYzAbC123dEfG456hIjK')).toEqual([['stripe-key', 'sk_live_51H8xYzAbC123dEfG456hIjK']]);
    expect(found('const apiKey = "sk-proj-Xa9f3Kq2Lm8Rt5Vw1Yz7Bc4Nd6Pe0f3a9";')).toEqual([['api-key', 'sk-proj-Xa9f3Kq2Lm8Rt5Vw1Yz7Bc4Nd6Pe0f3a9']]);
    expect(found(`Authorization: Bearer ${JWT}`)).toEqual([['jwt', JWT]]);
  });

  test('does not take word slugs or a JWT-like string without "alg" for tokens', () => {
    expect(found('pip install sk-learn-pipeline-example-notes')).toEqual([]);
    const noAlg = `${btoa('{"typ":"JWT"}').replace(/=+$/, '')}.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fw`;
    expect(found(noAlg)).toEqual([]);
  });

  test('finds high-entropy values a few tokens after password, secret, token or key', () => {
    expect(found('export DB_PASSWORD="Xk9#mQ2vL7pR4tWz8"')).toEqual([['secret', 'Xk9#mQ2vL7pR4tWz8']]);
    expect(found('The client secret is now: 9fK2mX7qLp4Rt8Vw3Yz.')).toEqual([['secret', '9fK2mX7qLp4Rt8Vw3Yz']]);
    expect(found('apiKey: a3f9c2e1b7d4f8a06c5e9b2d1f7a3c8e')).toEqual([['secret', 'a3f9c2e1b7d4f8a06c5e9b2d1f7a3c8e']]);
  });

  test('leaves ordinary words, identifiers and far-away values alone', () => {
    expect(found('password: configuration_file_v2')).toEqual([]);
    expect(found('The monkey ate Xk9mQ2vL7pR4tWz8a')).toEqual([]);
    expect(found('token is described in the chapter on Xk9mQ2vL7pR4tWz8a')).toEqual([]);
    expect(found('key: 550 readers, see https://example.com/a1B2c3D4e5F6g7H8')).toEqual([]);
  });

  test('finds nothing in ordinary technical text: UUIDs, commit SHAs, hashes in URLs, base64, dates', () => {
    const text = [
      'Fixed in commit 3f9a1c2e7b4d8f0a6c5e9b2d1f7a3c8e4b6d0f2a (2024-03-15 14:30 UTC), see #1234.',
      'Request id 550e8400-e29b-41d4-a716-446655440000 took 1,234 ms on node 20.11.1.',
      'Download https://cdn.example.com/assets/app.8f3a9c2e1b7d4f8a.js?v=1700000000000',
      'The integrity is sha512-Xk9mQ2vL7pR4tWz8a3f9c2e1b7d4f8a06c5e9b2d1f7a3c8e4b6d0f2aXk9mQ2vL7pR4t==',
      'Use a Map key such as user.id; the token stream is described in chapter 3.',
      'Call the constructor with 3 arguments; ZIP 02110-1301; ISBN 978-0-306-40615-7.',
    ].join('\n');
    expect(found(text)).toEqual([]);
  });

  test('lets the more specific kind win an overlap: a JWT after "token" is not also a secret', () => {
    const findings: Finding[] = findSensitive(`token = ${JWT}`);
    expect(findings.map((f) => f.kind)).toEqual(['jwt']);
  });
});
