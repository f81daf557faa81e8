import type { EntityManager } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { TenantTransaction } from '@iam/persistence';
import type { CompiledPolicySet } from '@iam/policy-engine';
import { compilePolicySet } from '@iam/policy-engine';
import { ADMINISTRATOR_POLICY, Authorizer } from '@iam/authorization';
import { GroupRepository } from '../../src/groups/group.repository.js';
import { GroupsService } from '../../src/groups/groups.service.js';
import { UserRepository } from '../../src/users/user.repository.js';
import { UsersService } from '../../src/users/users.service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, rootOf, userOf } from '../support/principal-services.js';

/** The real tenant transaction, recording which account each transaction was scoped to. */
class RecordingTenantTransaction extends TenantTransaction {
  readonly scopedTo: string[] = [];

  override run<T>(accountId: AccountId, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    this.scopedTo.push(accountId);
    return super.run(accountId, work);
  }
}

/** Every principal holds AWS's AdministratorAccess in its own account (a tenant administrator). */
const ADMINISTRATORS = {
  policiesFor: (
    _caller: CallerContext,
    resourceAccount: AccountId | undefined,
  ): CompiledPolicySet =>
    compilePolicySet({
      identityPolicies: [{ id: 'administrator', document: ADMINISTRATOR_POLICY }],
      resourceAccount,
    }),
};

describe('a tenant caller naming another account', () => {
  const { env, s } = useIdentityDatabase();
  let recording: RecordingTenantTransaction;
  let users: UsersService;
  let groups: GroupsService;
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = await s.newAccount();
    b = await s.newAccount();
    await s.users.createUser(ADMIN, {
      accountId: b,
      userName: 'bob',
      tags: [{ key: 'k', value: 'v' }],
    });
    recording = new RecordingTenantTransaction(env.dataSource);
    const deps = { ...s.deps, tenantTx: recording, authorizer: new Authorizer(ADMINISTRATORS) };
    users = new UsersService(deps, new UserRepository());
    groups = new GroupsService(deps, new GroupRepository(), new UserRepository());
  });

  it('is refused with AccessDenied before any transaction is scoped to that account', async () => {
    const eventsBefore = (await s.events(b)).length;
    // The account's root and an IAM user holding the administrator policy in its own account.
    for (const caller of [rootOf(a), userOf(a, 'admin')]) {
      for (const call of [
        () => users.getUser(caller, { accountId: b, userName: 'bob' }),
        () => users.listUsers(caller, { accountId: b }),
        () => users.createUser(caller, { accountId: b, userName: 'planted' }),
        () => users.deleteUser(caller, { accountId: b, userName: 'bob' }),
        () => users.untagUser(caller, { accountId: b, userName: 'bob', tagKeys: ['k'] }),
        () => groups.createGroup(caller, { accountId: b, groupName: 'planted' }),
      ]) {
        await expect(call()).rejects.toMatchObject({ code: 'AccessDenied' });
      }
    }
    expect(recording.scopedTo).not.toContain(b);
    // Nothing changed in B: no event, bob still there with his tag, nothing planted.
    expect(await s.events(b)).toHaveLength(eventsBefore);
    const bob = await s.users.getUser(ADMIN, { accountId: b, userName: 'bob' });
    expect(bob.tags).toEqual([{ key: 'k', value: 'v' }]);
    await expect(
      s.users.getUser(ADMIN, { accountId: b, userName: 'planted' }),
    ).rejects.toMatchObject({ code: 'NoSuchEntity' });
  });

  it('still acts in its own account, and the platform administrator in the account it names', async () => {
    await users.createUser(rootOf(a), { accountId: a, userName: 'own' });
    await users.getUser(ADMIN, { accountId: b, userName: 'bob' });
    // The recorder sees the scoping it is asked to find absent above.
    expect(recording.scopedTo).toEqual(expect.arrayContaining([a, b]));
  });
});
