import type { Authorizer } from '@iam/authorization';
import type { AccountId, CallerContext, Clock, RevisionToken } from '@iam/common';
import { InvalidInputError, LimitExceededError, parseRevisionToken } from '@iam/common';
import { targetAccount } from '@iam/authorization';
import type { CompiledPolicySet, Decision } from '@iam/policy-engine';
import { compilePolicySet, evaluate, explain } from '@iam/policy-engine';
import type {
  EffectivePolicyService,
  PrincipalPolicies,
  PrincipalRef,
} from '../effective-policies/effective-policy.service.js';
import { principalRef } from '../effective-policies/effective-policy.service.js';
import { consistencyOf } from '../effective-policies/local-effective-policy-source.js';
import type { ContextEntry, StatementInfo } from './request-context.js';
import {
  addDerivedKeys,
  contextFromEntries,
  requestPolicy,
  statementsByRef,
} from './request-context.js';

/**
 * The action that lets a caller ask the decision API about another principal (on that principal's ARN); asking
 * about oneself needs nothing. Ours (AWS has no decision API): named like AWS's `iam:SimulatePrincipalPolicy`.
 */
export const AUTHORIZE_ACTION = 'iam:Authorize';

/** AWS: `authorizeBatch` answers at most this many requests. */
export const MAX_BATCH_REQUESTS = 100;
const MAX_ACTION_LENGTH = 128;
const MAX_RESOURCE_LENGTH = 2_048;

/** One question for the decision API. */
export interface AuthorizeInput {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: readonly ContextEntry[] | null;
  readonly resourcePolicy?: string | null;
  readonly explain?: boolean | null;
  readonly consistency?: { readonly atLeastAsFreshAs?: string | null } | null;
}

/** A statement that decided. */
export interface DeterminingStatement {
  readonly policyId: string;
  readonly policyType: string;
  readonly sid: string | null;
  readonly statementIndex: number;
  readonly effect: 'Allow' | 'Deny';
}

/** The answer. */
export interface AuthorizeResult {
  readonly decision: Decision;
  readonly determiningStatements: DeterminingStatement[];
  /** JSON text of the engine's explanation, when asked. */
  readonly explanation: string | null;
  /** The account revision the decision reflects (decimal). */
  readonly revision: string;
}

function info(refs: readonly string[], set: CompiledPolicySet): DeterminingStatement[] {
  const byRef = statementsByRef(set);
  return refs
    .map((ref) => byRef.get(ref))
    .filter((s): s is StatementInfo => s !== undefined)
    .map((s) => ({
      policyId: s.policyId,
      policyType: s.policyType,
      sid: s.sid,
      statementIndex: s.statementIndex,
      effect: s.effect,
    }));
}

/**
 * `authorize` and `authorizeBatch`: may this principal (an IAM user, a role or role session, the account root, in
 * the caller's account) perform this action on this resource? Decided by `@iam/policy-engine` on the principal's
 * effective policies (cached compiled sets); principal-derived context keys come from the service, never from the
 * caller.
 */
export class DecisionService {
  constructor(
    private readonly policies: EffectivePolicyService,
    private readonly authorizer: Authorizer,
    private readonly clock: Clock,
  ) {}

  /**
   * Resolves the asked principal and checks that the caller may ask: in its own account (another account's
   * principal is refused with `AccessDenied` before anything is read, whether it exists or not), and with
   * `iam:Authorize` on the principal's ARN unless it asks about itself.
   */
  async authorizeAsking(
    caller: CallerContext,
    principalArn: string,
    action: string,
    allowGroup = false,
  ): Promise<{ ref: PrincipalRef; accountId: AccountId; self: boolean }> {
    const ref = principalRef(principalArn, allowGroup);
    const accountId = targetAccount(caller, ref.accountId, action);
    const self = caller.principalArn === ref.arn;
    if (!self) await this.authorizer.require(caller, action, ref.arn, accountId);
    return { ref, accountId, self };
  }

  async authorize(caller: CallerContext, input: AuthorizeInput): Promise<AuthorizeResult> {
    const [result] = await this.decide(caller, [input]);
    return result!;
  }

  async authorizeBatch(
    caller: CallerContext,
    inputs: readonly AuthorizeInput[],
  ): Promise<AuthorizeResult[]> {
    if (inputs.length === 0)
      throw new InvalidInputError('`requests` must hold at least one request');
    if (inputs.length > MAX_BATCH_REQUESTS) {
      throw new LimitExceededError(
        `\`requests\` must hold at most ${MAX_BATCH_REQUESTS} requests`,
        {
          limit: MAX_BATCH_REQUESTS,
        },
      );
    }
    return this.decide(caller, inputs);
  }

  private async decide(
    caller: CallerContext,
    inputs: readonly AuthorizeInput[],
  ): Promise<AuthorizeResult[]> {
    // Checked up front, for every request, before any policy is read.
    const checked = [];
    for (const input of inputs) {
      if (input.action.length === 0 || input.action.length > MAX_ACTION_LENGTH) {
        throw new InvalidInputError(`\`action\` must be 1 to ${MAX_ACTION_LENGTH} characters`);
      }
      if (input.resource.length === 0 || input.resource.length > MAX_RESOURCE_LENGTH) {
        throw new InvalidInputError(`\`resource\` must be 1 to ${MAX_RESOURCE_LENGTH} characters`);
      }
      const context = contextFromEntries(input.context);
      const asking = await this.authorizeAsking(caller, input.principal, AUTHORIZE_ACTION);
      const raw = input.consistency?.atLeastAsFreshAs;
      const consistency: RevisionToken | null =
        raw !== undefined && raw !== null && raw !== ''
          ? parseRevisionToken(raw)
          : consistencyOf(caller);
      const resourcePolicy =
        input.resourcePolicy === undefined || input.resourcePolicy === null
          ? null
          : requestPolicy(input.resourcePolicy, 'resource', '`resourcePolicy`');
      checked.push({ input, context, asking, consistency, resourcePolicy });
    }
    // One load per distinct principal (and token) of the batch.
    const loads = new Map<string, Promise<PrincipalPolicies>>();
    const results: AuthorizeResult[] = [];
    for (const c of checked) {
      const key = `${c.asking.ref.arn}\n${c.input.consistency?.atLeastAsFreshAs ?? ''}`;
      let load = loads.get(key);
      if (load === undefined) {
        load = this.policies.policiesOf(c.asking.ref, {
          consistency: c.consistency,
          waitForPrincipal: c.asking.self,
        });
        loads.set(key, load);
      }
      const found = await load;
      const set =
        c.resourcePolicy === null
          ? found.compiled
          : compilePolicySet({
              ...found.input,
              resourcePolicy: { id: 'resource-policy', document: c.resourcePolicy },
            });
      const request = {
        principal: c.asking.ref.arn,
        action: c.input.action,
        resource: c.input.resource,
        context: addDerivedKeys(c.context, c.asking.ref, found, this.clock.now(), caller),
      };
      if (c.input.explain === true) {
        const { result, explanation } = explain(set, request);
        results.push({
          decision: result.decision,
          determiningStatements: info(result.determiningStatements, set),
          explanation: JSON.stringify(explanation),
          revision: found.effective.revision,
        });
      } else {
        const result = evaluate(set, request);
        results.push({
          decision: result.decision,
          determiningStatements: info(result.determiningStatements, set),
          explanation: null,
          revision: found.effective.revision,
        });
      }
    }
    return results;
  }
}
