// Identity benchmarks on the distributed topology (real PostgreSQL, real Kafka, one process per service and the
// gateway), each figure beside baselines measured in the same run:
//   getUser through the gateway, against the same getUser sent straight to the identity subgraph (the gateway's
//   share) and against the identity process's /health/live over HTTP (the floor of one loopback round trip).
//   signIn through the gateway (argon2id with OWASP's minimum parameters), against the argon2id verification alone,
//   in this process on one core (the bound no sign-in can beat), and Keycloak's published sizing (15 password
//   logins per second per vCPU, a reference figure, not measured here), per CPU-second of the identity process
//   and of identity and the gateway together.
// Usage: npm run bench (in apps/identity), with DATABASE_URL and KAFKA_BROKERS as for the tests;
//        node dist/bench/identity-bench.js [--requests N]
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { signCallerToken, CALLER_HEADER } from '@iam/service-kit';
import { measure, postGraphQL, startSuite, throughput } from '@iam/testing';
import type { LatencyFigures, Suite } from '@iam/testing';
import { PasswordHasher } from '../src/passwords/password-hasher.js';

const requestsArg = process.argv.indexOf('--requests');
const REQUESTS = requestsArg === -1 ? 2000 : Number(process.argv[requestsArg + 1]);
async function post(url: string, headers: Record<string, string>, body: unknown): Promise<void> {
  await postGraphQL(url, headers, body);
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
          'identity',
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

const KEYCLOAK_LOGINS_PER_SECOND_PER_VCPU = 15;
const SIGN_IN_SECONDS = 8;
// No context word of the bench's users (their names start with `bench`): the blocklist would refuse it.
const BENCH_PASSWORD = 'quiet lantern orbits seven vivid harbor';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name; clock ticks of 1/100 s.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function signInFigures(suite: Suite) {
  const created = await suite.graphql<{ createAccount: { account: { accountId: string } } }>(
    `mutation { createAccount(input: { alias: "bench-sign-in" }) { account { accountId } } }`,
  );
  const accountId = created.data!.createAccount.account.accountId;
  // One user per client: attempts on one user name are serialised on purpose (guessing bounds).
  const clients = availableParallelism() * 2;
  for (let i = 0; i < clients; i++) {
    for (const [query, input] of [
      [
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
        { accountId, userName: `bench-${i}` },
      ],
      [
        `mutation ($input: CreateLoginProfileInput!) { createLoginProfile(input: $input) { loginProfile { userName } } }`,
        { accountId, userName: `bench-${i}`, password: BENCH_PASSWORD },
      ],
    ] as const) {
      const answer = await suite.graphql(query, { input });
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    }
  }
  const signInAs = (userName: string) => () =>
    post(
      `${suite.gatewayUrl}/graphql`,
      {},
      {
        query: `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken } }`,
        variables: { input: { account: 'bench-sign-in', userName, password: BENCH_PASSWORD } },
      },
    );
  const hasher = new PasswordHasher();
  const phc = await hasher.hash(BENCH_PASSWORD);
  const argon2OneCore = (
    await throughput(1, SIGN_IN_SECONDS, async () => {
      if (!(await hasher.verify(phc, BENCH_PASSWORD))) throw new Error('verify failed');
    })
  ).perSecond;
  const sequential = (await throughput(1, SIGN_IN_SECONDS, signInAs('bench-0'))).perSecond;
  const perClient = Array.from({ length: clients }, (_, i) => signInAs(`bench-${i}`));
  const identityPid = suite.services.identity.pid()!;
  const gatewayPid = suite.gateway.pid()!;
  const cpuBefore = cpuSeconds(identityPid);
  const gatewayCpuBefore = cpuSeconds(gatewayPid);
  let signIns = 0;
  const parallel = (
    await throughput(clients, SIGN_IN_SECONDS, async (client) => {
      await perClient[client]!();
      signIns++;
    })
  ).perSecond;
  // Keycloak's sizing counts the CPU of Keycloak alone (the database is sized apart): the same here for identity.
  const identityCpu = cpuSeconds(identityPid) - cpuBefore;
  const gatewayCpu = cpuSeconds(gatewayPid) - gatewayCpuBefore;
  const perIdentityCpuSecond = signIns / identityCpu;
  // The server side as a client sees it: the gateway in front of identity (the database still apart).
  const perIdentityAndGatewayCpuSecond = signIns / (identityCpu + gatewayCpu);
  return {
    argon2OneCore,
    sequential,
    parallel,
    perIdentityCpuSecond,
    perIdentityAndGatewayCpuSecond,
    identityCpuMillisPerSignIn: (identityCpu * 1000) / signIns,
    gatewayCpuMillisPerSignIn: (gatewayCpu * 1000) / signIns,
    cores: availableParallelism(),
  };
}

function printTable(title: string, rows: Record<string, LatencyFigures>): void {
  console.log(`\n${title}`);
  for (const [name, f] of Object.entries(rows)) {
    console.log(
      `  ${name.padEnd(32)} ${String(Math.round(f.perSecond)).padStart(7)} req/s   p50 ${String(f.p50Micros).padStart(6)} µs   p99 ${String(f.p99Micros).padStart(6)} µs`,
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

    const signIn = await signInFigures(suite);
    const perCore = signIn.parallel / signIn.cores;
    console.log(
      `\nsignIn (argon2id m=19456 KiB, t=2, p=1) through the gateway, ${SIGN_IN_SECONDS} s each`,
    );
    console.log(
      `  argon2id verify alone, one core, in-process   ${signIn.argon2OneCore.toFixed(1)} /s`,
    );
    console.log(
      `  signIn, one client (one core busy at a time)  ${signIn.sequential.toFixed(1)} /s`,
    );
    console.log(
      `  signIn, ${signIn.cores * 2} clients on ${signIn.cores} cores             ${signIn.parallel.toFixed(1)} /s = ${perCore.toFixed(1)} /s per core`,
    );
    console.log(
      `  signIns per CPU-second of the identity process (its own cores, as Keycloak's sizing counts) ${signIn.perIdentityCpuSecond.toFixed(1)} /s`,
    );
    console.log(
      `  signIns per CPU-second of identity + gateway together                                  ${signIn.perIdentityAndGatewayCpuSecond.toFixed(1)} /s`,
    );
    console.log(
      `  CPU per signIn: identity ${signIn.identityCpuMillisPerSignIn.toFixed(2)} ms, gateway ${signIn.gatewayCpuMillisPerSignIn.toFixed(2)} ms ` +
        `(argon2id verify alone ${(1000 / signIn.argon2OneCore).toFixed(2)} ms)`,
    );
    console.log(
      `  ratios: one-client signIn / argon2id bound = ${(signIn.sequential / signIn.argon2OneCore).toFixed(2)}; ` +
        `whole machine per core / Keycloak's ${KEYCLOAK_LOGINS_PER_SECOND_PER_VCPU} per vCPU = ${(perCore / KEYCLOAK_LOGINS_PER_SECOND_PER_VCPU).toFixed(1)}×; ` +
        `identity per CPU-second / Keycloak's = ${(signIn.perIdentityCpuSecond / KEYCLOAK_LOGINS_PER_SECOND_PER_VCPU).toFixed(1)}×; ` +
        `identity + gateway per CPU-second / Keycloak's = ${(signIn.perIdentityAndGatewayCpuSecond / KEYCLOAK_LOGINS_PER_SECOND_PER_VCPU).toFixed(1)}×`,
    );
    console.log(
      JSON.stringify({
        benchmark: 'identity.signIn',
        argon2idVerifyPerSecondOneCore: Math.round(signIn.argon2OneCore * 10) / 10,
        signInsPerSecondOneClient: Math.round(signIn.sequential * 10) / 10,
        signInsPerSecondPerCore: Math.round(perCore * 10) / 10,
        signInsPerIdentityCpuSecond: Math.round(signIn.perIdentityCpuSecond * 10) / 10,
        signInsPerIdentityAndGatewayCpuSecond:
          Math.round(signIn.perIdentityAndGatewayCpuSecond * 10) / 10,
        identityCpuMillisPerSignIn: Math.round(signIn.identityCpuMillisPerSignIn * 100) / 100,
        gatewayCpuMillisPerSignIn: Math.round(signIn.gatewayCpuMillisPerSignIn * 100) / 100,
        cores: signIn.cores,
      }),
    );
  } finally {
    await suite.stop();
  }
}

await main();
