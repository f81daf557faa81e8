import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { execute, parse } from 'graphql';
import type { Logger } from '@iam/service-kit';
import { NestJsonLogger, acceptRequestId, runWithRequestContext } from '@iam/service-kit';
import { GraphQLErrorsPassThroughFilter } from '../errors/graphql-errors-pass-through.filter.js';
import { callerTokenMiddleware } from '../caller/caller-token.middleware.js';
import {
  INTERNAL_PATH_PREFIX,
  internalRequestMiddleware,
} from '../caller/internal-request.middleware.js';
import { NotFoundFilter } from './not-found.filter.js';

/** How to start one subgraph's HTTP server. */
export interface SubgraphBootstrapOptions {
  readonly module: DynamicModule;
  readonly host: string;
  readonly port: number;
  /** This subgraph's name: the audience every gateway token it accepts must name. */
  readonly name: string;
  /** The gateway's Ed25519 public key (`IAM_CALLER_VERIFY_PUBLIC_KEY`); a subgraph never holds the private key. */
  readonly callerVerifyKey: KeyObject;
  readonly logger: Logger;
  /** Largest accepted JSON body; the gateway enforces its own limit first. */
  readonly bodyLimit?: string;
}

/** A started subgraph. */
export interface RunningSubgraph {
  readonly app: INestApplication;
  readonly url: string;
  close(): Promise<void>;
}

// Answered many times a minute by orchestrators and the gateway's revocation-list poll: their successes are debug.
const QUIET_PATH_PREFIXES = ['/health/', '/internal/'];

/**
 * Starts a subgraph: JSON logs, a request id on every request, a body limit, and the gateway-signed caller check
 * in front of `/graphql` (health endpoints stay open for orchestrators). No `X-Powered-By` header, and an unknown
 * path answers 404 in the suite's error shape (code `NotFound`).
 */
export async function bootstrapSubgraph(
  options: SubgraphBootstrapOptions,
): Promise<RunningSubgraph> {
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    logger: new NestJsonLogger(options.logger),
    bodyParser: false,
    abortOnError: false,
  });
  // SECURITY: no framework banner for scanners to match against known vulnerabilities.
  app.disable('x-powered-by');
  // Nest tries the filter registered last first: the 404 filter before the catch-all that keeps Nest's default
  // handling of HTTP routes and hands resolver errors to Apollo unlogged.
  app.useGlobalFilters(
    new GraphQLErrorsPassThroughFilter(app.getHttpAdapter()),
    new NotFoundFilter(),
  );
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.use(
    (
      req: IncomingMessage & { id?: string; originalUrl?: string },
      res: ServerResponse,
      next: () => void,
    ) => {
      // SECURITY: the gateway's id (a correlation id only, never trusted for anything else) when well-formed.
      const id = acceptRequestId(req.headers['x-request-id']);
      req.id = id;
      res.setHeader('x-request-id', id);
      const started = performance.now();
      res.on('finish', () => {
        // One access line per request; no headers or bodies (they may carry tokens or secrets). The path is the
        // original one: a mounted middleware (`/graphql`) sees `req.url` without its mount path.
        const path = (req.originalUrl ?? req.url)?.split('?')[0] ?? '';
        const quiet =
          res.statusCode < 400 && QUIET_PATH_PREFIXES.some((prefix) => path.startsWith(prefix));
        options.logger[quiet ? 'debug' : 'info']('request', {
          requestId: id,
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        });
      });
      // Every line written while this request is handled names it, framework lines included.
      runWithRequestContext({ requestId: id, logger: options.logger }, next);
    },
  );
  app.use('/graphql', callerTokenMiddleware(options.name, options.callerVerifyKey, options.logger));
  app.use(
    INTERNAL_PATH_PREFIX,
    internalRequestMiddleware(options.name, options.callerVerifyKey, options.logger),
  );
  app.enableShutdownHooks();
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://${options.host}:${address.port}`,
    close: () => app.close(),
  };
}

/**
 * Prints a subgraph's SDL (with its federation `@link`) without serving it: the module is initialised but not
 * listening. Used by the schema generator and its CI drift check.
 */
export async function printSubgraphSdl(module: DynamicModule): Promise<string> {
  const app = await NestFactory.create(module, { logger: false, abortOnError: false });
  try {
    await app.init();
    const { schema } = app.get(GraphQLSchemaHost);
    const result = await execute({ schema, document: parse('{ _service { sdl } }') });
    const sdl = (result.data as { _service?: { sdl?: string } } | null | undefined)?._service?.sdl;
    if (!sdl) throw new Error(`could not print the subgraph SDL: ${JSON.stringify(result.errors)}`);
    return `${sdl.trim()}\n`;
  } finally {
    await app.close();
  }
}
