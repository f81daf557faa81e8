import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import { codeOf } from '../support/e2e.js';

// Issue 11's acceptance through the gateway, on real PostgreSQL and Kafka: permissions that exist. A tenant is
// administered by its own first administrator (never the platform token); a user with IAMReadOnlyAccess reads but
// does not write; a permissions boundary caps AdministratorAccess; a guardrail caps even the account's
// administrator; a change is seen by the very next decision when its revision token is passed; and a tenant
// administrator holding AdministratorAccess in its own account reaches nothing of another account.

const PASSWORD = 'correct horse battery staple 42';
const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) {
  createAccount(input: $input) { account { accountId } administrator { userName arn } } }`;
const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken } }`;
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userName arn } } }`;
const DELETE_USER = `mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }`;
const LIST_USERS = `query ($input: ListUsersInput) { listUsers(input: $input) { users { userName } } }`;
const CREATE_PROFILE = `mutation ($input: CreateLoginProfileInput!) {
  createLoginProfile(input: $input) { loginProfile { userName } } }`;
const CREATE_POLICY = `mutation ($input: CreatePolicyInput!) {
  createPolicy(input: $input) { revisionToken policy { arn } } }`;
const GET_POLICY = `query ($input: PolicyByArnInput!) { getPolicy(input: $input) { policy { arn } } }`;
const LIST_POLICIES = `query ($input: ListPoliciesInput) {
  listPolicies(input: $input) { policies { arn awsManaged } } }`;
const ATTACH = `mutation ($input: UserAttachmentInput!) { attachUserPolicy(input: $input) { revisionToken } }`;
const DETACH = `mutation ($input: UserAttachmentInput!) { detachUserPolicy(input: $input) { revisionToken } }`;
const PUT_USER_POLICY = `mutation ($input: PutUserPolicyInput!) { putUserPolicy(input: $input) { revisionToken } }`;
const PUT_BOUNDARY = `mutation ($input: PutUserPermissionsBoundaryInput!) {
  putUserPermissionsBoundary(input: $input) { revisionToken } }`;
const PUT_GUARDRAIL = `mutation ($input: PutAccountGuardrailInput!) {
  putAccountGuardrail(input: $input) { revisionToken } }`;
const DELETE_GUARDRAIL = `mutation ($input: AccountGuardrailInput!) {
  deleteAccountGuardrail(input: $input) { revisionToken } }`;
const AUTHORIZE = `query ($input: AuthorizeRequestInput!) {
  authorize(input: $input) { decision revision determiningStatements { policyId } } }`;

const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
/** The header that makes every authorization of a request see at least the change `token` names. */
const consistent = (token: string) => ({ 'x-iam-consistency': token });
const doc = (...statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

interface Tenant {
  readonly accountId: string;
  readonly adminArn: string;
  readonly admin: string;
}

describe('permissions that exist (policy service through the gateway)', () => {
  let suite: Suite;
  let a: Tenant;
  let b: Tenant;

  async function signIn(accountId: string, userName: string): Promise<string> {
    const answer = await suite.graphql<{ signIn: { sessionToken: string } }>(
      SIGN_IN,
      { input: { account: accountId, userName, password: PASSWORD } },
      null,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.signIn.sessionToken;
  }

  async function tenant(alias: string): Promise<Tenant> {
    const created = await suite.graphql<{
      createAccount: { account: { accountId: string }; administrator: { arn: string } };
    }>(CREATE_ACCOUNT, {
      input: { alias, administrator: { userName: 'admin', password: PASSWORD } },
    });
    expect(created.errors).toBeUndefined();
    const accountId = created.data!.createAccount.account.accountId;
    return {
      accountId,
      adminArn: created.data!.createAccount.administrator.arn,
      admin: await signIn(accountId, 'admin'),
    };
  }

  /** As `token`, expecting no error. */
  async function ok<T = Record<string, unknown>>(
    token: string,
    query: string,
    input: Record<string, unknown>,
  ): Promise<T> {
    const answer = await suite.graphql<T>(query, { input }, token);
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    return answer.data!;
  }

  /** A user of `t` with a password, created by `t`'s own administrator; answers its session. */
  async function userOf(t: Tenant, userName: string): Promise<{ arn: string; token: string }> {
    const created = await ok<{ createUser: { user: { arn: string } } }>(t.admin, CREATE_USER, {
      userName,
    });
    await ok(t.admin, CREATE_PROFILE, { userName, password: PASSWORD });
    return { arn: created.createUser.user.arn, token: await signIn(t.accountId, userName) };
  }

  beforeAll(async () => {
    suite = await startSuite();
    a = await tenant('policy-e2e-a');
    b = await tenant('policy-e2e-b');
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('administers a tenant as its first administrator, without the platform token', async () => {
    const listed = await ok<{ listUsers: { users: { userName: string }[] } }>(
      a.admin,
      LIST_USERS,
      {},
    );
    expect(listed.listUsers.users.map((u) => u.userName)).toContain('admin');
    const policies = await ok<{ listPolicies: { policies: { arn: string }[] } }>(
      a.admin,
      LIST_POLICIES,
      { scope: 'AWS' },
    );
    expect(policies.listPolicies.policies.map((p) => p.arn)).toContain(ADMINISTRATOR_ACCESS);
  });

  it('lets a user with only IAMReadOnlyAccess list users but not create one', async () => {
    const reader = await userOf(a, 'reader');
    expect(codeOf(await suite.graphql(LIST_USERS, { input: {} }, reader.token))).toBe(
      'AccessDenied',
    );
    const attached = await ok<{ attachUserPolicy: { revisionToken: string } }>(a.admin, ATTACH, {
      userName: 'reader',
      policyArn: READ_ONLY,
    });
    // The identity service decided the first call with the reader's empty set: the attachment's revision token makes
    // its authorizer see the change at once (without it, the cache follows the change's event, a moment later).
    const fresh = consistent(attached.attachUserPolicy.revisionToken);
    const listed = await suite.graphql(LIST_USERS, { input: {} }, reader.token, fresh);
    expect(listed.errors, JSON.stringify(listed.errors)).toBeUndefined();
    const denied = await suite.graphql(
      CREATE_USER,
      { input: { userName: 'mallory' } },
      reader.token,
      fresh,
    );
    expect(codeOf(denied)).toBe('AccessDenied');
    expect(denied.errors?.[0]?.extensions?.['details']).toMatchObject({
      action: 'iam:CreateUser',
    });
  });

  it('caps AdministratorAccess with a permissions boundary that denies iam:DeleteUser', async () => {
    await ok(a.admin, CREATE_USER, { userName: 'victim' });
    const deleter = await userOf(a, 'deleter');
    await ok(a.admin, ATTACH, { userName: 'deleter', policyArn: ADMINISTRATOR_ACCESS });
    const boundary = await ok<{ createPolicy: { policy: { arn: string } } }>(
      a.admin,
      CREATE_POLICY,
      {
        policyName: 'NoUserDeletion',
        policyDocument: doc(
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
        ),
      },
    );
    const bounded = await ok<{ putUserPermissionsBoundary: { revisionToken: string } }>(
      a.admin,
      PUT_BOUNDARY,
      { userName: 'deleter', permissionsBoundary: boundary.createPolicy.policy.arn },
    );
    const fresh = consistent(bounded.putUserPermissionsBoundary.revisionToken);
    const session = deleter.token;
    const denied = await suite.graphql(
      DELETE_USER,
      { input: { userName: 'victim' } },
      session,
      fresh,
    );
    expect(codeOf(denied)).toBe('AccessDenied');
    // Within the boundary, AdministratorAccess still works.
    expect((await suite.graphql(LIST_USERS, { input: {} }, session)).errors).toBeUndefined();
    // And the administrator without a boundary deletes.
    expect(
      (await suite.graphql(DELETE_USER, { input: { userName: 'victim' } }, a.admin)).errors,
    ).toBeUndefined();
  });

  it("denies even the account's administrator under a guardrail, set by the platform administrator", async () => {
    const guardrail = {
      accountId: a.accountId,
      guardrailName: 'no-new-users',
      policyDocument: doc(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' },
      ),
    };
    const put = await suite.graphql<{ putAccountGuardrail: { revisionToken: string } }>(
      PUT_GUARDRAIL,
      { input: guardrail },
    );
    expect(put.errors, JSON.stringify(put.errors)).toBeUndefined();
    const capped = consistent(put.data!.putAccountGuardrail.revisionToken);
    // A tenant cannot lift it.
    expect(
      codeOf(
        await suite.graphql(
          DELETE_GUARDRAIL,
          { input: { guardrailName: 'no-new-users' } },
          a.admin,
        ),
      ),
    ).toBe('AccessDenied');
    expect(
      codeOf(await suite.graphql(CREATE_USER, { input: { userName: 'capped' } }, a.admin, capped)),
    ).toBe('AccessDenied');
    const removed = await suite.graphql<{ deleteAccountGuardrail: { revisionToken: string } }>(
      DELETE_GUARDRAIL,
      { input: { accountId: a.accountId, guardrailName: 'no-new-users' } },
    );
    expect(removed.errors).toBeUndefined();
    const lifted = consistent(removed.data!.deleteAccountGuardrail.revisionToken);
    const created = await suite.graphql(
      CREATE_USER,
      { input: { userName: 'capped' } },
      a.admin,
      lifted,
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  });

  it('sees every change in the next decision when its revision token is passed (1,000 times, never stale)', async () => {
    const subject = await ok<{ createUser: { user: { arn: string } } }>(a.admin, CREATE_USER, {
      userName: 'subject',
    });
    const principal = subject.createUser.user.arn;
    const reading = await ok<{ createPolicy: { policy: { arn: string } } }>(
      a.admin,
      CREATE_POLICY,
      {
        policyName: 'ReadReports',
        policyDocument: doc({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::reports/*',
        }),
      },
    );
    const policyArn = reading.createPolicy.policy.arn;
    const request = { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q3.csv' };
    let stale = 0;
    for (let i = 0; i < 1000; i++) {
      const attached = i % 2 === 0;
      const changed = await ok<Record<string, { revisionToken: string }>>(
        a.admin,
        attached ? ATTACH : DETACH,
        { userName: 'subject', policyArn },
      );
      const token = Object.values(changed)[0]!.revisionToken;
      const answer = await ok<{ authorize: { decision: string } }>(a.admin, AUTHORIZE, {
        ...request,
        consistency: { atLeastAsFreshAs: token },
      });
      if (answer.authorize.decision !== (attached ? 'Allow' : 'ImplicitDeny')) stale++;
    }
    expect(stale).toBe(0);
  }, 300_000);

  it('keeps a tenant administrator holding AdministratorAccess out of another account', async () => {
    const theirs = await ok<{ createPolicy: { policy: { arn: string } } }>(b.admin, CREATE_POLICY, {
      policyName: 'BOnly',
      policyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
    });
    const bPolicy = theirs.createPolicy.policy.arn;
    const other = { accountId: b.accountId };
    const attempts: [string, Record<string, unknown>][] = [
      [GET_POLICY, { ...other, policyArn: bPolicy }],
      [GET_POLICY, { policyArn: bPolicy }],
      [LIST_POLICIES, { ...other }],
      [
        CREATE_POLICY,
        {
          ...other,
          policyName: 'Intruder',
          policyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
        },
      ],
      [ATTACH, { ...other, userName: 'admin', policyArn: ADMINISTRATOR_ACCESS }],
      [DETACH, { ...other, userName: 'admin', policyArn: ADMINISTRATOR_ACCESS }],
      [
        PUT_USER_POLICY,
        {
          ...other,
          userName: 'admin',
          policyName: 'x',
          policyDocument: doc({ Effect: 'Deny', Action: '*', Resource: '*' }),
        },
      ],
      [PUT_BOUNDARY, { ...other, userName: 'admin', permissionsBoundary: bPolicy }],
      [AUTHORIZE, { principal: b.adminArn, action: 'iam:ListUsers', resource: '*' }],
      [LIST_USERS, { ...other }],
    ];
    for (const [query, input] of attempts) {
      const answer = await suite.graphql(query, { input }, a.admin);
      expect({ query, input, code: codeOf(answer) }).toEqual({
        query,
        input,
        code: 'AccessDenied',
      });
    }
    // B's administrator is untouched and B's policy still exists.
    expect(
      (await suite.graphql(GET_POLICY, { input: { policyArn: bPolicy } }, b.admin)).errors,
    ).toBeUndefined();
    const bAdmin = await ok<{ authorize: { decision: string } }>(b.admin, AUTHORIZE, {
      principal: b.adminArn,
      action: 'iam:DeleteUser',
      resource: `arn:aws:iam::${b.accountId}:user/anyone`,
    });
    expect(bAdmin.authorize.decision).toBe('Allow');
  });
});
