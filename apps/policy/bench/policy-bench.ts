// Policy service benchmarks on the distributed topology (real PostgreSQL, real Kafka, one process per service and the
// gateway), each figure beside a baseline measured in the same run:
//   `authorize` through the gateway for a realistic principal (10 attached managed policies of 5 statements, 2 groups
//   with inline policies, a permissions boundary) against the gateway's trivial query (`{ __typename }`) with the
//   same authentication; `authorize` at a fixed 1,000 requests per second; `authorizeBatch` of 100; and how long a
//   policy change takes, without a revision token, until another service's (identity's) decisions see it.
// Usage: npm run bench (in apps/policy), with DATABASE_URL and KAFKA_BROKERS as for the tests;
//        node dist/bench/policy-bench.js [--seconds N]
import { atRate, measure, postGraphQL, startSuite, throughput } from '@iam/testing';
import type { LatencyFigures, Suite } from '@iam/testing';

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg === -1 ? 5 : Number(process.argv[secondsArg + 1]);
const CONCURRENCY = 16;
const PASSWORD = 'quiet lantern orbits seven vivid harbor';
const PROPAGATION_SAMPLES = 20;

interface Tenant {
  readonly accountId: string;
  readonly adminToken: string;
  readonly subjectArn: string;
  readonly subjectToken: string;
}

async function as<T>(suite: Suite, token: string, query: string, input: unknown): Promise<T> {
  return (await postGraphQL(
    `${suite.gatewayUrl}/graphql`,
    { authorization: `Bearer ${token}` },
    { query, variables: { input } },
  )) as T;
}

async function signIn(suite: Suite, account: string, userName: string): Promise<string> {
  const data = await postGraphQL(
    `${suite.gatewayUrl}/graphql`,
    {},
    {
      query: `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken } }`,
      variables: { input: { account, userName, password: PASSWORD } },
    },
  );
  return (data as { signIn: { sessionToken: string } }).signIn.sessionToken;
}

const doc = (statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** Five statements of the shapes real policies have: mid-segment wildcards, tag conditions, a deny. */
function realisticStatements(i: number): unknown[] {
  return [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::team-${i}-*`, `arn:aws:s3:::team-${i}-*/*`],
    },
    {
      Effect: 'Allow',
      Action: 'dynamodb:*',
      Resource: `arn:aws:dynamodb:*:*:table/*team-${i}-*`,
      Condition: { StringEquals: { 'aws:PrincipalTag/team': `team-${i}` } },
    },
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: `arn:aws:sqs:*:*:queue-${i}-*` },
    {
      Effect: 'Deny',
      Action: 's3:DeleteObject',
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
    { Effect: 'Allow', Action: 'logs:Get*', Resource: `arn:aws:logs:*:*:log-group:/team-${i}/*` },
  ];
}

async function setUp(suite: Suite): Promise<Tenant> {
  const created = await suite.graphql<{ createAccount: { account: { accountId: string } } }>(
    `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { accountId } } }`,
    { input: { alias: 'policy-bench', administrator: { userName: 'admin', password: PASSWORD } } },
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const accountId = created.data!.createAccount.account.accountId;
  const admin = await signIn(suite, accountId, 'admin');
  const run = <T>(query: string, input: unknown) => as<T>(suite, admin, query, input);
  const user = await run<{ createUser: { user: { arn: string } } }>(
    `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { arn } } }`,
    { userName: 'subject', tags: [{ key: 'team', value: 'team-3' }] },
  );
  await run(
    `mutation ($input: CreateLoginProfileInput!) { createLoginProfile(input: $input) { loginProfile { userName } } }`,
    { userName: 'subject', password: PASSWORD },
  );
  const createPolicy = (policyName: string, statements: unknown[]) =>
    run<{ createPolicy: { policy: { arn: string } } }>(
      `mutation ($input: CreatePolicyInput!) { createPolicy(input: $input) { policy { arn } } }`,
      { policyName, policyDocument: doc(statements) },
    ).then((answer) => answer.createPolicy.policy.arn);
  for (let i = 0; i < 10; i++) {
    const arn = await createPolicy(`team-${i}`, realisticStatements(i));
    await run(
      `mutation ($input: UserAttachmentInput!) { attachUserPolicy(input: $input) { revisionToken } }`,
      { userName: 'subject', policyArn: arn },
    );
  }
  for (const group of ['readers', 'writers']) {
    await run(
      `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { group { arn } } }`,
      { groupName: group },
    );
    await run(
      `mutation ($input: AddUserToGroupInput!) { addUserToGroup(input: $input) { revisionToken } }`,
      { groupName: group, userName: 'subject' },
    );
    await run(
      `mutation ($input: PutGroupPolicyInput!) { putGroupPolicy(input: $input) { revisionToken } }`,
      {
        groupName: group,
        policyName: `${group}-inline`,
        policyDocument: doc(realisticStatements(20)),
      },
    );
  }
  const boundary = await createPolicy('boundary', [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: '*',
      Condition: { Bool: { 'aws:ViaAWSService': 'true' } },
    },
  ]);
  await run(
    `mutation ($input: PutUserPermissionsBoundaryInput!) { putUserPermissionsBoundary(input: $input) { revisionToken } }`,
    { userName: 'subject', permissionsBoundary: boundary },
  );
  return {
    accountId,
    adminToken: admin,
    subjectArn: user.createUser.user.arn,
    subjectToken: await signIn(suite, accountId, 'subject'),
  };
}

/** {@link atRate}, or why the rate could not be sustained (failed requests are reported, not counted). */
async function atRateOrFailure(
  rate: number,
  seconds: number,
  send: () => Promise<void>,
): Promise<LatencyFigures | string> {
  try {
    return await atRate(rate, seconds, send);
  } catch (error) {
    return error instanceof Error ? error.message.slice(0, 200) : String(error);
  }
}

function row(name: string, f: LatencyFigures | string): string {
  if (typeof f === 'string') return `  ${name.padEnd(44)} not sustained: ${f}`;
  return `  ${name.padEnd(44)} ${String(Math.round(f.perSecond)).padStart(7)} /s   p50 ${(f.p50Micros / 1000).toFixed(2).padStart(7)} ms   p99 ${(f.p99Micros / 1000).toFixed(2).padStart(7)} ms`;
}

const LIST_USERS = doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }]);

/** Time from a change (put or delete an inline policy, no token) until identity decides the subject's `listUsers` accordingly. */
async function propagation(suite: Suite, tenant: Tenant): Promise<{ p50: number; p99: number }> {
  const listUsers = async () => {
    const response = await fetch(`${suite.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tenant.subjectToken}`,
      },
      body: JSON.stringify({ query: `query { listUsers { users { userName } } }` }),
    });
    const answer = (await response.json()) as { errors?: unknown[] };
    return answer.errors === undefined;
  };
  const samples: number[] = [];
  for (let i = 0; i < PROPAGATION_SAMPLES; i++) {
    const attach = i % 2 === 0;
    const started = performance.now();
    // An inline policy: the subject already holds its 10 managed policies (the default quota).
    await (attach
      ? as(
          suite,
          tenant.adminToken,
          `mutation ($input: PutUserPolicyInput!) { putUserPolicy(input: $input) { revisionToken } }`,
          { userName: 'subject', policyName: 'list-users', policyDocument: LIST_USERS },
        )
      : as(
          suite,
          tenant.adminToken,
          `mutation ($input: UserPolicyInput!) { deleteUserPolicy(input: $input) { revisionToken } }`,
          { userName: 'subject', policyName: 'list-users' },
        ));
    // Polled as fast as answers come (a benchmark, not a test: it measures the wall clock on purpose).
    while ((await listUsers()) !== attach) {
      if (performance.now() - started > 60_000) throw new Error('a change never became visible');
    }
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

async function main(): Promise<void> {
  const suite = await startSuite();
  try {
    const tenant = await setUp(suite);
    const url = `${suite.gatewayUrl}/graphql`;
    const headers = { authorization: `Bearer ${tenant.adminToken}` };
    const trivial = () =>
      postGraphQL(url, headers, { query: '{ __typename }' }).then(() => undefined);
    const request = {
      principal: tenant.subjectArn,
      action: 'dynamodb:GetItem',
      resource: `arn:aws:dynamodb:eu-west-1:${tenant.accountId}:table/prod-team-3-orders`,
    };
    const authorizeBody = {
      query: `query ($input: AuthorizeRequestInput!) { authorize(input: $input) { decision } }`,
      variables: { input: request },
    };
    const first = (await postGraphQL(url, headers, authorizeBody)) as {
      authorize: { decision: string };
    };
    if (first.authorize.decision !== 'Allow')
      throw new Error(`unexpected ${JSON.stringify(first)}`);
    const authorize = () => postGraphQL(url, headers, authorizeBody).then(() => undefined);
    const batchBody = {
      query: `query ($requests: [AuthorizeRequestInput!]!) { authorizeBatch(requests: $requests) { decision } }`,
      variables: {
        requests: Array.from({ length: 100 }, (_, i) => ({
          ...request,
          resource: `arn:aws:dynamodb:eu-west-1:${tenant.accountId}:table/prod-team-${i % 12}-orders`,
        })),
      },
    };
    const batch = () => postGraphQL(url, headers, batchBody).then(() => undefined);

    console.log(
      `\nauthorize through the gateway: 10 managed policies × 5 statements, 2 groups, a boundary (${CONCURRENCY} connections, ${SECONDS} s each)`,
    );
    const trivialSequential = await measure(500, trivial);
    const authorizeSequential = await measure(500, authorize);
    const trivialConcurrent = await throughput(CONCURRENCY, SECONDS, trivial);
    const authorizeConcurrent = await throughput(CONCURRENCY, SECONDS, authorize);
    const batchSequential = await measure(100, batch);
    const batchConcurrent = await throughput(4, SECONDS, batch);
    const authorizeAt1000 = await atRateOrFailure(1000, SECONDS, authorize);
    console.log(row('{ __typename } (baseline), sequential', trivialSequential));
    console.log(row('authorize, sequential', authorizeSequential));
    console.log(row(`{ __typename } (baseline), ${CONCURRENCY} connections`, trivialConcurrent));
    console.log(row(`authorize, ${CONCURRENCY} connections`, authorizeConcurrent));
    console.log(row('authorize at 1,000 requests/s (open loop)', authorizeAt1000));
    console.log(row('authorizeBatch of 100, sequential', batchSequential));
    console.log(row('authorizeBatch of 100, 4 connections', batchConcurrent));
    console.log(
      `  ratio: authorize / trivial throughput = ${(authorizeConcurrent.perSecond / trivialConcurrent.perSecond).toFixed(2)} (target ≥ 0.5); ` +
        `decisions/s via authorizeBatch = ${Math.round(batchConcurrent.perSecond * 100)} (target ≥ 10,000)`,
    );

    // The same two workloads through a second gateway without the single-subgraph path (ADR 0012), same run.
    const federated = await suite.startGateway({ GATEWAY_SINGLE_SUBGRAPH_PATH: 'false' });
    const federatedUrl = `${federated.url}/graphql`;
    const federatedAuthorize = () =>
      postGraphQL(federatedUrl, headers, authorizeBody).then(() => undefined);
    const federatedTrivial = () =>
      postGraphQL(federatedUrl, headers, { query: '{ __typename }' }).then(() => undefined);
    const federatedTrivialConcurrent = await throughput(CONCURRENCY, SECONDS, federatedTrivial);
    const federatedAuthorizeConcurrent = await throughput(CONCURRENCY, SECONDS, federatedAuthorize);
    const federatedAt1000 = await atRateOrFailure(1000, SECONDS, federatedAuthorize);
    console.log(
      '\nthe same through a gateway without the single-subgraph path (every query planned by the runtime)',
    );
    console.log(
      row(`{ __typename } (baseline), ${CONCURRENCY} connections`, federatedTrivialConcurrent),
    );
    console.log(row(`authorize, ${CONCURRENCY} connections`, federatedAuthorizeConcurrent));
    console.log(row('authorize at 1,000 requests/s (open loop)', federatedAt1000));
    console.log(
      `  ratio: authorize with / without the single-subgraph path = ${(authorizeConcurrent.perSecond / federatedAuthorizeConcurrent.perSecond).toFixed(2)}`,
    );

    const spread = await propagation(suite, tenant);
    console.log(
      `\npropagation without a token (put/delete an inline policy until identity's decision changes, ${PROPAGATION_SAMPLES} samples): ` +
        `p50 ${spread.p50.toFixed(1)} ms, p99 ${spread.p99.toFixed(1)} ms (target p99 ≤ 250 ms)`,
    );
    console.log(
      JSON.stringify({
        benchmark: 'policy.authorize',
        trivialSequential,
        authorizeSequential,
        trivialConcurrent,
        authorizeConcurrent,
        authorizeAt1000,
        batchSequential,
        batchConcurrent,
        federatedTrivialConcurrent,
        federatedAuthorizeConcurrent,
        federatedAt1000,
        propagationMs: spread,
      }),
    );
  } finally {
    await suite.stop();
  }
}

await main();
