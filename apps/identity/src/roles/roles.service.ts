import { LimitExceededError, type CallerContext } from '@iam/common';
import type { RoleEventType } from '@iam/event-contracts';
import { POLICY_SIZE_LIMITS, validatePolicyDocument } from '@iam/policy-engine';
import type {
  AccountScoped,
  ListInput,
  Page,
  PageInput,
  PrincipalServiceDeps,
  Revised,
  Tag,
} from '../principals/index.js';
import {
  TaggedPrincipalUseCases,
  mergeTags,
  removeTags,
  checkDescription,
  checkMaxSessionDuration,
  checkTags,
  newUniqueId,
  removeAttachments,
} from '../principals/index.js';
import type { StoredTag } from '../users/index.js';
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
  private readonly principals: TaggedPrincipalUseCases<RoleEntity, RoleEventType>;

  constructor(
    private readonly deps: PrincipalServiceDeps,
    roles: RoleRepository,
  ) {
    this.principals = new TaggedPrincipalUseCases(deps, roles, {
      nameIndex: 'roles_account_name_uq',
      notFound: (name) => new RoleNotFoundError(name),
      alreadyExists: (name) => new RoleAlreadyExistsError(name),
      changed: roleChangedEvent,
    });
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
    return this.principals.create(
      caller,
      { ...input, name: input.roleName },
      'iam:CreateRole',
      'role.created.v1',
      ({ accountId, name, path, now }) => ({
        roleId: newUniqueId('role'),
        accountId,
        roleName: name,
        path,
        assumeRolePolicyDocument: checkTrustPolicy(input.assumeRolePolicyDocument),
        description: checkDescription(input.description),
        maxSessionDuration: checkMaxSessionDuration(input.maxSessionDuration),
        tags: checkTags(input.tags),
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  async getRole(
    caller: CallerContext,
    input: AccountScoped & { roleName: string },
  ): Promise<RoleEntity> {
    return this.principals.get(caller, input, input.roleName, 'iam:GetRole');
  }

  async listRoles(caller: CallerContext, input: ListInput): Promise<Page<RoleEntity>> {
    return this.principals.list(caller, input, 'iam:ListRoles');
  }

  /** AWS UpdateRole: description and/or MaxSessionDuration (omitted fields keep their value). */
  async updateRole(
    caller: CallerContext,
    input: AccountScoped & {
      roleName: string;
      description?: string | null;
      maxSessionDuration?: number | null;
    },
  ): Promise<Revised<RoleEntity>> {
    return this.principals.change(
      caller,
      input,
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
    const { entity } = await this.principals.change(
      caller,
      input,
      input.roleName,
      'iam:UpdateAssumeRolePolicy',
      'role.trust-policy-updated.v1',
      (role) => ({ ...role, assumeRolePolicyDocument: checkTrustPolicy(input.policyDocument) }),
    );
    return entity;
  }

  /**
   * AWS DeleteRole: a role with inline policies or attached managed policies cannot be deleted (`DeleteConflict`;
   * there is no forced delete). Instance profiles do not exist here.
   */
  async deleteRole(
    caller: CallerContext,
    input: AccountScoped & { roleName: string },
  ): Promise<Revised<RoleEntity>> {
    return this.principals.delete(
      caller,
      input,
      input.roleName,
      'iam:DeleteRole',
      'role.deleted.v1',
      (tx, accountId, role, now) =>
        removeAttachments(
          tx,
          accountId,
          this.deps.roleAttachments ?? [],
          { principal: role, id: role.roleId, kind: 'role', name: role.roleName },
          { force: null, caller, now },
        ),
    );
  }

  async tagRole(
    caller: CallerContext,
    input: AccountScoped & { roleName: string; tags: StoredTag[] },
  ): Promise<Revised<RoleEntity>> {
    return this.principals.retag(
      caller,
      input,
      input.roleName,
      'iam:TagRole',
      'role.tagged.v1',
      (tags) => mergeTags(tags, input.tags),
    );
  }

  async untagRole(
    caller: CallerContext,
    input: AccountScoped & { roleName: string; tagKeys: string[] },
  ): Promise<Revised<RoleEntity>> {
    return this.principals.retag(
      caller,
      input,
      input.roleName,
      'iam:UntagRole',
      'role.untagged.v1',
      (tags) => removeTags(tags, input.tagKeys),
    );
  }

  async listRoleTags(
    caller: CallerContext,
    input: AccountScoped & PageInput & { roleName: string },
  ): Promise<Page<Tag>> {
    return this.principals.listTags(caller, input, input.roleName, 'iam:ListRoleTags');
  }
}
