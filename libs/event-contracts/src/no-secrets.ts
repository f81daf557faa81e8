// SECURITY: events are read by other services and by security teams; they must never carry a secret. Key names
// are checked on every append, recursively, so a payload change cannot smuggle one in by accident.
/**
 * Substrings that mark a payload key as secret, compared case-insensitively (`passwordHash`, `TotpSeed`,
 * `SecretAccessKey` and `refresh_token` all match).
 */
export const SECRET_FIELD_NAMES: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'hash',
  'seed',
  'token',
  'privatekey',
  'private_key',
  'credential',
  'signingkey',
];

const SECRET_KEY = new RegExp(`(${SECRET_FIELD_NAMES.join('|')})`, 'i');

/** Thrown when a payload contains a key that looks like a secret. */
export class SecretInEventError extends Error {
  constructor(readonly path: string) {
    super(`event payload must not carry secrets: \`${path}\``);
    this.name = 'SecretInEventError';
  }
}

/** Rejects payloads with keys such as password, secret, hash, seed, token or privateKey, at any depth. */
export function assertNoSecrets(payload: unknown, path = 'payload'): void {
  if (Array.isArray(payload)) {
    payload.forEach((item, index) => assertNoSecrets(item, `${path}[${index}]`));
    return;
  }
  if (typeof payload !== 'object' || payload === null) return;
  for (const [key, value] of Object.entries(payload)) {
    if (SECRET_KEY.test(key)) throw new SecretInEventError(`${path}.${key}`);
    assertNoSecrets(value, `${path}.${key}`);
  }
}
