import type { KeyObject } from 'node:crypto';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import type { AsyncFetchFn } from '@graphql-tools/executor-http';
import { Logger as HiveLogger, createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { GatewayPlugin, GatewayRuntime, LogLevel } from '@graphql-hive/gateway-runtime';
import { GraphQLError, getOperationAST } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { CallerContext } from '@iam/common';
import type { Logger } from '@iam/service-kit';
import { CALLER_HEADER, signCallerToken } from '@iam/service-kit';
import type { SubgraphEndpoint } from './supergraph-subgraphs.js';
import { markQueryLimitError, useCataloguedErrors } from './error-codes.js';
import { IDE_PAGE_HEADERS, renderIdePage } from './graphql-ide.js';
import { ANONYMOUS_REQUEST_HEADER, signAnonymousRequest } from '../auth/anonymous-operations.js';

/** Per-request state the HTTP layer hands to the runtime (as server context) and reads back for its log line. */
export interface GatewayRequestState {
  readonly requestId: string;
  /** `null` only for the IDE page (GET without a query), which executes nothing, and anonymous operations. */
  readonly caller: CallerContext | null;
  /** For an anonymous operation (sign-in): the request context the gateway vouches for, without a caller. */
  readonly anonymousContext?: CallerContext['context'] | null;
  operationName: string | null;
}

/** The server context of every runtime request. */
export interface GatewayServerContext extends Record<string, unknown> {
  readonly iam: GatewayRequestState;
}

/** Query limits (graphql-armor). Exported for tests and docs. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5_000,
  maxTokens: 2_000,
  maxDirectives: 50,
} as const;

// SECURITY: the only headers a subgraph request carries. Client headers (Authorization, cookies, a forged
// x-iam-caller) never reach a subgraph; the caller travels only inside the signed token.
const UPSTREAM_HEADER_ALLOWLIST = new Set(['accept', 'content-type', 'content-length']);

function stateOf(context: unknown): GatewayRequestState | undefined {
  if (typeof context !== 'object' || context === null || !('iam' in context)) return undefined;
  return (context as { iam: GatewayRequestState }).iam;
}

function headerEntries(headers: unknown): [string, string][] {
  if (headers === undefined || headers === null) return [];
  if (headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) return headers as [string, string][];
  return Object.entries(headers as Record<string, string | undefined>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
}

/** The key under which a subgraph's endpoint is looked up: the URL without query or fragment. */
function endpointKey(url: string | URL): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/**
 * Which subgraph each endpoint URL belongs to: the audience of the tokens sent there. SECURITY: two subgraphs at
 * one URL could not be told apart, so that configuration is refused rather than guessed.
 */
export function audienceByEndpoint(
  subgraphs: readonly SubgraphEndpoint[],
): ReadonlyMap<string, string> {
  const byEndpoint = new Map<string, string>();
  for (const subgraph of subgraphs) {
    const key = endpointKey(subgraph.url);
    if (key === null) throw new Error(`subgraph ${subgraph.name} has an invalid URL`);
    const known = byEndpoint.get(key);
    if (known !== undefined && known !== subgraph.name) {
      throw new Error(`subgraphs ${known} and ${subgraph.name} share the URL ${key}`);
    }
    byEndpoint.set(key, subgraph.name);
  }
  return byEndpoint;
}

/**
 * Replaces the headers of every subgraph fetch with the allow-listed transport headers, the signed caller token and
 * the request id. Each token is signed for the one subgraph the fetch goes to (its audience, found by the fetch's
 * URL). Without a caller, or for a URL that is no subgraph's, no token is added and the subgraph refuses the request
 * (fail closed).
 */
function useCallerHeaders(
  privateKey: KeyObject,
  audiences: ReadonlyMap<string, string>,
): GatewayPlugin {
  return {
    onFetch(payload) {
      const { context, options } = payload;
      const state = stateOf(context);
      const headers: Record<string, string> = {};
      for (const [name, value] of headerEntries(options.headers)) {
        if (UPSTREAM_HEADER_ALLOWLIST.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
      }
      const key = endpointKey(payload.url);
      const audience = key === null ? undefined : audiences.get(key);
      if (state) {
        headers['x-request-id'] = state.requestId;
        const now = Math.floor(Date.now() / 1000);
        if (audience === undefined) {
          // No token: the request is refused by whatever answers there.
        } else if (state.caller) {
          headers[CALLER_HEADER] = signCallerToken(state.caller, audience, privateKey, now);
        } else if (state.anonymousContext) {
          headers[ANONYMOUS_REQUEST_HEADER] = signAnonymousRequest(
            state.requestId,
            state.anonymousContext,
            audience,
            privateKey,
            now,
          );
        }
      }
      payload.setOptions({ ...options, headers });
    },
  };
}

/** Adds the IDE page's security headers (content security policy, no framing) to the page the runtime renders. */
function useIdePageHeaders(): GatewayPlugin {
  return {
    onResponse({ response }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      for (const [name, value] of Object.entries(IDE_PAGE_HEADERS))
        response.headers.set(name, value);
    },
  };
}

/** Records the operation name on the request state for the access log. */
function useOperationName(): GatewayPlugin {
  return {
    onParams({ params, context }) {
      const state = stateOf(context);
      if (state && typeof params.operationName === 'string')
        state.operationName = params.operationName;
    },
    onExecute({ args }) {
      const { contextValue, document, operationName } = args as {
        contextValue: unknown;
        document: DocumentNode;
        operationName?: string | null;
      };
      const state = stateOf(contextValue);
      const name = getOperationAST(document, operationName)?.name?.value;
      if (state && name !== undefined) state.operationName = name;
    },
  };
}

// SECURITY: the runtime attaches subgraph requests (body with variables, headers with the caller token) to its
// error logs; variables may carry passwords or policy documents, so these keys are dropped before logging.
const UNLOGGED_KEYS = new Set(['body', 'variables', 'headers', 'authorization', CALLER_HEADER]);

function withoutSensitiveFields(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 4) return '[truncated]';
  if (Array.isArray(value)) return value.map((item) => withoutSensitiveFields(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = UNLOGGED_KEYS.has(key.toLowerCase())
      ? '[redacted]'
      : withoutSensitiveFields(item, depth + 1);
  }
  return result;
}

/** Forwards the runtime's own logs to our JSON logger (warnings and errors only: the access log covers requests). */
function hiveLogger(logger: Logger): HiveLogger {
  const log = logger.child({ component: 'gateway-runtime' });
  return new HiveLogger({
    level: 'warn',
    writers: [
      {
        write(level: LogLevel, attrs, msg) {
          const fields =
            attrs && !Array.isArray(attrs)
              ? (withoutSensitiveFields(attrs) as Record<string, unknown>)
              : {};
          const message = msg ?? 'gateway runtime';
          if (level === 'error') log.error(message, fields);
          else if (level === 'warn') log.warn(message, fields);
          else log.debug(message, fields);
        },
      },
    ],
  });
}

/**
 * Errors a client may see as they are: GraphQL errors raised as such (validation, limits, subgraph errors with
 * their own codes). Anything else (a subgraph unreachable, a bug) becomes a generic error with a stable code; the
 * runtime has logged the detail.
 */
function isGraphQLError(value: unknown): value is GraphQLError {
  // By name, not instanceof: graphql may be loaded twice (ESM and CJS builds), as graphql-yoga also assumes.
  return value instanceof Error && value.name === 'GraphQLError';
}

function isOriginalGraphQLError(error: GraphQLError): boolean {
  const original = error.originalError;
  return (
    original === undefined ||
    original === null ||
    (isGraphQLError(original) && isOriginalGraphQLError(original))
  );
}

function maskUnexpectedError(error: unknown): Error {
  if (isGraphQLError(error)) {
    if (isOriginalGraphQLError(error)) return error;
    // A subgraph that cannot be reached is AWS's retryable ServiceUnavailable, not a bug.
    const unavailable = error.extensions['code'] === 'SUBREQUEST_HTTP_ERROR';
    return new GraphQLError(
      unavailable ? 'a service is unavailable, retry later' : 'internal error',
      {
        ...(error.nodes ? { nodes: error.nodes } : {}),
        ...(error.path ? { path: error.path } : {}),
        extensions: unavailable
          ? { code: 'ServiceUnavailable', category: 'UNAVAILABLE' }
          : { code: 'InternalFailure', category: 'INTERNAL' },
      },
    );
  }
  return new GraphQLError('internal error', {
    extensions: { code: 'InternalFailure', category: 'INTERNAL' },
  });
}

const IDE_TITLE = 'IAM GraphQL';

/** What the runtime needs. */
export interface IamGatewayRuntimeOptions {
  readonly supergraphSdl: string;
  readonly subgraphs: readonly SubgraphEndpoint[];
  /** The gateway's Ed25519 private key (`IAM_CALLER_SIGNING_PRIVATE_KEY`). */
  readonly signingKey: KeyObject;
  readonly production: boolean;
  readonly logger: Logger;
}

/**
 * The Hive Gateway runtime over the committed supergraph: subgraph URLs from configuration, signed caller headers,
 * graphql-armor limits, and introspection, the IDE and field suggestions only outside production.
 */
export function createIamGatewayRuntime(
  options: IamGatewayRuntimeOptions,
): GatewayRuntime<GatewayServerContext> {
  const audiences = audienceByEndpoint(options.subgraphs);
  const transportEntries = Object.fromEntries(
    options.subgraphs.map((s) => [s.name, { location: s.url }] as const),
  );
  return createGatewayRuntime<GatewayServerContext>({
    supergraph: options.supergraphSdl,
    transportEntries,
    // The HTTP transport, built here rather than loaded by name (`@graphql-mesh/transport-http`), so that the
    // gateway depends only on what it ships with. `fetch` is the runtime's, so `onFetch` hooks (headers) apply.
    transports: {
      http: {
        getSubgraphExecutor: ({ transportEntry, fetch: gatewayFetch, getDisposeReason }) => {
          if (!transportEntry.location) {
            throw new Error(`subgraph ${transportEntry.subgraph} has no URL`);
          }
          if (!gatewayFetch) throw new Error('the gateway runtime provided no fetch');
          const fetch: AsyncFetchFn = (url, init, context: unknown, info) =>
            gatewayFetch(
              url,
              { ...init, headers: Object.fromEntries(headerEntries(init?.headers)) },
              context,
              info,
            );
          return buildHTTPExecutor({
            endpoint: transportEntry.location,
            fetch,
            // SECURITY: never share one subgraph answer between requests. The executor would otherwise merge
            // identical in-flight queries by URL, body and its own headers; the caller token is added later, in
            // `onFetch`, so two callers sending the same query at once got one caller's answer (ADR 0009).
            deduplicateInflightRequests: false,
            ...(getDisposeReason ? { getDisposeReason } : {}),
          });
        },
      },
    },
    logging: hiveLogger(options.logger),
    landingPage: false,
    graphqlEndpoint: '/graphql',
    graphiql: options.production ? false : { title: IDE_TITLE },
    // The IDE loads its files from the gateway (`/graphql/ide/`), never from a CDN: it works offline.
    renderGraphiQL: () => renderIdePage({ title: IDE_TITLE }),
    // SECURITY: CORS is the HTTP layer's, from its allow-list (GATEWAY_CORS_ORIGINS); the runtime adds none.
    cors: false,
    // The HTTP layer echoes the validated request id; the runtime's own plugin would trust any client value.
    requestId: false,
    // SECURITY: pinned off (it is off by default): the runtime's request carries no credentials, so its
    // deduplication key could not tell two callers apart (ADR 0009). No response cache is configured either.
    inboundInflightRequestDeduplication: false,
    // Subgraph errors keep their own `extensions.code`; subgraph names are internal detail.
    subgraphErrors: { errorCode: 'InternalFailure', subgraphNameProp: false },
    // One subgraph request per delegated field, not one merged request for the fields of a subgraph that are
    // resolved together. Merged, a subgraph answers `data: null` for all of them as soon as one non-null root
    // field fails, and the fields that succeeded come back without data and without error: the runtime then
    // reports them as "Cannot return null" (InternalFailure) and may drop the failed field's own error. Separate
    // requests keep each field's answer and error its own, as a single GraphQL server would report them.
    __experimental__batchExecution: false,
    maskedErrors: { isDev: false, maskError: maskUnexpectedError },
    ...(options.production ? { disableIntrospection: {} } : {}),
    plugins: () => [
      // A query over a limit is answered as a ValidationError (error-codes.ts).
      EnvelopArmorPlugin({
        maxDepth: { n: QUERY_LIMITS.maxDepth, onReject: [markQueryLimitError] },
        maxAliases: { n: QUERY_LIMITS.maxAliases, onReject: [markQueryLimitError] },
        costLimit: { maxCost: QUERY_LIMITS.maxCost, onReject: [markQueryLimitError] },
        maxTokens: { n: QUERY_LIMITS.maxTokens, onReject: [markQueryLimitError] },
        maxDirectives: { n: QUERY_LIMITS.maxDirectives, onReject: [markQueryLimitError] },
        blockFieldSuggestion: { enabled: options.production },
      }),
      useIdePageHeaders(),
      useCallerHeaders(options.signingKey, audiences),
      useOperationName(),
      useCataloguedErrors(),
    ],
  });
}
