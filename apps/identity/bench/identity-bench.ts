// Identity benchmarks on the distributed topology (real PostgreSQL, real Kafka, one process per service and the
// gateway), each figure beside baselines measured in the same run:
//   getUser through the gateway, against the same getUser sent straight to the identity subgraph (the gateway's
//   share) and against the identity process's /health/live over HTTP (the floor of one loopback round trip).
// Usage: npm run bench (in apps/identity), with DATABASE_URL and KAFKA_BROKERS as for the tests;
//        node dist/bench/identity-bench.js [--requests N]
import { signCallerToken, CALLER_HEADER } from '@iam/service-kit';
import { startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';

const requestsArg = process.argv.indexOf('--requests');
const REQUESTS = requestsArg === -1 ? 2000 : Number(process.argv[requestsArg + 1]);
const WARMUP = 200;

export interface LatencyFigures {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Micros: number;
  readonly p99Micros: number;
}

/** Sends `count` requests one after the other and reports their latency distribution. */
export async function measure(count: number, send: () => Promise<void>): Promise<LatencyFigures> {
  for (let i = 0; i < Math.min(WARMUP, count); i++) await send();
  const micros: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await send();
    micros.push((performance.now() - t0) * 1000);
  }
  const seconds = (performance.now() - started) / 1000;
  micros.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(micros[Math.min(micros.length - 1, Math.floor(q * micros.length))]!);
  return {
    requests: count,
    perSecond: Math.round(count / seconds),
    p50Micros: at(0.5),
    p99Micros: at(0.99),
  };
}

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || answer.errors) throw new Error(`request failed: ${JSON.stringify(answer)}`);
}

async function getUserFigures(suite: Suite): Promise<Record<string, LatencyFigures>> {
  const created = await suite.graphql<{ createAccount: { account: { accountId: string } } }>(
    `mutation { createAccount(input: {}) { account { accountId } } }`,
  );
  const accountId = created.data!.createAccount.account.accountId;
  await suite.graphql(
    `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
    { input: { accountId, userName: 'bench-user', path: '/bench/' } },
  );
  const query = {
    query: `query ($input: GetUserInput!) { getUser(input: $input) { user { userId arn createDate } } }`,
    variables: { input: { accountId, userName: 'bench-user' } },
  };
  const throughGateway = await measure(REQUESTS, () =>
    post(`${suite.gatewayUrl}/graphql`, { authorization: `Bearer ${suite.adminToken}` }, query),
  );
  const identityUrl = suite.services.identity.url;
  const direct = await measure(REQUESTS, () =>
    post(
      `${identityUrl}/graphql`,
      {
        [CALLER_HEADER]: signCallerToken(
          {
            requestId: 'bench',
            principalType: 'platform-admin',
            principalArn: 'arn:aws:iam::platform:admin',
            accountId: null,
            context: {},
          },
          suite.signingKey,
          Math.floor(Date.now() / 1000),
        ),
      },
      query,
    ),
  );
  const httpFloor = await measure(REQUESTS, async () => {
    const response = await fetch(`${identityUrl}/health/live`);
    await response.arrayBuffer();
  });
  return {
    'getUser via gateway': throughGateway,
    'getUser direct to identity': direct,
    'HTTP floor (/health/live)': httpFloor,
  };
}

function printTable(title: string, rows: Record<string, LatencyFigures>): void {
  console.log(`\n${title}`);
  for (const [name, f] of Object.entries(rows)) {
    console.log(
      `  ${name.padEnd(32)} ${String(f.perSecond).padStart(7)} req/s   p50 ${String(f.p50Micros).padStart(6)} µs   p99 ${String(f.p99Micros).padStart(6)} µs`,
    );
  }
}

async function main(): Promise<void> {
  const suite = await startSuite();
  try {
    const rows = await getUserFigures(suite);
    printTable(`getUser, ${REQUESTS} sequential requests each (one client, loopback)`, rows);
    const gateway = rows['getUser via gateway']!;
    const direct = rows['getUser direct to identity']!;
    console.log(
      `  ratio: gateway p99 / direct p99 = ${(gateway.p99Micros / direct.p99Micros).toFixed(2)}×, ` +
        `gateway p50 / direct p50 = ${(gateway.p50Micros / direct.p50Micros).toFixed(2)}×`,
    );
    console.log(JSON.stringify({ benchmark: 'identity.getUser', ...rows }));
  } finally {
    await suite.stop();
  }
}

await main();
