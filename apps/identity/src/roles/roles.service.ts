import { LimitExceededError, type AccountId, type CallerContext } from '@iam/common';
import { POLICY_SIZE_LIMITS, validatePolicyDocument } from '@iam/policy-engine';
import { UniqueViolation, toPersistenceError } from '@iam/persistence';
import type { EntityManager } from 'typeorm';
import { targetAccount } from '../authorization/authorizer.js';
import { authorizeExisting } from '../authorization/authorize-existing.js';
import {
  checkDescription,
  checkMaxSessionDuration,
  checkName,
  checkPath,
  checkPathPrefix,
  checkTags,
  decodeMarker,
  mergeTags,
  newUniqueId,
  pageSize,
  principalArn,
  removeTags,
} from '../users/iam-rules.js';
import { requireQuota } from '../users/principal-quotas.js';
import type { StoredTag } from '../users/user.entity.js';
import type { AccountScoped, Page, PrincipalServiceDeps } from '../users/users.service.js';
import { tagPage, toPage } from '../users/users.service.js';
import type { RoleEventType } from '@iam/event-contracts';
import type { RoleEntity } from './role.entity.js';
import {
  MalformedPolicyDocumentError,
  RoleAlreadyExistsError,
  RoleNotFoundError,
} from './role.errors.js';
import { roleChangedEvent } from './role.events.js';
import type { RoleRepository } from './role.repository.js';

/**
 * Checks a trust policy with the policy engine's validator. A document over the role trust policy quota is
 * `LimitExceeded`, as AWS answers it ("Cannot exceed quota for ACLSizePerRole: 2048"), before any other check;
 * any other error-severity issue is `MalformedPolicyDocument`.
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html "Role trust policy length
 * 2,048 characters"; "IAM does not count white space when calculating the size of a policy against these quotas"
 * (the engine's POLICY_SIZE_EXCEEDED measures it so: white space outside string values is not counted).
 */
export function checkTrustPolicy(text: string): string {
  const errors = validatePolicyDocument(text, { kind: 'trust' }).filter(
    (issue) => issue.severity === 'error',
  );
  if (errors.some((issue) => issue.code === 'POLICY_SIZE_EXCEEDED')) {
    const quota = POLICY_SIZE_LIMITS.trust;
    throw new LimitExceededError(`Cannot exceed quota for ACLSizePerRole: ${quota}`, {
      quota: 'ACLSizePerRole',
      limit: quota,
    });
  }
  if (errors.length > 0) throw new MalformedPolicyDocumentError(errors);
  return text;
}

/** IAM roles: trust policy, description, maximum session duration and tags. */
export class RolesService {
  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly roles: RoleRepository,
  ) {}

  private arn(accountId: string, path: string, name: string): string {
    return principalArn(this.deps.partition, accountId, 'role', path, name);
  }

  async createRole(
    caller: CallerContext,
    input: AccountScoped & {
      roleName: string;
      path?: string | null;
      assumeRolePolicyDocument: string;
      description?: string | null;
      maxSessionDuration?: number | null;
      tags?: StoredTag[] | null;
    },
  ): Promise<RoleEntity> {
    const accountId = targetAccount(caller, input.accountId);
    const path = checkPath(input.path);
    this.deps.authorizer.require(
      caller,
      'iam:CreateRole',
      this.arn(accountId, path, input.roleName),
      accountId,
    );
    const roleName = checkName('role', input.roleName);
    const now = this.deps.now();
    const role: RoleEntity = {
      roleId: newUniqueId('role'),
      accountId,
      roleName,
      path,
      assumeRolePolicyDocument: checkTrustPolicy(input.assumeRolePolicyDocument),
      description: checkDescription(input.description),
      maxSessionDuration: checkMaxSessionDuration(input.maxSessionDuration),
      tags: checkTags(input.tags),
      createdAt: now,
      updatedAt: now,
    };
    return this.write(accountId, roleName, async (tx) => {
      await requireQuota(tx, accountId, 'role');
      if (await this.roles.findByName(tx, accountId, roleName))
        throw new RoleAlreadyExistsError(roleName);
      await this.roles.insert(tx, role);
      await this.deps.outbox.append(
        tx,
        roleChangedEvent('role.created.v1', role, this.deps.partition, caller, now),
      );
      return role;
    });
  }

  async getRole(
    caller: CallerContext,
    input: AccountScoped & { roleName: string },
  ): Promise<RoleEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.deps.tenantTx.run(accountId, (tx) =>
      this.existing(tx, caller, 'iam:GetRole', accountId, input.roleName),
    );
  }

  async listRoles(
    caller: CallerContext,
    input: AccountScoped & {
      pathPrefix?: string | null;
      marker?: string | null;
      maxItems?: number | null;
    },
  ): Promise<Page<RoleEntity>> {
    const accountId = targetAccount(caller, input.accountId);
    this.deps.authorizer.require(caller, 'iam:ListRoles', this.arn(accountId, '/', '*'), accountId);
    const prefix = checkPathPrefix(input.pathPrefix);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const rows = await this.deps.tenantTx.run(accountId, (tx) =>
      this.roles.list(tx, accountId, prefix, after, limit + 1),
    );
    return toPage(rows, limit, (r) => r.roleName.toLowerCase());
  }

  /** AWS UpdateRole: description and/or MaxSessionDuration (omitted fields keep their value). */
  async updateRole(
    caller: CallerContext,
    input: AccountScoped & {
      roleName: string;
      description?: string | null;
      maxSessionDuration?: number | null;
    },
  ): Promise<RoleEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.change(
      caller,
      accountId,
      input.roleName,
      'iam:UpdateRole',
      'role.updated.v1',
      (role) => ({
        ...role,
        description:
          input.description === undefined || input.description === null
            ? role.description
            : checkDescription(input.description),
        maxSessionDuration:
          input.maxSessionDuration === undefined || input.maxSessionDuration === null
            ? role.maxSessionDuration
            : checkMaxSessionDuration(input.maxSessionDuration),
      }),
    );
  }

  /** AWS UpdateAssumeRolePolicy: replaces the trust policy after validating it. */
  async updateAssumeRolePolicy(
    caller: CallerContext,
    input: AccountScoped & { roleName: string; policyDocument: string },
  ): Promise<RoleEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.change(
      caller,
      accountId,
      input.roleName,
      'iam:UpdateAssumeRolePolicy',
      'role.trust-policy-updated.v1',
      (role) => ({ ...role, assumeRolePolicyDocument: checkTrustPolicy(input.policyDocument) }),
    );
  }

  async deleteRole(
    caller: CallerContext,
    input: AccountScoped & { roleName: string },
  ): Promise<RoleEntity> {
    const accountId = targetAccount(caller, input.accountId);
    // TODO(#6): DeleteConflict once roles can have attached policies and instance profiles.
    return this.write(accountId, input.roleName, async (tx) => {
      const role = await this.existing(
        tx,
        caller,
        'iam:DeleteRole',
        accountId,
        input.roleName,
        true,
      );
      await this.roles.delete(tx, role);
      await this.deps.outbox.append(
        tx,
        roleChangedEvent('role.deleted.v1', role, this.deps.partition, caller, this.deps.now()),
      );
      return role;
    });
  }

  async tagRole(
    caller: CallerContext,
    input: AccountScoped & { roleName: string; tags: StoredTag[] },
  ): Promise<RoleEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.change(
      caller,
      accountId,
      input.roleName,
      'iam:TagRole',
      'role.tagged.v1',
      (role) => ({ ...role, tags: mergeTags(role.tags, input.tags) }),
    );
  }

  async untagRole(
    caller: CallerContext,
    input: AccountScoped & { roleName: string; tagKeys: string[] },
  ): Promise<RoleEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.change(
      caller,
      accountId,
      input.roleName,
      'iam:UntagRole',
      'role.untagged.v1',
      (role) => ({ ...role, tags: removeTags(role.tags, input.tagKeys) }),
    );
  }

  async listRoleTags(
    caller: CallerContext,
    input: AccountScoped & { roleName: string; marker?: string | null; maxItems?: number | null },
  ): Promise<Page<StoredTag>> {
    const accountId = targetAccount(caller, input.accountId);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const role = await this.deps.tenantTx.run(accountId, (tx) =>
      this.existing(tx, caller, 'iam:ListRoleTags', accountId, input.roleName),
    );
    return tagPage(role.tags, after, limit);
  }

  /**
   * Loads (locked), authorizes `action` on, changes and stores one role with its event, in one transaction; `apply`
   * validates its input after the authorization.
   */
  private change(
    caller: CallerContext,
    accountId: AccountId,
    roleName: string,
    action: string,
    type: RoleEventType,
    apply: (role: RoleEntity) => RoleEntity,
  ): Promise<RoleEntity> {
    return this.write(accountId, roleName, async (tx) => {
      const role = await this.existing(tx, caller, action, accountId, roleName, true);
      const now = this.deps.now();
      const next = { ...apply(role), updatedAt: now };
      await this.roles.update(tx, next);
      await this.deps.outbox.append(
        tx,
        roleChangedEvent(type, next, this.deps.partition, caller, now),
      );
      return next;
    });
  }

  /**
   * Looks the role up, authorizes `action` on its real ARN (or its name's with path `/` when it does not exist), then
   * answers `NoSuchEntity` when it does not exist.
   */
  private async existing(
    tx: EntityManager,
    caller: CallerContext,
    action: string,
    accountId: AccountId,
    roleName: string,
    lock = false,
  ): Promise<RoleEntity> {
    const role = await this.roles.findByName(tx, accountId, roleName, lock);
    authorizeExisting(
      this.deps.authorizer,
      caller,
      action,
      accountId,
      role,
      (r) => this.arn(accountId, r.path, r.roleName),
      this.arn(accountId, '/', roleName),
    );
    if (!role) throw new RoleNotFoundError(roleName);
    return role;
  }

  private async write<T>(
    accountId: AccountId,
    roleName: string,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      const result = await this.deps.tenantTx.run(accountId, work);
      this.deps.relay.notify();
      return result;
    } catch (error) {
      const mapped = toPersistenceError(error);
      if (mapped instanceof UniqueViolation && mapped.constraint === 'roles_account_name_uq') {
        throw new RoleAlreadyExistsError(roleName);
      }
      throw mapped;
    }
  }
}
