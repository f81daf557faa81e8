import { createHmac, timingSafeEqual } from 'node:crypto';

// RFC 4226 (HOTP) and RFC 6238 (TOTP) with HMAC-SHA1: what every authenticator app implements for a plain
// `otpauth://totp` URI (SHA1, 6 digits, 30-second steps).

/** The TOTP time step in seconds (RFC 6238 X). */
export const TOTP_PERIOD_SECONDS = 30;
/** Digits of a code (AWS: six). */
export const TOTP_DIGITS = 6;

/** RFC 4226 HOTP value of `counter` as a zero-padded decimal string of `digits` (6 to 8) digits. */
export function hotp(key: Uint8Array, counter: number, digits: number = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError('the HOTP counter must be a non-negative safe integer');
  }
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new RangeError('an HOTP value has 6 to 8 digits');
  }
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  // Dynamic truncation (RFC 4226 section 5.3): 31 bits from the offset named by the low nibble of the last byte.
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 time step T of an instant: whole periods since the Unix epoch (T0 = 0). */
export function timeStep(at: Date, period: number = TOTP_PERIOD_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / period);
}

/** RFC 6238 TOTP value at an instant. */
export function totp(
  key: Uint8Array,
  at: Date,
  options: { digits?: number; period?: number } = {},
): string {
  return hotp(key, timeStep(at, options.period), options.digits);
}

/** Whether a string has the shape of a code: exactly `digits` ASCII digits. */
export function isCodeFormat(code: string, digits: number = TOTP_DIGITS): boolean {
  return code.length === digits && /^[0-9]+$/.test(code);
}

/**
 * Every step in `[from, to]` whose code equals `code`, in ascending order. Compares in constant time per step
 * and always computes the whole window, so the time taken does not depend on where (or whether) the code matched.
 */
export function matchingSteps(
  key: Uint8Array,
  code: string,
  from: number,
  to: number,
  digits: number = TOTP_DIGITS,
): number[] {
  if (!isCodeFormat(code, digits)) return [];
  const given = Buffer.from(code, 'ascii');
  const steps: number[] = [];
  for (let step = Math.max(0, from); step <= to; step++) {
    // SECURITY: constant-time comparison of equal-length digit strings.
    if (timingSafeEqual(Buffer.from(hotp(key, step, digits), 'ascii'), given)) steps.push(step);
  }
  return steps;
}

/**
 * The step of `code2` when `code1` and `code2` are the codes of two consecutive steps within `window` steps of
 * `center`, both later than `after` (the last step already accepted, or null); otherwise null. AWS
 * EnableMFADevice/ResyncMFADevice semantics: two successive codes prove the device holds the seed and is in step.
 */
export function consecutiveStep(
  key: Uint8Array,
  code1: string,
  code2: string,
  center: number,
  window: number,
  after: number | null,
): number | null {
  const from = Math.max(center - window, after === null ? 0 : after + 1);
  const first = matchingSteps(key, code1, from, center + window);
  const second = new Set(matchingSteps(key, code2, from, center + window));
  const step = first.find((s) => second.has(s + 1));
  return step === undefined ? null : step + 1;
}
