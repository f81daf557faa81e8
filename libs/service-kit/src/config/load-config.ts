import type { KeyObject } from 'node:crypto';
import { parseCallerSigningKey, parseCallerVerifyKey } from '../caller/caller-token.js';

/** How one environment variable is read. */
export interface VariableSpec<T> {
  readonly description: string;
  /** Values of secret variables are never echoed, not even in error messages. */
  readonly secret?: boolean;
  /** Used when the variable is unset; absent means the variable is required. */
  readonly default?: T;
  readonly parse: (raw: string) => T;
}

export type ConfigSchema = Record<string, VariableSpec<unknown>>;
export type ConfigOf<S extends ConfigSchema> = {
  readonly [K in keyof S]: S[K] extends VariableSpec<infer T> ? T : never;
};

/** Thrown once at boot with every problem found, never with a secret's value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the whole configuration at once and fails fast with the list of all problems. Keys of the schema are the
 * environment variable names; with a `prefix`, `<prefix><KEY>` is read first and `<KEY>` is the shared fallback.
 */
export function loadConfig<S extends ConfigSchema>(
  schema: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: { readonly prefix?: string } = {},
): ConfigOf<S> {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const prefix = options.prefix ?? '';
  for (const [key, spec] of Object.entries(schema)) {
    // A service-specific variable (IDENTITY_DATABASE_URL) wins over the shared one (DATABASE_URL).
    const scoped = env[`${prefix}${key}`];
    const name = scoped !== undefined && scoped !== '' ? `${prefix}${key}` : key;
    const raw = scoped !== undefined && scoped !== '' ? scoped : env[key];
    if (raw === undefined || raw === '') {
      if (spec.default === undefined)
        problems.push(`${prefix}${key} is required (${spec.description})`);
      else values[key] = spec.default;
      continue;
    }
    try {
      values[key] = spec.parse(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid';
      // SECURITY: a parser's message may quote the input; for secrets say only that it is invalid.
      problems.push(
        spec.secret ? `${name} is invalid (value hidden)` : `${name} is invalid: ${reason}`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as ConfigOf<S>;
}

/** Parsers for common variable kinds. */
export const parsers = {
  string: (raw: string): string => raw,
  port: (raw: string): number => {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new Error(`\`${raw}\` is not a port`);
    return port;
  },
  positiveInt: (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`\`${raw}\` is not a positive integer`);
    return value;
  },
  bool: (raw: string): boolean => {
    if (/^(true|1|yes|on)$/i.test(raw)) return true;
    if (/^(false|0|no|off)$/i.test(raw)) return false;
    throw new Error(`\`${raw}\` is not a boolean`);
  },
  list: (raw: string): string[] =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  postgresUrl: (raw: string): string => {
    const url = new URL(raw);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new Error('must be a postgres:// or postgresql:// URL');
    }
    return raw;
  },
  secret:
    (minLength: number) =>
    (raw: string): string => {
      if (raw.length < minLength) throw new Error(`must be at least ${minLength} characters`);
      return raw;
    },
  /** Comma-separated 32-byte keys (base64 or base64url), the first one current: a `SecretBox` key ring. */
  dataKeys: (raw: string): string[] => {
    const keys = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (keys.length === 0) throw new Error('needs at least one key');
    for (const key of keys) {
      if (Buffer.from(key.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url').length !== 32)
        throw new Error('each key is 32 bytes, base64 or base64url encoded');
    }
    return keys;
  },
  /** The gateway's Ed25519 private key that signs caller contexts (PEM or base64 PKCS#8 DER). */
  callerSigningKey: (raw: string): KeyObject => parseCallerSigningKey(raw),
  /** The gateway's Ed25519 public key that subgraphs verify with (PEM or base64 SPKI DER; a private key is refused). */
  callerVerifyKey: (raw: string): KeyObject => parseCallerVerifyKey(raw),
  oneOf:
    <T extends string>(...allowed: T[]) =>
    (raw: string): T => {
      if (!(allowed as string[]).includes(raw))
        throw new Error(`must be one of ${allowed.join(', ')}`);
      return raw as T;
    },
};
