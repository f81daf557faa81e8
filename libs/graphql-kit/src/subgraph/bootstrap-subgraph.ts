import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { execute, parse } from 'graphql';
import type { Logger } from '@iam/service-kit';
import { NestJsonLogger } from '@iam/service-kit';
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

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

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
  app.useGlobalFilters(new NotFoundFilter());
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.use((req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void) => {
    const header = req.headers['x-request-id'];
    const id =
      typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
    req.id = id;
    res.setHeader('x-request-id', id);
    const started = performance.now();
    res.on('finish', () => {
      // One access line per request; no headers or bodies (they may carry tokens or secrets).
      options.logger.info('request', {
        requestId: id,
        method: req.method,
        path: req.url?.split('?')[0],
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    next();
  });
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
