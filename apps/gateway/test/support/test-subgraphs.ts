import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import type { CallerContext } from '@iam/common';
import { CALLER_HEADER, InvalidCallerTokenError, verifyCallerToken } from '@iam/service-kit';

// Two tiny real subgraphs (Apollo Server + buildSubgraphSchema), pinned to the same federation version as the real
// services. Each accepts only requests whose x-iam-caller verifies, and records what it received.

const FEDERATION = '@link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])';

export const IDENTITY_SDL = `
extend schema ${FEDERATION}

type Query {
  whoAmI: IdentityCaller!
  user(name: String!): User
  "first only gives the gateway an Int argument to check (cost multiplier, variable coercion)"
  nested(first: Int): Nested!
}

type IdentityCaller {
  principalType: String!
  principalArn: String!
  accountId: String
  requestId: String!
  sourceIp: String!
}

type User @key(fields: "name") {
  name: String!
  path: String!
}

type Nested {
  depth: Int!
  child: Nested!
}
`;

export const AUDIT_SDL = `
extend schema ${FEDERATION}

type Query {
  auditCaller: AuditCaller!
}

type AuditCaller {
  principalArn: String!
  requestId: String!
}

type User @key(fields: "name") {
  name: String!
  eventCount: Int!
}
`;

interface SubgraphContext {
  readonly caller: CallerContext;
}

function notFound(name: string): GraphQLError {
  return new GraphQLError(`the user with name \`${name}\` cannot be found`, {
    extensions: { code: 'NoSuchEntity', category: 'NOT_FOUND' },
  });
}

const IDENTITY_RESOLVERS = {
  Query: {
    whoAmI: (_: unknown, __: unknown, { caller }: SubgraphContext) => ({
      principalType: caller.principalType,
      principalArn: caller.principalArn,
      accountId: caller.accountId,
      requestId: caller.requestId,
      sourceIp: caller.context['aws:SourceIp'],
    }),
    user: (_: unknown, { name }: { name: string }) => {
      if (name === 'missing') throw notFound(name);
      return { name, path: '/' };
    },
    nested: () => ({ depth: 1 }),
  },
  Nested: {
    child: ({ depth }: { depth: number }) => ({ depth: depth + 1 }),
  },
} satisfies GraphQLResolverMap<SubgraphContext>;

const AUDIT_RESOLVERS = {
  Query: {
    auditCaller: (_: unknown, __: unknown, { caller }: SubgraphContext) => ({
      principalArn: caller.principalArn,
      requestId: caller.requestId,
    }),
  },
  User: {
    __resolveReference: ({ name }: { name: string }) => ({ name, eventCount: name.length }),
  },
} satisfies GraphQLResolverMap<SubgraphContext>;

/** What a test subgraph saw for one GraphQL request. */
export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly caller: CallerContext;
}

/** A running test subgraph. */
export interface TestSubgraph {
  readonly name: string;
  readonly sdl: string;
  /** `http://127.0.0.1:<port>/graphql` */
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Requests refused because their caller token did not verify. */
  readonly refused: IncomingHttpHeaders[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function startSubgraph(
  name: string,
  sdl: string,
  resolvers: GraphQLResolverMap<SubgraphContext>,
  verifyKey: KeyObject,
): Promise<TestSubgraph> {
  const apollo = new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const received: ReceivedRequest[] = [];
  const refused: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/health/ready' || req.url === '/health/live')
        return send(res, 200, { status: 'ok' });
      if (req.url !== '/graphql' || req.method !== 'POST') return send(res, 404, {});
      const header = req.headers[CALLER_HEADER];
      let caller: CallerContext;
      try {
        caller = verifyCallerToken(
          typeof header === 'string' ? header : undefined,
          name,
          verifyKey,
          Math.floor(Date.now() / 1000),
        );
      } catch (error) {
        if (!(error instanceof InvalidCallerTokenError)) throw error;
        refused.push(req.headers);
        return send(res, 401, {
          errors: [
            {
              message: 'requests must come through the gateway',
              extensions: { code: 'Unauthenticated' },
            },
          ],
        });
      }
      received.push({ headers: req.headers, caller });
      const body = await readJson(req);
      const response = await apollo.executeOperation(
        {
          query: body['query'] as string,
          variables: (body['variables'] as Record<string, unknown> | undefined) ?? {},
          ...(typeof body['operationName'] === 'string'
            ? { operationName: body['operationName'] }
            : {}),
        },
        { contextValue: { caller } },
      );
      if (response.body.kind !== 'single') return send(res, 500, {});
      send(res, 200, response.body.singleResult);
    })().catch((error: unknown) => send(res, 500, { errors: [{ message: String(error) }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    sdl,
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    refused,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

/** Starts the `identity` and `audit` test subgraphs; each accepts only caller tokens for its own name. */
export async function startTestSubgraphs(
  verifyKey: KeyObject,
): Promise<{ identity: TestSubgraph; audit: TestSubgraph }> {
  const [identity, audit] = await Promise.all([
    startSubgraph('identity', IDENTITY_SDL, IDENTITY_RESOLVERS, verifyKey),
    startSubgraph('audit', AUDIT_SDL, AUDIT_RESOLVERS, verifyKey),
  ]);
  return { identity, audit };
}
