import type { DataSource } from 'typeorm';
import type { AccountId, CallerContext } from '@iam/common';
import { Outbox } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { AccountRepository } from '../../src/accounts/account.repository.js';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { Authorizer, TestAdministratorsPolicySource } from '@iam/authorization';
import { GroupRepository } from '../../src/groups/group.repository.js';
import { GroupsService } from '../../src/groups/groups.service.js';
import { RoleRepository } from '../../src/roles/role.repository.js';
import { RolesService } from '../../src/roles/roles.service.js';
import { UserRepository } from '../../src/users/user.repository.js';
import type { PrincipalServiceDeps } from '../../src/principals/index.js';
import { UsersService } from '../../src/users/users.service.js';

export const ADMIN: CallerContext = {
  requestId: 'test',
  principalType: 'platform-admin',
  principalArn: 'arn:aws:iam::platform:admin',
  accountId: null,
  context: {},
};

/** The account root principal of `accountId`. */
export function rootOf(accountId: string): CallerContext {
  return {
    requestId: 'test',
    principalType: 'root',
    principalArn: `arn:aws:iam::${accountId}:root`,
    accountId: accountId as AccountId,
    context: {},
  };
}

/** An IAM user principal of `accountId` (the stand-in authorizer gives it no policies). */
export function userOf(accountId: string, userName: string): CallerContext {
  return {
    requestId: 'test',
    principalType: 'user',
    principalArn: `arn:aws:iam::${accountId}:user/${userName}`,
    accountId: accountId as AccountId,
    context: {},
  };
}

/**
 * The identity use cases wired on a test database, with a relay-notification counter; `authorizer` defaults to the
 * stand-in one (administrator policy for root and the platform administrator, nothing for anyone else).
 */
export function principalServices(
  dataSource: DataSource,
  authorizer = new Authorizer(new TestAdministratorsPolicySource()),
) {
  const counter = { notified: 0 };
  const tenantTx = new TenantTransaction(dataSource);
  const deps: PrincipalServiceDeps = {
    tenantTx,
    authorizer,
    outbox: new Outbox('identity'),
    relay: { notify: () => void counter.notified++ },
    partition: 'aws',
    now: () => new Date('2026-11-28T12:00:00Z'),
  };
  const accounts = new AccountsService({
    tenantTx,
    accounts: new AccountRepository(),
    outbox: deps.outbox,
    relay: deps.relay,
    now: deps.now,
  });
  return {
    counter,
    /** The dependencies the services share (for building other services in a test). */
    deps,
    accounts,
    users: new UsersService(deps, new UserRepository()),
    groups: new GroupsService(deps, new GroupRepository(), new UserRepository()),
    roles: new RolesService(deps, new RoleRepository()),
    /** Every outbox row of an account, oldest first (read as the platform). */
    events: async (accountId: string) =>
      tenantTx.runAsPlatform((tx) =>
        tx.query<
          {
            event_type: string;
            topic: string;
            aggregate_id: string;
            envelope: { payload: Record<string, unknown> };
          }[]
        >(
          `SELECT event_type, topic, aggregate_id, envelope FROM identity.outbox
           WHERE account_id = $1 ORDER BY seq`,
          [accountId],
        ),
      ),
    newAccount: async () =>
      (await accounts.createAccount(ADMIN, { alias: null })).account.accountId,
  };
}

/** A trust policy that lets EC2 assume the role. */
export const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});
