import { ConfigError, loadConfig } from '@iam/service-kit';
import type { ConfigOf, ConfigSchema } from '@iam/service-kit';
import { DEFAULT_SIGN_IN_SETTINGS } from '../sign-in/index.js';
import type { SignInSettings } from '../sign-in/index.js';

/** Bounds of the session token lifetime: 1 minute to 1 hour (revocation waits for a token's expiry at worst). */
export const SESSION_TOKEN_TTL_BOUNDS = { min: 60, max: 60 * 60 } as const;
/** Bounds of the session (refresh token) lifetime: 15 minutes to 7 days. */
export const SESSION_REFRESH_TTL_BOUNDS = { min: 15 * 60, max: 7 * 24 * 60 * 60 } as const;

/** Whole seconds within `bounds` (inclusive). */
function seconds(bounds: { readonly min: number; readonly max: number }) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
      throw new Error(`\`${raw}\` is not a whole number of seconds`);
    }
    if (value < bounds.min || value > bounds.max) {
      throw new Error(`${value} is outside ${bounds.min} to ${bounds.max} seconds`);
    }
    return value;
  };
}

/** A claim value (`iss`, `aud`): not blank, no surrounding white space (it is compared exactly). */
function claim(raw: string): string {
  if (raw.trim() !== raw) throw new Error('must not begin or end with white space');
  return raw;
}

/**
 * The session-token variables of identity. They are read by their full names (no `<SERVICE>_` fallback): the
 * issuer and audience must equal the gateway's `GATEWAY_SESSION_ISSUER` and `GATEWAY_SESSION_AUDIENCE`.
 */
export const IDENTITY_SESSION_CONFIG_SCHEMA = {
  IDENTITY_SESSION_TOKEN_TTL_SECONDS: {
    description: `lifetime of a session token in seconds (${SESSION_TOKEN_TTL_BOUNDS.min} to ${SESSION_TOKEN_TTL_BOUNDS.max})`,
    parse: seconds(SESSION_TOKEN_TTL_BOUNDS),
    default: DEFAULT_SIGN_IN_SETTINGS.token.lifetimeSeconds,
  },
  IDENTITY_SESSION_REFRESH_TTL_SECONDS: {
    description: `lifetime of a session (its refresh token) in seconds (${SESSION_REFRESH_TTL_BOUNDS.min} to ${SESSION_REFRESH_TTL_BOUNDS.max})`,
    parse: seconds(SESSION_REFRESH_TTL_BOUNDS),
    default: DEFAULT_SIGN_IN_SETTINGS.refreshLifetimeSeconds,
  },
  IDENTITY_SESSION_ISSUER: {
    description: 'the `iss` of session tokens (the gateway checks GATEWAY_SESSION_ISSUER)',
    parse: claim,
    default: DEFAULT_SIGN_IN_SETTINGS.token.issuer,
  },
  IDENTITY_SESSION_AUDIENCE: {
    description: 'the `aud` of session tokens (the gateway checks GATEWAY_SESSION_AUDIENCE)',
    parse: claim,
    default: DEFAULT_SIGN_IN_SETTINGS.token.audience,
  },
} satisfies ConfigSchema;

/** The parsed session-token variables. */
export type IdentitySessionConfig = ConfigOf<typeof IDENTITY_SESSION_CONFIG_SCHEMA>;

/** The sign-in settings the environment decides (the rest keeps `DEFAULT_SIGN_IN_SETTINGS`). */
export type SessionLifetimeSettings = Pick<SignInSettings, 'token' | 'refreshLifetimeSeconds'>;

/**
 * Reads the session-token settings; throws a `ConfigError` listing every problem. A token may not be meant to
 * outlive its session (it would be cut at the session's end anyway), so a longer token lifetime is refused too.
 */
export function loadSessionSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): SessionLifetimeSettings {
  const config = loadConfig(IDENTITY_SESSION_CONFIG_SCHEMA, env);
  if (config.IDENTITY_SESSION_TOKEN_TTL_SECONDS > config.IDENTITY_SESSION_REFRESH_TTL_SECONDS) {
    throw new ConfigError([
      `IDENTITY_SESSION_TOKEN_TTL_SECONDS (${config.IDENTITY_SESSION_TOKEN_TTL_SECONDS}) must not exceed IDENTITY_SESSION_REFRESH_TTL_SECONDS (${config.IDENTITY_SESSION_REFRESH_TTL_SECONDS})`,
    ]);
  }
  return {
    token: {
      issuer: config.IDENTITY_SESSION_ISSUER,
      audience: config.IDENTITY_SESSION_AUDIENCE,
      lifetimeSeconds: config.IDENTITY_SESSION_TOKEN_TTL_SECONDS,
    },
    refreshLifetimeSeconds: config.IDENTITY_SESSION_REFRESH_TTL_SECONDS,
  };
}
