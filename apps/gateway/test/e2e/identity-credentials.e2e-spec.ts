import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOW_ALL_TEST_PATH, expectEventually, startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import {
  REFRESH,
  SIGN_IN,
  auditEventsOf,
  claimsOf,
  codeOf,
  createAccount,
  createUserWithPassword,
  detailsOf,
  oathtool,
  tenantAdmin,
} from '../support/e2e.js';
import type { SessionPayload } from '../support/e2e.js';

// Login profiles, the account password policy, virtual MFA devices and sessions through the federated gateway, with
// their AWS error codes, against real PostgreSQL and Kafka. TOTP codes come from an independent generator,
// oathtool (RFC 6238), never from our own implementation.

const PASSWORD = 'correct horse battery staple 42';
const NEW_PASSWORD = 'violet tractor gallops at noon 7';
const SIGN_OUT = `mutation { signOut { signedOut } }`;
const REVOKE = `mutation ($input: RevokeUserSessionsInput!) { revokeUserSessions(input: $input) { revokedSessionCount } }`;

const PROFILE = `fragment P on LoginProfile { userName createDate passwordResetRequired passwordLastChanged passwordLastUsed passwordExpired passwordExpiresAt }`;
const CREATE_PROFILE = `mutation ($input: CreateLoginProfileInput!) { createLoginProfile(input: $input) { loginProfile { ...P } } } ${PROFILE}`;
const GET_PROFILE = `query ($input: GetLoginProfileInput!) { getLoginProfile(input: $input) { loginProfile { ...P } } } ${PROFILE}`;
const UPDATE_PROFILE = `mutation ($input: UpdateLoginProfileInput!) { updateLoginProfile(input: $input) { loginProfile { ...P } } } ${PROFILE}`;
const DELETE_PROFILE = `mutation ($input: DeleteLoginProfileInput!) { deleteLoginProfile(input: $input) { loginProfile { ...P } } } ${PROFILE}`;
const CHANGE_PASSWORD = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { loginProfile { ...P } } } ${PROFILE}`;

const POLICY = `fragment Q on PasswordPolicy { minimumPasswordLength requireSymbols requireNumbers requireUppercaseCharacters requireLowercaseCharacters allowUsersToChangePassword expirePasswords maxPasswordAge passwordReusePrevention hardExpiry }`;
const UPDATE_POLICY = `mutation ($input: UpdateAccountPasswordPolicyInput) { updateAccountPasswordPolicy(input: $input) { passwordPolicy { ...Q } } } ${POLICY}`;
const GET_POLICY = `query ($input: AccountPasswordPolicyInput) { getAccountPasswordPolicy(input: $input) { passwordPolicy { ...Q } } } ${POLICY}`;
const DELETE_POLICY = `mutation ($input: AccountPasswordPolicyInput) { deleteAccountPasswordPolicy(input: $input) { passwordPolicy { ...Q } } } ${POLICY}`;

const CREATE_DEVICE = `mutation ($input: CreateVirtualMfaDeviceInput!) { createVirtualMfaDevice(input: $input) { virtualMfaDevice { serialNumber virtualMfaDeviceName path enableDate user { userName } } base32StringSeed otpauthUri } }`;
const ENABLE_DEVICE = `mutation ($input: EnableMfaDeviceInput!) { enableMfaDevice(input: $input) { mfaDevice { userName serialNumber enableDate } } }`;
const RESYNC_DEVICE = `mutation ($input: ResyncMfaDeviceInput!) { resyncMfaDevice(input: $input) { mfaDevice { userName serialNumber enableDate } } }`;
const DEACTIVATE_DEVICE = `mutation ($input: DeactivateMfaDeviceInput!) { deactivateMfaDevice(input: $input) { mfaDevice { userName serialNumber enableDate } } }`;
const DELETE_DEVICE = `mutation ($input: DeleteVirtualMfaDeviceInput!) { deleteVirtualMfaDevice(input: $input) { virtualMfaDevice { serialNumber } } }`;
const LIST_MFA = `query ($input: ListMfaDevicesInput) { listMfaDevices(input: $input) { mfaDevices { userName serialNumber enableDate } isTruncated } }`;
const LIST_VIRTUAL = `query ($input: ListVirtualMfaDevicesInput) { listVirtualMfaDevices(input: $input) { virtualMfaDevices { serialNumber enableDate user { userName } } isTruncated } }`;
const TAG_DEVICE = `mutation ($input: TagMfaDeviceInput!) { tagMfaDevice(input: $input) { virtualMfaDevice { serialNumber user { userName } tags { key value } } } }`;
const UNTAG_DEVICE = `mutation ($input: UntagMfaDeviceInput!) { untagMfaDevice(input: $input) { virtualMfaDevice { serialNumber tags { key value } } } }`;
const LIST_DEVICE_TAGS = `query ($input: ListMfaDeviceTagsInput!) { listMfaDeviceTags(input: $input) { tags { key value } isTruncated marker } }`;

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`;
const DELETE_USER = `mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { user { userName } } }`;
const GET_USER = `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`;

interface LoginProfile {
  userName: string;
  createDate: string;
  passwordResetRequired: boolean;
  passwordLastChanged: string;
  passwordLastUsed: string | null;
  passwordExpired: boolean;
  passwordExpiresAt: string | null;
}

interface VirtualDevice {
  serialNumber: string;
  enableDate: string | null;
  user: { userName: string } | null;
}

describe('login profiles, password policy, MFA devices and sessions through the gateway', () => {
  let suite: Suite;
  let accountId: string;
  let otherAccountId: string;
  let policyAccountId: string;

  // The platform administrator acts in a tenant account by naming it (`accountId`).
  const { op, ok } = tenantAdmin(
    () => suite,
    () => accountId,
  );

  /** Anonymous sign-in; `account` is an alias. */
  async function signIn(userName: string, password: string, account = 'creds-a') {
    return suite.graphql<{ signIn: SessionPayload }>(
      SIGN_IN,
      { input: { account, userName, password } },
      null,
    );
  }

  async function session(userName: string, password: string, account = 'creds-a') {
    const answer = await signIn(userName, password, account);
    expect(answer.errors).toBeUndefined();
    return answer.data!.signIn;
  }

  async function refresh(refreshToken: string) {
    return suite.graphql<{ refreshSession: SessionPayload }>(
      REFRESH,
      { input: { refreshToken } },
      null,
    );
  }

  /** A user with a login profile (default policy: 15 characters at least). */
  async function userWithPassword(
    userName: string,
    account = accountId,
    password = PASSWORD,
    passwordResetRequired = false,
  ) {
    await createUserWithPassword(suite, account, userName, password, passwordResetRequired);
  }

  beforeAll(async () => {
    // Users on ALLOW_ALL_TEST_PATH hold an allow-all policy in their own account; everyone else as in production.
    suite = await startSuite({ identityPolicies: 'allow-all-test-users' });
    accountId = await createAccount(suite, 'creds-a');
    otherAccountId = await createAccount(suite, 'creds-b');
    policyAccountId = await createAccount(suite, 'creds-policy');
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('creates, reads, updates and deletes a login profile, with its AWS error codes', async () => {
    await ok(CREATE_USER, { userName: 'lena' });
    expect(codeOf(await op(GET_PROFILE, { userName: 'lena' }))).toBe('NoSuchEntity');
    expect(codeOf(await op(CREATE_PROFILE, { userName: 'ghost', password: PASSWORD }))).toBe(
      'NoSuchEntity',
    );

    const short = await op(CREATE_PROFILE, { userName: 'lena', password: 'Zq8#vLw2!pR' });
    expect(codeOf(short)).toBe('PasswordPolicyViolation');
    expect(detailsOf(short)?.['problemCount']).toBe(1);
    expect(short.errors?.[0]?.message).toContain('at least 15 characters');
    expect(short.errors?.[0]?.message).not.toContain('Zq8#vLw2!pR');
    const common = await op(CREATE_PROFILE, { userName: 'lena', password: '1qaz2wsx3edc4rfv' });
    expect(codeOf(common)).toBe('PasswordPolicyViolation');
    expect(common.errors?.[0]?.message).toContain('common');
    expect(common.errors?.[0]?.message).not.toContain('1qaz2wsx3edc4rfv');
    expect(codeOf(await op(CREATE_PROFILE, { userName: 'lena', password: '' }))).toBe(
      'InvalidInput',
    );
    // Nothing was stored by the refused calls.
    expect(codeOf(await op(GET_PROFILE, { userName: 'lena' }))).toBe('NoSuchEntity');

    const created = await ok<{ createLoginProfile: { loginProfile: LoginProfile } }>(
      CREATE_PROFILE,
      { userName: 'lena', password: PASSWORD },
    );
    expect(created.createLoginProfile.loginProfile).toMatchObject({
      userName: 'lena',
      passwordResetRequired: false,
      passwordLastUsed: null,
      passwordExpired: false,
      passwordExpiresAt: null,
    });
    expect(codeOf(await op(CREATE_PROFILE, { userName: 'LENA', password: NEW_PASSWORD }))).toBe(
      'EntityAlreadyExists',
    );

    const first = await session('lena', PASSWORD);
    expect(first.passwordResetRequired).toBe(false);
    const got = await ok<{ getLoginProfile: { loginProfile: LoginProfile } }>(GET_PROFILE, {
      userName: 'lena',
    });
    expect(got.getLoginProfile.loginProfile.passwordLastUsed).not.toBeNull();
    expect(got.getLoginProfile.loginProfile.createDate).toBe(
      created.createLoginProfile.loginProfile.createDate,
    );

    // UpdateLoginProfile: the new password meets the policy too; empty is InvalidInput; missing user or profile.
    const weak = await op(UPDATE_PROFILE, { userName: 'lena', password: 'Zq8#vLw2!pR' });
    expect(codeOf(weak)).toBe('PasswordPolicyViolation');
    expect(codeOf(await op(UPDATE_PROFILE, { userName: 'lena', password: '' }))).toBe(
      'InvalidInput',
    );
    expect(
      codeOf(await op(UPDATE_PROFILE, { userName: 'ghost', passwordResetRequired: true })),
    ).toBe('NoSuchEntity');
    await ok(CREATE_USER, { userName: 'no-profile' });
    expect(
      codeOf(await op(UPDATE_PROFILE, { userName: 'no-profile', passwordResetRequired: true })),
    ).toBe('NoSuchEntity');

    const updated = await ok<{ updateLoginProfile: { loginProfile: LoginProfile } }>(
      UPDATE_PROFILE,
      { userName: 'lena', password: NEW_PASSWORD, passwordResetRequired: true },
    );
    expect(updated.updateLoginProfile.loginProfile.passwordResetRequired).toBe(true);
    expect(Date.parse(updated.updateLoginProfile.loginProfile.passwordLastChanged)).toBeGreaterThan(
      Date.parse(created.createLoginProfile.loginProfile.passwordLastChanged),
    );
    expect(codeOf(await signIn('lena', PASSWORD))).toBe('InvalidCredentials');
    // passwordResetRequired yields a restricted session: it may change its password and nothing else.
    const restricted = await session('lena', NEW_PASSWORD);
    expect(restricted.passwordResetRequired).toBe(true);
    expect(claimsOf(restricted.sessionToken)['pwd_reset']).toBe(true);

    // Only the flag, the password stays.
    const flagOnly = await ok<{ updateLoginProfile: { loginProfile: LoginProfile } }>(
      UPDATE_PROFILE,
      { userName: 'lena', passwordResetRequired: false },
    );
    expect(flagOnly.updateLoginProfile.loginProfile.passwordResetRequired).toBe(false);
    expect((await session('lena', NEW_PASSWORD)).passwordResetRequired).toBe(false);

    const deleted = await ok<{ deleteLoginProfile: { loginProfile: LoginProfile } }>(
      DELETE_PROFILE,
      { userName: 'lena' },
    );
    expect(deleted.deleteLoginProfile.loginProfile.userName).toBe('lena');
    expect(codeOf(await op(GET_PROFILE, { userName: 'lena' }))).toBe('NoSuchEntity');
    expect(codeOf(await op(DELETE_PROFILE, { userName: 'lena' }))).toBe('NoSuchEntity');
    expect(codeOf(await op(DELETE_PROFILE, { userName: 'ghost' }))).toBe('NoSuchEntity');
    expect(codeOf(await signIn('lena', NEW_PASSWORD))).toBe('InvalidCredentials');
    // Deleting the login profile ends the user's sessions (within the gateway's revocation poll).
    await expectEventually(
      async () => {
        const orphan = await suite.graphql(
          CHANGE_PASSWORD,
          { input: { oldPassword: NEW_PASSWORD, newPassword: PASSWORD } },
          first.sessionToken,
        );
        expect(orphan.status).toBe(401);
        expect(codeOf(orphan)).toBe('Unauthenticated');
      },
      { timeoutMs: 5_000 },
    );
  });

  it('lets a user change its own password with its session, and refuses the wrong callers', async () => {
    await userWithPassword('max', accountId, PASSWORD, true);
    const restricted = await session('max', PASSWORD);
    expect(restricted.passwordResetRequired).toBe(true);
    const token = restricted.sessionToken;

    const wrongOld = await suite.graphql(
      CHANGE_PASSWORD,
      { input: { oldPassword: 'not the old password at all', newPassword: NEW_PASSWORD } },
      token,
    );
    expect(codeOf(wrongOld)).toBe('AccessDenied');
    const weak = await suite.graphql(
      CHANGE_PASSWORD,
      { input: { oldPassword: PASSWORD, newPassword: 'Zq8#vLw2!pR' } },
      token,
    );
    expect(codeOf(weak)).toBe('PasswordPolicyViolation');
    const empty = await suite.graphql(
      CHANGE_PASSWORD,
      { input: { oldPassword: PASSWORD, newPassword: '' } },
      token,
    );
    expect(codeOf(empty)).toBe('InvalidInput');
    // Not an IAM user: the platform administrator.
    const admin = await suite.graphql(CHANGE_PASSWORD, {
      input: { oldPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(codeOf(admin)).toBe('InvalidUserType');
    const anonymous = await suite.graphql(
      CHANGE_PASSWORD,
      { input: { oldPassword: PASSWORD, newPassword: NEW_PASSWORD } },
      null,
    );
    expect(codeOf(anonymous)).toBe('Unauthenticated');

    const changed = await suite.graphql<{ changePassword: { loginProfile: LoginProfile } }>(
      CHANGE_PASSWORD,
      { input: { oldPassword: PASSWORD, newPassword: NEW_PASSWORD } },
      token,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changePassword.loginProfile).toMatchObject({
      userName: 'max',
      passwordResetRequired: false,
    });
    expect(codeOf(await signIn('max', PASSWORD))).toBe('InvalidCredentials');
    const fresh = await session('max', NEW_PASSWORD);
    expect(fresh.passwordResetRequired).toBe(false);
    expect(claimsOf(fresh.sessionToken)['pwd_reset']).toBe(false);
  });

  it('manages the account password policy, enforces it and its reuse prevention', async () => {
    const p = policyAccountId;
    expect(codeOf(await op(GET_POLICY, {}, p))).toBe('NoSuchEntity');
    expect(codeOf(await op(DELETE_POLICY, {}, p))).toBe('NoSuchEntity');
    for (const bad of [
      { minimumPasswordLength: 5 },
      { minimumPasswordLength: 129 },
      { maxPasswordAge: 0 },
      { maxPasswordAge: 1096 },
      { passwordReusePrevention: 0 },
      { passwordReusePrevention: 25 },
    ]) {
      const refused = await op(UPDATE_POLICY, bad, p);
      expect(codeOf(refused), JSON.stringify(bad)).toBe('InvalidInput');
    }
    const several = await op(UPDATE_POLICY, { minimumPasswordLength: 5, maxPasswordAge: 0 }, p);
    expect(codeOf(several)).toBe('ValidationError');
    expect(codeOf(await op(GET_POLICY, {}, p))).toBe('NoSuchEntity');

    const rules = {
      minimumPasswordLength: 10,
      requireSymbols: true,
      requireNumbers: true,
      maxPasswordAge: 90,
      passwordReusePrevention: 2,
    };
    const updated = await ok<{ updateAccountPasswordPolicy: { passwordPolicy: unknown } }>(
      UPDATE_POLICY,
      rules,
      p,
    );
    const expected = {
      ...rules,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: true,
      expirePasswords: true,
      hardExpiry: false,
    };
    expect(updated.updateAccountPasswordPolicy.passwordPolicy).toEqual(expected);
    const got = await ok<{ getAccountPasswordPolicy: { passwordPolicy: unknown } }>(
      GET_POLICY,
      {},
      p,
    );
    expect(got.getAccountPasswordPolicy.passwordPolicy).toEqual(expected);

    // The policy applies to new passwords: every broken rule is listed.
    await ok(CREATE_USER, { userName: 'nina' }, p);
    const broken = await op(CREATE_PROFILE, { userName: 'nina', password: 'quietzebrawalks' }, p);
    expect(codeOf(broken)).toBe('PasswordPolicyViolation');
    expect(detailsOf(broken)?.['problemCount']).toBe(2);
    const [p1, p2, p3] = ['Tr4vel!Light', 'Qu1et#Harbor', 'Br1ght$Meadow'];
    const profile = await ok<{ createLoginProfile: { loginProfile: LoginProfile } }>(
      CREATE_PROFILE,
      { userName: 'nina', password: p1 },
      p,
    );
    const { passwordLastChanged, passwordExpiresAt } = profile.createLoginProfile.loginProfile;
    expect(Date.parse(passwordExpiresAt!) - Date.parse(passwordLastChanged)).toBe(
      90 * 24 * 3600 * 1000,
    );

    // A tenant user reads its own account's policy (it lets users change passwords), never another account's.
    const token = (await session('nina', p1, 'creds-policy')).sessionToken;
    const own = await suite.graphql<{ getAccountPasswordPolicy: { passwordPolicy: unknown } }>(
      GET_POLICY,
      { input: {} },
      token,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.getAccountPasswordPolicy.passwordPolicy).toEqual(expected);
    const foreign = await suite.graphql(GET_POLICY, { input: { accountId } }, token);
    expect(codeOf(foreign)).toBe('AccessDenied');

    // Reuse prevention 2: the current and the previous password are refused, the one before is allowed again.
    const change = (oldPassword: string, newPassword: string) =>
      suite.graphql(CHANGE_PASSWORD, { input: { oldPassword, newPassword } }, token);
    expect((await change(p1, p2)).errors).toBeUndefined();
    const reused = await change(p2, p1);
    expect(codeOf(reused)).toBe('PasswordPolicyViolation');
    expect(reused.errors?.[0]?.message).toContain('last 2');
    expect(codeOf(await change(p2, p2))).toBe('PasswordPolicyViolation');
    expect((await change(p2, p3)).errors).toBeUndefined();
    expect((await change(p3, p1)).errors).toBeUndefined();
    // UpdateLoginProfile by the administrator applies reuse prevention too.
    expect(codeOf(await op(UPDATE_PROFILE, { userName: 'nina', password: p3 }, p))).toBe(
      'PasswordPolicyViolation',
    );

    // A policy that does not let users change their password: ChangePassword is AccessDenied.
    await ok(UPDATE_POLICY, { ...rules, allowUsersToChangePassword: false }, p);
    expect(codeOf(await change(p1, p2))).toBe('AccessDenied');
    expect(codeOf(await suite.graphql(GET_POLICY, { input: {} }, token))).toBe('AccessDenied');

    const deleted = await ok<{
      deleteAccountPasswordPolicy: { passwordPolicy: { minimumPasswordLength: number } };
    }>(DELETE_POLICY, {}, p);
    expect(deleted.deleteAccountPasswordPolicy.passwordPolicy.minimumPasswordLength).toBe(10);
    expect(codeOf(await op(GET_POLICY, {}, p))).toBe('NoSuchEntity');
    expect(codeOf(await op(DELETE_POLICY, {}, p))).toBe('NoSuchEntity');
    // Without a policy the defaults apply again (15 characters at least) and users may change their password.
    await ok(CREATE_USER, { userName: 'olga' }, p);
    expect(codeOf(await op(CREATE_PROFILE, { userName: 'olga', password: p3 }, p))).toBe(
      'PasswordPolicyViolation',
    );
    expect(codeOf(await change(p1, p2))).toBe('PasswordPolicyViolation');
    expect((await change(p1, NEW_PASSWORD)).errors).toBeUndefined();
  });

  it('creates, enables, resyncs, lists, deactivates and deletes virtual MFA devices', async () => {
    await ok(CREATE_USER, { userName: 'omar' });
    const created = await ok<{
      createVirtualMfaDevice: {
        virtualMfaDevice: VirtualDevice & { virtualMfaDeviceName: string; path: string };
        base32StringSeed: string;
        otpauthUri: string;
      };
    }>(CREATE_DEVICE, { virtualMfaDeviceName: 'omar-phone' });
    const serial = created.createVirtualMfaDevice.virtualMfaDevice.serialNumber;
    const seed = created.createVirtualMfaDevice.base32StringSeed;
    expect(serial).toBe(`arn:aws:iam::${accountId}:mfa/omar-phone`);
    expect(seed).toMatch(/^[A-Z2-7]{32}$/);
    expect(created.createVirtualMfaDevice.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(created.createVirtualMfaDevice.virtualMfaDevice).toMatchObject({
      virtualMfaDeviceName: 'omar-phone',
      path: '/',
      enableDate: null,
      user: null,
    });
    expect(codeOf(await op(CREATE_DEVICE, { virtualMfaDeviceName: 'OMAR-PHONE' }))).toBe(
      'EntityAlreadyExists',
    );
    expect(codeOf(await op(CREATE_DEVICE, { virtualMfaDeviceName: 'bad name!' }))).toBe(
      'InvalidInput',
    );
    const spare = await ok<{ createVirtualMfaDevice: { virtualMfaDevice: VirtualDevice } }>(
      CREATE_DEVICE,
      { virtualMfaDeviceName: 'spare-token' },
    );
    const spareSerial = spare.createVirtualMfaDevice.virtualMfaDevice.serialNumber;

    const listVirtual = async (assignmentStatus?: string) =>
      (
        await ok<{ listVirtualMfaDevices: { virtualMfaDevices: VirtualDevice[] } }>(
          LIST_VIRTUAL,
          assignmentStatus === undefined ? {} : { assignmentStatus },
        )
      ).listVirtualMfaDevices.virtualMfaDevices;
    expect((await listVirtual('Unassigned')).map((d) => d.serialNumber).sort()).toEqual(
      [serial, spareSerial].sort(),
    );
    expect(await listVirtual('Assigned')).toEqual([]);

    const now = Date.now();
    const code = (offsetSteps: number) => oathtool(seed, new Date(now + offsetSteps * 30_000));
    const enable = (userName: string, serialNumber: string, c1: string, c2: string) =>
      op<{ enableMfaDevice: { mfaDevice: { userName: string; serialNumber: string } } }>(
        ENABLE_DEVICE,
        { userName, serialNumber, authenticationCode1: c1, authenticationCode2: c2 },
      );
    expect(codeOf(await enable('omar', serial, '000000', '000001'))).toBe(
      'InvalidAuthenticationCode',
    );
    // Real codes of the device, but not consecutive, or in the wrong order.
    expect(codeOf(await enable('omar', serial, code(-2), code(0)))).toBe(
      'InvalidAuthenticationCode',
    );
    expect(codeOf(await enable('omar', serial, code(0), code(-1)))).toBe(
      'InvalidAuthenticationCode',
    );
    expect(codeOf(await enable('omar', serial, '12345', code(0)))).toBe('InvalidInput');
    expect(codeOf(await enable('ghost', serial, code(-1), code(0)))).toBe('NoSuchEntity');
    expect(
      codeOf(
        await enable('omar', `arn:aws:iam::${accountId}:mfa/no-such-device`, code(-1), code(0)),
      ),
    ).toBe('NoSuchEntity');

    const enabled = await enable('omar', serial, code(-1), code(0));
    expect(enabled.errors).toBeUndefined();
    expect(enabled.data!.enableMfaDevice.mfaDevice).toMatchObject({
      userName: 'omar',
      serialNumber: serial,
    });
    await ok(CREATE_USER, { userName: 'pete' });
    expect(codeOf(await enable('pete', serial, code(1), code(2)))).toBe('EntityAlreadyExists');

    const listed = await ok<{ listMfaDevices: { mfaDevices: { serialNumber: string }[] } }>(
      LIST_MFA,
      { userName: 'omar' },
    );
    expect(listed.listMfaDevices.mfaDevices.map((d) => d.serialNumber)).toEqual([serial]);
    expect(codeOf(await op(LIST_MFA, { userName: 'ghost' }))).toBe('NoSuchEntity');
    expect(codeOf(await op(LIST_MFA, {}))).toBe('InvalidInput');
    const assigned = await listVirtual('Assigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ serialNumber: serial, user: { userName: 'omar' } });
    expect(assigned[0]!.enableDate).not.toBeNull();
    expect((await listVirtual('Unassigned')).map((d) => d.serialNumber)).toEqual([spareSerial]);
    expect(await listVirtual()).toHaveLength(2);

    // Resync: two consecutive codes not used yet; the codes that enabled the device are spent.
    const resync = (serialNumber: string, c1: string, c2: string) =>
      op(RESYNC_DEVICE, {
        userName: 'omar',
        serialNumber,
        authenticationCode1: c1,
        authenticationCode2: c2,
      });
    expect(codeOf(await resync(serial, '000000', '000001'))).toBe('InvalidAuthenticationCode');
    expect(codeOf(await resync(serial, code(-1), code(0)))).toBe('InvalidAuthenticationCode');
    expect(codeOf(await resync(spareSerial, code(1), code(2)))).toBe('NoSuchEntity');
    const resynced = await resync(serial, code(1), code(2));
    expect(resynced.errors).toBeUndefined();
    expect(resynced.data).toMatchObject({
      resyncMfaDevice: { mfaDevice: { userName: 'omar', serialNumber: serial } },
    });

    // Deleting an assigned device, or its user without force, is a DeleteConflict.
    const conflict = await op(DELETE_DEVICE, { serialNumber: serial });
    expect(codeOf(conflict)).toBe('DeleteConflict');
    const userConflict = await op(DELETE_USER, { userName: 'omar' });
    expect(codeOf(userConflict)).toBe('DeleteConflict');
    expect(userConflict.errors?.[0]?.message).toContain('MFA device');

    const deactivated = await ok<{
      deactivateMfaDevice: { mfaDevice: { userName: string; enableDate: string } };
    }>(DEACTIVATE_DEVICE, { userName: 'omar', serialNumber: serial });
    expect(deactivated.deactivateMfaDevice.mfaDevice.userName).toBe('omar');
    expect(deactivated.deactivateMfaDevice.mfaDevice.enableDate).toBe(assigned[0]!.enableDate);
    expect(codeOf(await op(DEACTIVATE_DEVICE, { userName: 'omar', serialNumber: serial }))).toBe(
      'NoSuchEntity',
    );
    expect(codeOf(await op(DEACTIVATE_DEVICE, { userName: 'ghost', serialNumber: serial }))).toBe(
      'NoSuchEntity',
    );
    const none = await ok<{ listMfaDevices: { mfaDevices: unknown[] } }>(LIST_MFA, {
      userName: 'omar',
    });
    expect(none.listMfaDevices.mfaDevices).toEqual([]);
    expect(await listVirtual('Assigned')).toEqual([]);

    const deleted = await ok<{ deleteVirtualMfaDevice: { virtualMfaDevice: VirtualDevice } }>(
      DELETE_DEVICE,
      { serialNumber: serial },
    );
    expect(deleted.deleteVirtualMfaDevice.virtualMfaDevice.serialNumber).toBe(serial);
    expect(codeOf(await op(DELETE_DEVICE, { serialNumber: serial }))).toBe('NoSuchEntity');
    expect((await listVirtual()).map((d) => d.serialNumber)).toEqual([spareSerial]);
  });

  it('refuses DeleteUser while the user has a login profile or an MFA device, and force removes them', async () => {
    await userWithPassword('pia');
    const conflict = await op(DELETE_USER, { userName: 'pia' });
    expect(codeOf(conflict)).toBe('DeleteConflict');
    expect(conflict.errors?.[0]?.message).toContain('login profile');
    await ok(GET_USER, { userName: 'pia' });

    const device = await ok<{
      createVirtualMfaDevice: { virtualMfaDevice: VirtualDevice; base32StringSeed: string };
    }>(CREATE_DEVICE, { virtualMfaDeviceName: 'pia-phone' });
    const seed = device.createVirtualMfaDevice.base32StringSeed;
    const serialNumber = device.createVirtualMfaDevice.virtualMfaDevice.serialNumber;
    const now = Date.now();
    await ok(ENABLE_DEVICE, {
      userName: 'pia',
      serialNumber,
      authenticationCode1: oathtool(seed, new Date(now - 30_000)),
      authenticationCode2: oathtool(seed, new Date(now)),
    });
    expect(codeOf(await op(DELETE_USER, { userName: 'pia' }))).toBe('DeleteConflict');

    await ok(DELETE_USER, { userName: 'pia', force: true });
    expect(codeOf(await op(GET_USER, { userName: 'pia' }))).toBe('NoSuchEntity');
    expect(codeOf(await signIn('pia', PASSWORD))).toBe('InvalidCredentials');
    // The forced delete removed the profile and the device; a new user of that name has neither.
    await ok(CREATE_USER, { userName: 'pia' });
    expect(codeOf(await op(GET_PROFILE, { userName: 'pia' }))).toBe('NoSuchEntity');
    const devices = await ok<{ listVirtualMfaDevices: { virtualMfaDevices: VirtualDevice[] } }>(
      LIST_VIRTUAL,
      {},
    );
    expect(
      devices.listVirtualMfaDevices.virtualMfaDevices.map((d) => d.serialNumber),
    ).not.toContain(serialNumber);
  });

  it('ends a session with signOut and every session of a user with revokeUserSessions', async () => {
    await userWithPassword('sam');
    const first = await session('sam', PASSWORD);
    const second = await session('sam', PASSWORD);
    const third = await session('sam', PASSWORD);

    const out = await suite.graphql<{ signOut: { signedOut: boolean } }>(
      SIGN_OUT,
      {},
      first.sessionToken,
    );
    expect(out.errors).toBeUndefined();
    expect(out.data!.signOut.signedOut).toBe(true);
    // The gateway refuses the ended session's token as soon as its revocation list shows it (polled every second).
    await expectEventually(async () => {
      const again = await suite.graphql(SIGN_OUT, {}, first.sessionToken);
      expect(again.status).toBe(401);
      expect(codeOf(again)).toBe('Unauthenticated');
    });
    expect(codeOf(await refresh(first.refreshToken))).toBe('InvalidRefreshToken');
    const rotated = await refresh(second.refreshToken);
    expect(rotated.errors).toBeUndefined();

    expect(codeOf(await suite.graphql(SIGN_OUT))).toBe('InvalidInput');
    const anonymous = await suite.graphql(SIGN_OUT, {}, null);
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous)).toBe('Unauthenticated');

    // A tenant session is refused revoking (no policy grants it), in its own account or another one.
    expect(
      codeOf(await suite.graphql(REVOKE, { input: { userName: 'sam' } }, third.sessionToken)),
    ).toBe('AccessDenied');
    expect(
      codeOf(
        await suite.graphql(
          REVOKE,
          { input: { accountId: otherAccountId, userName: 'sam' } },
          third.sessionToken,
        ),
      ),
    ).toBe('AccessDenied');

    const revoked = await ok<{ revokeUserSessions: { revokedSessionCount: number } }>(REVOKE, {
      userName: 'sam',
    });
    expect(revoked.revokeUserSessions.revokedSessionCount).toBe(2);
    expect(codeOf(await refresh(rotated.data!.refreshSession.refreshToken))).toBe(
      'InvalidRefreshToken',
    );
    expect(codeOf(await refresh(third.refreshToken))).toBe('InvalidRefreshToken');
    const twice = await ok<{ revokeUserSessions: { revokedSessionCount: number } }>(REVOKE, {
      userName: 'sam',
    });
    expect(twice.revokeUserSessions.revokedSessionCount).toBe(0);
    expect(codeOf(await op(REVOKE, { userName: 'ghost' }))).toBe('NoSuchEntity');
    // A new sign-in works after the revocation.
    expect((await refresh((await session('sam', PASSWORD)).refreshToken)).errors).toBeUndefined();
  });

  it('throttles repeated wrong passwords for one user name', async () => {
    await userWithPassword('tom');
    await userWithPassword('una');
    // USER_THROTTLE_POLICY: 3 free failures, then 1 s, 2 s, … of back-off.
    for (let i = 0; i < 4; i++) {
      expect(codeOf(await signIn('tom', `wrong password number ${i}`))).toBe('InvalidCredentials');
    }
    const throttled = await signIn('tom', PASSWORD);
    expect(codeOf(throttled)).toBe('Throttling');
    expect(detailsOf(throttled)).toMatchObject({ retryAfterSeconds: 1, locked: false });
    // Another user name is not affected.
    expect((await signIn('una', PASSWORD)).errors).toBeUndefined();
    // The back-off ends on identity's clock: retry until it does. A refused retry is not counted (it neither
    // extends the back-off nor is answered otherwise than Throttling).
    const refusedWhileWaiting: unknown[] = [];
    await expectEventually(
      async () => {
        const retry = await signIn('tom', PASSWORD);
        if (retry.errors !== undefined) refusedWhileWaiting.push(codeOf(retry));
        expect(retry.errors).toBeUndefined();
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(refusedWhileWaiting.every((code) => code === 'Throttling')).toBe(true);
    // The success reset the counter: a wrong password is a plain failure again.
    expect(codeOf(await signIn('tom', 'wrong password again'))).toBe('InvalidCredentials');
    expect((await signIn('tom', PASSWORD)).errors).toBeUndefined();
  });

  it("answers another account's users and devices exactly like missing ones", async () => {
    await userWithPassword('vera');
    const device = await ok<{ createVirtualMfaDevice: { virtualMfaDevice: VirtualDevice } }>(
      CREATE_DEVICE,
      { virtualMfaDeviceName: 'vera-phone' },
    );
    const serialNumber = device.createVirtualMfaDevice.virtualMfaDevice.serialNumber;
    const b = otherAccountId;
    const same = async (query: string, input: Record<string, unknown>, missing: string) => {
      const elsewhere = await op(query, input, b);
      const nothing = await op(query, { ...input, userName: missing }, b);
      expect(codeOf(elsewhere), query).toBe('NoSuchEntity');
      expect(codeOf(nothing), query).toBe('NoSuchEntity');
      expect(elsewhere.errors?.[0]?.message.replace('vera', 'X')).toBe(
        nothing.errors?.[0]?.message.replace(missing, 'X'),
      );
    };
    await same(GET_PROFILE, { userName: 'vera' }, 'nobody-at-all');
    await same(CREATE_PROFILE, { userName: 'vera', password: NEW_PASSWORD }, 'nobody-at-all');
    await same(UPDATE_PROFILE, { userName: 'vera', passwordResetRequired: true }, 'nobody-at-all');
    await same(DELETE_PROFILE, { userName: 'vera' }, 'nobody-at-all');
    await same(LIST_MFA, { userName: 'vera' }, 'nobody-at-all');
    await same(REVOKE, { userName: 'vera' }, 'nobody-at-all');
    expect(codeOf(await op(DELETE_DEVICE, { serialNumber }, b))).toBe('NoSuchEntity');
    expect(
      codeOf(
        await op(
          ENABLE_DEVICE,
          {
            userName: 'vera',
            serialNumber,
            authenticationCode1: '000000',
            authenticationCode2: '000001',
          },
          b,
        ),
      ),
    ).toBe('NoSuchEntity');
    expect(
      (await ok<{ listVirtualMfaDevices: { virtualMfaDevices: unknown[] } }>(LIST_VIRTUAL, {}, b))
        .listVirtualMfaDevices.virtualMfaDevices,
    ).toEqual([]);
    // Vera's profile and device are untouched.
    await ok(GET_PROFILE, { userName: 'vera' });
    await ok(DELETE_DEVICE, { serialNumber });

    // A tenant session of account A whose policy allows everything (in A) is denied when it names account B: the
    // refusal is the isolation, not a missing policy, since the same requests in A are allowed.
    await ok(CREATE_USER, { userName: 'vic', path: ALLOW_ALL_TEST_PATH });
    await ok(CREATE_PROFILE, { userName: 'vic', password: PASSWORD });
    const token = (await session('vic', PASSWORD)).sessionToken;
    await ok(CREATE_USER, { userName: 'vera' }, b);
    const inOwnAccount = [
      [GET_PROFILE, { userName: 'vera' }],
      [LIST_VIRTUAL, {}],
      [LIST_MFA, { userName: 'vera' }],
    ] as const;
    for (const [query, input] of inOwnAccount) {
      expect((await suite.graphql(query, { input }, token)).errors, query).toBeUndefined();
    }
    for (const [query, input] of [
      [GET_PROFILE, { accountId: b, userName: 'vera' }],
      [GET_PROFILE, { accountId: b, userName: 'nobody-at-all' }],
      [GET_USER, { accountId: b, userName: 'vera' }],
      [GET_POLICY, { accountId: b }],
      [LIST_VIRTUAL, { accountId: b }],
      [LIST_MFA, { accountId: b, userName: 'vera' }],
      [CREATE_DEVICE, { accountId: b, virtualMfaDeviceName: 'intruder' }],
      [CREATE_PROFILE, { accountId: b, userName: 'vera', password: NEW_PASSWORD }],
      [DELETE_USER, { accountId: b, userName: 'vera' }],
    ] as const) {
      expect(codeOf(await suite.graphql(query, { input }, token)), query).toBe('AccessDenied');
    }
    // Nothing happened in B.
    expect(codeOf(await op(GET_PROFILE, { userName: 'vera' }, b))).toBe('NoSuchEntity');
    await ok(DELETE_USER, { userName: 'vera' }, b);
    // And a user of account A does not sign in through account B.
    expect(codeOf(await signIn('vera', PASSWORD, 'creds-b'))).toBe('InvalidCredentials');
  });

  it('tags, untags and lists the tags of a virtual MFA device, with its AWS error codes', async () => {
    interface Tag {
      key: string;
      value: string;
    }
    await userWithPassword('wes');
    const created = await ok<{
      createVirtualMfaDevice: { virtualMfaDevice: VirtualDevice & { tags: Tag[] } };
    }>(
      `mutation ($input: CreateVirtualMfaDeviceInput!) { createVirtualMfaDevice(input: $input) { virtualMfaDevice { serialNumber tags { key value } } } }`,
      { virtualMfaDeviceName: 'wes-phone', tags: [{ key: 'Owner', value: 'wes' }] },
    );
    const serialNumber = created.createVirtualMfaDevice.virtualMfaDevice.serialNumber;
    expect(created.createVirtualMfaDevice.virtualMfaDevice.tags).toEqual([
      { key: 'Owner', value: 'wes' },
    ]);

    const tagged = await ok<{
      tagMfaDevice: { virtualMfaDevice: { user: null; tags: Tag[] } };
    }>(TAG_DEVICE, {
      serialNumber,
      tags: [
        { key: 'owner', value: 'wes@example.com' },
        { key: 'team', value: 'ops' },
        { key: 'site', value: 'dub' },
      ],
    });
    expect(tagged.tagMfaDevice.virtualMfaDevice).toEqual({
      serialNumber,
      user: null,
      tags: [
        { key: 'Owner', value: 'wes@example.com' },
        { key: 'team', value: 'ops' },
        { key: 'site', value: 'dub' },
      ],
    });
    const first = await ok<{
      listMfaDeviceTags: { tags: Tag[]; isTruncated: boolean; marker: string | null };
    }>(LIST_DEVICE_TAGS, { serialNumber, maxItems: 2 });
    expect(first.listMfaDeviceTags.tags.map((t) => t.key)).toEqual(['Owner', 'team']);
    expect(first.listMfaDeviceTags.isTruncated).toBe(true);
    const rest = await ok<{ listMfaDeviceTags: { tags: Tag[]; isTruncated: boolean } }>(
      LIST_DEVICE_TAGS,
      { serialNumber, maxItems: 2, marker: first.listMfaDeviceTags.marker },
    );
    expect(rest.listMfaDeviceTags).toEqual({
      tags: [{ key: 'site', value: 'dub' }],
      isTruncated: false,
      marker: null,
    });
    const untagged = await ok<{ untagMfaDevice: { virtualMfaDevice: { tags: Tag[] } } }>(
      UNTAG_DEVICE,
      { serialNumber, tagKeys: ['TEAM', 'never-set'] },
    );
    expect(untagged.untagMfaDevice.virtualMfaDevice.tags.map((t) => t.key)).toEqual([
      'Owner',
      'site',
    ]);

    // Errors: an unknown serial, another account's device, too many tags, invalid tags and keys.
    const missing = `arn:aws:iam::${accountId}:mfa/no-such-device`;
    for (const [query, input] of [
      [TAG_DEVICE, { serialNumber: missing, tags: [{ key: 'a', value: 'b' }] }],
      [UNTAG_DEVICE, { serialNumber: missing, tagKeys: ['a'] }],
      [LIST_DEVICE_TAGS, { serialNumber: missing }],
    ] as const) {
      expect(codeOf(await op(query, input)), query).toBe('NoSuchEntity');
      expect(codeOf(await op(query, { ...input, serialNumber }, otherAccountId)), query).toBe(
        'NoSuchEntity',
      );
    }
    const many = Array.from({ length: 49 }, (_, i) => ({ key: `k${i}`, value: `${i}` }));
    const tooMany = await op(TAG_DEVICE, { serialNumber, tags: many });
    expect(codeOf(tooMany)).toBe('LimitExceeded');
    expect(detailsOf(tooMany)).toMatchObject({ maxTags: 50 });
    expect(
      codeOf(await op(TAG_DEVICE, { serialNumber, tags: [{ key: 'aws:x', value: '' }] })),
    ).toBe('InvalidInput');
    expect(
      codeOf(await op(TAG_DEVICE, { serialNumber, tags: [{ key: 'k', value: 'v'.repeat(257) }] })),
    ).toBe('InvalidInput');
    expect(codeOf(await op(UNTAG_DEVICE, { serialNumber, tagKeys: [''] }))).toBe('InvalidInput');
    expect(codeOf(await op(LIST_DEVICE_TAGS, { serialNumber: 'not a serial' }))).toBe(
      'InvalidInput',
    );

    // A user session holds no policy granting the tag actions: AccessDenied on the device ARN.
    const token = (await session('wes', PASSWORD)).sessionToken;
    for (const [query, input] of [
      [TAG_DEVICE, { serialNumber, tags: [{ key: 'a', value: 'b' }] }],
      [UNTAG_DEVICE, { serialNumber, tagKeys: ['Owner'] }],
      [LIST_DEVICE_TAGS, { serialNumber }],
    ] as const) {
      const denied = await suite.graphql(query, { input }, token);
      expect(codeOf(denied), query).toBe('AccessDenied');
      expect(detailsOf(denied)?.['resource'], query).toBe(serialNumber);
    }
    const unchanged = await ok<{ listMfaDeviceTags: { tags: Tag[] } }>(LIST_DEVICE_TAGS, {
      serialNumber,
    });
    expect(unchanged.listMfaDeviceTags.tags).toEqual(untagged.untagMfaDevice.virtualMfaDevice.tags);
  });

  it('delivers the credential events to the audit trail without any secret', async () => {
    await expectEventually(
      async () => {
        const events = await auditEventsOf(suite, accountId);
        const types = new Set(events.map((e) => e.eventType));
        for (const type of [
          'login-profile.created.v1',
          'login-profile.updated.v1',
          'login-profile.deleted.v1',
          'password.changed.v1',
          'virtual-mfa-device.created.v1',
          'virtual-mfa-device.deleted.v1',
          'virtual-mfa-device.tagged.v1',
          'virtual-mfa-device.untagged.v1',
          'mfa-device.enabled.v1',
          'mfa-device.resynced.v1',
          'mfa-device.deactivated.v1',
          'session.signed-out.v1',
          'session.revoked.v1',
        ]) {
          expect(types).toContain(type);
        }
        const text = JSON.stringify(events);
        for (const secret of [PASSWORD, NEW_PASSWORD]) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
        const policyEvents = await auditEventsOf(suite, policyAccountId);
        const policyTypes = new Set(policyEvents.map((e) => e.eventType));
        expect(policyTypes).toContain('account-password-policy.updated.v1');
        expect(policyTypes).toContain('account-password-policy.deleted.v1');
      },
      { timeoutMs: 30_000 },
    );
  });
});
