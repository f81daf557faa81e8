// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
// "You must specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in
// epoch (UNIX) time."

const EPOCH = /^-?\d+(?:\.\d+)?$/;
const ISO_EXTENDED =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?$/;
const ISO_BASIC =
  /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,9}))?([Zz]|[+-]\d{2}(?:\d{2})?)?)?$/;

let lastText: string | null = null;
let lastValue = Number.NaN;

/**
 * Parses an ISO 8601 date/time or epoch seconds to epoch milliseconds; NaN when invalid. Times without a zone are
 * read as UTC (the library never depends on the machine's time zone). A one-entry cache avoids parsing the same
 * `aws:CurrentTime` once per statement; it holds a parse result, never a decision.
 */
export function parseDate(text: string): number {
  if (text === lastText) return lastValue;
  const value = parseDateUncached(text);
  lastText = text;
  lastValue = value;
  return value;
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Fast path for the usual `aws:CurrentTime` shape `YYYY-MM-DDTHH:MM:SSZ`. */
function parseCommonUtc(t: string): number {
  if (
    t.length !== 20 ||
    t.charCodeAt(4) !== 45 ||
    t.charCodeAt(7) !== 45 ||
    t.charCodeAt(10) !== 84
  )
    return -1;
  if (t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58 || t.charCodeAt(19) !== 90) return -1;
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  const h = digits(t, 11, 2);
  const mi = digits(t, 14, 2);
  const s = digits(t, 17, 2);
  if (
    y < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > 31 ||
    h < 0 ||
    h > 24 ||
    mi < 0 ||
    mi > 59 ||
    s < 0 ||
    s > 60
  ) {
    return -1;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function parseDateUncached(text: string): number {
  const fast = parseCommonUtc(text);
  if (fast >= 0) return fast;
  if (EPOCH.test(text)) return Number(text) * 1000;
  const m = ISO_EXTENDED.exec(text) ?? ISO_BASIC.exec(text);
  if (m === null) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
    return Number.NaN;
  }
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000);
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset =
      Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0);
    ms -= sign * offset * 60_000;
  }
  return ms;
}
