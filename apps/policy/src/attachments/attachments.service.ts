import type { AccountId, CallerContext, Page } from '@iam/common';
import {
  LimitExceededError,
  NoSuchEntityError,
  VERSIONED_MARKER,
  pageSize,
  parseIamArn,
  revisionToken,
  toPage,
} from '@iam/common';
import { targetAccount } from '@iam/authorization';
import type { EntityManager } from 'typeorm';
import type {
  KnownPrincipal,
  PrincipalKind,
} from '../principals/principal-directory.repository.js';
import type { ManagedPoliciesService } from '../managed-policies/managed-policies.service.js';
import { checkPolicyArn } from '../managed-policies/managed-policies.service.js';
import { policySortKey } from '../managed-policies/managed-policy.repository.js';
import type { AccountScoped, PageInput, PolicyStoreDeps } from '../managed-policies/store.js';
import {
  checkPathPrefix,
  decodeMarker,
  lockQuota,
  onPrincipal,
} from '../managed-policies/store.js';
import { commitPrincipalChange } from './principal-change.js';
import type { PrincipalPoliciesRepository } from './principal-policies.repository.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html (Group, Role),
// API_DetachUserPolicy.html, API_ListAttachedUserPolicies.html, API_ListEntitiesForPolicy.html,
// API_PutUserPermissionsBoundary.html, API_DeleteUserPermissionsBoundary.html (and Role);
// quotas: "Managed policies attached to an IAM user/group/role: 10" (adjustable per account up to 20).

export const KIND_NAME: Record<PrincipalKind, 'User' | 'Group' | 'Role'> = {
  user: 'User',
  group: 'Group',
  role: 'Role',
};

/** A managed policy attached to an entity (AWS AttachedPolicy). */
export interface AttachedPolicyView {
  readonly policyName: string;
  readonly policyArn: string;
}

/** An entity that uses a policy (AWS PolicyUser / PolicyGroup / PolicyRole). */
export interface PolicyEntityView {
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly id: string;
}

/** An attachment change: which entity, which policy. */
export interface AttachmentInput extends AccountScoped {
  readonly principalName: string;
  readonly policyArn: string;
}

/** Attachments of managed policies to users, groups and roles, and users' and roles' permissions boundaries. */
export class AttachmentsService {
  constructor(
    private readonly deps: PolicyStoreDeps,
    private readonly held: PrincipalPoliciesRepository,
    private readonly managed: ManagedPoliciesService,
  ) {}

  private async change(
    caller: CallerContext,
    kind: PrincipalKind,
    input: AccountScoped & { principalName: string },
    action: string,
    apply: (
      tx: EntityManager,
      accountId: AccountId,
      principal: KnownPrincipal,
    ) => Promise<{ policy: string | null } | null>,
  ): Promise<{ revisionToken: string }> {
    return onPrincipal(
      this.deps,
      caller,
      kind,
      input,
      `iam:${action}`,
      async (tx, principal, accountId) => {
        const changed = await apply(tx, accountId, principal);
        // A no-op (attaching twice, as AWS) changes nothing: the answer is the account's current revision.
        if (changed === null) {
          return {
            revisionToken: revisionToken(
              accountId,
              await this.deps.revisions.current(tx, accountId),
            ),
          };
        }
        const token = await commitPrincipalChange(
          this.deps,
          this.held,
          tx,
          principal,
          { change: action, policy: changed.policy, policyDocument: null },
          caller,
          this.deps.now(),
        );
        return { revisionToken: token };
      },
    );
  }

  /**
   * AWS Attach<Kind>Policy: the policy must exist (`NoSuchEntity`); attaching twice changes nothing; more than the
   * account's quota of managed policies per entity is `LimitExceeded`.
   */
  async attachPolicy(
    caller: CallerContext,
    kind: PrincipalKind,
    input: AttachmentInput,
  ): Promise<{ revisionToken: string }> {
    const action = `Attach${KIND_NAME[kind]}Policy`;
    checkPolicyArn(input.policyArn);
    return this.change(caller, kind, input, action, async (tx, accountId, principal) => {
      await this.managed.find(tx, accountId, input.policyArn);
      await lockQuota(tx, `attachments:${principal.principalId}`);
      const attached = await this.held.attachedArns(tx, principal.principalId);
      if (attached.includes(input.policyArn)) return null;
      const quota = await this.deps.quotas.maxManagedPoliciesPerPrincipal(tx, accountId);
      if (attached.length >= quota) {
        throw new LimitExceededError(
          `Cannot exceed quota for PoliciesPer${KIND_NAME[kind]}: ${quota}`,
          { quota: `PoliciesPer${KIND_NAME[kind]}`, limit: quota },
        );
      }
      await this.held.attach(
        tx,
        accountId,
        principal.principalId,
        input.policyArn,
        this.deps.now(),
      );
      return { policy: input.policyArn };
    });
  }

  /** AWS Detach<Kind>Policy: `NoSuchEntity` when the policy is not attached to the entity. */
  async detachPolicy(
    caller: CallerContext,
    kind: PrincipalKind,
    input: AttachmentInput,
  ): Promise<{ revisionToken: string }> {
    const action = `Detach${KIND_NAME[kind]}Policy`;
    checkPolicyArn(input.policyArn);
    return this.change(caller, kind, input, action, async (tx, _accountId, principal) => {
      const attached = await this.held.attachedArns(tx, principal.principalId);
      if (!attached.includes(input.policyArn)) {
        throw new NoSuchEntityError('attached policy', input.policyArn);
      }
      await this.held.detach(tx, principal.principalId, input.policyArn);
      return { policy: input.policyArn };
    });
  }

  /** AWS ListAttached<Kind>Policies. */
  async listAttachedPolicies(
    caller: CallerContext,
    kind: PrincipalKind,
    input: AccountScoped & PageInput & { principalName: string; pathPrefix?: string | null },
  ): Promise<Page<AttachedPolicyView>> {
    const action = `iam:ListAttached${KIND_NAME[kind]}Policies`;
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const pathPrefix = checkPathPrefix(input.pathPrefix);
    const arns = await onPrincipal(this.deps, caller, kind, input, action, (tx, principal) =>
      this.held.attachedArns(tx, principal.principalId),
    );
    const views = arns
      .flatMap((arn) => {
        const parsed = parseIamArn(arn);
        return parsed?.type === 'policy' && parsed.path.startsWith(pathPrefix)
          ? [{ policyName: parsed.name, policyArn: arn }]
          : [];
      })
      .map((v) => ({ ...v, key: policySortKey({ policyName: v.policyName, arn: v.policyArn }) }))
      .filter((v) => after === null || v.key > after)
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    const page = toPage(views, limit, (v) => v.key, VERSIONED_MARKER);
    return {
      ...page,
      items: page.items.map(({ policyName, policyArn }) => ({ policyName, policyArn })),
    };
  }

  /** AWS ListEntitiesForPolicy: users, groups and roles that use the policy (attached and/or as boundary). */
  async listEntitiesForPolicy(
    caller: CallerContext,
    input: AccountScoped &
      PageInput & {
        policyArn: string;
        entityFilter?: 'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy' | null;
        pathPrefix?: string | null;
        policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary' | null;
      },
  ): Promise<Page<PolicyEntityView>> {
    const action = 'iam:ListEntitiesForPolicy';
    const accountId = targetAccount(caller, input.accountId, action);
    checkPolicyArn(input.policyArn);
    await this.deps.authorizer.require(caller, action, input.policyArn, accountId);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const pathPrefix = checkPathPrefix(input.pathPrefix);
    const usage = input.policyUsageFilter ?? null;
    const filter = input.entityFilter ?? null;
    const rows = await this.deps.tenantTx.run(accountId, async (tx) => {
      const found = await this.managed.find(tx, accountId, input.policyArn);
      // The filters on the policy's own kind: nothing when the policy is not of that kind.
      if (
        (filter === 'LocalManagedPolicy' && found.kind !== 'local') ||
        (filter === 'AWSManagedPolicy' && found.kind !== 'aws')
      ) {
        return [];
      }
      return this.held.entitiesUsing(tx, accountId, input.policyArn, {
        permissions: usage !== 'PermissionsBoundary',
        boundary: usage !== 'PermissionsPolicy',
      });
    });
    const kinds: PrincipalKind[] =
      filter === 'User'
        ? ['user']
        : filter === 'Group'
          ? ['group']
          : filter === 'Role'
            ? ['role']
            : [];
    const views = rows
      .filter(
        (r) => (kinds.length === 0 || kinds.includes(r.kind)) && r.path.startsWith(pathPrefix),
      )
      .map((r) => ({
        kind: r.kind,
        name: r.name,
        id: r.principalId,
        key: `${r.kind} ${r.name.toLowerCase()}`,
      }))
      .filter((v) => after === null || v.key > after);
    const page = toPage(views, limit, (v) => v.key, VERSIONED_MARKER);
    return { ...page, items: page.items.map(({ kind, name, id }) => ({ kind, name, id })) };
  }

  /** AWS Put<User|Role>PermissionsBoundary: the boundary must be a managed policy that exists. */
  async putPermissionsBoundary(
    caller: CallerContext,
    kind: 'user' | 'role',
    input: AccountScoped & { principalName: string; permissionsBoundary: string },
  ): Promise<{ revisionToken: string }> {
    const action = `Put${KIND_NAME[kind]}PermissionsBoundary`;
    checkPolicyArn(input.permissionsBoundary);
    return this.change(caller, kind, input, action, async (tx, accountId, principal) => {
      await this.managed.find(tx, accountId, input.permissionsBoundary);
      const current = await this.held.boundary(tx, principal.principalId);
      if (current === input.permissionsBoundary) return null;
      await this.held.setBoundary(
        tx,
        accountId,
        principal.principalId,
        input.permissionsBoundary,
        this.deps.now(),
      );
      return { policy: input.permissionsBoundary };
    });
  }

  /** AWS Delete<User|Role>PermissionsBoundary (nothing to do when there is none). */
  async deletePermissionsBoundary(
    caller: CallerContext,
    kind: 'user' | 'role',
    input: AccountScoped & { principalName: string },
  ): Promise<{ revisionToken: string }> {
    const action = `Delete${KIND_NAME[kind]}PermissionsBoundary`;
    return this.change(caller, kind, input, action, async (tx, accountId, principal) => {
      if ((await this.held.boundary(tx, principal.principalId)) === null) return null;
      await this.held.setBoundary(tx, accountId, principal.principalId, null, this.deps.now());
      return { policy: null };
    });
  }
}
