import type { AccountId, CallerContext, Page } from '@iam/common';
import {
  AccessDeniedError,
  DeleteConflictError,
  EntityAlreadyExistsError,
  InvalidInputError,
  LimitExceededError,
  NoSuchEntityError,
  VERSIONED_MARKER,
  buildIamArn,
  isAccountId,
  pageSize,
  parseIamArn,
  toPage,
} from '@iam/common';
import { targetAccount } from '@iam/authorization';
import type { EventEnvelope } from '@iam/event-contracts';
import { policyServiceEvent } from '@iam/event-contracts';
import type { EntityManager } from 'typeorm';
import type { AwsManagedPolicy } from '../aws-managed/aws-managed-policies.js';
import {
  AWS_MANAGED_POLICIES,
  awsManagedPolicyByArn,
} from '../aws-managed/aws-managed-policies.js';
import type {
  ManagedPolicyRepository,
  StoredPolicy,
  StoredVersion,
} from './managed-policy.repository.js';
import { policySortKey } from './managed-policy.repository.js';
import type { PolicyTag } from './policy-tags.js';
import { addTags, checkTags, removeTags } from './policy-tags.js';
import type { AccountScoped, PageInput, PolicyStoreDeps } from './store.js';
import {
  checkPath,
  checkPathPrefix,
  checkPolicyDocument,
  checkPolicyName,
  commitChange,
  decodeMarker,
  eventMeta,
  lockQuota,
  newPolicyId,
} from './store.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html,
// API_CreatePolicyVersion.html ("A managed policy can have up to five versions"), API_DeletePolicy.html,
// API_DeletePolicyVersion.html, API_SetDefaultPolicyVersion.html, API_ListPolicies.html, API_TagPolicy.html;
// quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (customer managed policies
// in an account: 1,500 by default; versions per managed policy: 5).

/** AWS: at most 5 versions of a managed policy. */
export const MAX_POLICY_VERSIONS = 5;
const DESCRIPTION_PATTERN = /^[\u0009\u000a\u000d\u0020-\u007e\u00a1-\u00ff]{0,1000}$/;
const VERSION_ID_PATTERN = /^v[1-9][0-9]{0,8}$/;

/** A managed policy as the API answers it: a customer managed one of the account, or a built-in AWS one. */
export interface PolicyView {
  readonly policyId: string;
  readonly policyName: string;
  readonly path: string;
  readonly arn: string;
  readonly description: string | null;
  readonly defaultVersionId: string;
  readonly attachmentCount: number;
  readonly permissionsBoundaryUsageCount: number;
  readonly isAttachable: boolean;
  readonly createDate: Date;
  readonly updateDate: Date;
  readonly tags: readonly PolicyTag[];
  readonly awsManaged: boolean;
}

/** One version of a managed policy as the API answers it. */
export interface PolicyVersionView {
  readonly versionId: string;
  readonly document: string;
  readonly isDefaultVersion: boolean;
  readonly createDate: Date;
}

/** A mutation's answer: what changed and the revision token of the change. */
export interface Changed<T> {
  readonly value: T;
  readonly revisionToken: string;
}

/** A policy found by ARN: customer managed (stored) or AWS managed (built in). */
type FoundPolicy =
  | { readonly kind: 'local'; readonly policy: StoredPolicy }
  | { readonly kind: 'aws'; readonly policy: AwsManagedPolicy };

function localView(p: StoredPolicy): PolicyView {
  return {
    policyId: p.policyId,
    policyName: p.policyName,
    path: p.path,
    arn: p.arn,
    description: p.description,
    defaultVersionId: p.defaultVersionId,
    attachmentCount: p.attachmentCount,
    permissionsBoundaryUsageCount: p.boundaryUsageCount,
    isAttachable: true,
    createDate: p.createdAt,
    updateDate: p.updatedAt,
    tags: p.tags,
    awsManaged: false,
  };
}

function awsView(p: AwsManagedPolicy, usage = { attachments: 0, boundaries: 0 }): PolicyView {
  return {
    policyId: p.policyId,
    policyName: p.policyName,
    path: p.path,
    arn: p.arn,
    description: p.description,
    defaultVersionId: p.defaultVersionId,
    attachmentCount: usage.attachments,
    permissionsBoundaryUsageCount: usage.boundaries,
    isAttachable: true,
    createDate: new Date(p.createDate),
    updateDate: new Date(p.updateDate),
    tags: [],
    awsManaged: true,
  };
}

function versionNumber(versionId: string): number {
  return Number(versionId.slice(1));
}

/** Checks a policy ARN parameter (`InvalidInput` unless it parses as a managed policy's ARN). */
export function checkPolicyArn(arn: string): string {
  const parsed = parseIamArn(arn);
  if (parsed?.type !== 'policy') {
    throw new InvalidInputError(`\`${arn}\` is not a managed policy ARN`, { policyArn: arn });
  }
  return arn;
}

/** Customer managed policies (create, read, list, delete, versions, tags) and the read-only AWS managed ones. */
export class ManagedPoliciesService {
  constructor(
    private readonly deps: PolicyStoreDeps,
    private readonly policies: ManagedPolicyRepository,
  ) {}

  /**
   * The policy with this ARN in the account: AWS managed ones are read-only (every change is `AccessDenied`, as for
   * a resource of another account), a customer managed one of another account is not found.
   */
  async find(
    tx: EntityManager,
    accountId: AccountId,
    arn: string,
    options: { lock?: boolean } = {},
  ): Promise<FoundPolicy> {
    const aws = awsManagedPolicyByArn(arn);
    if (aws !== undefined) return { kind: 'aws', policy: aws };
    const stored =
      parseIamArn(arn)?.accountId === accountId
        ? await this.policies.findByArn(tx, accountId, arn, options.lock)
        : null;
    if (stored === null) throw new NoSuchEntityError('policy', arn);
    return { kind: 'local', policy: stored };
  }

  private async findLocal(
    tx: EntityManager,
    accountId: AccountId,
    arn: string,
    action: string,
  ): Promise<StoredPolicy> {
    const found = await this.find(tx, accountId, arn, { lock: true });
    // AWS managed policies belong to AWS: no account may change them.
    if (found.kind === 'aws') throw new AccessDeniedError(action, arn);
    return found.policy;
  }

  /** Authorizes `action` on the policy ARN in the caller's target account (before anything is looked up). */
  private async authorize(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string },
    action: string,
  ): Promise<AccountId> {
    const accountId = targetAccount(caller, input.accountId, action);
    checkPolicyArn(input.policyArn);
    // A customer managed policy of another account is decided as that account's resource: IAM policies have no
    // resource policy, so a tenant is refused (`AccessDenied`, as AWS answers) whatever it holds in its own account.
    const owner = parseIamArn(input.policyArn)?.accountId;
    const resourceAccount = isAccountId(owner) ? owner : accountId;
    await this.deps.authorizer.require(caller, action, input.policyArn, resourceAccount);
    return accountId;
  }

  private event(
    type: string,
    policy: Pick<StoredPolicy, 'policyId' | 'accountId' | 'policyName' | 'path' | 'arn'>,
    caller: CallerContext,
    at: Date,
    extra: Record<string, unknown>,
  ) {
    return (revision: string) =>
      policyServiceEvent(type, 'policy', policy.policyId, eventMeta(caller, at), {
        accountId: policy.accountId,
        revision,
        policyId: policy.policyId,
        policyName: policy.policyName,
        path: policy.path,
        arn: policy.arn,
        ...extra,
      });
  }

  /** AWS CreatePolicy. */
  async createPolicy(
    caller: CallerContext,
    input: AccountScoped & {
      policyName: string;
      path?: string | null;
      description?: string | null;
      policyDocument: string;
      tags?: readonly PolicyTag[] | null;
    },
  ): Promise<Changed<PolicyView>> {
    const action = 'iam:CreatePolicy';
    const accountId = targetAccount(caller, input.accountId, action);
    const policyName = checkPolicyName(input.policyName);
    const path = checkPath(input.path);
    const arn = buildIamArn({
      type: 'policy',
      partition: this.deps.partition,
      accountId,
      path,
      name: policyName,
    });
    await this.deps.authorizer.require(caller, action, arn, accountId);
    const description = input.description ?? null;
    if (description !== null && !DESCRIPTION_PATTERN.test(description)) {
      throw new InvalidInputError('description must be at most 1000 printable characters');
    }
    const tags = checkTags(input.tags);
    const document = checkPolicyDocument(input.policyDocument, 'managed');
    const now = this.deps.now();
    return this.deps.tenantTx.run(accountId, async (tx) => {
      await lockQuota(tx, `policies:${accountId}`);
      if (await this.policies.nameTaken(tx, accountId, policyName)) {
        throw new EntityAlreadyExistsError('policy', policyName);
      }
      const quota = await this.deps.quotas.maxCustomerManagedPolicies(tx, accountId);
      if ((await this.policies.countInAccount(tx, accountId)) >= quota) {
        throw new LimitExceededError(`Cannot exceed quota for PoliciesPerAccount: ${quota}`, {
          quota: 'PoliciesPerAccount',
          limit: quota,
        });
      }
      const policy: StoredPolicy = {
        policyId: newPolicyId(),
        accountId,
        policyName,
        path,
        arn,
        description,
        defaultVersionId: 'v1',
        nextVersionNumber: 2,
        tags,
        createdAt: now,
        updatedAt: now,
        attachmentCount: 0,
        boundaryUsageCount: 0,
      };
      await this.policies.insert(tx, policy, document);
      const revisionToken = await commitChange(
        this.deps,
        tx,
        accountId,
        this.event('policy.created.v1', policy, caller, now, {
          description,
          defaultVersionId: 'v1',
          document,
          tags,
        }),
      );
      return { value: localView(policy), revisionToken };
    });
  }

  /** AWS GetPolicy (customer or AWS managed; AttachmentCount in the account). */
  async getPolicy(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string },
  ): Promise<PolicyView> {
    const accountId = await this.authorize(caller, input, 'iam:GetPolicy');
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const found = await this.find(tx, accountId, input.policyArn);
      if (found.kind === 'local') return localView(found.policy);
      const usage = await this.policies.usageOf(tx, accountId, [found.policy.arn]);
      return awsView(found.policy, usage.get(found.policy.arn));
    });
  }

  /** AWS ListPolicies: AWS and customer managed policies in name order, with AWS's filters. */
  async listPolicies(
    caller: CallerContext,
    input: AccountScoped &
      PageInput & {
        scope?: 'All' | 'AWS' | 'Local' | null;
        pathPrefix?: string | null;
        onlyAttached?: boolean | null;
        policyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary' | null;
      },
  ): Promise<Page<PolicyView>> {
    const action = 'iam:ListPolicies';
    const accountId = targetAccount(caller, input.accountId, action);
    await this.deps.authorizer.require(caller, action, '*', accountId);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const pathPrefix = checkPathPrefix(input.pathPrefix);
    const scope = input.scope ?? 'All';
    const onlyAttached = input.onlyAttached ?? false;
    const usage = input.policyUsageFilter ?? null;
    const views = await this.deps.tenantTx.run(accountId, async (tx) => {
      const local =
        scope === 'AWS'
          ? []
          : (
              await this.policies.list(tx, accountId, {
                pathPrefix,
                onlyAttached,
                usage,
                after,
                limit: limit + 1,
              })
            ).map(localView);
      if (scope === 'Local') return local;
      const candidates = AWS_MANAGED_POLICIES.filter(
        (p) => p.path.startsWith(pathPrefix) && (after === null || policySortKey(p) > after),
      );
      const counts = await this.policies.usageOf(
        tx,
        accountId,
        candidates.map((p) => p.arn),
      );
      const aws = candidates
        .map((p) => awsView(p, counts.get(p.arn)))
        .filter(
          (p) =>
            (!onlyAttached || p.attachmentCount > 0) &&
            (usage !== 'PermissionsPolicy' || p.attachmentCount > 0) &&
            (usage !== 'PermissionsBoundary' || p.permissionsBoundaryUsageCount > 0),
        );
      return [...local, ...aws].sort((a, b) =>
        policySortKey(a) < policySortKey(b) ? -1 : policySortKey(a) > policySortKey(b) ? 1 : 0,
      );
    });
    return toPage(views, limit, policySortKey, VERSIONED_MARKER);
  }

  /**
   * AWS DeletePolicy: `DeleteConflict` while the policy is attached, used as a permissions boundary, or has
   * versions other than the default (the default version goes with the policy).
   */
  async deletePolicy(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string },
  ): Promise<Changed<PolicyView>> {
    const action = 'iam:DeletePolicy';
    const accountId = await this.authorize(caller, input, action);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const policy = await this.findLocal(tx, accountId, input.policyArn, action);
      if (policy.attachmentCount > 0) {
        throw new DeleteConflictError('Cannot delete a policy attached to entities.', {
          policyArn: policy.arn,
          attachmentCount: policy.attachmentCount,
        });
      }
      if (policy.boundaryUsageCount > 0) {
        throw new DeleteConflictError(
          'Cannot delete a policy used as a permissions boundary by entities.',
          { policyArn: policy.arn, permissionsBoundaryUsageCount: policy.boundaryUsageCount },
        );
      }
      const versions = await this.policies.versions(tx, accountId, policy.policyId);
      if (versions.length > 1) {
        throw new DeleteConflictError(
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
          { policyArn: policy.arn, versionCount: versions.length },
        );
      }
      await this.policies.delete(tx, accountId, policy.policyId);
      const now = this.deps.now();
      const revisionToken = await commitChange(
        this.deps,
        tx,
        accountId,
        this.event('policy.deleted.v1', policy, caller, now, {}),
      );
      return { value: localView(policy), revisionToken };
    });
  }

  /** AWS CreatePolicyVersion: `LimitExceeded` when the policy already has 5 versions. */
  async createPolicyVersion(
    caller: CallerContext,
    input: AccountScoped & {
      policyArn: string;
      policyDocument: string;
      setAsDefault?: boolean | null;
    },
  ): Promise<Changed<PolicyVersionView>> {
    const action = 'iam:CreatePolicyVersion';
    const accountId = await this.authorize(caller, input, action);
    const document = checkPolicyDocument(input.policyDocument, 'managed');
    const setAsDefault = input.setAsDefault ?? false;
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const policy = await this.findLocal(tx, accountId, input.policyArn, action);
      const versions = await this.policies.versions(tx, accountId, policy.policyId);
      if (versions.length >= MAX_POLICY_VERSIONS) {
        throw new LimitExceededError(
          `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
          { policyArn: policy.arn, limit: MAX_POLICY_VERSIONS },
        );
      }
      const now = this.deps.now();
      const versionId = `v${policy.nextVersionNumber}`;
      await this.policies.insertVersion(tx, accountId, policy.policyId, {
        versionId,
        document,
        createdAt: now,
      });
      await this.policies.update(
        tx,
        accountId,
        policy.policyId,
        {
          nextVersionNumber: policy.nextVersionNumber + 1,
          ...(setAsDefault ? { defaultVersionId: versionId } : {}),
        },
        now,
      );
      const revisionToken = await commitChange(
        this.deps,
        tx,
        accountId,
        this.event('policy.version-created.v1', policy, caller, now, {
          versionId,
          document,
          isDefaultVersion: setAsDefault,
          defaultVersionId: setAsDefault ? versionId : policy.defaultVersionId,
        }),
      );
      return {
        value: { versionId, document, isDefaultVersion: setAsDefault, createDate: now },
        revisionToken,
      };
    });
  }

  /** AWS GetPolicyVersion (an AWS managed policy has its default version only). */
  async getPolicyVersion(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string; versionId: string },
  ): Promise<PolicyVersionView> {
    const accountId = await this.authorize(caller, input, 'iam:GetPolicyVersion');
    const versionId = checkVersionId(input.versionId);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const versions = await this.versionsOf(tx, accountId, input.policyArn);
      const version = versions.find((v) => v.versionId === versionId);
      if (version === undefined) {
        throw new NoSuchEntityError('policy version', `${input.policyArn} ${versionId}`);
      }
      return version;
    });
  }

  /** AWS ListPolicyVersions: newest first. */
  async listPolicyVersions(
    caller: CallerContext,
    input: AccountScoped & PageInput & { policyArn: string },
  ): Promise<Page<PolicyVersionView>> {
    const accountId = await this.authorize(caller, input, 'iam:ListPolicyVersions');
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const versions = await this.deps.tenantTx.run(accountId, (tx) =>
      this.versionsOf(tx, accountId, input.policyArn),
    );
    const afterNumber = after === null ? Infinity : versionNumber(after);
    return toPage(
      versions.filter((v) => versionNumber(v.versionId) < afterNumber),
      limit,
      (v) => v.versionId,
      VERSIONED_MARKER,
    );
  }

  private async versionsOf(
    tx: EntityManager,
    accountId: AccountId,
    arn: string,
  ): Promise<PolicyVersionView[]> {
    const found = await this.find(tx, accountId, arn);
    if (found.kind === 'aws') {
      const p = found.policy;
      return [
        {
          versionId: p.defaultVersionId,
          document: p.document,
          isDefaultVersion: true,
          createDate: new Date(p.updateDate),
        },
      ];
    }
    const versions = await this.policies.versions(tx, accountId, found.policy.policyId);
    return versions.map((v) => ({
      versionId: v.versionId,
      document: v.document,
      isDefaultVersion: v.versionId === found.policy.defaultVersionId,
      createDate: v.createdAt,
    }));
  }

  /**
   * A change of one version of a customer managed policy: authorized on the policy, in its account's transaction,
   * the policy locked; `NoSuchEntity` when the version does not exist. `change` returns the value answered and the
   * event to append with the bumped revision.
   */
  private async changeVersion<T>(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string; versionId: string },
    action: string,
    change: (
      tx: EntityManager,
      policy: StoredPolicy,
      version: StoredVersion,
      now: Date,
    ) => Promise<{ value: T; event: (revision: string) => EventEnvelope }>,
  ): Promise<Changed<T>> {
    const accountId = await this.authorize(caller, input, action);
    const versionId = checkVersionId(input.versionId);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const policy = await this.findLocal(tx, accountId, input.policyArn, action);
      const versions = await this.policies.versions(tx, accountId, policy.policyId);
      const version = versions.find((v) => v.versionId === versionId);
      if (version === undefined) {
        throw new NoSuchEntityError('policy version', `${policy.arn} ${versionId}`);
      }
      const { value, event } = await change(tx, policy, version, this.deps.now());
      return { value, revisionToken: await commitChange(this.deps, tx, accountId, event) };
    });
  }

  /** AWS SetDefaultPolicyVersion. */
  async setDefaultPolicyVersion(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string; versionId: string },
  ): Promise<Changed<PolicyVersionView>> {
    return this.changeVersion(
      caller,
      input,
      'iam:SetDefaultPolicyVersion',
      async (tx, policy, version, now) => {
        const { versionId, document } = version;
        await this.policies.update(
          tx,
          policy.accountId,
          policy.policyId,
          { defaultVersionId: versionId },
          now,
        );
        return {
          value: { versionId, document, isDefaultVersion: true, createDate: version.createdAt },
          event: this.event('policy.default-version-set.v1', policy, caller, now, {
            versionId,
            previousDefaultVersionId: policy.defaultVersionId,
            document,
          }),
        };
      },
    );
  }

  /** AWS DeletePolicyVersion: the default version cannot be deleted (`DeleteConflict`). */
  async deletePolicyVersion(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string; versionId: string },
  ): Promise<Changed<string>> {
    return this.changeVersion(
      caller,
      input,
      'iam:DeletePolicyVersion',
      async (tx, policy, version, now) => {
        const { versionId } = version;
        if (versionId === policy.defaultVersionId) {
          throw new DeleteConflictError('Cannot delete the default version of a policy.', {
            policyArn: policy.arn,
            versionId,
          });
        }
        await this.policies.deleteVersion(tx, policy.accountId, policy.policyId, versionId);
        return {
          value: versionId,
          event: this.event('policy.version-deleted.v1', policy, caller, now, { versionId }),
        };
      },
    );
  }

  /** AWS TagPolicy. */
  async tagPolicy(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string; tags: readonly PolicyTag[] },
  ): Promise<Changed<PolicyView>> {
    return this.retag(caller, input, 'iam:TagPolicy', 'policy.tagged.v1', (tags) =>
      addTags(tags, input.tags),
    );
  }

  /** AWS UntagPolicy: keys not present are ignored. */
  async untagPolicy(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string; tagKeys: readonly string[] },
  ): Promise<Changed<PolicyView>> {
    return this.retag(caller, input, 'iam:UntagPolicy', 'policy.untagged.v1', (tags) =>
      removeTags(tags, input.tagKeys),
    );
  }

  private async retag(
    caller: CallerContext,
    input: AccountScoped & { policyArn: string },
    action: string,
    type: string,
    change: (tags: readonly PolicyTag[]) => PolicyTag[],
  ): Promise<Changed<PolicyView>> {
    const accountId = await this.authorize(caller, input, action);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const policy = await this.findLocal(tx, accountId, input.policyArn, action);
      const tags = change(policy.tags);
      const now = this.deps.now();
      await this.policies.setTags(tx, accountId, policy.policyId, tags, now);
      const revisionToken = await commitChange(
        this.deps,
        tx,
        accountId,
        this.event(type, policy, caller, now, { tags }),
      );
      return { value: localView({ ...policy, tags, updatedAt: now }), revisionToken };
    });
  }

  /** AWS ListPolicyTags (an AWS managed policy has none). */
  async listPolicyTags(
    caller: CallerContext,
    input: AccountScoped & PageInput & { policyArn: string },
  ): Promise<Page<PolicyTag>> {
    const accountId = await this.authorize(caller, input, 'iam:ListPolicyTags');
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const found = await this.deps.tenantTx.run(accountId, (tx) =>
      this.find(tx, accountId, input.policyArn),
    );
    const tags = found.kind === 'aws' ? [] : found.policy.tags;
    const sorted = [...tags].sort((a, b) => (a.key.toLowerCase() < b.key.toLowerCase() ? -1 : 1));
    return toPage(
      sorted.filter((t) => after === null || t.key.toLowerCase() > after),
      limit,
      (t) => t.key.toLowerCase(),
      VERSIONED_MARKER,
    );
  }
}

function checkVersionId(versionId: string): string {
  if (!VERSION_ID_PATTERN.test(versionId)) {
    throw new InvalidInputError(
      `\`${versionId}\` is not a policy version id (\`v1\`, \`v2\`, ...)`,
      {
        versionId,
      },
    );
  }
  return versionId;
}
