import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '@iam/common';
import { parseRevisionToken } from '@iam/common';
import { bootstrapSubgraph } from '@iam/graphql-kit';
import type { RunningSubgraph } from '@iam/graphql-kit';
import { InProcessEventTransport, Outbox } from '@iam/messaging';
import type { OutboxRelay } from '@iam/messaging';
import { CALLER_HEADER, createLogger, signCallerToken } from '@iam/service-kit';
import { POLICY_SERVICE } from '../src/main.js';
import type { PolicyStoreHarness } from './policy-store.support.js';
import { A, PLATFORM_ADMIN, allow, policyStoreHarness } from './policy-store.support.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const logger = createLogger('policy-test', 'silent');

interface Answer {
  data?: Record<string, Record<string, unknown>> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The policy subgraph as deployed (the stand-in authorizer: the root user holds the administrator policy). */
describe('policy store over GraphQL', () => {
  let h: PolicyStoreHarness;
  let subgraph: RunningSubgraph;
  const root: CallerContext = {
    requestId: 'test',
    principalType: 'root',
    principalArn: `arn:aws:iam::${A}:root`,
    accountId: A,
    context: {},
  };

  async function post(
    caller: CallerContext,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<Answer> {
    const response = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CALLER_HEADER]: signCallerToken(
          caller,
          'policy',
          privateKey,
          Math.floor(Date.now() / 1000),
        ),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  }

  beforeAll(async () => {
    h = await policyStoreHarness();
    await h.principal(A, 'user', 'ann');
    subgraph = await bootstrapSubgraph({
      module: POLICY_SERVICE.createModule({
        name: 'policy',
        transport: new InProcessEventTransport(),
        dataSource: h.db.dataSource,
        outbox: new Outbox('policy'),
        relay: { notify: () => undefined } as unknown as OutboxRelay,
        logger,
        production: false,
        partition: 'aws',
        readinessChecks: [],
        env: {},
      }),
      host: '127.0.0.1',
      port: 0,
      name: 'policy',
      callerVerifyKey: publicKey,
      logger,
    });
  });
  afterAll(async () => {
    await subgraph?.close();
    await h?.close();
  });

  it('creates, attaches and reads policies, answering revision tokens', async () => {
    const created = await post(
      root,
      `mutation ($input: CreatePolicyInput!) {
        createPolicy(input: $input) { revisionToken policy { arn policyId defaultVersionId awsManaged tags { key value } } }
      }`,
      {
        input: {
          policyName: 'FromGraphql',
          policyDocument: allow('s3:GetObject'),
          tags: [{ key: 'a', value: 'b' }],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const policy = created.data!['createPolicy']!['policy'] as { arn: string; policyId: string };
    expect(policy.arn).toBe(`arn:aws:iam::${A}:policy/FromGraphql`);
    expect(policy.policyId).toMatch(/^ANPA/);
    expect(
      parseRevisionToken(created.data!['createPolicy']!['revisionToken'] as string).accountId,
    ).toBe(A);

    const attached = await post(
      root,
      `mutation ($input: UserAttachmentInput!) { attachUserPolicy(input: $input) { revisionToken } }`,
      { input: { userName: 'ann', policyArn: policy.arn } },
    );
    expect(attached.errors).toBeUndefined();
    const put = await post(
      root,
      `mutation ($input: PutUserPolicyInput!) { putUserPolicy(input: $input) { revisionToken } }`,
      { input: { userName: 'ann', policyName: 'inline', policyDocument: allow('s3:PutObject') } },
    );
    expect(put.errors).toBeUndefined();

    const read = await post(
      PLATFORM_ADMIN,
      `query ($accountId: ID!, $arn: String!) {
        getPolicy(input: { accountId: $accountId, policyArn: $arn }) { policy { attachmentCount } }
        listAttachedUserPolicies(input: { accountId: $accountId, userName: "ann" }) { attachedPolicies { policyName } isTruncated marker }
        listUserPolicies(input: { accountId: $accountId, userName: "ann" }) { policyNames }
        listEntitiesForPolicy(input: { accountId: $accountId, policyArn: $arn }) { entities { kind name } }
        listPolicies(input: { accountId: $accountId, scope: AWS, maxItems: 2 }) { policies { policyName } isTruncated marker }
      }`,
      { accountId: A, arn: policy.arn },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!['getPolicy']!['policy']).toEqual({ attachmentCount: 1 });
    expect(read.data!['listAttachedUserPolicies']!['attachedPolicies']).toEqual([
      { policyName: 'FromGraphql' },
    ]);
    expect(read.data!['listUserPolicies']!['policyNames']).toEqual(['inline']);
    expect(read.data!['listEntitiesForPolicy']!['entities']).toEqual([
      { kind: 'user', name: 'ann' },
    ]);
    expect(read.data!['listPolicies']!['isTruncated']).toBe(true);
  });

  it('answers MalformedPolicyDocument with every finding (pointer, line, column) in the details', async () => {
    const answer = await post(
      root,
      `mutation ($input: CreatePolicyInput!) { createPolicy(input: $input) { revisionToken } }`,
      {
        input: {
          policyName: 'Broken',
          policyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}',
        },
      },
    );
    const error = answer.errors?.[0];
    expect(error?.extensions?.['code']).toBe('MalformedPolicyDocument');
    const details = error?.extensions?.['details'] as { issues: string; issueCount: number };
    const issues = JSON.parse(details.issues) as {
      code: string;
      pointer: string;
      line: number;
      column: number;
    }[];
    expect(issues.map((i) => i.code).sort()).toEqual(['MISSING_ACTION', 'MISSING_RESOURCE']);
    expect(issues[0]).toMatchObject({ pointer: '/Statement/0', line: 1 });
    expect(issues[0]!.column).toBeGreaterThan(1);
  });
});
