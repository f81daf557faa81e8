import { randomUUID } from 'node:crypto';
import type { AccountId, CallerContext } from '@iam/common';
import { ManualClock, parseRevisionToken } from '@iam/common';
import type { EffectivePolicySource } from '@iam/authorization';
import { ADMINISTRATOR_POLICY, Authorizer } from '@iam/authorization';
import { Outbox } from '@iam/messaging';
import { compilePolicySet } from '@iam/policy-engine';
import type { CompiledPolicySet } from '@iam/policy-engine';
import { migrateSubgraphService } from '@iam/service-host';
import { createServiceTestDatabase } from '@iam/testing';
import type { ServiceTestDatabase } from '@iam/testing';
import type { EntityManager } from 'typeorm';
import { POLICY_SERVICE } from '../src/main.js';
import {
  policyStoreDeps,
  policyStoreServices,
} from '../src/managed-policies/policy-store.providers.js';
import type { PolicyStoreDeps } from '../src/managed-policies/store.js';

export const A = '111111111111' as AccountId;
export const B = '222222222222' as AccountId;

export const PLATFORM_ADMIN: CallerContext = {
  requestId: 'test',
  principalType: 'platform-admin',
  principalArn: 'arn:aws:iam::platform:admin',
  accountId: null,
  context: {},
};

/** An IAM user of `accountId` (allowed everything in its account by {@link allowAllInOwnAccount}). */
export function userOf(accountId: AccountId, userName: string): CallerContext {
  return {
    requestId: 'test',
    principalType: 'user',
    principalArn: `arn:aws:iam::${accountId}:user/${userName}`,
    accountId,
    context: {},
  };
}

/**
 * Test policies: the platform administrator and every tenant user hold an allow-all policy (for a tenant, in its own
 * account: the engine denies another account's resources by its cross-account rule); a user named `denied` holds
 * nothing.
 */
export const allowAllInOwnAccount: EffectivePolicySource = {
  policiesFor(caller: CallerContext, resourceAccount: AccountId | undefined): CompiledPolicySet {
    const denied = caller.principalArn.endsWith(':user/denied');
    return compilePolicySet({
      identityPolicies: denied ? [] : [{ id: 'allow-all', document: ADMINISTRATOR_POLICY }],
      resourceAccount,
    });
  },
};

export interface PolicyStoreHarness {
  readonly db: ServiceTestDatabase;
  readonly deps: PolicyStoreDeps;
  readonly clock: ManualClock;
  readonly services: ReturnType<typeof policyStoreServices>;
  /** Adds a user, group or role to the replica (as the replica consumer would); returns its id. */
  principal(
    accountId: AccountId,
    kind: 'user' | 'group' | 'role',
    name: string,
    path?: string,
  ): Promise<string>;
  /** The outbox rows, oldest first. */
  outbox(): Promise<{ event_type: string; envelope: Record<string, unknown> }[]>;
  /** Runs SQL in a transaction scoped to `accountId`. */
  inAccount<T>(accountId: AccountId, work: (tx: EntityManager) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A fresh policy database and the store's services on it. */
export async function policyStoreHarness(
  source: EffectivePolicySource = allowAllInOwnAccount,
): Promise<PolicyStoreHarness> {
  const db = await createServiceTestDatabase(POLICY_SERVICE, {
    migrationsDir: new URL('../src/database/migrations/', import.meta.url),
    migrate: migrateSubgraphService,
  });
  const clock = new ManualClock(new Date('2026-11-28T12:00:00Z'));
  const deps = policyStoreDeps(
    { dataSource: db.dataSource, outbox: new Outbox('policy'), partition: 'aws' },
    new Authorizer(source),
    clock,
  );
  const ids = { user: 'AIDA', group: 'AGPA', role: 'AROA' } as const;
  return {
    db,
    deps,
    clock,
    services: policyStoreServices(deps),
    principal: async (accountId, kind, name, path = '/') => {
      const id = `${ids[kind]}${randomUUID().replaceAll('-', '').slice(0, 17).toUpperCase()}`;
      await deps.tenantTx.run(accountId, async (tx) => {
        // The account's creation reached the replica before its principals (callers of an unknown account wait).
        await tx.query(
          `INSERT INTO policy.accounts (account_id, status, created_at) VALUES ($1, 'active', now())
           ON CONFLICT (account_id) DO NOTHING`,
          [accountId],
        );
        await tx.query(
          `INSERT INTO policy.principals (principal_id, account_id, kind, name, path, arn, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())`,
          [id, accountId, kind, name, path, `arn:aws:iam::${accountId}:${kind}${path}${name}`],
        );
      });
      return id;
    },
    outbox: () =>
      deps.tenantTx.runAsPlatform((tx) =>
        tx.query(`SELECT event_type, envelope FROM policy.outbox ORDER BY seq`),
      ),
    inAccount: (accountId, work) => deps.tenantTx.run(accountId, work),
    close: () => db.close(),
  };
}

/** A valid managed policy document allowing `action` on everything. */
export function allow(action: string, resource = '*'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
  });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code?: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

/** The revision a revision token carries. */
export function revisionOf(token: string): bigint {
  const parsed = parseRevisionToken(token);
  if (parsed.kind !== 'revision') throw new Error('not a revision token');
  return parsed.revision;
}

/** A document of exactly `size` characters without white space (so its size is its length for every kind). */
export function sized(size: number): string {
  const base = allow('s3:GetObject', 'arn:aws:s3:::b');
  return allow('s3:GetObject', `arn:aws:s3:::b${'x'.repeat(size - base.length)}`);
}

export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
