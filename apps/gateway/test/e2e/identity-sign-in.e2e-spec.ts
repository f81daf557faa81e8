import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually, startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import {
  REFRESH,
  SIGN_IN,
  auditEventsOf,
  claimsOf,
  codeOf,
  createAccount,
  createUserWithPassword,
  oathtool,
} from '../support/e2e.js';
import type { SessionPayload } from '../support/e2e.js';

// Passwords, TOTP MFA and sessions through the gateway, on real PostgreSQL and Kafka. TOTP codes come from an
// independent generator, oathtool (RFC 6238), never from our own implementation.

const PASSWORD = 'correct horse battery staple 42';

describe('sign-in with a password and TOTP MFA through the gateway', () => {
  let suite: Suite;
  let accountId: string;

  async function admin<T = Record<string, unknown>>(query: string, input: Record<string, unknown>) {
    const answer = await suite.graphql<T>(query, { input: { accountId, ...input } });
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  }

  async function signIn(input: Record<string, unknown>) {
    return suite.graphql<{ signIn: SessionPayload }>(
      SIGN_IN,
      { input: { account: 'acme-e2e', userName: 'dana', password: PASSWORD, ...input } },
      null,
    );
  }

  beforeAll(async () => {
    suite = await startSuite();
    accountId = await createAccount(suite, 'acme-e2e');
    await createUserWithPassword(suite, accountId, 'dana', PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('publishes the session signing keys at the gateway', async () => {
    const response = await fetch(`${suite.gatewayUrl}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key.d).toBeUndefined();
  });

  it('answers a wrong password and an unknown user alike, and signs in with the right password', async () => {
    const wrong = await signIn({ password: 'not the password at all' });
    const unknown = await signIn({ userName: 'nobody-here' });
    expect(codeOf(wrong)).toBe('InvalidCredentials');
    expect(codeOf(unknown)).toBe('InvalidCredentials');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);

    const ok = await signIn({});
    expect(ok.errors).toBeUndefined();
    const claims = claimsOf(ok.data!.signIn.sessionToken);
    expect(claims).toMatchObject({
      sub: `arn:aws:iam::${accountId}:user/dana`,
      amr: ['pwd'],
      mfa: false,
    });

    // The session authenticates at the gateway: the stand-in administrator policy gives users nothing yet, so the
    // answer is AccessDenied (an authenticated caller), not Unauthenticated.
    const asDana = await suite.graphql(
      `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`,
      { input: { userName: 'dana' } },
      ok.data!.signIn.sessionToken,
    );
    expect(codeOf(asDana)).toBe('AccessDenied');
    const tampered = `${ok.data!.signIn.sessionToken.slice(0, -4)}AAAA`;
    const refused = await suite.graphql(`{ listUsers { isTruncated } }`, {}, tampered);
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe('Unauthenticated');
  });

  it('requires a TOTP code once an MFA device is enabled, and refuses a replayed code', async () => {
    const created = await admin<{
      createVirtualMfaDevice: {
        virtualMfaDevice: { serialNumber: string };
        base32StringSeed: string;
        qrCodePng: string;
      };
    }>(
      `mutation ($input: CreateVirtualMfaDeviceInput!) { createVirtualMfaDevice(input: $input) { virtualMfaDevice { serialNumber } base32StringSeed qrCodePng } }`,
      { virtualMfaDeviceName: 'dana-phone' },
    );
    const { serialNumber } = created.createVirtualMfaDevice.virtualMfaDevice;
    const seed = created.createVirtualMfaDevice.base32StringSeed;
    expect(
      Buffer.from(created.createVirtualMfaDevice.qrCodePng, 'base64').subarray(1, 4).toString(),
    ).toBe('PNG');
    const now = Date.now();
    await admin(
      `mutation ($input: EnableMfaDeviceInput!) { enableMfaDevice(input: $input) { mfaDevice { serialNumber } } }`,
      {
        userName: 'dana',
        serialNumber,
        authenticationCode1: oathtool(seed, new Date(now - 30_000)),
        authenticationCode2: oathtool(seed, new Date(now)),
      },
    );

    const withoutCode = await signIn({});
    expect(codeOf(withoutCode)).toBe('MfaRequired');
    // The codes of the enabling steps are spent; the next step's code is inside the ±1-step window.
    const code = oathtool(seed, new Date(now + 30_000));
    const withCode = await signIn({ mfaCode: code });
    expect(withCode.errors).toBeUndefined();
    const claims = claimsOf(withCode.data!.signIn.sessionToken);
    expect(claims).toMatchObject({ amr: ['pwd', 'mfa'], mfa: true });
    expect(typeof claims['auth_time']).toBe('number');

    const replayed = await signIn({ mfaCode: code });
    expect(codeOf(replayed)).toBe('InvalidCredentials');
  });

  it('rotates refresh tokens, ends the session on reuse, and stops everything when the account is suspended', async () => {
    const first = await signIn({ mfaCode: '000000' });
    // A wrong code answers like a wrong password; the session below comes from a fresh device-free user.
    expect(codeOf(first)).toBe('InvalidCredentials');
    await createUserWithPassword(suite, accountId, 'eve', PASSWORD);
    const session = await signIn({ userName: 'eve' });
    expect(session.errors).toBeUndefined();
    const refreshed = await suite.graphql<{ refreshSession: SessionPayload }>(
      REFRESH,
      { input: { refreshToken: session.data!.signIn.refreshToken } },
      null,
    );
    expect(refreshed.errors).toBeUndefined();
    const reused = await suite.graphql(
      REFRESH,
      { input: { refreshToken: session.data!.signIn.refreshToken } },
      null,
    );
    expect(reused.errors).toHaveLength(1);
    const afterReuse = await suite.graphql(
      REFRESH,
      { input: { refreshToken: refreshed.data!.refreshSession.refreshToken } },
      null,
    );
    expect(afterReuse.errors).toHaveLength(1);

    const again = await signIn({ userName: 'eve' });
    expect(again.errors).toBeUndefined();
    await suite.graphql(
      `mutation ($input: AccountIdInput!) { suspendAccount(input: $input) { account { status } } }`,
      { input: { accountId } },
    );
    const afterSuspension = await suite.graphql(
      REFRESH,
      { input: { refreshToken: again.data!.signIn.refreshToken } },
      null,
    );
    expect(afterSuspension.errors).toHaveLength(1);
    expect(codeOf(await signIn({ userName: 'eve' }))).toBe('InvalidCredentials');
    await suite.graphql(
      `mutation ($input: AccountIdInput!) { reactivateAccount(input: $input) { account { status } } }`,
      { input: { accountId } },
    );
  });

  it('lifts the password-reset restriction of the session that changed the password at its next refresh', async () => {
    const NEW_PASSWORD = 'violet tractor gallops at noon 7';
    const GET_FRED = `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`;
    const CHANGE = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { loginProfile { passwordResetRequired } } }`;
    const SIGN_OUT = `mutation { signOut { signedOut } }`;
    await admin(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
      { userName: 'fred' },
    );
    await admin(
      `mutation ($input: CreateLoginProfileInput!) { createLoginProfile(input: $input) { loginProfile { userName } } }`,
      { userName: 'fred', password: PASSWORD, passwordResetRequired: true },
    );
    const signedIn = await signIn({ userName: 'fred' });
    expect(signedIn.errors).toBeUndefined();
    const restricted = signedIn.data!.signIn;
    expect(restricted.passwordResetRequired).toBe(true);
    expect(claimsOf(restricted.sessionToken)['pwd_reset']).toBe(true);
    // Another restricted session of the same user, signed in before the change.
    const other = (await signIn({ userName: 'fred' })).data!.signIn;

    // Restricted: a refresh keeps the restriction, and anything but changing the password is denied.
    const stillRestricted = await suite.graphql<{ refreshSession: SessionPayload }>(
      REFRESH,
      { input: { refreshToken: restricted.refreshToken } },
      null,
    );
    expect(stillRestricted.errors).toBeUndefined();
    const before = stillRestricted.data!.refreshSession;
    expect(before.passwordResetRequired).toBe(true);
    expect(
      codeOf(await suite.graphql(GET_FRED, { input: { userName: 'fred' } }, before.sessionToken)),
    ).toBe('AccessDenied');

    const changed = await suite.graphql<{
      changePassword: { loginProfile: { passwordResetRequired: boolean } };
    }>(
      CHANGE,
      { input: { oldPassword: PASSWORD, newPassword: NEW_PASSWORD } },
      before.sessionToken,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changePassword.loginProfile.passwordResetRequired).toBe(false);

    // The same session, refreshed: unrestricted, same session id, and the gateway accepts its token.
    const refreshed = await suite.graphql<{ refreshSession: SessionPayload }>(
      REFRESH,
      { input: { refreshToken: before.refreshToken } },
      null,
    );
    expect(refreshed.errors).toBeUndefined();
    const after = refreshed.data!.refreshSession;
    expect(after.passwordResetRequired).toBe(false);
    expect(claimsOf(after.sessionToken)).toMatchObject({
      pwd_reset: false,
      sid: claimsOf(restricted.sessionToken)['sid'],
    });
    // Users hold no policy under the stand-in authorizer, so getUser is still AccessDenied for both tokens; the
    // unrestricted token's caller is authenticated (not Unauthenticated) and can end its own session.
    const asFred = await suite.graphql(
      GET_FRED,
      { input: { userName: 'fred' } },
      after.sessionToken,
    );
    expect(asFred.status).not.toBe(401);
    expect(codeOf(asFred)).toBe('AccessDenied');
    // The change was made from one session only: every other session of the user ends with the old password.
    const otherRefreshed = await suite.graphql<{ refreshSession: SessionPayload }>(
      REFRESH,
      { input: { refreshToken: other.refreshToken } },
      null,
    );
    expect(otherRefreshed.data?.refreshSession).toBeUndefined();
    expect(codeOf(otherRefreshed)).toBe('InvalidRefreshToken');
    const signedOut = await suite.graphql<{ signOut: { signedOut: boolean } }>(
      SIGN_OUT,
      {},
      after.sessionToken,
    );
    expect(signedOut.data?.signOut.signedOut).toBe(true);
    const fresh = await signIn({ userName: 'fred', password: NEW_PASSWORD });
    expect(fresh.data?.signIn.passwordResetRequired).toBe(false);
  });

  it('records sign-ins and failures in the audit trail without any secret', async () => {
    await expectEventually(
      async () => {
        const events = await auditEventsOf(suite, accountId);
        const types = new Set(events.map((e) => e.eventType));
        expect(types).toContain('session.signed-in.v1');
        expect(types).toContain('session.sign-in-failed.v1');
        expect(types).toContain('session.revoked.v1');
        const text = JSON.stringify(events);
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT
      },
      { timeoutMs: 30_000 },
    );
  });

  it("bootstraps a tenant's first administrator with createAccount, who signs in without the platform token", async () => {
    const BOOT_PASSWORD = 'tangerine-harbor-quartz-58';
    const created = await suite.graphql<{
      createAccount: {
        account: { accountId: string };
        administrator: { userName: string; arn: string };
        revisionToken: string;
      };
    }>(
      `mutation ($input: CreateAccountInput!) {
        createAccount(input: $input) {
          account { accountId }
          administrator { userName arn }
          revisionToken
        }
      }`,
      {
        input: {
          alias: 'boot-e2e',
          administrator: { userName: 'boss', password: BOOT_PASSWORD },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const tenant = created.data!.createAccount.account.accountId;
    const arn = `arn:aws:iam::${tenant}:user/boss`;
    expect(created.data!.createAccount.administrator).toEqual({ userName: 'boss', arn });
    expect(created.data!.createAccount.revisionToken).toMatch(/^rv1\./);
    expect(JSON.stringify(created)).not.toContain(BOOT_PASSWORD);

    // The tenant's portal signs in as its administrator: an IAM user's session, not the platform token.
    const session = await suite.graphql<{ signIn: SessionPayload }>(
      SIGN_IN,
      { input: { account: 'boot-e2e', userName: 'boss', password: BOOT_PASSWORD } },
      null,
    );
    expect(session.errors).toBeUndefined();
    expect(claimsOf(session.data!.signIn.sessionToken)).toMatchObject({ sub: arn });

    await expectEventually(
      async () => {
        const events = await auditEventsOf(suite, tenant);
        const accountCreated = events.find((e) => e.eventType === 'account.created.v1');
        expect(accountCreated?.payload).toMatchObject({
          initialAdministrator: { userName: 'boss', path: '/', arn },
        });
        const types = new Set(events.map((e) => e.eventType));
        expect(types).toContain('user.created.v1');
        expect(types).toContain('login-profile.created.v1');
        expect(JSON.stringify(events)).not.toContain(BOOT_PASSWORD);
      },
      { timeoutMs: 30_000 },
    );
  });
});
