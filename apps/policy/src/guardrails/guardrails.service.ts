import type { AccountId, CallerContext } from '@iam/common';
import {
  AccessDeniedError,
  InvalidInputError,
  LimitExceededError,
  NoSuchEntityError,
} from '@iam/common';
import { targetAccount } from '@iam/authorization';
import { policyServiceEvent } from '@iam/event-contracts';
import type { AccountScoped, PolicyStoreDeps } from '../managed-policies/store.js';
import {
  checkPolicyDocument,
  commitChange,
  eventMeta,
  lockQuota,
} from '../managed-policies/store.js';
import type { GuardrailRepository, StoredGuardrail } from './guardrail.repository.js';

// Guardrails have the semantics of AWS Organizations service control policies, attached to one account:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html: an SCP has at most 5,120
// characters (white space counts) and at most 5 SCPs may be attached to an account; a policy name is 1 to 128
// characters (API_CreatePolicy.html). Names here follow IAM's name grammar (letters, digits, `+=,.@_-`), so that
// they fit the guardrail's ARN.

/** At most 5 guardrails per account (AWS: 5 SCPs attached to an account). */
export const MAX_GUARDRAILS_PER_ACCOUNT = 5;
const NAME = /^[\w+=,.@-]{1,128}$/;

/** The suite's actions on guardrails (documented in the action catalogue). */
export const GUARDRAIL_ACTIONS = {
  put: 'iam:PutAccountGuardrail',
  get: 'iam:GetAccountGuardrail',
  list: 'iam:ListAccountGuardrails',
  delete: 'iam:DeleteAccountGuardrail',
} as const;

/** The ARN of a guardrail: `arn:<partition>:iam::<account>:guardrail/<name>` (a resource type of this suite). */
export function guardrailArn(partition: string, accountId: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:guardrail/${name}`;
}

function checkGuardrailName(name: string): string {
  if (!NAME.test(name)) {
    throw new InvalidInputError(
      `guardrail name \`${name}\` must be 1 to 128 letters, digits and characters from \`+=,.@_-\``,
      { guardrailName: name },
    );
  }
  return name;
}

/** Account guardrails: set and removed by the platform administrator, readable by authorized tenants. */
export class GuardrailsService {
  constructor(
    private readonly deps: PolicyStoreDeps,
    private readonly guardrails: GuardrailRepository,
  ) {}

  /** Writes are the platform administrator's alone (tenants are refused before any decision or read). */
  private async authorizeWrite(
    caller: CallerContext,
    input: AccountScoped & { guardrailName: string },
    action: string,
  ): Promise<AccountId> {
    const accountId = targetAccount(caller, input.accountId, action);
    const arn = guardrailArn(this.deps.partition, accountId, input.guardrailName);
    if (caller.principalType !== 'platform-admin') throw new AccessDeniedError(action, arn);
    await this.deps.authorizer.require(caller, action, arn, accountId);
    return accountId;
  }

  /** Creates or replaces a guardrail (kind `guardrail`: Allow lists and Deny statements; 5,120 characters). */
  async putAccountGuardrail(
    caller: CallerContext,
    input: AccountScoped & { guardrailName: string; policyDocument: string },
  ): Promise<{ value: StoredGuardrail; revisionToken: string }> {
    const accountId = await this.authorizeWrite(caller, input, GUARDRAIL_ACTIONS.put);
    const name = checkGuardrailName(input.guardrailName);
    const document = checkPolicyDocument(input.policyDocument, 'guardrail');
    return this.deps.tenantTx.run(accountId, async (tx) => {
      await lockQuota(tx, `guardrails:${accountId}`);
      const existing = await this.guardrails.list(tx, accountId);
      const current = existing.find((g) => g.name === name);
      if (current === undefined && existing.length >= MAX_GUARDRAILS_PER_ACCOUNT) {
        throw new LimitExceededError(
          `an account may have at most ${MAX_GUARDRAILS_PER_ACCOUNT} guardrails`,
          { limit: MAX_GUARDRAILS_PER_ACCOUNT },
        );
      }
      const now = this.deps.now();
      const guardrail: StoredGuardrail = {
        accountId,
        name,
        document,
        createdAt: current?.createdAt ?? now,
        updatedAt: now,
      };
      await this.guardrails.put(tx, guardrail);
      const revisionToken = await commitChange(this.deps, tx, accountId, (revision) =>
        policyServiceEvent(
          'guardrail.put.v1',
          'guardrail',
          `${accountId}/${name}`,
          eventMeta(caller, now),
          {
            accountId,
            revision,
            guardrailName: name,
            arn: guardrailArn(this.deps.partition, accountId, name),
            document,
            created: current === undefined,
          },
        ),
      );
      return { value: guardrail, revisionToken };
    });
  }

  /** Removes a guardrail (`NoSuchEntity` when the account has none of that name). */
  async deleteAccountGuardrail(
    caller: CallerContext,
    input: AccountScoped & { guardrailName: string },
  ): Promise<{ revisionToken: string }> {
    const accountId = await this.authorizeWrite(caller, input, GUARDRAIL_ACTIONS.delete);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const existing = await this.guardrails.list(tx, accountId);
      if (!existing.some((g) => g.name === input.guardrailName)) {
        throw new NoSuchEntityError('guardrail', input.guardrailName);
      }
      await this.guardrails.delete(tx, accountId, input.guardrailName);
      const now = this.deps.now();
      const revisionToken = await commitChange(this.deps, tx, accountId, (revision) =>
        policyServiceEvent(
          'guardrail.deleted.v1',
          'guardrail',
          `${accountId}/${input.guardrailName}`,
          eventMeta(caller, now),
          {
            accountId,
            revision,
            guardrailName: input.guardrailName,
            arn: guardrailArn(this.deps.partition, accountId, input.guardrailName),
          },
        ),
      );
      return { revisionToken };
    });
  }

  /** One guardrail (`iam:GetAccountGuardrail` on its ARN). */
  async getAccountGuardrail(
    caller: CallerContext,
    input: AccountScoped & { guardrailName: string },
  ): Promise<StoredGuardrail> {
    const accountId = targetAccount(caller, input.accountId, GUARDRAIL_ACTIONS.get);
    const arn = guardrailArn(this.deps.partition, accountId, input.guardrailName);
    await this.deps.authorizer.require(caller, GUARDRAIL_ACTIONS.get, arn, accountId);
    const found = await this.deps.tenantTx.run(accountId, async (tx) =>
      (await this.guardrails.list(tx, accountId)).find((g) => g.name === input.guardrailName),
    );
    if (found === undefined) throw new NoSuchEntityError('guardrail', input.guardrailName);
    return found;
  }

  /** Every guardrail of the account, in name order (at most 5: no paging). */
  async listAccountGuardrails(
    caller: CallerContext,
    input: AccountScoped,
  ): Promise<StoredGuardrail[]> {
    const accountId = targetAccount(caller, input.accountId, GUARDRAIL_ACTIONS.list);
    await this.deps.authorizer.require(
      caller,
      GUARDRAIL_ACTIONS.list,
      guardrailArn(this.deps.partition, accountId, '*'),
      accountId,
    );
    return this.deps.tenantTx.run(accountId, (tx) => this.guardrails.list(tx, accountId));
  }
}
