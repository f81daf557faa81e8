import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from './totp.js';

/**
 * The Key URI that authenticator apps scan: `otpauth://totp/<issuer>:<accountName>?secret=...&issuer=...`, with the
 * algorithm, digits and period spelled out (SHA1, 6, 30) so that no app has to guess. Both label parts are
 * percent-encoded; the colon between them is the literal separator apps expect.
 */
export function otpauthUri(input: {
  readonly issuer: string;
  readonly accountName: string;
  readonly secretBase32: string;
}): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.accountName)}`;
  const query = [
    `secret=${input.secretBase32}`,
    `issuer=${encodeURIComponent(input.issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
