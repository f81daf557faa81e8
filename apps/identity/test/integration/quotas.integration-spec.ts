import { beforeAll, describe, expect, it } from 'vitest';
import { QuotasService } from '../../src/quotas/quotas.service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, EC2_TRUST, rootOf, userOf } from '../support/principal-services.js';

describe(QuotasService.name, () => {
  const { s } = useIdentityDatabase();
  let quotas: QuotasService;
  let accountId: string;
  let otherAccountId: string;

  beforeAll(async () => {
    quotas = new QuotasService(s.deps);
    accountId = await s.newAccount();
    otherAccountId = await s.newAccount();
  });

  it("summarises the account's counts beside AWS's default quotas", async () => {
    await s.users.createUser(rootOf(accountId), { userName: 'u1' });
    await s.groups.createGroup(rootOf(accountId), { groupName: 'g1' });
    expect(await quotas.getAccountSummary(rootOf(accountId), {})).toEqual({
      users: 1,
      usersQuota: 5000,
      groups: 1,
      groupsQuota: 300,
      roles: 0,
      rolesQuota: 1000,
      groupsPerUserQuota: 10,
    });
    // Another account's summary counts nothing of this one's.
    expect(await quotas.getAccountSummary(rootOf(otherAccountId), {})).toMatchObject({
      users: 0,
      groups: 0,
    });
  });

  it('lets the platform administrator lower a quota, which then refuses creations with LimitExceeded', async () => {
    const summary = await quotas.updateAccountQuotas(ADMIN, {
      accountId,
      maxUsers: 2,
      maxRoles: 1,
    });
    expect(summary).toMatchObject({ usersQuota: 2, rolesQuota: 1, groupsQuota: 300 });
    await s.users.createUser(rootOf(accountId), { userName: 'u2' });
    await expect(s.users.createUser(rootOf(accountId), { userName: 'u3' })).rejects.toMatchObject({
      code: 'LimitExceeded',
    });
    await s.roles.createRole(rootOf(accountId), {
      roleName: 'r1',
      assumeRolePolicyDocument: EC2_TRUST,
    });
    await expect(
      s.roles.createRole(rootOf(accountId), {
        roleName: 'r2',
        assumeRolePolicyDocument: EC2_TRUST,
      }),
    ).rejects.toMatchObject({ code: 'LimitExceeded' });
    // The other account keeps the defaults.
    await s.users.createUser(rootOf(otherAccountId), { userName: 'u2' });
    await s.users.createUser(rootOf(otherAccountId), { userName: 'u3' });

    // Absent keeps a value, null returns it to the default.
    const reset = await quotas.updateAccountQuotas(ADMIN, { accountId, maxUsers: null });
    expect(reset).toMatchObject({ usersQuota: 5000, rolesQuota: 1 });
    await s.users.createUser(rootOf(accountId), { userName: 'u3' });
    const events = (await s.events(accountId)).filter(
      (e) => e.event_type === 'account.quotas-updated.v1',
    );
    expect(events.map((e) => e.envelope.payload)).toEqual([
      { accountId, maxUsers: 2, maxGroups: null, maxRoles: 1 },
      { accountId, maxUsers: null, maxGroups: null, maxRoles: 1 },
    ]);
  });

  it('refuses quota changes from tenants, bad values and unknown accounts with their codes', async () => {
    await expect(
      quotas.updateAccountQuotas(rootOf(accountId), { accountId, maxUsers: 100_000 }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(
      quotas.updateAccountQuotas(ADMIN, { accountId, maxUsers: 0, maxGroups: 1.5 }),
    ).rejects.toMatchObject({
      code: 'InvalidInput',
      message: expect.stringContaining('maxGroups'),
    });
    await expect(
      quotas.updateAccountQuotas(ADMIN, { accountId: '000000000001', maxUsers: 10 }),
    ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    await expect(quotas.getAccountSummary(userOf(accountId, 'u1'), {})).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    await expect(quotas.getAccountSummary(ADMIN, {})).rejects.toMatchObject({
      code: 'InvalidInput',
    });
  });
});
