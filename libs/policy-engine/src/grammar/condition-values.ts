import type { ConditionValueType } from './condition-operators.js';
import { splitArn } from './arn-grammar.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// Value checks per operator type. Values arrive as JSON strings, numbers or booleans (AWS stringifies them).

/** A scalar condition value as written. */
export type ConditionScalar = string | number | boolean;

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
// ISO 8601 (W3C profile): date, optional time with optional fraction and zone.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH = /^\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** True when the value fits the operator's type (string and null types are checked elsewhere). */
export function conditionValueFits(type: ConditionValueType, value: ConditionScalar): boolean {
  const text = String(value);
  switch (type) {
    case 'string':
      return true;
    case 'numeric':
      return typeof value === 'number' ? Number.isFinite(value) : NUMERIC.test(text);
    case 'date':
      return typeof value === 'number'
        ? Number.isInteger(value) && value >= 0
        : isIsoDate(text) || EPOCH.test(text);
    case 'bool':
    case 'null':
      return text.toLowerCase() === 'true' || text.toLowerCase() === 'false';
    case 'binary':
      return typeof value === 'string' && text.length > 0 && BASE64.test(text);
    case 'ip':
      return typeof value === 'string' && isIpOrCidr(text);
    case 'arn':
      return typeof value === 'string' && (text === '*' || splitArn(text) !== undefined);
  }
}

function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (text.length > 10) {
    const hour = Number(text.slice(11, 13));
    const minute = Number(text.slice(14, 16));
    if (hour > 23 || minute > 59) return false;
  }
  return true;
}

/** An IPv4/IPv6 address, optionally with a `/prefix` (0–32 for v4, 0–128 for v6). */
export function isIpOrCidr(text: string): boolean {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefix = slash < 0 ? undefined : text.slice(slash + 1);
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return false;
  if (IPV4.test(address)) return prefix === undefined || Number(prefix) <= 32;
  if (isIpv6(address)) return prefix === undefined || Number(prefix) <= 128;
  return false;
}

function isIpv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length < 2) return false;
  let groups = text.split(':');
  const last = groups[groups.length - 1]!;
  let extra = 0;
  if (last.includes('.')) {
    // embedded IPv4 in the last 32 bits
    if (!IPV4.test(last)) return false;
    groups = groups.slice(0, -1).concat(['0', '0']);
    extra = 0;
  }
  const doubleColon = text.indexOf('::');
  if (doubleColon !== text.lastIndexOf('::')) return false;
  if (doubleColon < 0) {
    return groups.length === 8 + extra && groups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group));
  }
  const [head, tail] = [text.slice(0, doubleColon), text.slice(doubleColon + 2)];
  const parts = [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
  const withV4 = parts.length > 0 && parts[parts.length - 1]!.includes('.');
  const hexParts = withV4 ? parts.slice(0, -1) : parts;
  const used = hexParts.length + (withV4 ? 2 : 0);
  return used <= 7 && hexParts.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group));
}
