import type { AccountId, CallerContext, Page } from '@iam/common';
import {
  LimitExceededError,
  NoSuchEntityError,
  VERSIONED_MARKER,
  pageSize,
  toPage,
} from '@iam/common';
import type { PolicyKind } from '@iam/policy-engine';
import { POLICY_SIZE_LIMITS, measurePolicySize } from '@iam/policy-engine';
import type { EntityManager } from 'typeorm';
import type {
  PrincipalKind,
  KnownPrincipal,
} from '../principals/principal-directory.repository.js';
import type { AccountScoped, PageInput, PolicyStoreDeps } from '../managed-policies/store.js';
import {
  checkPolicyDocument,
  checkPolicyName,
  decodeMarker,
  lockQuota,
  onPrincipal,
} from '../managed-policies/store.js';
import { commitPrincipalChange } from '../attachments/principal-change.js';
import type { PrincipalPoliciesRepository } from '../attachments/principal-policies.repository.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html (and Group, Role);
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html: "User policy size: 2,048 characters;
// Role policy size: 10,240; Group policy size: 5,120" for the aggregate of the entity's inline policies, white
// space not counted.

const KIND_NAME: Record<PrincipalKind, 'User' | 'Group' | 'Role'> = {
  user: 'User',
  group: 'Group',
  role: 'Role',
};
const INLINE_KIND: Record<PrincipalKind, PolicyKind> = {
  user: 'inline-user',
  group: 'inline-group',
  role: 'inline-role',
};

/** An entity's inline policy by name (AWS `<Kind>Name` and `PolicyName`). */
export interface InlinePolicyInput extends AccountScoped {
  readonly principalName: string;
  readonly policyName: string;
}

/** An inline policy as the API answers it. */
export interface InlinePolicyView {
  readonly principalName: string;
  readonly policyName: string;
  readonly policyDocument: string;
}

/** AWS's aggregate size limit of the inline policies of one entity. */
export function inlineSizeLimit(kind: PrincipalKind): number {
  return POLICY_SIZE_LIMITS[INLINE_KIND[kind]];
}

/** Inline policies of users, groups and roles (Put/Get/List/Delete<Kind>Policy). */
export class InlinePoliciesService {
  constructor(
    private readonly deps: PolicyStoreDeps,
    private readonly held: PrincipalPoliciesRepository,
  ) {}

  private onPrincipal<T>(
    caller: CallerContext,
    kind: PrincipalKind,
    input: AccountScoped & { principalName: string },
    verb: string,
    work: (tx: EntityManager, principal: KnownPrincipal, accountId: AccountId) => Promise<T>,
  ): Promise<T> {
    return onPrincipal(this.deps, caller, kind, input, `iam:${verb}`, work);
  }

  /** The entity's inline policy of that name (names are case-sensitive); `NoSuchEntity` when it has none. */
  private async existing(tx: EntityManager, principal: KnownPrincipal, policyName: string) {
    const policy = (await this.held.inlinePolicies(tx, principal.principalId)).find(
      (p) => p.policyName === policyName,
    );
    if (policy === undefined) throw new NoSuchEntityError(`${principal.kind} policy`, policyName);
    return policy;
  }

  /** AWS Put<Kind>Policy: creates or replaces; `LimitExceeded` over the entity's aggregate size. */
  async putPolicy(
    caller: CallerContext,
    kind: PrincipalKind,
    input: InlinePolicyInput & { policyDocument: string },
  ): Promise<{ revisionToken: string }> {
    const action = `Put${KIND_NAME[kind]}Policy`;
    const policyName = checkPolicyName(input.policyName);
    return this.onPrincipal(caller, kind, input, action, async (tx, principal, accountId) => {
      const document = checkPolicyDocument(input.policyDocument, INLINE_KIND[kind]);
      const size = measurePolicySize(document, false);
      await lockQuota(tx, `inline:${principal.principalId}`);
      const others = (await this.held.inlinePolicies(tx, principal.principalId)).filter(
        (p) => p.policyName !== policyName,
      );
      const total = others.reduce((sum, p) => sum + p.size, size);
      const limit = inlineSizeLimit(kind);
      if (total > limit) {
        throw new LimitExceededError(
          `Maximum policy size of ${limit} bytes exceeded for ${kind} ${principal.name}`,
          { [`${kind}Name`]: principal.name, limit, size: total },
        );
      }
      const now = this.deps.now();
      await this.held.putInline(
        tx,
        { accountId, principalId: principal.principalId, policyName, document, size },
        now,
      );
      const token = await commitPrincipalChange(
        this.deps,
        this.held,
        tx,
        principal,
        { change: action, policy: policyName, policyDocument: document },
        caller,
        now,
      );
      return { revisionToken: token };
    });
  }

  /** AWS Get<Kind>Policy. */
  async getPolicy(
    caller: CallerContext,
    kind: PrincipalKind,
    input: InlinePolicyInput,
  ): Promise<InlinePolicyView> {
    return this.onPrincipal(
      caller,
      kind,
      input,
      `Get${KIND_NAME[kind]}Policy`,
      async (tx, principal) => {
        const policy = await this.existing(tx, principal, input.policyName);
        return {
          principalName: principal.name,
          policyName: policy.policyName,
          policyDocument: policy.document,
        };
      },
    );
  }

  /** AWS List<Kind>Policies: the names of the entity's inline policies, in code-point order. */
  async listPolicies(
    caller: CallerContext,
    kind: PrincipalKind,
    input: AccountScoped & PageInput & { principalName: string },
  ): Promise<Page<string>> {
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const names = await this.onPrincipal(
      caller,
      kind,
      input,
      `List${KIND_NAME[kind]}Policies`,
      async (tx, principal) =>
        (await this.held.inlinePolicies(tx, principal.principalId)).map((p) => p.policyName),
    );
    const sorted = names.filter((n) => after === null || n > after).sort();
    return toPage(sorted, limit, (n) => n, VERSIONED_MARKER);
  }

  /** AWS Delete<Kind>Policy: `NoSuchEntity` when the entity has no inline policy of that name. */
  async deletePolicy(
    caller: CallerContext,
    kind: PrincipalKind,
    input: InlinePolicyInput,
  ): Promise<{ revisionToken: string }> {
    const action = `Delete${KIND_NAME[kind]}Policy`;
    return this.onPrincipal(caller, kind, input, action, async (tx, principal) => {
      await this.existing(tx, principal, input.policyName);
      await this.held.deleteInline(tx, principal.principalId, input.policyName);
      const now = this.deps.now();
      const token = await commitPrincipalChange(
        this.deps,
        this.held,
        tx,
        principal,
        { change: action, policy: input.policyName, policyDocument: null },
        caller,
        now,
      );
      return { revisionToken: token };
    });
  }
}
