import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionsHarness } from './support/decisions-support.js';
import {
  StoreRows,
  callerOf,
  decisionsHarness,
  doc,
  groupCreated,
  userCreated,
} from './support/decisions-support.js';

const A = '864209753197';

/** AWS's `simulate-custom-policy` example document (statement from line 3, column 16 to line 7, column 4). */
const DENY_LIST_BUCKET = `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "Action": "s3:ListBucket",
    "Resource": "*"
  }
}`;

describe('policy simulation', () => {
  let h: DecisionsHarness;
  let store: StoreRows;
  const jill = userCreated(A, 'Jill');
  const tester = userCreated(A, 'tester');
  const nobody = userCreated(A, 'nobody');

  beforeAll(async () => {
    h = await decisionsHarness();
    store = new StoreRows(h.tenant);
    for (const e of [jill, tester, nobody]) await h.consumer.deliver(e);
    await store.inline(
      A,
      jill.payload.userId,
      'codecommit',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'codecommit:ListRepositories', Resource: '*' },
          {
            Effect: 'Allow',
            Action: 'codecommit:GitPull',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
          },
          { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
        ],
      }),
    );
    const boundary = await store.managedPolicy(
      A,
      'CodeOnly',
      doc('Allow', '*'),
      doc('Allow', 'codecommit:*'),
    );
    await store.boundary(A, jill.payload.userId, boundary);
    await store.guardrail(A, 'baseline', doc('Allow', '*'));
    await store.guardrail(A, 'no-delete', doc('Deny', 'codecommit:DeleteRepository'));
    await store.inline(
      A,
      tester.payload.userId,
      'simulate',
      doc('Allow', ['iam:SimulatePrincipalPolicy', 'iam:SimulateCustomPolicy']),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it("simulates a user's policies per action and resource, with boundary, guardrail and missing context details", async () => {
    const page = await h.simulation.simulatePrincipalPolicy(callerOf(tester.payload.arn), {
      policySourceArn: jill.payload.arn,
      actionNames: [
        'codecommit:ListRepositories',
        'codecommit:GitPull',
        'iam:CreateUser',
        'codecommit:DeleteRepository',
      ],
    });
    expect(page).toMatchObject({ isTruncated: false, marker: null });
    const [list, pull, createUser, deleteRepo] = page.evaluationResults;
    expect(list).toMatchObject({
      evalActionName: 'codecommit:ListRepositories',
      evalResourceName: '*',
      evalDecision: 'allowed',
      missingContextValues: [],
      permissionsBoundaryDecisionDetail: { allowedByPermissionsBoundary: true },
      organizationsDecisionDetail: { allowedByOrganizations: true },
    });
    expect(list!.matchedStatements).toContainEqual(
      expect.objectContaining({
        sourcePolicyId: `${jill.payload.arn}#inline/codecommit`,
        sourcePolicyType: 'user',
      }),
    );
    // The condition key was not given: AWS lists it and decides without it.
    expect(pull).toMatchObject({
      evalDecision: 'implicitDeny',
      missingContextValues: ['aws:SourceIp'],
    });
    // Allowed by the identity policy, not by the boundary.
    expect(createUser).toMatchObject({
      evalDecision: 'implicitDeny',
      permissionsBoundaryDecisionDetail: { allowedByPermissionsBoundary: false },
    });
    expect(deleteRepo).toMatchObject({
      evalDecision: 'explicitDeny',
      organizationsDecisionDetail: { allowedByOrganizations: false },
    });
    // With the context value, the same engine allows it.
    const withIp = await h.simulation.simulatePrincipalPolicy(callerOf(tester.payload.arn), {
      policySourceArn: jill.payload.arn,
      actionNames: ['codecommit:GitPull'],
      contextEntries: [{ key: 'aws:SourceIp', values: ['192.0.2.10'], type: 'ip' }],
    });
    expect(withIp.evaluationResults[0]).toMatchObject({
      evalDecision: 'allowed',
      missingContextValues: [],
    });
  });

  it('adds PolicyInputList policies and replaces the boundary with PermissionsBoundaryPolicyInputList', async () => {
    const page = await h.simulation.simulatePrincipalPolicy(callerOf(tester.payload.arn), {
      policySourceArn: jill.payload.arn,
      actionNames: ['iam:CreateUser', 's3:ListBucket'],
      policyInputList: [DENY_LIST_BUCKET],
      permissionsBoundaryPolicyInputList: [doc('Allow', '*')],
    });
    expect(page.evaluationResults.map((r) => r.evalDecision)).toEqual(['allowed', 'explicitDeny']);
    expect(page.evaluationResults[1]!.matchedStatements).toEqual([
      {
        sourcePolicyId: 'PolicyInputList.1',
        sourcePolicyType: 'user',
        startPosition: { line: 3, column: 16 },
        endPosition: { line: 7, column: 4 },
      },
    ]);
  });

  it('simulates custom policies as AWS does, with positions of the matched statement', async () => {
    const page = await h.simulation.simulateCustomPolicy(callerOf(tester.payload.arn), {
      actionNames: ['s3:ListBucket', 's3:GetObject'],
      policyInputList: [DENY_LIST_BUCKET],
    });
    expect(page.evaluationResults).toEqual([
      {
        evalActionName: 's3:ListBucket',
        evalResourceName: '*',
        evalDecision: 'explicitDeny',
        matchedStatements: [
          {
            sourcePolicyId: 'PolicyInputList.1',
            sourcePolicyType: 'user',
            startPosition: { line: 3, column: 16 },
            endPosition: { line: 7, column: 4 },
          },
        ],
        missingContextValues: [],
        permissionsBoundaryDecisionDetail: null,
        organizationsDecisionDetail: null,
      },
      expect.objectContaining({ evalActionName: 's3:GetObject', evalDecision: 'implicitDeny' }),
    ]);
  });

  it("simulates a group's policies", async () => {
    const readers = groupCreated(A, 'readers');
    await h.consumer.deliver(readers);
    await store.inline(A, readers.payload.groupId, 'read', doc('Allow', 's3:GetObject'));
    const page = await h.simulation.simulatePrincipalPolicy(callerOf(tester.payload.arn), {
      policySourceArn: readers.payload.arn,
      actionNames: ['s3:GetObject', 's3:PutObject'],
    });
    expect(page.evaluationResults.map((r) => r.evalDecision)).toEqual(['allowed', 'implicitDeny']);
    expect(page.evaluationResults[0]!.matchedStatements).toContainEqual(
      expect.objectContaining({
        sourcePolicyId: `${readers.payload.arn}#inline/read`,
        sourcePolicyType: 'group',
      }),
    );
    // A group is no principal of `authorize`.
    await expect(
      h.decisions.authorize(callerOf(tester.payload.arn), {
        principal: readers.payload.arn,
        action: 's3:GetObject',
        resource: '*',
      }),
    ).rejects.toMatchObject({ code: 'InvalidInput' });
  });

  it('pages actions × resources with MaxItems and Marker', async () => {
    const input = {
      actionNames: ['s3:ListBucket', 's3:GetObject'],
      resourceArns: ['arn:aws:s3:::a', 'arn:aws:s3:::b'],
      policyInputList: [DENY_LIST_BUCKET],
      maxItems: 3,
    };
    const first = await h.simulation.simulateCustomPolicy(callerOf(tester.payload.arn), input);
    expect(first.isTruncated).toBe(true);
    expect(first.evaluationResults).toHaveLength(3);
    const second = await h.simulation.simulateCustomPolicy(callerOf(tester.payload.arn), {
      ...input,
      marker: first.marker,
    });
    expect(second).toMatchObject({ isTruncated: false, marker: null });
    expect(second.evaluationResults.map((r) => [r.evalActionName, r.evalResourceName])).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::b'],
    ]);
    await expect(
      h.simulation.simulateCustomPolicy(callerOf(tester.payload.arn), {
        ...input,
        marker: 's1.99',
      }),
    ).rejects.toMatchObject({ code: 'InvalidInput' });
  });

  it('needs iam:SimulatePrincipalPolicy on the principal (even oneself) and iam:SimulateCustomPolicy on *', async () => {
    const self = await h.simulation
      .simulatePrincipalPolicy(callerOf(nobody.payload.arn), {
        policySourceArn: nobody.payload.arn,
        actionNames: ['iam:ListUsers'],
      })
      .catch((e: unknown) => e);
    expect(self).toMatchObject({
      code: 'AccessDenied',
      details: { action: 'iam:SimulatePrincipalPolicy', resource: nobody.payload.arn },
    });
    const custom = await h.simulation
      .simulateCustomPolicy(callerOf(nobody.payload.arn), {
        actionNames: ['iam:ListUsers'],
        policyInputList: [DENY_LIST_BUCKET],
      })
      .catch((e: unknown) => e);
    expect(custom).toMatchObject({
      code: 'AccessDenied',
      details: { action: 'iam:SimulateCustomPolicy', resource: '*' },
    });
    const otherAccount = await h.simulation
      .simulatePrincipalPolicy(callerOf(tester.payload.arn), {
        policySourceArn: 'arn:aws:iam::999999999999:user/Jill',
        actionNames: ['iam:ListUsers'],
      })
      .catch((e: unknown) => e);
    expect(otherAccount).toMatchObject({ code: 'AccessDenied' });
  });
});
