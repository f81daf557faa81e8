import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '@iam/common';
import { InvalidInputError, systemClock } from '@iam/common';
import type { Logger } from '@iam/service-kit';
import { runWithRequestContext } from '@iam/service-kit';
import type { AuthenticationStrategy } from './auth/authenticator.js';
import { Authenticator } from './auth/authenticator.js';
import { PlatformAdminStrategy } from './auth/platform-admin.strategy.js';
import { anonymousOperationIn } from './auth/anonymous-operations.js';
import { JwksCache } from './auth/jwks-cache.js';
import { SessionRevocationList } from './auth/session-revocation-list.js';
import { SessionTokenStrategy } from './auth/session-token.strategy.js';
import { baseRequestContext } from './auth/authenticator.js';
import { withConsistencyToken } from './auth/consistency-token.js';
import type { GatewayConfig } from './config/gateway.config.js';
import {
  isProduction,
  loadGatewayConfig,
  sessionJwksUrl,
  sessionRevocationsUrl,
  subgraphUrlOverrides,
} from './config/gateway.config.js';
import { checkSubgraphsReady } from './health/readiness.js';
import { CorsPolicy } from './http/cors.js';
import { graphqlParamsOf } from './http/graphql-params.js';
import {
  acceptRequestId,
  isSecureTransport,
  readBodyWithLimit,
  sendGraphQLError,
  sendJson,
  sourceIpOf,
} from './http/http-helpers.js';
import type { GatewayRequestState } from './runtime/gateway-runtime.js';
import { createIamGatewayRuntime } from './runtime/gateway-runtime.js';
import { IDE_ASSET_PREFIX, sendIdeAsset } from './runtime/graphql-ide.js';
import { SingleSubgraphPath } from './runtime/single-subgraph-path.js';
import type { SubgraphEndpoint } from './runtime/supergraph-subgraphs.js';
import { subgraphEndpoints } from './runtime/supergraph-subgraphs.js';

export type { AuthenticationStrategy } from './auth/authenticator.js';
export type { GatewayConfig } from './config/gateway.config.js';
export { loadGatewayConfig } from './config/gateway.config.js';

/**
 * How to start the gateway: a parsed `config`, or the raw `env` to parse (the embedded runner passes its
 * environment). `strategies` replaces the default authentication chain (the platform admin token, then identity
 * session tokens verified against identity's JWKS).
 */
export type CreateGatewayOptions = {
  readonly supergraphSdl: string;
  readonly logger: Logger;
  readonly strategies?: readonly AuthenticationStrategy[];
  /** Where authentication reads the time (token expiry, JWKS and revocation list ages); default the system clock. */
  readonly clock?: Clock;
} & (
  | { readonly config: GatewayConfig; readonly env?: never }
  | { readonly env: Readonly<Record<string, string | undefined>>; readonly config?: never }
);

/** A started gateway. */
export interface RunningGateway {
  /** `http://host:port` (GraphQL at `/graphql`). */
  readonly url: string;
  readonly subgraphs: readonly SubgraphEndpoint[];
  close(): Promise<void>;
}

// Client request headers the runtime may see. Authorization stays in the HTTP layer, so no plugin can log or
// forward it; x-request-id is set from the validated value.
const RUNTIME_REQUEST_HEADERS = ['accept', 'content-type'] as const;
const CLOSE_GRACE_MS = 5_000;

// Refusals the runtime answers with an empty body, and the GraphQL error the gateway answers instead.
const BARE_RUNTIME_REFUSALS: Readonly<Record<number, { code: string; message: string }>> = {
  406: {
    code: 'NotAcceptable',
    message:
      'the Accept header allows no GraphQL response type (application/graphql-response+json, application/json)',
  },
  415: {
    code: 'UnsupportedMediaType',
    message: 'the request body must be application/json',
  },
};

/** Writes a runtime response whose body was already read as `text`. */
function sendRuntimeResponse(
  res: ServerResponse,
  response: Response,
  requestId: string,
  text: string,
): number {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers['x-request-id'] = requestId;
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
  return response.status;
}

/** What the access log line says about a request, filled in as it is handled. */
interface AccessLogState {
  operationName: string | null;
  principalArn: string | null;
  /** Why authentication failed (never the credentials themselves). */
  authFailure: string | null;
}

/**
 * Starts the federated gateway: a Node HTTP server that enforces the body limit, authenticates the caller, and runs
 * GraphQL through the Hive Gateway runtime over the committed supergraph.
 */
export async function createGateway(options: CreateGatewayOptions): Promise<RunningGateway> {
  const config = options.config ?? loadGatewayConfig(options.env);
  const production = isProduction(config);
  const logger = options.logger;
  const clock = options.clock ?? systemClock;
  const nowMs = () => clock.now().getTime();
  const subgraphs = subgraphEndpoints(options.supergraphSdl, subgraphUrlOverrides(config));
  const jwksUrl = sessionJwksUrl(
    config,
    subgraphs.find((subgraph) => subgraph.name === 'identity')?.url ?? null,
  );
  // Fetched lazily (first session token or JWKS request), so the gateway starts before identity does.
  const jwks = jwksUrl === null ? null : new JwksCache(jwksUrl, { now: nowMs });
  const revocationsUrl = sessionRevocationsUrl(
    config,
    subgraphs.find((subgraph) => subgraph.name === 'identity')?.url ?? null,
  );
  // Read from the first session token on, then every poll interval in the background.
  const revocations =
    revocationsUrl === null
      ? undefined
      : new SessionRevocationList({
          url: revocationsUrl,
          signingKey: config.IAM_CALLER_SIGNING_PRIVATE_KEY,
          pollIntervalMs: config.GATEWAY_SESSION_REVOCATION_POLL_MS,
          maxStalenessMs: config.GATEWAY_SESSION_REVOCATION_MAX_STALENESS_MS,
          now: nowMs,
          logger,
        });
  const authenticator = new Authenticator(
    options.strategies ?? [
      new PlatformAdminStrategy(config.IAM_PLATFORM_ADMIN_TOKEN),
      ...(jwks === null
        ? []
        : [
            new SessionTokenStrategy(jwks, {
              issuer: config.GATEWAY_SESSION_ISSUER,
              audience: config.GATEWAY_SESSION_AUDIENCE,
              ...(revocations === undefined ? {} : { revocations }),
            }),
          ]),
    ],
  );
  const runtime = createIamGatewayRuntime({
    supergraphSdl: options.supergraphSdl,
    subgraphs,
    signingKey: config.IAM_CALLER_SIGNING_PRIVATE_KEY,
    production,
    logger,
  });
  // Fail at boot, not on the first request, when the supergraph cannot be loaded.
  await runtime.getSchema();
  // Queries one subgraph resolves alone skip the federated planner (ADR 0012); everything else takes the runtime.
  const singleSubgraph = config.GATEWAY_SINGLE_SUBGRAPH_PATH
    ? new SingleSubgraphPath(
        options.supergraphSdl,
        subgraphs,
        config.IAM_CALLER_SIGNING_PRIVATE_KEY,
        nowMs,
      )
    : null;
  const graphqlMethods = production ? 'POST' : 'GET, POST';
  const cors = new CorsPolicy(config.GATEWAY_CORS_ORIGINS, graphqlMethods);

  async function handleGraphQL(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
    state: AccessLogState,
  ): Promise<number> {
    const isGet = req.method === 'GET';
    if (req.method !== 'POST' && !(isGet && !production)) {
      sendGraphQLError(res, 405, 'MethodNotAllowed', 'use POST', {
        allow: `${graphqlMethods}, OPTIONS`,
      });
      return 405;
    }
    let body: Buffer | undefined;
    if (!isGet) {
      const read = await readBodyWithLimit(req, config.GATEWAY_MAX_BODY_BYTES);
      if (read.kind === 'aborted') {
        res.destroy();
        return 499;
      }
      if (read.kind === 'too-large') {
        // The rest of the body is not read: answer and close the connection.
        sendGraphQLError(
          res,
          413,
          'RequestEntityTooLarge',
          `request body is larger than ${config.GATEWAY_MAX_BODY_BYTES} bytes`,
          { connection: 'close' },
        );
        return 413;
      }
      body = read.body;
    }
    // The IDE page (a browser's GET, asking for HTML) executes nothing and needs no credentials. The runtime gets
    // it without the query string (the IDE keeps its query there), so nothing could run even if it did not render
    // the page.
    const idePage = isGet && (req.headers.accept ?? '').includes('text/html');
    // SECURITY: signIn and refreshSession, alone in a POST, are the only operations run without credentials;
    // they reach identity with a signed anonymous token (request id, source address), never with a caller.
    // The body's parameters are read once, for this check and the single-subgraph path.
    const params = body === undefined ? null : graphqlParamsOf(body, req.headers['content-type']);
    const anonymous = anonymousOperationIn(params, url.searchParams) !== null;
    let caller: GatewayRequestState['caller'] = null;
    let anonymousContext: GatewayRequestState['anonymousContext'] = null;
    const authRequest = {
      headers: req.headers,
      requestId,
      sourceIp: sourceIpOf(req),
      secureTransport: isSecureTransport(req),
      now: clock.now(),
    };
    if (anonymous) {
      anonymousContext = baseRequestContext(authRequest);
    } else if (!idePage) {
      const result = await authenticator.authenticate(authRequest);
      if (!result.ok) {
        state.authFailure = result.reason;
        sendGraphQLError(res, 401, 'Unauthenticated', 'authentication required', {
          'www-authenticate': 'Bearer',
        });
        return 401;
      }
      state.principalArn = result.caller.principalArn;
      // Read-your-writes: the client's X-Iam-Consistency token travels in the signed caller context, so every
      // subgraph's authorizer decides on policies at least as fresh as it.
      try {
        caller = withConsistencyToken(result.caller, req.headers);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        sendGraphQLError(res, 400, 'InvalidInput', error.message);
        return 400;
      }
    }

    if (
      caller !== null &&
      body !== undefined &&
      params !== null &&
      url.search === '' &&
      singleSubgraph !== null
    ) {
      const answer = await singleSubgraph.answer({
        body,
        params,
        accept: req.headers.accept,
        caller,
        requestId,
      });
      if (answer !== null) {
        res.writeHead(200, {
          'content-type': answer.contentType,
          'content-length': String(answer.body.length),
          'x-request-id': requestId,
        });
        res.end(answer.body);
        state.operationName = answer.operationName;
        return 200;
      }
    }

    const headers = new Headers({ 'x-request-id': requestId });
    for (const name of RUNTIME_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    const iam: GatewayRequestState = { requestId, caller, anonymousContext, operationName: null };
    const response = await runtime.fetch(
      new Request(
        new URL(idePage ? url.pathname : `${url.pathname}${url.search}`, 'http://gateway.internal'),
        {
          method: req.method,
          headers,
          ...(body === undefined ? {} : { body: new Uint8Array(body) }),
        },
      ),
      { iam },
    );
    const bare = BARE_RUNTIME_REFUSALS[response.status];
    if (bare !== undefined) {
      // The runtime refuses a content type (415) or an Accept header (406) with an empty body: answer a GraphQL
      // error with a code instead, as for every other refusal.
      const text = await response.text();
      if (text.length === 0) {
        const accept = response.headers.get('accept');
        sendGraphQLError(res, response.status, bare.code, bare.message, {
          'x-request-id': requestId,
          ...(accept === null ? {} : { accept }),
        });
        return response.status;
      }
      return sendRuntimeResponse(res, response, requestId, text);
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    responseHeaders['x-request-id'] = requestId;
    res.writeHead(response.status, responseHeaders);
    if (response.body) {
      for await (const chunk of response.body) res.write(chunk);
    }
    res.end();
    state.operationName = iam.operationName;
    return response.status;
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
  ): Promise<void> {
    const started = performance.now();
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://gateway.internal');
    const state: AccessLogState = { operationName: null, principalArn: null, authFailure: null };
    let status: number;
    if (url.pathname === '/graphql' && req.method === 'OPTIONS') {
      // A browser's preflight: answered from the CORS allow-list, before authentication.
      cors.answerPreflight(req, res);
      status = 204;
    } else if (url.pathname === '/graphql') {
      cors.applyTo(req, res);
      // SECURITY: answers may carry tokens (signIn, refreshSession) or account data: no cache may keep them.
      res.setHeader('cache-control', 'no-store');
      res.setHeader('pragma', 'no-cache');
      status = await handleGraphQL(req, res, url, requestId, state);
    } else if (
      !production &&
      req.method === 'GET' &&
      url.pathname.startsWith(IDE_ASSET_PREFIX) &&
      (await sendIdeAsset(url.pathname, res)) !== null
    ) {
      // The IDE's scripts and styles (outside production only), from the installed package.
      status = 200;
    } else if (url.pathname === '/.well-known/jwks.json' && req.method === 'GET' && jwks !== null) {
      // Identity's public session-token keys, so that other verifiers can check session tokens too.
      try {
        sendJson(res, 200, await jwks.keySet(), { 'cache-control': 'public, max-age=300' });
        status = 200;
      } catch (error) {
        logger.warn('session keys unavailable', {
          err: error instanceof Error ? error.message : String(error),
        });
        sendGraphQLError(
          res,
          503,
          'ServiceUnavailable',
          'session keys are unavailable, retry later',
        );
        status = 503;
      }
    } else if (url.pathname === '/health/live' && req.method === 'GET') {
      sendJson(res, 200, { status: 'ok' });
      status = 200;
    } else if (url.pathname === '/health/ready' && req.method === 'GET') {
      const report = await checkSubgraphsReady(subgraphs);
      status = report.status === 'ok' ? 200 : 503;
      sendJson(res, status, report);
    } else {
      sendGraphQLError(res, 404, 'NotFound', 'not found');
      status = 404;
    }
    // SECURITY: the access log never carries headers (Authorization, x-iam-caller) or bodies.
    if (!url.pathname.startsWith('/health/')) {
      logger.info('request', {
        requestId,
        method: req.method,
        path: url.pathname,
        status,
        operationName: state.operationName,
        principalArn: state.principalArn,
        ...(state.authFailure === null ? {} : { authFailure: state.authFailure }),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  }

  const server: Server = createServer((req, res) => {
    const requestId = acceptRequestId(req.headers['x-request-id']);
    // Every line written while the request is handled (the runtime's included) carries its id.
    void runWithRequestContext({ requestId }, () =>
      handle(req, res, requestId).catch((error: unknown) => {
        logger.error('request failed', {
          err:
            error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
        });
        if (!res.headersSent) sendGraphQLError(res, 500, 'InternalFailure', 'internal error');
        else res.destroy();
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.GATEWAY_PORT, config.GATEWAY_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info('gateway started', {
    url: `${url}/graphql`,
    production,
    subgraphs: subgraphs.map((s) => ({ name: s.name, url: s.url })),
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    subgraphs,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        await closed;
        clearTimeout(force);
        revocations?.stop();
        singleSubgraph?.close();
        await runtime.dispose();
      })();
      return closing;
    },
  };
}
