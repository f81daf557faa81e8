import { afterAll, beforeAll } from 'vitest';
import type { AccountId } from '@iam/common';
import type { ServiceTestDatabase } from '@iam/testing';
import type { Authorizer } from '@iam/authorization';
import type { PrincipalServiceDeps } from '../../src/principals/index.js';
import type { UsersService } from '../../src/users/users.service.js';
import { identityTestDatabase } from './identity-test-database.js';
import { principalServices, rootOf } from './principal-services.js';

/** The identity use cases wired on a test database (see {@link principalServices}). */
export type PrincipalServices = ReturnType<typeof principalServices>;

/**
 * Registers the hooks of a suite on its own identity database: before it, a fresh database and the use cases wired
 * on it (`authorizer` as in {@link principalServices}); after it, the database dropped. The two objects returned are
 * filled in by that `beforeAll` hook, registered ahead of the suite's own hooks: read them in hooks and tests only.
 */
export function useIdentityDatabase(authorizer?: Authorizer): {
  env: ServiceTestDatabase;
  s: PrincipalServices;
} {
  const env = {} as ServiceTestDatabase;
  const s = {} as PrincipalServices;
  let opened: ServiceTestDatabase | undefined;
  beforeAll(async () => {
    opened = await identityTestDatabase();
    Object.assign(env, opened);
    Object.assign(s, principalServices(opened.dataSource, authorizer));
  });
  afterAll(async () => {
    await opened?.close();
  });
  return { env, s };
}

/** The shared dependencies of `s` on a suite's own clock, with the user attachments of the feature under test. */
export function depsWith(
  s: PrincipalServices,
  now: () => Date,
  userAttachments: PrincipalServiceDeps['userAttachments'],
): PrincipalServiceDeps {
  return { ...s.deps, now, userAttachments };
}

/** A new account (created by the platform administrator) with the named users, created by its root. */
export async function accountWithUsers(
  s: PrincipalServices,
  users: UsersService,
  userNames: readonly string[],
): Promise<AccountId> {
  const accountId = (await s.newAccount()) as AccountId;
  for (const userName of userNames) await users.createUser(rootOf(accountId), { userName });
  return accountId;
}
