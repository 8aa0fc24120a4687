import type { Finding } from './finding.ts';
import { labelBefore, scan } from './scan.ts';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.]|\\d\\.)${OCTET}(?:\\.${OCTET}){3}(?!\\w|\\.\\d)`, 'g');
/** Candidates only: the shape is checked by `validIpv6`. */
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;

/**
 * A dotted quad after "version", "v", "release" or "build" is a version number, not an address.
 */
const VERSION_LABEL = /(?:\bv|version|release|build|\bver\.?)\s*$/i;

/**
 * Four small numbers (all under 16) read as a version or a section ("1.2.3.4", "7.6.1.1") unless
 * all four are equal, as in the well-known 1.1.1.1 and 8.8.8.8; 10.x and 127.x stay addresses.
 */
function versionLike(octets: number[]): boolean {
  const [first] = octets;
  return octets.every((o) => o < 16) && first !== 10 && first !== 127 && new Set(octets).size > 1;
}

/** IPv4 addresses in dotted-quad form, without leading zeros. */
export function findIpv4(text: string): Finding[] {
  return scan(text, IPV4, (m) => {
    if (labelBefore(text, m.index, VERSION_LABEL, 12)) return null;
    const value = m[0];
    const octets = value.split('.').map(Number);
    // 255.x is a netmask, not a host.
    if (versionLike(octets) || octets[0] === 255) return null;
    return { kind: 'ipv4', start: m.index, end: m.index + value.length, confidence: 0.9, preview: `${value.split('.')[0]}.•.•.•` };
  });
}

/** RFC 4291 text forms, at most one "::"; a short one such as "a::b" (C++ scopes) must have a group of 3+ digits. */
function validIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  const v4 = groups.at(-1)?.includes('.') ? 1 : 0;
  if (groups.some((g, i) => (i === groups.length - 1 && v4 ? !/^(?:\d{1,3}\.){3}\d{1,3}$/.test(g) : !/^[0-9A-Fa-f]{1,4}$/.test(g)))) return false;
  const width = groups.length + v4;
  if (halves.length === 1) return width === 8;
  if (value === '::1') return true;
  return width <= 7 && groups.some((g) => g.length >= 3);
}

/** IPv6 addresses, full or compressed, also with an IPv4 tail (::ffff:192.0.2.1). */
export function findIpv6(text: string): Finding[] {
  return scan(text, IPV6, (m) => {
    const value = m[0];
    if (!validIpv6(value)) return null;
    return { kind: 'ipv6', start: m.index, end: m.index + value.length, confidence: 0.85, preview: `${value.split(':')[0]}:…` };
  });
}
