import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { Args, GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EffectivePolicies } from '@iam/authorization';
import {
  Authorizer,
  CONSISTENCY_HEADER,
  EFFECTIVE_POLICIES_PATH,
  PolicyServiceSource,
} from '@iam/authorization';
import type { AccountId, CallerContext } from '@iam/common';
import { CONSISTENCY_TOKEN_CONTEXT_KEY, revisionToken } from '@iam/common';
import { principalPoliciesChanged } from '@iam/event-contracts';
import { Caller, bootstrapSubgraph, subgraphGraphQLOptions } from '@iam/graphql-kit';
import type { RunningSubgraph } from '@iam/graphql-kit';
import { KafkaEventTransport } from '@iam/messaging';
import type { EventTransport } from '@iam/messaging';
import { CALLER_HEADER, createLogger, signCallerToken, verifyCallerToken } from '@iam/service-kit';
import { expectEventually, getTestKafkaBrokers, uniqueName } from '@iam/testing';
import type { SubgraphHostDeps } from '../src/index.js';
import { AuthorizationModule, authorizationFor } from '../src/index.js';
import { namespacedTransport } from '../src/namespaced-transport.js';

// The authorization path of a service as the host wires it: AuthorizationModule → PolicyServiceSource → HTTP to a
// policy service (here a small server serving the effective-policies contract) and a real Kafka subscription.

const ACCOUNT = '111122223333' as AccountId;
const { privateKey: SIGNING_KEY, publicKey: VERIFY_KEY } = generateKeyPairSync('ed25519');

function allow(...actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
  });
}

/** The policy service's side of the contract: verifies the forwarded token and answers for that caller only. */
class ContractServer {
  revision = 1n;
  grants = new Map<string, string>();
  failWith: number | null = null;
  readonly asked: { principalArn: string; consistency: string | null }[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const token = req.headers[CALLER_HEADER];
    if (req.url !== EFFECTIVE_POLICIES_PATH || typeof token !== 'string') {
      res.statusCode = 404;
      return void res.end();
    }
    let caller: CallerContext;
    try {
      caller = verifyCallerToken(token, 'probe', VERIFY_KEY, Math.floor(Date.now() / 1000));
    } catch {
      res.statusCode = 401;
      return void res.end();
    }
    const consistency = req.headers[CONSISTENCY_HEADER];
    this.asked.push({
      principalArn: caller.principalArn,
      consistency: typeof consistency === 'string' ? consistency : null,
    });
    if (this.failWith !== null) {
      res.statusCode = this.failWith;
      return void res.end('{}');
    }
    const grant = this.grants.get(caller.principalArn);
    const body: EffectivePolicies = {
      accountId: caller.accountId!,
      principalArn: caller.principalArn,
      principalId: 'AIDAPROBE',
      revision: this.revision.toString(),
      identityPolicies: grant === undefined ? [] : [{ id: 'grant', document: grant }],
      permissionsBoundary: null,
      guardrails: [],
      principalTags: {},
    };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }
}

@Injectable()
class ProbeService {
  constructor(readonly authorizer: Authorizer) {}
}

@Resolver()
class ProbeResolver {
  constructor(
    readonly authorizer: Authorizer,
    readonly service: ProbeService,
  ) {}

  @Query(() => Boolean)
  async probe(@Caller() caller: CallerContext, @Args('action') action: string): Promise<boolean> {
    await this.authorizer.require(caller, action, '*', caller.accountId ?? undefined);
    return true;
  }
}

@Module({})
class ProbeModule {
  static register(deps: SubgraphHostDeps): DynamicModule {
    return {
      module: ProbeModule,
      imports: [
        AuthorizationModule.register(deps),
        GraphQLModule.forRoot(subgraphGraphQLOptions({ logger: deps.logger, production: false })),
      ],
      providers: [ProbeResolver, ProbeService],
    };
  }
}

describe('AuthorizationModule with the policy service and Kafka', () => {
  const policy = new ContractServer();
  const logLines: string[] = [];
  const issuedTokens: string[] = [];
  let transport: EventTransport;
  let deps: SubgraphHostDeps;
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    await policy.start();
    const logger = createLogger('probe', 'debug', {
      format: 'json',
      destination: { write: (text: string) => logLines.push(text) },
    });
    transport = namespacedTransport(
      new KafkaEventTransport({
        brokers: await getTestKafkaBrokers(),
        clientId: 'authz-cache-test',
        logger,
      }),
      uniqueName('authz'),
    );
    deps = {
      name: 'probe',
      transport,
      logger,
      env: { PROBE_POLICY_SERVICE_URL: policy.url },
    } as unknown as SubgraphHostDeps;
    subgraph = await bootstrapSubgraph({
      module: ProbeModule.register(deps),
      host: '127.0.0.1',
      port: 0,
      name: 'probe',
      callerVerifyKey: VERIFY_KEY,
      logger,
    });
  }, 60_000);

  afterAll(async () => {
    await subgraph?.close();
    await transport?.close();
    await policy.close();
  });

  const source = () => authorizationFor(deps).source as PolicyServiceSource;

  async function probe(
    user: string,
    action: string,
    context: Record<string, string> = {},
  ): Promise<string | true> {
    const caller: CallerContext = {
      requestId: uniqueName('req'),
      principalType: 'user',
      principalArn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
      accountId: ACCOUNT,
      context,
    };
    const token = signCallerToken(caller, 'probe', SIGNING_KEY, Math.floor(Date.now() / 1000));
    issuedTokens.push(token);
    const response = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: token },
      body: JSON.stringify({
        query: 'query ($a: String!) { probe(action: $a) }',
        variables: { a: action },
      }),
    });
    const body = (await response.json()) as {
      data?: { probe: boolean } | null;
      errors?: { extensions?: { code?: string } }[];
    };
    return body.errors?.[0]?.extensions?.code ?? true;
  }

  it('provides one Authorizer instance to every resolver and service of the service', () => {
    const authorizer = subgraph.app.get(Authorizer, { strict: false });
    const resolver = subgraph.app.get(ProbeResolver, { strict: false });
    expect(authorizer).toBe(authorizationFor(deps).authorizer);
    expect(resolver.authorizer).toBe(authorizer);
    expect(resolver.service.authorizer).toBe(authorizer);
    expect(authorizationFor(deps).source).toBeInstanceOf(PolicyServiceSource);
  });

  it("decides on the caller's policies from the policy service, fetched once then cached", async () => {
    policy.grants.set(`arn:aws:iam::${ACCOUNT}:user/ana`, allow('iam:ListUsers'));
    const before = policy.asked.length;
    expect(await probe('ana', 'iam:ListUsers')).toBe(true);
    expect(await probe('ana', 'iam:CreateUser')).toBe('AccessDenied');
    expect(await probe('ana', 'iam:ListUsers')).toBe(true);
    expect(policy.asked.slice(before)).toEqual([
      { principalArn: `arn:aws:iam::${ACCOUNT}:user/ana`, consistency: null },
    ]);
  });

  it("drops the account's cached sets when a permission event arrives on Kafka", async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:user/bea`;
    policy.grants.set(arn, allow('iam:ListUsers'));
    expect(await probe('bea', 'iam:CreateUser')).toBe('AccessDenied');
    policy.grants.set(arn, allow('iam:ListUsers', 'iam:CreateUser'));
    policy.revision++;
    // Cached: the change is not seen until the event arrives.
    expect(await probe('bea', 'iam:CreateUser')).toBe('AccessDenied');
    const invalidations = source().metrics.invalidations;
    // The subscription reads new records only: publish until one lands after it joined.
    await expectEventually(
      async () => {
        await transport.publish([
          {
            topic: 'iam.policy.principal-policies',
            key: 'AIDABEA',
            value: JSON.stringify(
              principalPoliciesChanged(
                { id: crypto.randomUUID(), occurredAt: new Date().toISOString(), actor: null },
                {
                  accountId: ACCOUNT,
                  principalId: 'AIDABEA',
                  principalKind: 'user',
                  principalName: 'bea',
                  principalArn: arn,
                  change: 'AttachUserPolicy',
                  policy: 'arn:aws:iam::aws:policy/IAMFullAccess',
                  policyDocument: null,
                  inlinePolicyCount: 0,
                  attachedPolicyCount: 1,
                  permissionsBoundaryArn: null,
                  revision: policy.revision.toString(),
                },
              ),
            ),
            headers: {},
          },
        ]);
        expect(source().metrics.invalidations).toBeGreaterThan(invalidations);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(await probe('bea', 'iam:CreateUser')).toBe(true);
  }, 40_000);

  it('asks again, with the token, for a request whose consistency token is newer than the cache', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:user/cid`;
    policy.grants.set(arn, allow('iam:ListUsers'));
    expect(await probe('cid', 'iam:CreateUser')).toBe('AccessDenied');
    policy.grants.set(arn, allow('iam:CreateUser'));
    policy.revision++;
    const token = revisionToken(ACCOUNT, policy.revision);
    expect(await probe('cid', 'iam:CreateUser', { [CONSISTENCY_TOKEN_CONTEXT_KEY]: token })).toBe(
      true,
    );
    expect(policy.asked.at(-1)).toEqual({ principalArn: arn, consistency: token });
    // The refreshed entry serves requests without a token.
    const asked = policy.asked.length;
    expect(await probe('cid', 'iam:CreateUser')).toBe(true);
    expect(policy.asked).toHaveLength(asked);
  });

  it('fails closed with ServiceUnavailable when the policy service fails', async () => {
    policy.grants.set(`arn:aws:iam::${ACCOUNT}:user/dan`, allow('*'));
    policy.failWith = 500;
    try {
      expect(await probe('dan', 'iam:ListUsers')).toBe('ServiceUnavailable');
    } finally {
      policy.failWith = null;
    }
    expect(await probe('dan', 'iam:ListUsers')).toBe(true);
  });

  it('never writes a caller token to the logs', () => {
    expect(issuedTokens.length).toBeGreaterThan(5);
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('\n');
    for (const token of issuedTokens) {
      expect(logs).not.toContain(token);
      // Nor its signature alone (the part that makes it usable).
      expect(logs).not.toContain(token.split('.').at(-1));
    }
  });
});
