import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import { revisionToken } from '@iam/common';
import type { DecisionsHarness } from './support/decisions-support.js';
import {
  StoreRows,
  callerOf,
  decisionsHarness,
  doc,
  groupCreated,
  memberAdded,
  roleCreated,
  userCreated,
} from './support/decisions-support.js';
import { AccountRevisionRepository } from '../src/revisions/account-revision.repository.js';

const A = '135792468024';
const B = '246813579135';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe('authorize', () => {
  let h: DecisionsHarness;
  let store: StoreRows;
  const alice = userCreated(A, 'alice', { tags: [{ key: 'team', value: 'red' }] });
  const devs = groupCreated(A, 'devs');
  const admin = userCreated(A, 'admin');
  const boss = userCreated(A, 'boss');
  const app = userCreated(A, 'app');
  const nobody = userCreated(A, 'nobody');
  const role = roleCreated(A, 'worker');
  const bUser = userCreated(B, 'victim');
  const rootA = `arn:aws:iam::${A}:root`;

  beforeAll(async () => {
    h = await decisionsHarness();
    store = new StoreRows(h.tenant);
    for (const e of [
      alice,
      devs,
      admin,
      boss,
      app,
      nobody,
      role,
      bUser,
      memberAdded(devs, alice),
    ]) {
      await h.consumer.deliver(e);
    }
    await store.attach(A, devs.payload.groupId, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    await store.inline(
      A,
      alice.payload.userId,
      'own',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*',
          },
          { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
          {
            Sid: 'WithMfa',
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      }),
    );
    const boundaryArn = await store.managedPolicy(
      A,
      'NoUserDeletion',
      doc('Allow', '*'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Sid: 'KeepUsers', Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
        ],
      }),
    );
    await store.attach(A, admin.payload.userId, ADMIN);
    await store.boundary(A, admin.payload.userId, boundaryArn);
    await store.attach(A, boss.payload.userId, ADMIN);
    await store.inline(
      A,
      app.payload.userId,
      'ask',
      doc('Allow', 'iam:Authorize', `arn:aws:iam::${A}:*`),
    );
    await store.inline(A, role.payload.roleId, 'work', doc('Allow', 'sqs:SendMessage'));
    await store.guardrail(A, 'baseline', doc('Allow', '*'));
    await store.guardrail(A, 'no-alias', doc('Deny', 'iam:CreateAccountAlias'));
    await store.attach(B, bUser.payload.userId, ADMIN);
  });
  afterAll(async () => {
    await h?.close();
  });

  const ask = (askerArn: string, principal: string, action: string, resource = '*', extra = {}) =>
    h.decisions.authorize(callerOf(askerArn), { principal, action, resource, ...extra });

  it('allows with the determining statement, the principal tag filled in by the service', async () => {
    const allowed = await ask(
      alice.payload.arn,
      alice.payload.arn,
      's3:GetObject',
      'arn:aws:s3:::bucket/red/x',
    );
    expect(allowed).toMatchObject({
      decision: 'Allow',
      // Every Allow that decided: the guardrail that lets it through, and the identity policy that grants it.
      determiningStatements: [
        { policyId: `arn:aws:iam::${A}:guardrail/baseline`, policyType: 'guardrail' },
        {
          policyId: `${alice.payload.arn}#inline/own`,
          policyType: 'identity',
          sid: null,
          statementIndex: 0,
          effect: 'Allow',
        },
      ],
      explanation: null,
    });
    expect(BigInt(allowed.revision)).toBeGreaterThan(0n);
    const other = await ask(
      alice.payload.arn,
      alice.payload.arn,
      's3:GetObject',
      'arn:aws:s3:::bucket/blue/x',
    );
    expect(other).toMatchObject({ decision: 'ImplicitDeny', determiningStatements: [] });
    // Through its group.
    const viaGroup = await ask(alice.payload.arn, alice.payload.arn, 'iam:ListUsers');
    expect(viaGroup.decision).toBe('Allow');
    expect(viaGroup.determiningStatements.map((d) => d.policyId)).toContain(
      'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
    );
  });

  it('denies explicitly with the Deny statement', async () => {
    const denied = await ask(
      alice.payload.arn,
      alice.payload.arn,
      's3:DeleteObject',
      'arn:aws:s3:::bucket/red/x',
    );
    expect(denied).toMatchObject({
      decision: 'ExplicitDeny',
      determiningStatements: [{ sid: 'NoDelete', statementIndex: 1, effect: 'Deny' }],
    });
  });

  it('lets a permissions boundary deny an administrator', async () => {
    expect((await ask(admin.payload.arn, admin.payload.arn, 'iam:CreateUser')).decision).toBe(
      'Allow',
    );
    const denied = await ask(admin.payload.arn, admin.payload.arn, 'iam:DeleteUser');
    expect(denied).toMatchObject({
      decision: 'ExplicitDeny',
      determiningStatements: [{ policyType: 'boundary', sid: 'KeepUsers' }],
    });
    expect((await ask(boss.payload.arn, boss.payload.arn, 'iam:DeleteUser')).decision).toBe(
      'Allow',
    );
  });

  it('lets a guardrail deny even the root', async () => {
    expect((await ask(rootA, rootA, 'iam:CreateUser')).decision).toBe('Allow');
    const denied = await ask(rootA, rootA, 'iam:CreateAccountAlias');
    expect(denied).toMatchObject({
      decision: 'ExplicitDeny',
      determiningStatements: [
        { policyId: `arn:aws:iam::${A}:guardrail/no-alias`, policyType: 'guardrail' },
      ],
    });
  });

  it('decides for a role session with its role', async () => {
    const session = `arn:aws:sts::${A}:assumed-role/worker/job-1`;
    expect((await ask(session, session, 'sqs:SendMessage')).decision).toBe('Allow');
    expect((await ask(session, session, 'sqs:DeleteQueue')).decision).toBe('ImplicitDeny');
  });

  it('refuses principal-derived context keys from the caller', async () => {
    for (const key of [
      'aws:PrincipalTag/team',
      'AWS:USERNAME',
      'aws:CurrentTime',
      'aws:MultiFactorAuthPresent',
    ]) {
      const refused = await ask(
        alice.payload.arn,
        alice.payload.arn,
        's3:GetObject',
        'arn:aws:s3:::bucket/blue/x',
        {
          context: [{ key, values: ['blue'] }],
        },
      ).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'InvalidInput' });
    }
    // Request keys the principal does not determine are the caller's to give.
    const withIp = await ask(
      alice.payload.arn,
      alice.payload.arn,
      's3:GetObject',
      'arn:aws:s3:::bucket/red/x',
      {
        context: [{ key: 'aws:SourceIp', values: ['10.0.0.1'], type: 'ip' }],
      },
    );
    expect(withIp.decision).toBe('Allow');
  });

  it("takes MFA from the caller's own session only", async () => {
    const self = await h.decisions.authorize(
      callerOf(alice.payload.arn, { 'aws:MultiFactorAuthPresent': 'true' }),
      { principal: alice.payload.arn, action: 'kms:Decrypt', resource: '*' },
    );
    expect(self.decision).toBe('Allow');
    const byApp = await h.decisions.authorize(
      callerOf(app.payload.arn, { 'aws:MultiFactorAuthPresent': 'true' }),
      { principal: alice.payload.arn, action: 'kms:Decrypt', resource: '*' },
    );
    expect(byApp.decision).toBe('ImplicitDeny');
  });

  it('needs iam:Authorize on the principal to ask about someone else, nothing to ask about oneself', async () => {
    const refused = await ask(nobody.payload.arn, alice.payload.arn, 'iam:ListUsers').catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({
      code: 'AccessDenied',
      details: { action: 'iam:Authorize', resource: alice.payload.arn },
    });
    expect((await ask(nobody.payload.arn, nobody.payload.arn, 'iam:ListUsers')).decision).toBe(
      'ImplicitDeny',
    );
    expect((await ask(app.payload.arn, alice.payload.arn, 'iam:ListUsers')).decision).toBe('Allow');
  });

  it('lets the platform administrator ask about any account, and answers an unknown principal with no policy', async () => {
    const platform = {
      requestId: 't',
      principalType: 'platform-admin' as const,
      principalArn: 'arn:aws:iam::platform:admin',
      accountId: null,
      context: {},
    };
    const answer = await h.decisions.authorize(platform, {
      principal: bUser.payload.arn,
      action: 'iam:CreateUser',
      resource: '*',
    });
    expect(answer.decision).toBe('Allow');
    const ghost = await ask(app.payload.arn, `arn:aws:iam::${A}:user/ghost`, 'iam:ListUsers');
    expect(ghost).toMatchObject({ decision: 'ImplicitDeny', determiningStatements: [] });
  });

  it("refuses a caller holding allow-all in its account anything about another account's principals, existing or not", async () => {
    const existing = await ask(boss.payload.arn, bUser.payload.arn, 'iam:ListUsers').catch(
      (e: unknown) => e,
    );
    const missing = await ask(
      boss.payload.arn,
      `arn:aws:iam::${B}:user/nobody-here`,
      'iam:ListUsers',
    ).catch((e: unknown) => e);
    expect(existing).toMatchObject({ code: 'AccessDenied' });
    expect(missing).toMatchObject({ code: 'AccessDenied' });
    expect((existing as Error).message).toBe((missing as Error).message);
    expect(JSON.stringify(existing)).not.toContain('victim');
    const rootB = await ask(rootA, `arn:aws:iam::${B}:root`, 'iam:ListUsers').catch(
      (e: unknown) => e,
    );
    expect(rootB).toMatchObject({ code: 'AccessDenied' });
  });

  it('evaluates a resource policy passed with the request, and explains when asked', async () => {
    const resourcePolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'NoRed',
          Effect: 'Deny',
          Principal: { AWS: alice.payload.arn },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::bucket/*',
        },
      ],
    });
    const denied = await ask(
      alice.payload.arn,
      alice.payload.arn,
      's3:GetObject',
      'arn:aws:s3:::bucket/red/x',
      {
        resourcePolicy,
        explain: true,
      },
    );
    expect(denied).toMatchObject({
      decision: 'ExplicitDeny',
      determiningStatements: [{ policyType: 'resource', sid: 'NoRed' }],
    });
    expect(JSON.parse(denied.explanation!)).toMatchObject({ decision: 'ExplicitDeny' });
    const malformed = await ask(alice.payload.arn, alice.payload.arn, 's3:GetObject', '*', {
      resourcePolicy: '{"Statement": [{"Effect": "Maybe"}]}',
    }).catch((e: unknown) => e);
    expect(malformed).toMatchObject({ code: 'MalformedPolicyDocument' });
  });

  it('answers a batch in order, and refuses more than 100 requests or none', async () => {
    const requests = ['iam:ListUsers', 's3:DeleteObject', 'sqs:DeleteQueue'].map((action) => ({
      principal: alice.payload.arn,
      action,
      resource: '*',
    }));
    const answers = await h.decisions.authorizeBatch(callerOf(alice.payload.arn), requests);
    expect(answers.map((a) => a.decision)).toEqual(['Allow', 'ExplicitDeny', 'ImplicitDeny']);
    const tooMany = Array.from({ length: 101 }, () => requests[0]!);
    await expect(
      h.decisions.authorizeBatch(callerOf(alice.payload.arn), tooMany),
    ).rejects.toMatchObject({
      code: 'LimitExceeded',
    });
    await expect(h.decisions.authorizeBatch(callerOf(alice.payload.arn), [])).rejects.toMatchObject(
      {
        code: 'InvalidInput',
      },
    );
  });

  it('sees a change at once with the revision token it returned (read-your-writes), 1,000 times', async () => {
    const reader = userCreated(A, 'reader');
    await h.consumer.deliver(reader);
    for (let i = 0; i < 1_000; i++) {
      const action = `svc:Action${i}`;
      const revision = await h.tenant.run(A as AccountId, async (tx) => {
        await tx.query(
          `INSERT INTO policy.inline_policies (principal_id, policy_name, account_id, document, size, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 1, now(), now())
           ON CONFLICT (principal_id, policy_name) DO UPDATE SET document = EXCLUDED.document`,
          [reader.payload.userId, 'rolling', A, doc('Allow', action)],
        );
        return new AccountRevisionRepository().bump(tx, A);
      });
      const answer = await h.decisions.authorize(callerOf(reader.payload.arn), {
        principal: reader.payload.arn,
        action,
        resource: '*',
        consistency: { atLeastAsFreshAs: revisionToken(A as AccountId, revision) },
      });
      expect(answer.decision).toBe('Allow');
    }
  });
});
