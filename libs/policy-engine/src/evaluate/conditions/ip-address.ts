import type { BuiltTest } from './value-test.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
// "The value must be in the standard CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If
// you specify an IP address without the associated routing prefix, IAM uses the default prefix value of 32."
// (128 for IPv6.)

/** An IPv4 (one 32-bit word) or IPv6 (four words) address. */
export interface IpAddress {
  readonly v6: boolean;
  readonly words: readonly number[];
}

/** A parsed CIDR block. */
export interface Cidr {
  readonly v6: boolean;
  readonly words: readonly number[];
  readonly prefix: number;
}

/** Parses an IPv4 dotted quad to an unsigned 32-bit number; -1 when invalid. */
export function parseIpv4(s: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

/** Parses an IPv6 address (with `::` and an optional trailing dotted quad) into four 32-bit words. */
export function parseIpv6(s: string): number[] | null {
  if (s.length < 2 || s.length > 45) return null;
  const double = s.indexOf('::');
  if (double !== -1 && s.indexOf('::', double + 1) !== -1) return null;
  const head = double === -1 ? s : s.slice(0, double);
  const tail = double === -1 ? '' : s.slice(double + 2);
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const groups = part.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (v4 < 0) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
        continue;
      }
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const h = parseGroups(head);
  const t = parseGroups(tail);
  if (h === null || t === null) return null;
  const missing = 8 - h.length - t.length;
  if (double === -1 ? missing !== 0 : missing < 1) return null;
  const groups = [...h, ...new Array<number>(double === -1 ? 0 : missing).fill(0), ...t];
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(groups[i]! * 65536 + groups[i + 1]!);
  return words;
}

let lastText: string | null = null;
let lastAddress: IpAddress | null = null;

/** Parses an IPv4 or IPv6 address; null when invalid. One-entry cache: `aws:SourceIp` repeats per statement. */
export function parseIp(s: string): IpAddress | null {
  if (s === lastText) return lastAddress;
  let result: IpAddress | null = null;
  const v4 = parseIpv4(s);
  if (v4 >= 0) result = { v6: false, words: [v4] };
  else if (s.includes(':')) {
    const words = parseIpv6(s);
    if (words !== null) result = { v6: true, words };
  }
  lastText = s;
  lastAddress = result;
  return result;
}

/** Parses a CIDR (or a bare address: /32, /128); null when invalid. */
export function parseCidr(s: string): Cidr | null {
  const slash = s.indexOf('/');
  const addrText = slash === -1 ? s : s.slice(0, slash);
  const v4 = parseIpv4(addrText);
  const words = v4 >= 0 ? [v4] : addrText.includes(':') ? parseIpv6(addrText) : null;
  if (words === null) return null;
  const v6 = v4 < 0;
  const max = v6 ? 128 : 32;
  let prefix = max;
  if (slash !== -1) {
    const p = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > max) return null;
  }
  return { v6, words, prefix };
}

/** True when the address lies in the block. */
export function cidrContains(c: Cidr, a: IpAddress): boolean {
  if (c.v6 !== a.v6) return false;
  let remaining = c.prefix;
  for (let i = 0; i < c.words.length && remaining > 0; i++) {
    const bits = remaining >= 32 ? 32 : remaining;
    const mask = bits === 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
    if (((c.words[i]! ^ a.words[i]!) & mask) !== 0) return false;
    remaining -= bits;
  }
  return true;
}

/** Builds the test of `IpAddress` / `NotIpAddress` (negation is applied by the caller). */
export function buildIpTest(values: readonly string[]): BuiltTest {
  const cidrs: Cidr[] = [];
  for (const v of values) {
    const c = parseCidr(v);
    if (c === null) return { error: `\`${v}\` is not a valid IP address or CIDR block` };
    cidrs.push(c);
  }
  return {
    test: (v) => {
      const a = parseIp(v);
      if (a === null) return false;
      for (const c of cidrs) if (cidrContains(c, a)) return true;
      return false;
    },
  };
}
