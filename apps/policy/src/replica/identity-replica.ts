import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Clock } from '@iam/common';
import type {
  AccountCreatedPayload,
  AccountPayload,
  EventEnvelope,
  GroupMembershipPayload,
  GroupPayload,
  RolePayload,
  UserPayload,
} from '@iam/event-contracts';
import { principalPoliciesChanged } from '@iam/event-contracts';
import type { Outbox } from '@iam/messaging';
import type { AccountRevisionRepository } from '../revisions/account-revision.repository.js';
import type {
  IdentityReplicaRepository,
  ReplicatedPrincipal,
} from './identity-replica.repository.js';

/** The consumer group of the replica (its rows in `policy.processed_events`). */
export const IDENTITY_REPLICA_GROUP = 'iam-policy-identity-replica';

/** Identity's topics the replica follows. */
export const IDENTITY_REPLICA_TOPICS: readonly string[] = [
  'iam.identity.account',
  'iam.identity.user',
  'iam.identity.group',
  'iam.identity.role',
];

/** The AWS managed policy the account's first administrator gets. */
export const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** What the replica needs. */
export interface IdentityReplicaDeps {
  readonly replica: IdentityReplicaRepository;
  readonly revisions: AccountRevisionRepository;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly newId?: () => string;
}

function userPrincipal(user: UserPayload): ReplicatedPrincipal {
  return {
    principalId: user.userId,
    accountId: user.accountId,
    kind: 'user',
    name: user.userName,
    path: user.path,
    arn: user.arn,
    tags: user.tags,
  };
}

function groupPrincipal(group: GroupPayload): ReplicatedPrincipal {
  return {
    principalId: group.groupId,
    accountId: group.accountId,
    kind: 'group',
    name: group.groupName,
    path: group.path,
    arn: group.arn,
    tags: [],
  };
}

function rolePrincipal(role: RolePayload): ReplicatedPrincipal {
  return {
    principalId: role.roleId,
    accountId: role.accountId,
    kind: 'role',
    name: role.roleName,
    path: role.path,
    arn: role.arn,
    tags: role.tags,
  };
}

/**
 * The policy service's replica of identity (accounts, users, groups, roles, memberships), applied by the idempotent
 * consumer in the transaction that records the event id (scoped to the event's account).
 *
 * Out-of-order safety: events of one aggregate are ordered, events of different aggregates are not. A deletion
 * leaves a tombstone (`policy.principal_tombstones`) and every later event that names a tombstoned user, group or
 * role is ignored (a late membership, a redelivered update); an update older than the stored state (`occurredAt`
 * against `updated_at`) is ignored too. Ids are never reused, so a tombstone hides nothing alive.
 *
 * Every applied change that can change someone's effective permissions (a membership, tags, a new name or path
 * (the ARN policies name), a deletion) bumps the account's revision in the same transaction, so a decision made
 * with a revision token, or cached under an older revision, sees it. A creation bumps nothing: a new principal holds
 * no policies and the caches never keep an unknown principal.
 */
export class IdentityReplica {
  private readonly newId: () => string;

  constructor(private readonly deps: IdentityReplicaDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  async apply(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const changed = await this.applyChange(tx, envelope);
    if (changed) await this.deps.revisions.bump(tx, envelope.accountId);
  }

  /** Applies one event; true when effective permissions may have changed. */
  private async applyChange(tx: EntityManager, envelope: EventEnvelope): Promise<boolean> {
    const { replica } = this.deps;
    const at = envelope.occurredAt;
    switch (envelope.type) {
      case 'account.created.v1':
        return this.accountCreated(tx, envelope as EventEnvelope<string, AccountCreatedPayload>);
      case 'account.updated.v1':
      case 'account.suspended.v1':
      case 'account.reactivated.v1':
      case 'account.deleted.v1': {
        const account = envelope.payload as AccountPayload;
        await replica.upsertAccount(tx, {
          accountId: account.accountId,
          status: envelope.type === 'account.deleted.v1' ? 'deleted' : account.status,
          createdAt: account.createdAt,
        });
        return false;
      }
      case 'user.created.v1':
      case 'user.updated.v1':
      case 'user.tagged.v1':
      case 'user.untagged.v1':
        return this.upsert(tx, userPrincipal(envelope.payload as UserPayload), at);
      case 'group.created.v1':
      case 'group.updated.v1':
        return this.upsert(tx, groupPrincipal(envelope.payload as GroupPayload), at);
      case 'role.created.v1':
      case 'role.updated.v1':
      case 'role.trust-policy-updated.v1':
      case 'role.tagged.v1':
      case 'role.untagged.v1':
        return this.upsert(tx, rolePrincipal(envelope.payload as RolePayload), at);
      case 'user.deleted.v1':
        return this.remove(tx, envelope.accountId, (envelope.payload as UserPayload).userId, at);
      case 'group.deleted.v1':
        return this.remove(tx, envelope.accountId, (envelope.payload as GroupPayload).groupId, at);
      case 'role.deleted.v1':
        return this.remove(tx, envelope.accountId, (envelope.payload as RolePayload).roleId, at);
      case 'group.member-added.v1':
      case 'group.member-removed.v1': {
        const m = envelope.payload as GroupMembershipPayload;
        if (await replica.isTombstoned(tx, m.groupId, m.userId)) return false;
        return envelope.type === 'group.member-added.v1'
          ? replica.addMember(tx, m.accountId, m.groupId, m.userId)
          : replica.removeMember(tx, m.groupId, m.userId);
      }
      default:
        // Other identity events (login profiles, MFA, sessions, password policy) change no policy.
        return false;
    }
  }

  private async upsert(
    tx: EntityManager,
    principal: ReplicatedPrincipal,
    occurredAt: string,
  ): Promise<boolean> {
    if (await this.deps.replica.isTombstoned(tx, principal.principalId)) return false;
    const outcome = await this.deps.replica.upsertPrincipal(tx, principal, occurredAt);
    return outcome === 'changed';
  }

  private async remove(
    tx: EntityManager,
    accountId: string,
    principalId: string,
    at: string,
  ): Promise<boolean> {
    if (await this.deps.replica.isTombstoned(tx, principalId)) return false;
    await this.deps.replica.removePrincipal(tx, accountId, principalId, at);
    return true;
  }

  /**
   * The account and, when it was created with one, its first administrator: the user is replicated and gets
   * `AdministratorAccess` attached, announced as `principal-policies.changed.v1` (`AttachUserPolicy`) through the
   * outbox, all in this transaction.
   */
  private async accountCreated(
    tx: EntityManager,
    envelope: EventEnvelope<string, AccountCreatedPayload>,
  ): Promise<boolean> {
    const account = envelope.payload;
    await this.deps.replica.upsertAccount(tx, account);
    const admin = account.initialAdministrator;
    if (admin === undefined || admin === null) return false;
    if (await this.deps.replica.isTombstoned(tx, admin.userId)) return false;
    const user: ReplicatedPrincipal = {
      principalId: admin.userId,
      accountId: account.accountId,
      kind: 'user',
      name: admin.userName,
      path: admin.path,
      arn: admin.arn,
      tags: [],
    };
    // The user's own `user.created.v1` (another topic) may come before or after this event: the upsert keeps the
    // newer state either way.
    await this.deps.replica.upsertPrincipal(tx, user, envelope.occurredAt);
    const attached = await this.deps.replica.attach(
      tx,
      account.accountId,
      admin.userId,
      ADMINISTRATOR_ACCESS_ARN,
      envelope.occurredAt,
    );
    if (!attached) return false;
    const revision = await this.deps.revisions.bump(tx, account.accountId);
    const counts = await this.deps.replica.policyCounts(tx, admin.userId);
    await this.deps.outbox.append(
      tx,
      principalPoliciesChanged(
        {
          id: this.newId(),
          occurredAt: this.deps.clock.now().toISOString(),
          actor: envelope.actor,
        },
        {
          accountId: account.accountId,
          principalId: admin.userId,
          principalKind: 'user',
          principalName: admin.userName,
          principalArn: admin.arn,
          change: 'AttachUserPolicy',
          policy: ADMINISTRATOR_ACCESS_ARN,
          policyDocument: null,
          inlinePolicyCount: counts.inline,
          attachedPolicyCount: counts.attached,
          permissionsBoundaryArn: counts.boundaryArn,
          revision: revision.toString(),
        },
      ),
    );
    // Already bumped for the event above.
    return false;
  }
}
