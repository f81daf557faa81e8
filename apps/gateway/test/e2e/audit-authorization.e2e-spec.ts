import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually, startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import { auditEventsOf, codeOf, createAccount, createUserWithPassword } from '../support/e2e.js';

// Reading the audit trail (and every other subgraph's operations) is authorized through the one authorizer of
// `@iam/authorization`, on real PostgreSQL and Kafka through the gateway.

const PASSWORD = 'correct horse battery staple 42';
// What someone typed into the user-name field: their password. It must never reach the trail.
const TYPED_SECRET = 'Tr0ub4dor&3-typed-as-a-name';
const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken passwordResetRequired } }`;
const AUDIT_EVENTS = `query ($accountId: ID!) { auditEvents(accountId: $accountId, maxItems: 1000) { events { eventType payload } } }`;
const VALIDATE_POLICY = `query ($doc: String!) { validatePolicy(policyDocument: $doc, policyType: MANAGED) { valid } }`;
const CALLER_IDENTITY = `query { getCallerIdentity { arn } }`;
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

describe('authorization of audit reads and of every subgraph', () => {
  let suite: Suite;
  let accountId: string;
  let otherAccountId: string;
  let plainUser: string;
  let restricted: string;

  async function userWithPassword(userName: string, passwordResetRequired: boolean) {
    await createUserWithPassword(suite, accountId, userName, PASSWORD, passwordResetRequired);
    const signedIn = await suite.graphql<{
      signIn: { sessionToken: string; passwordResetRequired: boolean };
    }>(SIGN_IN, { input: { account: accountId, userName, password: PASSWORD } }, null);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.signIn.passwordResetRequired).toBe(passwordResetRequired);
    return signedIn.data!.signIn.sessionToken;
  }

  beforeAll(async () => {
    suite = await startSuite();
    accountId = await createAccount(suite, 'audit-authz-e2e');
    otherAccountId = await createAccount(suite, 'audit-authz-other');
    plainUser = await userWithPassword('ursula', false);
    restricted = await userWithPassword('rita', true);
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('refuses the trail to a user without a policy and to a password-reset session: AccessDenied', async () => {
    for (const token of [plainUser, restricted]) {
      const answer = await suite.graphql(AUDIT_EVENTS, { accountId }, token);
      expect(codeOf(answer)).toBe('AccessDenied');
      expect(answer.data?.['auditEvents'] ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions?.['details']).toMatchObject({
        action: 'cloudtrail:LookupEvents',
      });
    }
    // Naming another account is refused alike, before any query.
    expect(
      codeOf(await suite.graphql(AUDIT_EVENTS, { accountId: otherAccountId }, plainUser)),
    ).toBe('AccessDenied');
  });

  it('applies the password-reset restriction in the policy subgraph too; GetCallerIdentity stays open', async () => {
    expect(codeOf(await suite.graphql(VALIDATE_POLICY, { doc: POLICY }, restricted))).toBe(
      'AccessDenied',
    );
    expect(codeOf(await suite.graphql(VALIDATE_POLICY, { doc: POLICY }, plainUser))).toBe(
      'AccessDenied',
    );
    const validated = await suite.graphql<{ validatePolicy: { valid: boolean } }>(VALIDATE_POLICY, {
      doc: POLICY,
    });
    expect(validated.errors).toBeUndefined();
    expect(validated.data!.validatePolicy.valid).toBe(true);
    // AWS's GetCallerIdentity needs no permission: it only echoes the caller's own token.
    const identity = await suite.graphql<{ getCallerIdentity: { arn: string } }>(
      CALLER_IDENTITY,
      {},
      restricted,
    );
    expect(identity.errors).toBeUndefined();
    expect(identity.data!.getCallerIdentity.arn).toBe(`arn:aws:iam::${accountId}:user/rita`);
  });

  it('lets the platform administrator read the trail, where an unknown typed user name is hidden', async () => {
    const failed = await suite.graphql(
      SIGN_IN,
      { input: { account: accountId, userName: TYPED_SECRET, password: PASSWORD } },
      null,
    );
    expect(codeOf(failed)).toBe('InvalidCredentials');
    await expectEventually(
      async () => {
        const events = await auditEventsOf(suite, accountId);
        const failures = events.filter((e) => e.eventType === 'session.sign-in-failed.v1');
        expect(failures.map((e) => e.payload['userNameAttempted'])).toContain(
          'HIDDEN_DUE_TO_SECURITY_REASONS',
        );
        expect(events.map((e) => e.eventType)).toContain('session.signed-in.v1');
        expect(JSON.stringify(events)).not.toContain(TYPED_SECRET);
      },
      { timeoutMs: 30_000 },
    );
  });
});
