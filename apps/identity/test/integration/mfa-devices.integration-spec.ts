import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { ManualClock } from '@iam/common';
import { assertNoSecrets } from '@iam/event-contracts';
import type { TenantTransaction } from '@iam/persistence';
import type { RunningSubgraph } from '@iam/graphql-kit';
import { SecretBox, generateDataKey } from '@iam/service-kit';
import { MFA_DEVICE_ATTACHMENT, MfaVerifier } from '../../src/mfa/index.js';
import { decodeBase32 } from '../../src/mfa/base32.js';
import { toVirtualMfaDeviceModel } from '../../src/mfa/mfa.mapper.js';
import type { CreatedVirtualMfaDevice } from '../../src/mfa/mfa.service.js';
import { MfaService } from '../../src/mfa/mfa.service.js';
import { hotp, timeStep } from '../../src/mfa/totp.js';
import { UserRepository } from '../../src/users/user.repository.js';
import { UsersService } from '../../src/users/users.service.js';
import { accountWithUsers, depsWith, useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, rootOf, userOf } from '../support/principal-services.js';
import {
  callerHeader,
  identityTestModule,
  postGraphql,
  startIdentitySubgraph,
} from '../support/identity-subgraph.js';

const T0 = new Date('2026-11-28T12:00:00Z');
const STEP = timeStep(T0);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The code a device with this seed shows at `step`. */
function codeAt(created: CreatedVirtualMfaDevice, step: number): string {
  return hotp(decodeBase32(created.base32StringSeed), step);
}

/** The enable or resync input naming `created` for `userName`, with its codes of STEP+first and STEP+second. */
function codesOf(
  created: CreatedVirtualMfaDevice,
  first: number,
  second: number,
  userName: string,
) {
  return {
    userName,
    serialNumber: created.device.serialNumber,
    authenticationCode1: codeAt(created, STEP + first),
    authenticationCode2: codeAt(created, STEP + second),
  };
}

/** The instant `steps` time steps after T0 (inside the step). */
function after(steps: number): Date {
  return new Date(T0.getTime() + steps * 30_000 + 1_000);
}

describe(MfaService.name, () => {
  const { s } = useIdentityDatabase();
  let tenantTx: TenantTransaction;
  let clock: Date;
  let mfa: MfaService;
  let users: UsersService;
  const box = new SecretBox([generateDataKey()]);
  const verifier = new MfaVerifier(box);

  beforeAll(async () => {
    tenantTx = s.deps.tenantTx;
    clock = T0;
    const deps = depsWith(s, () => clock, [MFA_DEVICE_ATTACHMENT]);
    mfa = new MfaService(deps, box);
    users = new UsersService(deps, new UserRepository());
  });

  /** A new account with users, at T0. */
  async function account(...userNames: string[]): Promise<AccountId> {
    clock = T0;
    return accountWithUsers(s, users, userNames);
  }

  function create(accountId: string, name: string, extra: { path?: string } = {}) {
    return mfa.createVirtualMfaDevice(rootOf(accountId), { virtualMfaDeviceName: name, ...extra });
  }

  /** Creates a device and enables it for the user with the codes of STEP-1 and STEP (now T0). */
  async function enabled(accountId: string, userName: string, name: string) {
    const created = await create(accountId, name);
    await mfa.enableMfaDevice(rootOf(accountId), codesOf(created, -1, 0, userName));
    return created;
  }

  async function userId(accountId: AccountId, userName: string): Promise<string> {
    return (await users.getUser(rootOf(accountId), { userName })).userId;
  }

  /** One sign-in attempt in its own tenant transaction. */
  async function signIn(accountId: AccountId, userName: string, code: string, now: Date) {
    const id = await userId(accountId, userName);
    return tenantTx.run(accountId, (tx) => verifier.verifyAndConsume(tx, accountId, id, code, now));
  }

  async function rawDevice(accountId: AccountId, serial: string) {
    const rows = await tenantTx.run(accountId, (tx) =>
      tx.query<Record<string, unknown>[]>(
        `SELECT * FROM identity.mfa_devices WHERE serial_number = $1`,
        [serial],
      ),
    );
    return rows[0];
  }

  describe('createVirtualMfaDevice', () => {
    it('returns the serial (device ARN), a 160-bit base32 seed, an otpauth URI and a QR PNG, once', async () => {
      const acct = await account();
      const before = s.counter.notified;
      const created = await create(acct, 'alice-phone', { path: '/eng/' });
      const serial = `arn:aws:iam::${acct}:mfa/eng/alice-phone`;
      expect(created.device).toMatchObject({
        serialNumber: serial,
        deviceName: 'alice-phone',
        path: '/eng/',
        userId: null,
        enabledAt: null,
      });
      expect(created.base32StringSeed).toMatch(/^[A-Z2-7]{32}$/);
      expect(decodeBase32(created.base32StringSeed)).toHaveLength(20);
      expect(created.otpauthUri).toBe(
        `otpauth://totp/${acct}:alice-phone?secret=${created.base32StringSeed}&issuer=${acct}&algorithm=SHA1&digits=6&period=30`,
      );
      expect(created.qrCodePng.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(s.counter.notified).toBe(before + 1);
      const events = (await s.events(acct)).filter((e) => e.aggregate_id === serial);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        event_type: 'virtual-mfa-device.created.v1',
        topic: 'iam.identity.mfa-device',
        envelope: {
          payload: { serialNumber: serial, virtualMfaDeviceName: 'alice-phone', path: '/eng/' },
        },
      });
      expect(JSON.stringify(events)).not.toContain(created.base32StringSeed);
    });

    it('names the account alias as the issuer when the account has one', async () => {
      const alias = `acme-${Date.now()}`;
      const acct = (await s.accounts.createAccount(ADMIN, { alias })).account.accountId;
      const created = await create(acct, 'phone');
      expect(created.otpauthUri.startsWith(`otpauth://totp/${alias}:phone?`)).toBe(true);
      expect(new URL(created.otpauthUri).searchParams.get('issuer')).toBe(alias);
    });

    it('stores the seed sealed: the raw column holds neither the base32 nor the hex seed, and opens only for its row', async () => {
      const acct = await account();
      const created = await create(acct, 'sealed');
      const row = await rawDevice(acct, created.device.serialNumber);
      const stored = String(row?.['seed_sealed']);
      const seed = decodeBase32(created.base32StringSeed);
      expect(stored).toMatch(/^v1\./);
      expect(stored).not.toContain(created.base32StringSeed);
      expect(stored.toLowerCase()).not.toContain(seed.toString('hex'));
      expect(stored).not.toContain(seed.toString('base64url'));
      expect(box.open(stored, `mfa-seed:${acct}:${created.device.serialNumber}`).equals(seed)).toBe(
        true,
      );
      expect(() => box.open(stored, `mfa-seed:${acct}:arn:aws:iam::${acct}:mfa/other`)).toThrow();
    });

    it('rejects a duplicate name in any case with EntityAlreadyExists and leaves no event behind', async () => {
      const acct = await account();
      await create(acct, 'Phone');
      const count = (await s.events(acct)).length;
      await expect(create(acct, 'PHONE', { path: '/x/' })).rejects.toMatchObject({
        code: 'EntityAlreadyExists',
      });
      expect((await s.events(acct)).length).toBe(count);
    });

    it.each([
      { title: 'an empty name', input: { virtualMfaDeviceName: '' } },
      { title: 'a name of 227 characters', input: { virtualMfaDeviceName: 'a'.repeat(227) } },
      { title: 'a space in the name', input: { virtualMfaDeviceName: 'a b' } },
      {
        title: 'a path without a trailing slash',
        input: { virtualMfaDeviceName: 'p', path: '/x' },
      },
      {
        title: 'a reserved tag key',
        input: { virtualMfaDeviceName: 't', tags: [{ key: 'aws:x', value: '' }] },
      },
    ])('rejects $title with InvalidInput', async ({ input }) => {
      const acct = await account();
      await expect(mfa.createVirtualMfaDevice(rootOf(acct), input)).rejects.toMatchObject({
        code: 'InvalidInput',
      });
    });

    it('answers LimitExceeded once the account holds as many virtual devices as its user quota', async () => {
      const acct = await account();
      await tenantTx.run(acct, (tx) =>
        tx.query(`INSERT INTO identity.account_quotas (account_id, max_users) VALUES ($1, 2)`, [
          acct,
        ]),
      );
      await create(acct, 'd1');
      await create(acct, 'd2');
      await expect(create(acct, 'd3')).rejects.toMatchObject({ code: 'LimitExceeded' });
    });

    it('denies a user principal with AccessDenied on the mfa ARN, before any validation', async () => {
      const acct = await account();
      await expect(
        mfa.createVirtualMfaDevice(userOf(acct, 'alice'), { virtualMfaDeviceName: 'x' }),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:CreateVirtualMFADevice', resource: `arn:aws:iam::${acct}:mfa/x` },
      });
      await expect(
        mfa.createVirtualMfaDevice(userOf(acct, 'alice'), { virtualMfaDeviceName: 'bad name' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });

    it('lets the platform administrator create a device in a named account', async () => {
      const acct = await account();
      const created = await mfa.createVirtualMfaDevice(ADMIN, {
        accountId: acct,
        virtualMfaDeviceName: 'by-admin',
      });
      expect(created.device.accountId).toBe(acct);
    });
  });

  describe('enableMfaDevice', () => {
    it('assigns the device with two consecutive codes, records mfa-device.enabled.v1 and lists it', async () => {
      const acct = await account('alice');
      const created = await create(acct, 'alice-phone');
      const result = await mfa.enableMfaDevice(rootOf(acct), codesOf(created, 0, 1, 'alice'));
      expect(result.device).toMatchObject({ userId: result.user.userId, lastUsedStep: STEP + 1 });
      expect(result.device.enabledAt?.toISOString()).toBe(T0.toISOString());
      expect((await s.events(acct)).at(-1)).toMatchObject({
        event_type: 'mfa-device.enabled.v1',
        topic: 'iam.identity.mfa-device',
        aggregate_id: created.device.serialNumber,
        envelope: { payload: { userName: 'alice', userId: result.user.userId } },
      });
      const page = await mfa.listMfaDevices(rootOf(acct), { userName: 'alice' });
      expect(page.items.map((r) => r.device.serialNumber)).toEqual([created.device.serialNumber]);
      const id = await userId(acct, 'alice');
      await expect(
        tenantTx.run(acct, (tx) => verifier.hasEnabledDevice(tx, acct, id)),
      ).resolves.toBe(true);
    });

    it('accepts codes read up to 10 steps (5 minutes) ago and refuses older ones', async () => {
      const acct = await account('bob');
      const late = await create(acct, 'late');
      await expect(
        mfa.enableMfaDevice(rootOf(acct), codesOf(late, -10, -9, 'bob')),
      ).resolves.toBeDefined();
      const stale = await create(acct, 'stale');
      await expect(
        mfa.enableMfaDevice(rootOf(acct), codesOf(stale, -11, -10, 'bob')),
      ).rejects.toMatchObject({ code: 'InvalidAuthenticationCode' });
    });

    it.each([
      { title: 'codes in the wrong order', steps: [1, 0] },
      { title: 'codes that are not consecutive', steps: [0, 2] },
      { title: 'the same code twice', steps: [0, 0] },
    ])('refuses $title with InvalidAuthenticationCode and changes nothing', async ({ steps }) => {
      const acct = await account('carol');
      const created = await create(acct, 'phone');
      const count = (await s.events(acct)).length;
      await expect(
        mfa.enableMfaDevice(rootOf(acct), codesOf(created, steps[0]!, steps[1]!, 'carol')),
      ).rejects.toMatchObject({ code: 'InvalidAuthenticationCode', category: 'FORBIDDEN' });
      expect((await s.events(acct)).length).toBe(count);
      expect(await rawDevice(acct, created.device.serialNumber)).toMatchObject({
        user_id: null,
        last_used_step: null,
      });
    });

    it('refuses the codes of another device with InvalidAuthenticationCode', async () => {
      const acct = await account('dave');
      const mine = await create(acct, 'mine');
      const other = await create(acct, 'other');
      await expect(
        mfa.enableMfaDevice(rootOf(acct), {
          userName: 'dave',
          serialNumber: mine.device.serialNumber,
          authenticationCode1: codeAt(other, STEP),
          authenticationCode2: codeAt(other, STEP + 1),
        }),
      ).rejects.toMatchObject({ code: 'InvalidAuthenticationCode' });
    });

    it.each([
      { title: 'a five-digit code', code1: '12345' },
      { title: 'letters', code1: 'abcdef' },
    ])('rejects $title with InvalidInput', async ({ code1 }) => {
      const acct = await account('erin');
      const created = await create(acct, 'phone');
      await expect(
        mfa.enableMfaDevice(rootOf(acct), {
          userName: 'erin',
          serialNumber: created.device.serialNumber,
          authenticationCode1: code1,
          authenticationCode2: codeAt(created, STEP),
        }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
    });

    it('answers NoSuchEntity for a missing user or device', async () => {
      const acct = await account('frank');
      const created = await create(acct, 'phone');
      const codes = {
        authenticationCode1: codeAt(created, STEP),
        authenticationCode2: codeAt(created, STEP + 1),
      };
      await expect(
        mfa.enableMfaDevice(rootOf(acct), {
          userName: 'nobody',
          serialNumber: created.device.serialNumber,
          ...codes,
        }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        mfa.enableMfaDevice(rootOf(acct), {
          userName: 'frank',
          serialNumber: `arn:aws:iam::${acct}:mfa/missing`,
          ...codes,
        }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('answers EntityAlreadyExists for a device already enabled for a user', async () => {
      const acct = await account('gina', 'hank');
      const created = await enabled(acct, 'gina', 'shared');
      await expect(
        mfa.enableMfaDevice(rootOf(acct), codesOf(created, 1, 2, 'hank')),
      ).rejects.toMatchObject({ code: 'EntityAlreadyExists' });
    });

    it('answers LimitExceeded for a ninth MFA device of one user', async () => {
      const acct = await account('ivan');
      for (let i = 1; i <= 8; i++) await enabled(acct, 'ivan', `d${i}`);
      const ninth = await create(acct, 'd9');
      await expect(
        mfa.enableMfaDevice(rootOf(acct), codesOf(ninth, 0, 1, 'ivan')),
      ).rejects.toMatchObject({ code: 'LimitExceeded', details: { limit: 8 } });
      expect((await mfa.listMfaDevices(rootOf(acct), { userName: 'ivan' })).items).toHaveLength(8);
    });

    it('denies a user principal with AccessDenied on the user ARN, whether or not anything exists', async () => {
      const acct = await account('judy');
      for (const userName of ['judy', 'nobody']) {
        await expect(
          mfa.enableMfaDevice(userOf(acct, 'judy'), {
            userName,
            serialNumber: `arn:aws:iam::${acct}:mfa/x`,
            authenticationCode1: '000000',
            authenticationCode2: '000001',
          }),
        ).rejects.toMatchObject({
          code: 'AccessDenied',
          details: {
            action: 'iam:EnableMFADevice',
            resource: `arn:aws:iam::${acct}:user/${userName}`,
          },
        });
      }
    });
  });

  describe(MfaVerifier.name, () => {
    it('accepts the codes of the current step and one step either side, and refuses two steps off', async () => {
      const acct = await account('kim');
      const created = await enabled(acct, 'kim', 'phone');
      // Enabling consumed up to STEP; look from STEP + 2 on.
      const now = after(3);
      await expect(signIn(acct, 'kim', codeAt(created, STEP + 1), now)).resolves.toBeNull();
      await expect(signIn(acct, 'kim', codeAt(created, STEP + 5), now)).resolves.toBeNull();
      await expect(signIn(acct, 'kim', codeAt(created, STEP + 2), now)).resolves.toBe(
        created.device.serialNumber,
      );
      await expect(signIn(acct, 'kim', codeAt(created, STEP + 3), now)).resolves.toBe(
        created.device.serialNumber,
      );
      await expect(signIn(acct, 'kim', codeAt(created, STEP + 4), now)).resolves.toBe(
        created.device.serialNumber,
      );
    });

    it('refuses a replayed code and any code older than the last accepted one', async () => {
      const acct = await account('lee');
      const created = await enabled(acct, 'lee', 'phone');
      const now = after(10);
      const current = codeAt(created, STEP + 10);
      await expect(signIn(acct, 'lee', current, now)).resolves.toBe(created.device.serialNumber);
      await expect(signIn(acct, 'lee', current, now)).resolves.toBeNull();
      await expect(signIn(acct, 'lee', codeAt(created, STEP + 9), now)).resolves.toBeNull();
      await expect(signIn(acct, 'lee', codeAt(created, STEP + 11), now)).resolves.toBe(
        created.device.serialNumber,
      );
      expect(await rawDevice(acct, created.device.serialNumber)).toMatchObject({
        last_used_step: String(STEP + 11),
      });
    });

    it('refuses the codes used to enable the device', async () => {
      const acct = await account('mia');
      const created = await enabled(acct, 'mia', 'phone');
      await expect(signIn(acct, 'mia', codeAt(created, STEP), T0)).resolves.toBeNull();
      await expect(signIn(acct, 'mia', codeAt(created, STEP - 1), T0)).resolves.toBeNull();
    });

    it('lets only one of two concurrent sign-ins use one code', async () => {
      const acct = await account('ned');
      const created = await enabled(acct, 'ned', 'phone');
      const id = await userId(acct, 'ned');
      const code = codeAt(created, STEP + 20);
      const attempt = () =>
        tenantTx.run(acct, (tx) => verifier.verifyAndConsume(tx, acct, id, code, after(20)));
      const results = await Promise.all([attempt(), attempt(), attempt()]);
      expect(results.filter((r) => r !== null)).toEqual([created.device.serialNumber]);
    });

    it('checks every enabled device of the user and answers the serial of the one that matched', async () => {
      const acct = await account('olga');
      await enabled(acct, 'olga', 'first');
      const second = await enabled(acct, 'olga', 'second');
      await expect(signIn(acct, 'olga', codeAt(second, STEP + 1), after(1))).resolves.toBe(
        second.device.serialNumber,
      );
    });

    it('answers null for a wrong or malformed code and for a user without devices', async () => {
      const acct = await account('pat', 'quinn');
      const created = await enabled(acct, 'pat', 'phone');
      const right = codeAt(created, STEP + 1);
      const wrong = right === '000000' ? '000001' : '000000';
      await expect(signIn(acct, 'pat', wrong, after(1))).resolves.toBeNull();
      await expect(signIn(acct, 'pat', '12345', after(1))).resolves.toBeNull();
      await expect(signIn(acct, 'quinn', right, after(1))).resolves.toBeNull();
      const id = await userId(acct, 'quinn');
      await expect(
        tenantTx.run(acct, (tx) => verifier.hasEnabledDevice(tx, acct, id)),
      ).resolves.toBe(false);
    });
  });

  describe('resyncMfaDevice', () => {
    it('measures the drift of a device whose clock is 5 steps behind, so that sign-in accepts it again', async () => {
      const acct = await account('rita');
      const created = await enabled(acct, 'rita', 'phone');
      // The device shows the code of (real step - 5).
      await expect(signIn(acct, 'rita', codeAt(created, STEP + 5), after(10))).resolves.toBeNull();
      clock = after(11);
      const result = await mfa.resyncMfaDevice(rootOf(acct), codesOf(created, 5, 6, 'rita'));
      expect(result.device).toMatchObject({ driftSteps: -5, lastUsedStep: STEP + 6 });
      expect((await s.events(acct)).at(-1)).toMatchObject({
        event_type: 'mfa-device.resynced.v1',
        aggregate_id: created.device.serialNumber,
      });
      await expect(signIn(acct, 'rita', codeAt(created, STEP + 7), after(12))).resolves.toBe(
        created.device.serialNumber,
      );
      clock = T0;
    });

    it('answers InvalidAuthenticationCode for wrong codes and NoSuchEntity for a device of another user', async () => {
      const acct = await account('sam', 'tess');
      const created = await enabled(acct, 'sam', 'phone');
      await expect(
        mfa.resyncMfaDevice(rootOf(acct), codesOf(created, 3, 5, 'sam')),
      ).rejects.toMatchObject({ code: 'InvalidAuthenticationCode' });
      await expect(
        mfa.resyncMfaDevice(rootOf(acct), codesOf(created, 1, 2, 'tess')),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        mfa.resyncMfaDevice(userOf(acct, 'sam'), codesOf(created, 1, 2, 'sam')),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:ResyncMFADevice', resource: `arn:aws:iam::${acct}:user/sam` },
      });
    });
  });

  describe('deactivateMfaDevice', () => {
    it('unassigns the device, records mfa-device.deactivated.v1, and sign-in no longer uses it', async () => {
      const acct = await account('uma');
      const created = await enabled(acct, 'uma', 'phone');
      const result = await mfa.deactivateMfaDevice(rootOf(acct), {
        userName: 'uma',
        serialNumber: created.device.serialNumber,
      });
      expect(result.device.enabledAt?.toISOString()).toBe(T0.toISOString());
      expect((await s.events(acct)).at(-1)).toMatchObject({
        event_type: 'mfa-device.deactivated.v1',
        aggregate_id: created.device.serialNumber,
        envelope: { payload: { userName: 'uma' } },
      });
      expect((await mfa.listMfaDevices(rootOf(acct), { userName: 'uma' })).items).toEqual([]);
      await expect(signIn(acct, 'uma', codeAt(created, STEP + 1), after(1))).resolves.toBeNull();
      const unassigned = await mfa.listVirtualMfaDevices(rootOf(acct), {
        assignmentStatus: 'Unassigned',
      });
      expect(unassigned.items.map((d) => d.serialNumber)).toEqual([created.device.serialNumber]);
    });

    it('keeps the replay counter: enabling again needs fresh codes', async () => {
      const acct = await account('vic');
      const created = await enabled(acct, 'vic', 'phone');
      await mfa.deactivateMfaDevice(rootOf(acct), {
        userName: 'vic',
        serialNumber: created.device.serialNumber,
      });
      const input = { userName: 'vic', serialNumber: created.device.serialNumber };
      await expect(
        mfa.enableMfaDevice(rootOf(acct), {
          ...input,
          authenticationCode1: codeAt(created, STEP - 1),
          authenticationCode2: codeAt(created, STEP),
        }),
      ).rejects.toMatchObject({ code: 'InvalidAuthenticationCode' });
      await expect(
        mfa.enableMfaDevice(rootOf(acct), {
          ...input,
          authenticationCode1: codeAt(created, STEP + 1),
          authenticationCode2: codeAt(created, STEP + 2),
        }),
      ).resolves.toBeDefined();
    });

    it('answers NoSuchEntity for a device not enabled for that user and for a missing user', async () => {
      const acct = await account('walt', 'xena');
      const created = await enabled(acct, 'walt', 'phone');
      await expect(
        mfa.deactivateMfaDevice(rootOf(acct), {
          userName: 'xena',
          serialNumber: created.device.serialNumber,
        }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        mfa.deactivateMfaDevice(rootOf(acct), {
          userName: 'nobody',
          serialNumber: created.device.serialNumber,
        }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        mfa.deactivateMfaDevice(userOf(acct, 'walt'), {
          userName: 'walt',
          serialNumber: created.device.serialNumber,
        }),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:DeactivateMFADevice', resource: `arn:aws:iam::${acct}:user/walt` },
      });
    });
  });

  describe('deleteVirtualMfaDevice', () => {
    it('answers DeleteConflict while the device is enabled, and deletes it once deactivated', async () => {
      const acct = await account('yan');
      const created = await enabled(acct, 'yan', 'phone');
      const serialNumber = created.device.serialNumber;
      await expect(
        mfa.deleteVirtualMfaDevice(rootOf(acct), { serialNumber }),
      ).rejects.toMatchObject({ code: 'DeleteConflict' });
      await mfa.deactivateMfaDevice(rootOf(acct), { userName: 'yan', serialNumber });
      const deleted = await mfa.deleteVirtualMfaDevice(rootOf(acct), { serialNumber });
      expect(deleted.serialNumber).toBe(serialNumber);
      expect((await s.events(acct)).at(-1)).toMatchObject({
        event_type: 'virtual-mfa-device.deleted.v1',
        aggregate_id: serialNumber,
      });
      expect(await rawDevice(acct, serialNumber)).toBeUndefined();
      await expect(
        mfa.deleteVirtualMfaDevice(rootOf(acct), { serialNumber }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('answers NoSuchEntity for a guessed serial, InvalidInput for a malformed one, AccessDenied on the serial', async () => {
      const acct = await account();
      await expect(
        mfa.deleteVirtualMfaDevice(rootOf(acct), {
          serialNumber: `arn:aws:iam::${acct}:mfa/guess`,
        }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        mfa.deleteVirtualMfaDevice(rootOf(acct), { serialNumber: 'a b' }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      const serialNumber = `arn:aws:iam::${acct}:mfa/any`;
      await expect(
        mfa.deleteVirtualMfaDevice(userOf(acct, 'zed'), { serialNumber }),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:DeleteVirtualMFADevice', resource: serialNumber },
      });
    });
  });

  describe('listMfaDevices and listVirtualMfaDevices', () => {
    it('page with maxItems and marker over every device once, by serial number', async () => {
      const acct = await account('amy', 'ben');
      for (const name of ['d', 'b', 'e', 'a', 'c']) await enabled(acct, 'amy', name);
      await create(acct, 'free');
      const seen: string[] = [];
      let marker: string | null = null;
      do {
        const page = await mfa.listMfaDevices(rootOf(acct), {
          userName: 'amy',
          maxItems: 2,
          marker,
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        for (const row of page.items) expect(row.user.userName).toBe('amy');
        seen.push(...page.items.map((r) => r.device.deviceName));
        marker = page.marker;
        expect(page.isTruncated).toBe(marker !== null);
      } while (marker !== null);
      expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);

      const virtual: string[] = [];
      marker = null;
      do {
        const page = await mfa.listVirtualMfaDevices(rootOf(acct), { maxItems: 4, marker });
        virtual.push(...page.items.map((d) => d.deviceName));
        marker = page.marker;
      } while (marker !== null);
      expect(virtual).toEqual(['a', 'b', 'c', 'd', 'e', 'free']);
      const assigned = await mfa.listVirtualMfaDevices(rootOf(acct), {
        assignmentStatus: 'Assigned',
      });
      expect(assigned.items.map((d) => d.deviceName)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(assigned.items[0]?.user?.userName).toBe('amy');
      const unassigned = await mfa.listVirtualMfaDevices(rootOf(acct), {
        assignmentStatus: 'Unassigned',
      });
      expect(unassigned.items.map((d) => d.deviceName)).toEqual(['free']);
      expect((await mfa.listMfaDevices(rootOf(acct), { userName: 'ben' })).items).toEqual([]);
    });

    it('never returns the seed or the sealed seed through a getter', async () => {
      const acct = await account('cy');
      const created = await enabled(acct, 'cy', 'phone');
      const page = await mfa.listVirtualMfaDevices(rootOf(acct), {});
      const models = JSON.stringify(page.items.map((d) => toVirtualMfaDeviceModel(d, 'aws')));
      expect(models).toContain(created.device.serialNumber);
      expect(models).not.toContain(created.base32StringSeed);
      expect(models).not.toContain(created.device.seedSealed);
      expect(models.toLowerCase()).not.toContain('seed');
    });

    it('answers NoSuchEntity for a missing user, InvalidInput without a user name from a root caller', async () => {
      const acct = await account();
      await expect(mfa.listMfaDevices(rootOf(acct), { userName: 'nobody' })).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      await expect(mfa.listMfaDevices(rootOf(acct), {})).rejects.toMatchObject({
        code: 'InvalidInput',
      });
      await expect(mfa.listMfaDevices(rootOf(acct), { marker: 'junk' })).rejects.toMatchObject({
        code: 'InvalidInput',
      });
    });

    it('authorizes ListMFADevices on the calling user when it names none, and ListVirtualMFADevices on mfa/*', async () => {
      const acct = await account('dee');
      await expect(mfa.listMfaDevices(userOf(acct, 'dee'), {})).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:ListMFADevices', resource: `arn:aws:iam::${acct}:user/dee` },
      });
      await expect(mfa.listVirtualMfaDevices(userOf(acct, 'dee'), {})).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:ListVirtualMFADevices', resource: `arn:aws:iam::${acct}:mfa/*` },
      });
    });
  });

  describe('tagMfaDevice, untagMfaDevice and listMfaDeviceTags', () => {
    const tagsOf = (n: number, prefix = 'k') =>
      Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: `v${i}` }));

    it('merges tags (a key in another case replaces the value), removes them and appends the whole set', async () => {
      const acct = await account('ida');
      const created = await mfa.createVirtualMfaDevice(rootOf(acct), {
        virtualMfaDeviceName: 'ida-phone',
        tags: [{ key: 'Owner', value: 'ida' }],
      });
      const serialNumber = created.device.serialNumber;
      const before = s.counter.notified;
      const tagged = await mfa.tagMfaDevice(rootOf(acct), {
        serialNumber,
        tags: [
          { key: 'owner', value: 'ida@example.com' },
          { key: 'cost-center', value: '41200' },
        ],
      });
      expect(tagged.tags).toEqual([
        { key: 'Owner', value: 'ida@example.com' },
        { key: 'cost-center', value: '41200' },
      ]);
      expect(s.counter.notified).toBe(before + 1);
      expect((await rawDevice(acct, serialNumber))?.['tags']).toEqual(tagged.tags);

      const untagged = await mfa.untagMfaDevice(rootOf(acct), {
        serialNumber,
        tagKeys: ['OWNER', 'never-set'],
      });
      expect(untagged.tags).toEqual([{ key: 'cost-center', value: '41200' }]);
      const events = (await s.events(acct)).filter((e) => e.aggregate_id === serialNumber);
      expect(events.map((e) => e.event_type)).toEqual([
        'virtual-mfa-device.created.v1',
        'virtual-mfa-device.tagged.v1',
        'virtual-mfa-device.untagged.v1',
      ]);
      expect(events[1]).toMatchObject({
        topic: 'iam.identity.mfa-device',
        envelope: { payload: { serialNumber, tags: tagged.tags } },
      });
      expect(events[2]).toMatchObject({ envelope: { payload: { tags: untagged.tags } } });
      for (const event of events) {
        expect(() => assertNoSecrets(event.envelope.payload)).not.toThrow();
      }
      expect(JSON.stringify(events)).not.toContain(created.base32StringSeed);
    });

    it('answers an enabled device with its user, and keeps the assignment and TOTP state', async () => {
      const acct = await account('jo');
      const created = await enabled(acct, 'jo', 'jo-phone');
      const serialNumber = created.device.serialNumber;
      const tagged = await mfa.tagMfaDevice(rootOf(acct), {
        serialNumber,
        tags: [{ key: 'team', value: 'ops' }],
      });
      expect(toVirtualMfaDeviceModel(tagged, 'aws')).toMatchObject({
        serialNumber,
        user: { userName: 'jo' },
        tags: [{ key: 'team', value: 'ops' }],
      });
      expect(await rawDevice(acct, serialNumber)).toMatchObject({
        user_id: tagged.userId,
        last_used_step: String(STEP),
      });
      expect(tagged.enabledAt).not.toBeNull();
    });

    it('lists the tags in pages with maxItems and marker', async () => {
      const acct = await account();
      const created = await mfa.createVirtualMfaDevice(rootOf(acct), {
        virtualMfaDeviceName: 'paged',
        tags: tagsOf(5),
      });
      const serialNumber = created.device.serialNumber;
      const seen: string[] = [];
      let marker: string | null = null;
      do {
        const page = await mfa.listMfaDeviceTags(rootOf(acct), {
          serialNumber,
          maxItems: 2,
          marker,
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((t) => t.key));
        marker = page.marker;
        expect(page.isTruncated).toBe(marker !== null);
      } while (marker !== null);
      expect(seen).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
      const all = await mfa.listMfaDeviceTags(rootOf(acct), { serialNumber });
      expect(all).toMatchObject({ isTruncated: false, marker: null });
      expect(all.items).toEqual(tagsOf(5));
      await expect(
        mfa.listMfaDeviceTags(rootOf(acct), { serialNumber, maxItems: 0 }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      await expect(
        mfa.listMfaDeviceTags(rootOf(acct), { serialNumber, marker: 'junk' }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
    });

    it('refuses more than 50 tags (LimitExceeded) and invalid tags (InvalidInput), changing nothing', async () => {
      const acct = await account();
      const created = await mfa.createVirtualMfaDevice(rootOf(acct), {
        virtualMfaDeviceName: 'full',
        tags: tagsOf(49),
      });
      const serialNumber = created.device.serialNumber;
      const eventsBefore = (await s.events(acct)).length;
      await expect(
        mfa.tagMfaDevice(rootOf(acct), { serialNumber, tags: tagsOf(2, 'new') }),
      ).rejects.toMatchObject({ code: 'LimitExceeded', details: { maxTags: 50 } });
      await expect(
        mfa.tagMfaDevice(rootOf(acct), { serialNumber, tags: tagsOf(51) }),
      ).rejects.toMatchObject({ code: 'LimitExceeded' });
      for (const tags of [
        [{ key: 'aws:owner', value: 'x' }],
        [{ key: '', value: 'x' }],
        [{ key: 'k'.repeat(129), value: 'x' }],
        [{ key: 'ok', value: 'v'.repeat(257) }],
        [{ key: 'bad!key', value: 'x' }],
        [
          { key: 'dup', value: '1' },
          { key: 'DUP', value: '2' },
        ],
      ]) {
        await expect(mfa.tagMfaDevice(rootOf(acct), { serialNumber, tags })).rejects.toMatchObject({
          code: 'InvalidInput',
        });
      }
      await expect(
        mfa.untagMfaDevice(rootOf(acct), { serialNumber, tagKeys: tagsOf(51).map((t) => t.key) }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      await expect(
        mfa.createVirtualMfaDevice(rootOf(acct), {
          virtualMfaDeviceName: 'too-many',
          tags: tagsOf(51),
        }),
      ).rejects.toMatchObject({ code: 'LimitExceeded' });
      // The 50th tag still fits; a key already present replaces its value without counting twice.
      const replaced = await mfa.tagMfaDevice(rootOf(acct), {
        serialNumber,
        tags: [{ key: 'K0', value: 'again' }, ...tagsOf(1, 'last')],
      });
      expect(replaced.tags).toHaveLength(50);
      expect(replaced.tags[0]).toEqual({ key: 'k0', value: 'again' });
      expect((await s.events(acct)).length).toBe(eventsBefore + 1);
    });

    it('answers NoSuchEntity for an unknown serial or another account’s, InvalidInput for a malformed one', async () => {
      const acct = await account();
      const other = await account();
      const elsewhere = (await create(other, 'theirs')).device.serialNumber;
      for (const serialNumber of [`arn:aws:iam::${acct}:mfa/never-created`, elsewhere]) {
        await expect(
          mfa.tagMfaDevice(rootOf(acct), { serialNumber, tags: [{ key: 'a', value: 'b' }] }),
        ).rejects.toMatchObject({ code: 'NoSuchEntity' });
        await expect(
          mfa.untagMfaDevice(rootOf(acct), { serialNumber, tagKeys: ['a'] }),
        ).rejects.toMatchObject({ code: 'NoSuchEntity' });
        await expect(mfa.listMfaDeviceTags(rootOf(acct), { serialNumber })).rejects.toMatchObject({
          code: 'NoSuchEntity',
        });
      }
      await expect(
        mfa.listMfaDeviceTags(rootOf(acct), { serialNumber: 'a b' }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      expect(
        (await mfa.listMfaDeviceTags(rootOf(other), { serialNumber: elsewhere })).items,
      ).toEqual([]);
    });

    it('denies a user principal with AccessDenied on the device ARN, whether or not the device exists', async () => {
      const acct = await account('kim');
      const serialNumber = (await create(acct, 'kim-phone', { path: '/eng/' })).device.serialNumber;
      const missing = `arn:aws:iam::${acct}:mfa/missing`;
      for (const serial of [serialNumber, missing]) {
        await expect(
          mfa.tagMfaDevice(userOf(acct, 'kim'), {
            serialNumber: serial,
            tags: [{ key: 'a', value: 'b' }],
          }),
        ).rejects.toMatchObject({
          code: 'AccessDenied',
          details: { action: 'iam:TagMFADevice', resource: serial },
        });
        await expect(
          mfa.untagMfaDevice(userOf(acct, 'kim'), { serialNumber: serial, tagKeys: ['a'] }),
        ).rejects.toMatchObject({
          code: 'AccessDenied',
          details: { action: 'iam:UntagMFADevice', resource: serial },
        });
        await expect(
          mfa.listMfaDeviceTags(userOf(acct, 'kim'), { serialNumber: serial }),
        ).rejects.toMatchObject({
          code: 'AccessDenied',
          details: { action: 'iam:ListMFADeviceTags', resource: serial },
        });
      }
      expect((await rawDevice(acct, serialNumber))?.['tags']).toEqual([]);
    });
  });

  describe('MFA_DEVICE_ATTACHMENT (deleteUser)', () => {
    it('blocks deleteUser with DeleteConflict while the user has an enabled device', async () => {
      const acct = await account('eve');
      await enabled(acct, 'eve', 'phone');
      await expect(users.deleteUser(rootOf(acct), { userName: 'eve' })).rejects.toMatchObject({
        code: 'DeleteConflict',
        details: { kind: 'MFA devices', count: 1 },
      });
    });

    it('on a forced delete deactivates and deletes each device, with their events before user.deleted.v1', async () => {
      const acct = await account('fay', 'gus');
      const one = await enabled(acct, 'fay', 'one');
      const two = await enabled(acct, 'fay', 'two');
      const kept = await enabled(acct, 'gus', 'kept');
      const free = await create(acct, 'free');
      const before = (await s.events(acct)).length;
      await users.deleteUser(rootOf(acct), { userName: 'fay', force: true });
      const events = (await s.events(acct)).slice(before);
      expect(events.map((e) => [e.event_type, e.aggregate_id])).toEqual([
        ['mfa-device.deactivated.v1', one.device.serialNumber],
        ['virtual-mfa-device.deleted.v1', one.device.serialNumber],
        ['mfa-device.deactivated.v1', two.device.serialNumber],
        ['virtual-mfa-device.deleted.v1', two.device.serialNumber],
        ['user.deleted.v1', expect.any(String)],
      ]);
      const left = await mfa.listVirtualMfaDevices(rootOf(acct), {});
      expect(left.items.map((d) => d.serialNumber)).toEqual([
        free.device.serialNumber,
        kept.device.serialNumber,
      ]);
    });
  });

  it('puts no seed, code or counter in any event of any account it touched', async () => {
    const rows = await tenantTx.runAsPlatform((tx) =>
      tx.query<{ envelope: { payload: unknown } }[]>(
        `SELECT envelope FROM identity.outbox WHERE topic = 'iam.identity.mfa-device'`,
      ),
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(() => assertNoSecrets(row.envelope.payload)).not.toThrow();
      expect(Object.keys(row.envelope.payload as object).sort()).toSatisfy((keys: string[]) =>
        keys.every((k) => !/step|code|drift|sealed/i.test(k)),
      );
    }
  });

  it('deletes an account whose users have enabled devices (suspend, then delete)', async () => {
    const acct = await account('hal');
    await enabled(acct, 'hal', 'phone');
    await s.accounts.suspendAccount(ADMIN, acct);
    await expect(s.accounts.deleteAccount(ADMIN, acct)).resolves.toBeDefined();
    expect(
      await tenantTx.run(acct, (tx) => tx.query(`SELECT 1 FROM identity.mfa_devices`)),
    ).toEqual([]);
  });
});

describe('MFA devices tenant isolation', () => {
  const { env, s } = useIdentityDatabase();
  let tenantTx: TenantTransaction;
  let mfa: MfaService;
  let a: AccountId;
  let b: AccountId;
  let aDevice: CreatedVirtualMfaDevice;
  let aAliceId: string;
  const box = new SecretBox([generateDataKey()]);
  const verifier = new MfaVerifier(box);

  beforeAll(async () => {
    tenantTx = s.deps.tenantTx;
    mfa = new MfaService({ ...s.deps, now: () => T0 }, box);
    a = (await s.newAccount()) as AccountId;
    b = (await s.newAccount()) as AccountId;
    for (const acct of [a, b]) {
      await s.users.createUser(rootOf(acct), { userName: 'alice' });
    }
    aDevice = await mfa.createVirtualMfaDevice(rootOf(a), { virtualMfaDeviceName: 'phone' });
    await mfa.enableMfaDevice(rootOf(a), codesOf(aDevice, -1, 0, 'alice'));
    await mfa.createVirtualMfaDevice(rootOf(a), { virtualMfaDeviceName: 'a-only' });
    await mfa.createVirtualMfaDevice(rootOf(b), { virtualMfaDeviceName: 'phone' });
    aAliceId = (await s.users.getUser(rootOf(a), { userName: 'alice' })).userId;
  });

  const rootB = (): CallerContext => rootOf(b);

  it('forces row-level security on identity.mfa_devices', async () => {
    const rows = await env.dataSource.query<{ enabled: boolean; forced: boolean }[]>(
      `SELECT relrowsecurity AS enabled, relforcerowsecurity AS forced FROM pg_class
       WHERE relnamespace = 'identity'::regnamespace AND relname = 'mfa_devices'`,
    );
    expect(rows).toEqual([{ enabled: true, forced: true }]);
  });

  it('reads only its own rows even without an account filter, and nothing outside a tenant transaction', async () => {
    const rows = await tenantTx.run(b, (tx) =>
      tx.query<{ account_id: string }[]>(`SELECT DISTINCT account_id FROM identity.mfa_devices`),
    );
    expect(rows).toEqual([{ account_id: b }]);
    expect(await env.dataSource.query(`SELECT 1 FROM identity.mfa_devices`)).toEqual([]);
  });

  it("updates and deletes nothing of another account's rows", async () => {
    const updated = (await tenantTx.run(b, (tx) =>
      tx.query(
        `UPDATE identity.mfa_devices SET last_used_step = NULL WHERE account_id = $1 RETURNING 1`,
        [a],
      ),
    )) as [unknown[], number];
    expect(updated[0]).toEqual([]);
    const deleted = (await tenantTx.run(b, (tx) =>
      tx.query(`DELETE FROM identity.mfa_devices WHERE account_id = $1 RETURNING 1`, [a]),
    )) as [unknown[], number];
    expect(deleted[0]).toEqual([]);
  });

  it("lists none of another account's devices", async () => {
    const page = await mfa.listVirtualMfaDevices(rootB(), {});
    expect(page.items.map((d) => d.serialNumber)).toEqual([`arn:aws:iam::${b}:mfa/phone`]);
    expect((await mfa.listMfaDevices(rootB(), { userName: 'alice' })).items).toEqual([]);
  });

  it("answers another account's serial exactly like a missing one", async () => {
    const serialNumber = aDevice.device.serialNumber;
    const guessed = `arn:aws:iam::${a}:mfa/never-created`;
    const outcomes = async (serial: string) =>
      Promise.all([
        mfa.deleteVirtualMfaDevice(rootB(), { serialNumber: serial }).catch((e: unknown) => e),
        mfa
          .deactivateMfaDevice(rootB(), { userName: 'alice', serialNumber: serial })
          .catch((e: unknown) => e),
        mfa
          .enableMfaDevice(rootB(), {
            userName: 'alice',
            serialNumber: serial,
            authenticationCode1: codeAt(aDevice, STEP + 1),
            authenticationCode2: codeAt(aDevice, STEP + 2),
          })
          .catch((e: unknown) => e),
        mfa
          .resyncMfaDevice(rootB(), {
            userName: 'alice',
            serialNumber: serial,
            authenticationCode1: codeAt(aDevice, STEP + 1),
            authenticationCode2: codeAt(aDevice, STEP + 2),
          })
          .catch((e: unknown) => e),
      ]);
    const real = await outcomes(serialNumber);
    const missing = await outcomes(guessed);
    expect(real.map((e) => (e as { code: string }).code)).toEqual([
      'NoSuchEntity',
      'NoSuchEntity',
      'NoSuchEntity',
      'NoSuchEntity',
    ]);
    expect(missing.map((e) => (e as { code: string }).code)).toEqual(
      real.map((e) => (e as { code: string }).code),
    );
    expect(real.map((e) => (e as Error).message.replace(serialNumber, 'S'))).toEqual(
      missing.map((e) => (e as Error).message.replace(guessed, 'S')),
    );
  });

  it("cannot see or consume another account's device through the sign-in port", async () => {
    await expect(tenantTx.run(b, (tx) => verifier.hasEnabledDevice(tx, b, aAliceId))).resolves.toBe(
      false,
    );
    await expect(
      tenantTx.run(b, (tx) =>
        verifier.verifyAndConsume(tx, b, aAliceId, codeAt(aDevice, STEP + 1), after(1)),
      ),
    ).resolves.toBeNull();
    // Even naming account A while the transaction is B's: row-level security hides A's rows.
    await expect(
      tenantTx.run(b, (tx) =>
        verifier.verifyAndConsume(tx, a, aAliceId, codeAt(aDevice, STEP + 1), after(1)),
      ),
    ).resolves.toBeNull();
  });

  it("leaves account A's devices intact and usable", async () => {
    const page = await mfa.listVirtualMfaDevices(rootOf(a), {});
    expect(page.items.map((d) => d.deviceName)).toEqual(['a-only', 'phone']);
    await expect(
      tenantTx.run(a, (tx) =>
        verifier.verifyAndConsume(tx, a, aAliceId, codeAt(aDevice, STEP + 1), after(1)),
      ),
    ).resolves.toBe(aDevice.device.serialNumber);
  });
});

describe('MFA devices over GraphQL', () => {
  const { env, s } = useIdentityDatabase();
  // The module's clock, inside a time step: the codes below are computed for the step the module will see.
  const clock = new ManualClock(after(0));
  let subgraph: RunningSubgraph;
  let accountId: string;

  const graphql = <T>(query: string, variables = {}) =>
    postGraphql<T>(subgraph, callerHeader(rootOf(accountId)), query, variables);

  beforeAll(async () => {
    accountId = await s.newAccount();
    await s.users.createUser(rootOf(accountId), { userName: 'ann' });
    subgraph = await startIdentitySubgraph(identityTestModule(env.dataSource, clock));
  });

  afterAll(async () => {
    await subgraph?.close();
  });

  it('creates a device (seed, URI and QR PNG once), enables it, lists it and maps InvalidAuthenticationCode', async () => {
    const created = await graphql<{
      createVirtualMfaDevice: {
        virtualMfaDevice: { serialNumber: string; enableDate: string | null };
        base32StringSeed: string;
        otpauthUri: string;
        qrCodePng: string;
      };
    }>(`
      mutation {
        createVirtualMfaDevice(input: { virtualMfaDeviceName: "ann-phone" }) {
          virtualMfaDevice {
            serialNumber
            enableDate
          }
          base32StringSeed
          otpauthUri
          qrCodePng
        }
      }
    `);
    expect(created.errors).toBeUndefined();
    const payload = created.data!.createVirtualMfaDevice;
    const serialNumber = `arn:aws:iam::${accountId}:mfa/ann-phone`;
    expect(payload.virtualMfaDevice).toEqual({ serialNumber, enableDate: null });
    expect(payload.otpauthUri).toContain(`secret=${payload.base32StringSeed}`);
    expect(Buffer.from(payload.qrCodePng, 'base64').subarray(0, 8).equals(PNG_SIGNATURE)).toBe(
      true,
    );

    const enable = (code1: string, code2: string) =>
      graphql<{ enableMfaDevice: { mfaDevice: { userName: string; serialNumber: string } } }>(
        `
          mutation ($input: EnableMfaDeviceInput!) {
            enableMfaDevice(input: $input) {
              mfaDevice {
                userName
                serialNumber
                enableDate
              }
            }
          }
        `,
        {
          input: {
            userName: 'ann',
            serialNumber,
            authenticationCode1: code1,
            authenticationCode2: code2,
          },
        },
      );
    const seed = decodeBase32(payload.base32StringSeed);
    const now = timeStep(clock.now());
    const wrong = await enable(hotp(seed, now), hotp(seed, now - 1));
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'InvalidAuthenticationCode',
      category: 'FORBIDDEN',
    });
    const enabled = await enable(hotp(seed, now - 1), hotp(seed, now));
    expect(enabled.errors).toBeUndefined();
    expect(enabled.data?.enableMfaDevice.mfaDevice).toMatchObject({
      userName: 'ann',
      serialNumber,
    });

    const listed = await graphql<{
      listVirtualMfaDevices: {
        virtualMfaDevices: { serialNumber: string; user: { userName: string } | null }[];
        isTruncated: boolean;
      };
      listMfaDevices: { mfaDevices: { serialNumber: string }[] };
    }>(`
      {
        listVirtualMfaDevices(input: { assignmentStatus: Assigned }) {
          virtualMfaDevices {
            serialNumber
            user {
              userName
            }
          }
          isTruncated
        }
        listMfaDevices(input: { userName: "ann" }) {
          mfaDevices {
            serialNumber
          }
        }
      }
    `);
    expect(listed.errors).toBeUndefined();
    expect(listed.data).toEqual({
      listVirtualMfaDevices: {
        virtualMfaDevices: [{ serialNumber, user: { userName: 'ann' } }],
        isTruncated: false,
      },
      listMfaDevices: { mfaDevices: [{ serialNumber }] },
    });

    const conflict = await graphql(
      `
        mutation ($s: String!) {
          deleteVirtualMfaDevice(input: { serialNumber: $s }) {
            virtualMfaDevice {
              serialNumber
            }
          }
        }
      `,
      { s: serialNumber },
    );
    expect(conflict.errors?.[0]?.extensions).toMatchObject({ code: 'DeleteConflict' });
  });
});
