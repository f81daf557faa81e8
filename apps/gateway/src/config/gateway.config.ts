import type { SubgraphName } from '@iam/common';
import { SUBGRAPH_NAMES } from '@iam/common';
import { loadConfig, parsers } from '@iam/service-kit';
import type { ConfigOf, ConfigSchema } from '@iam/service-kit';

/** The subgraphs the gateway fronts (also the `name` each one has in the supergraph): `@iam/common`'s list. */
export { SUBGRAPH_NAMES } from '@iam/common';
export type { SubgraphName } from '@iam/common';

/** Optional URL override: `null` keeps the URL composed into the supergraph. */
function optionalUrl(raw: string): string | null {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('must be an http:// or https:// URL');
  }
  return url.toString();
}

/** An integer within bounds (inclusive). */
function boundedInt(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = parsers.positiveInt(raw);
    if (value < min || value > max) throw new Error(`must be between ${min} and ${max}`);
    return value;
  };
}

/**
 * `GATEWAY_CORS_ORIGINS`: comma-separated exact origins (`https://portal.example.com`), each as a browser sends it
 * in `Origin`. SECURITY: no wildcard, no `null` (sandboxed and file pages send it), no path: an origin that could
 * never match is refused at start-up rather than silently allowing nothing.
 */
function corsOrigins(raw: string): string[] {
  const origins = parsers.list(raw);
  for (const origin of origins) {
    if (origin === '*' || origin === 'null') {
      throw new Error(
        `\`${origin}\` is not allowed: list each origin, e.g. https://portal.example.com`,
      );
    }
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`\`${origin}\` is not an origin (scheme://host[:port])`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`\`${origin}\` is not an http:// or https:// origin`);
    }
    if (url.origin !== origin) {
      throw new Error(
        `\`${origin}\` is not an origin as browsers send it: write ${url.origin} (lower case, no path, no default port)`,
      );
    }
  }
  return origins;
}

/** The variable that overrides a subgraph's URL, e.g. `SUBGRAPH_IDENTITY_URL`. */
type UrlOverrideVariable = `SUBGRAPH_${Uppercase<SubgraphName>}_URL`;

function urlOverrideVariable(name: SubgraphName): UrlOverrideVariable {
  return `SUBGRAPH_${name.toUpperCase()}_URL` as UrlOverrideVariable;
}

const urlOverride = (name: SubgraphName) => ({
  description: `URL of the ${name} subgraph's /graphql endpoint (overrides the supergraph's)`,
  parse: optionalUrl,
  default: null as string | null,
});

/** One URL override variable per subgraph. */
const URL_OVERRIDES = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [urlOverrideVariable(name), urlOverride(name)]),
) as Record<UrlOverrideVariable, ReturnType<typeof urlOverride>>;

/**
 * Every variable the gateway reads. Defaults exist only where a local value is harmless; the caller signing key
 * and the platform administrator token have none.
 */
export const GATEWAY_CONFIG_SCHEMA = {
  GATEWAY_PORT: { description: 'HTTP port of the gateway', parse: parsers.port, default: 4000 },
  GATEWAY_HOST: {
    description: 'interface to listen on',
    parse: parsers.string,
    default: '127.0.0.1',
  },
  IAM_CALLER_SIGNING_PRIVATE_KEY: {
    description:
      'Ed25519 private key (PEM or base64 PKCS#8 DER) signing caller contexts; the gateway alone holds it',
    parse: parsers.callerSigningKey,
    secret: true,
  },
  IAM_PLATFORM_ADMIN_TOKEN: {
    description: "the bootstrap platform administrator's API token (>= 32 chars)",
    parse: parsers.secret(32),
    secret: true,
  },
  ...URL_OVERRIDES,
  NODE_ENV: {
    description: 'production disables introspection, the IDE and field suggestions',
    parse: parsers.string,
    default: 'development',
  },
  GATEWAY_SESSION_JWKS_URL: {
    description:
      "identity's session-token key set (default: /.well-known/jwks.json next to the identity subgraph URL)",
    parse: optionalUrl,
    default: null as string | null,
  },
  GATEWAY_SESSION_ISSUER: {
    description: 'the `iss` session tokens must carry (identity sign-in)',
    parse: parsers.string,
    default: 'urn:iam:identity',
  },
  GATEWAY_SESSION_AUDIENCE: {
    description: 'the `aud` session tokens must carry',
    parse: parsers.string,
    default: 'urn:iam:gateway',
  },
  GATEWAY_SESSION_REVOCATIONS_URL: {
    description:
      "identity's session revocation list (default: /internal/session-revocations next to the identity subgraph URL)",
    parse: optionalUrl,
    default: null as string | null,
  },
  GATEWAY_SINGLE_SUBGRAPH_PATH: {
    description:
      'send queries that one subgraph resolves alone straight to it, skipping the federated planner (true/false)',
    parse: parsers.bool,
    default: true,
  },
  GATEWAY_SESSION_REVOCATION_POLL_MS: {
    description:
      'how often the revocation list is re-read, in ms (100-60000): the longest a revoked session token still works',
    parse: boundedInt(100, 60_000),
    default: 1_000,
  },
  GATEWAY_SESSION_REVOCATION_MAX_STALENESS_MS: {
    description:
      'how old the last read of the revocation list may be before session tokens are refused, in ms (1000-300000)',
    parse: boundedInt(1_000, 300_000),
    default: 15_000,
  },
  GATEWAY_CORS_ORIGINS: {
    description:
      'browser origins allowed to call /graphql cross-origin, comma-separated (https://portal.example.com); none by default',
    parse: corsOrigins,
    default: [] as string[],
  },
  GATEWAY_MAX_BODY_BYTES: {
    description: 'largest accepted request body in bytes (413 above)',
    parse: parsers.positiveInt,
    default: 102_400,
  },
} satisfies ConfigSchema;

/** The parsed gateway configuration. */
export type GatewayConfig = ConfigOf<typeof GATEWAY_CONFIG_SCHEMA>;

/** Parses the gateway's environment once; throws a `ConfigError` listing every problem (secrets never echoed). */
export function loadGatewayConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): GatewayConfig {
  return loadConfig(GATEWAY_CONFIG_SCHEMA, env);
}

/** The subgraph URL overrides set in the configuration, by subgraph name. */
export function subgraphUrlOverrides(config: GatewayConfig): Partial<Record<SubgraphName, string>> {
  const overrides: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = config[urlOverrideVariable(name)];
    if (url !== null) overrides[name] = url;
  }
  return overrides;
}

/** Whether the gateway runs in production mode (no introspection, no IDE, no field suggestions). */
export function isProduction(config: GatewayConfig): boolean {
  return config.NODE_ENV === 'production';
}

/** Where the gateway reads identity's session-token public keys, or `null` without an identity subgraph. */
export function sessionJwksUrl(
  config: GatewayConfig,
  identitySubgraphUrl: string | null,
): string | null {
  if (config.GATEWAY_SESSION_JWKS_URL !== null) return config.GATEWAY_SESSION_JWKS_URL;
  return identitySubgraphUrl === null
    ? null
    : new URL('/.well-known/jwks.json', identitySubgraphUrl).toString();
}

/** Where the gateway reads identity's session revocation list, or `null` without an identity subgraph. */
export function sessionRevocationsUrl(
  config: GatewayConfig,
  identitySubgraphUrl: string | null,
): string | null {
  if (config.GATEWAY_SESSION_REVOCATIONS_URL !== null)
    return config.GATEWAY_SESSION_REVOCATIONS_URL;
  return identitySubgraphUrl === null
    ? null
    : new URL('/internal/session-revocations', identitySubgraphUrl).toString();
}
