import type { Authorizer } from '@iam/authorization';
import type { CallerContext, Clock } from '@iam/common';
import { InvalidInputError, parseIamArn } from '@iam/common';
import type {
  AuthorizationRequest,
  CompiledPolicySet,
  ContextValue,
  Explanation,
  PolicyInput,
  PolicySetInput,
} from '@iam/policy-engine';
import { compilePolicySet, explain, parsePolicyDocument } from '@iam/policy-engine';
import type { EffectivePolicyService } from '../effective-policies/effective-policy.service.js';
import type { DecisionService } from '../decisions/decision.service.js';
import type { ContextEntry } from '../decisions/request-context.js';
import {
  addDerivedKeys,
  contextFromEntries,
  requestPolicy,
  statementsByRef,
} from '../decisions/request-context.js';

/** AWS actions that authorize the simulations. */
export const SIMULATE_PRINCIPAL_POLICY_ACTION = 'iam:SimulatePrincipalPolicy';
export const SIMULATE_CUSTOM_POLICY_ACTION = 'iam:SimulateCustomPolicy';

/** AWS: MaxItems is 1 to 1000 (default 100). */
const MAX_ITEMS = 1_000;
const DEFAULT_MAX_ITEMS = 100;
/** Bounds of one simulation (actions × resources). */
const MAX_ACTIONS = 100;
const MAX_RESOURCES = 100;
const MAX_INPUT_POLICIES = 10;

/** A position in a policy document (1-based line and column), as AWS's `Position`. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** AWS `Statement` of `MatchedStatements`. */
export interface MatchedStatement {
  readonly sourcePolicyId: string;
  /** AWS `PolicySourceType`: user, group, role, aws-managed, user-managed, resource, none (guardrail, boundary). */
  readonly sourcePolicyType: string;
  readonly startPosition: Position | null;
  readonly endPosition: Position | null;
}

/** AWS `EvaluationResult`. */
export interface EvaluationResult {
  readonly evalActionName: string;
  readonly evalResourceName: string;
  readonly evalDecision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  readonly matchedStatements: MatchedStatement[];
  readonly missingContextValues: string[];
  readonly permissionsBoundaryDecisionDetail: {
    readonly allowedByPermissionsBoundary: boolean;
  } | null;
  readonly organizationsDecisionDetail: { readonly allowedByOrganizations: boolean } | null;
}

/** AWS `SimulatePolicyResponse`. */
export interface SimulationPage {
  readonly evaluationResults: EvaluationResult[];
  readonly isTruncated: boolean;
  readonly marker: string | null;
}

interface CommonInput {
  readonly actionNames: readonly string[];
  readonly resourceArns?: readonly string[] | null;
  readonly contextEntries?: readonly ContextEntry[] | null;
  readonly permissionsBoundaryPolicyInputList?: readonly string[] | null;
  readonly resourcePolicy?: string | null;
  readonly callerArn?: string | null;
  readonly maxItems?: number | null;
  readonly marker?: string | null;
}

/** `SimulatePrincipalPolicy` input. */
export interface SimulatePrincipalPolicyInput extends CommonInput {
  readonly policySourceArn: string;
  readonly policyInputList?: readonly string[] | null;
}

/** `SimulateCustomPolicy` input. */
export interface SimulateCustomPolicyInput extends CommonInput {
  readonly policyInputList: readonly string[];
}

function lineColumn(text: string, offset: number): Position {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Start and end of every statement of a document, by pointer. */
function statementPositions(text: string): Map<string, { start: Position; end: Position }> {
  const map = new Map<string, { start: Position; end: Position }>();
  const parsed = parsePolicyDocument(text);
  if (!parsed.ok) return map;
  for (const s of parsed.document.statements) {
    map.set(s.pointer, {
      start: { line: s.position.line, column: s.position.column },
      end: lineColumn(text, s.node.endOffset),
    });
  }
  return map;
}

function sourceType(policyId: string, policyType: string): string {
  if (policyType === 'resource') return 'resource';
  if (policyType !== 'identity') return 'none';
  if (policyId.startsWith('arn:aws:iam::aws:policy/')) return 'aws-managed';
  const inline = /^arn:[^:]+:iam::\d{12}:(user|group|role)\/.*#inline\//.exec(policyId);
  if (inline) return inline[1]!;
  if (policyId.startsWith('PolicyInputList.')) return 'user';
  return 'user-managed';
}

/** Whether the policies of one type allow (an Allow matched and no Deny matched). */
function allowedBy(explanation: Explanation, type: string): boolean | null {
  const policies = explanation.policies.filter((p) => p.type === type);
  if (policies.length === 0) return null;
  const matched = policies.flatMap((p) => p.statements.filter((s) => s.outcome === 'matched'));
  return matched.some((s) => s.effect === 'Allow') && !matched.some((s) => s.effect === 'Deny');
}

function readMarker(marker: string | null | undefined, total: number): number {
  if (marker === undefined || marker === null) return 0;
  const match = /^s1\.(\d{1,7})$/.exec(marker);
  const offset = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(offset) || offset <= 0 || offset >= total) {
    throw new InvalidInputError('`marker` is not a marker of this simulation');
  }
  return offset;
}

/**
 * AWS's policy simulator (`SimulatePrincipalPolicy`, `SimulateCustomPolicy`), decided by the same engine and the
 * same assembled policies as `authorize`. Unlike `authorize`, context entries may set any key, principal keys
 * included (a simulation is a what-if that decides nothing, as in AWS); the service's derived keys are the default.
 */
export class SimulationService {
  constructor(
    private readonly policies: EffectivePolicyService,
    private readonly decisions: DecisionService,
    private readonly authorizer: Authorizer,
    private readonly clock: Clock,
  ) {}

  async simulatePrincipalPolicy(
    caller: CallerContext,
    input: SimulatePrincipalPolicyInput,
  ): Promise<SimulationPage> {
    const { ref, self } = await this.decisions.authorizeAsking(
      caller,
      input.policySourceArn,
      SIMULATE_PRINCIPAL_POLICY_ACTION,
      true,
    );
    // AWS: simulating needs the permission even for oneself.
    if (self) {
      await this.authorizer.require(
        caller,
        SIMULATE_PRINCIPAL_POLICY_ACTION,
        ref.arn,
        ref.accountId,
      );
    }
    this.checkShape(input);
    const found = await this.policies.policiesOf(ref);
    const texts = new Map<string, string>();
    for (const doc of [
      ...found.effective.identityPolicies,
      ...found.effective.guardrails,
      ...(found.effective.permissionsBoundary ? [found.effective.permissionsBoundary] : []),
    ]) {
      texts.set(doc.id, doc.document);
    }
    const extra = this.inputPolicies(input.policyInputList ?? [], 'PolicyInputList', texts);
    const boundary = this.boundaryInput(input, texts);
    const setInput: PolicySetInput = {
      ...found.input,
      identityPolicies: [...found.input.identityPolicies, ...extra],
      permissionsBoundary: boundary ?? found.input.permissionsBoundary ?? null,
      resourcePolicy: this.resourcePolicyInput(input, texts),
    };
    const principal = this.principalFor(input.callerArn, ref.arn, ref.accountId);
    const base = addDerivedKeys({}, ref, found, this.clock.now(), caller);
    return this.run(compilePolicySet(setInput), principal, base, input, texts);
  }

  async simulateCustomPolicy(
    caller: CallerContext,
    input: SimulateCustomPolicyInput,
  ): Promise<SimulationPage> {
    await this.authorizer.require(
      caller,
      SIMULATE_CUSTOM_POLICY_ACTION,
      '*',
      caller.accountId ?? undefined,
    );
    this.checkShape(input);
    if (input.policyInputList.length === 0) {
      throw new InvalidInputError('`policyInputList` must hold at least one policy');
    }
    const texts = new Map<string, string>();
    const setInput: PolicySetInput = {
      identityPolicies: this.inputPolicies(input.policyInputList, 'PolicyInputList', texts),
      permissionsBoundary: this.boundaryInput(input, texts),
      resourcePolicy: this.resourcePolicyInput(input, texts),
    };
    const principal = input.callerArn ?? caller.principalArn;
    const now = this.clock.now();
    const base: Record<string, ContextValue> = {
      'aws:CurrentTime': now.toISOString(),
      'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    };
    return this.run(compilePolicySet(setInput), principal, base, input, texts);
  }

  private checkShape(input: CommonInput): void {
    if (input.actionNames.length === 0 || input.actionNames.length > MAX_ACTIONS) {
      throw new InvalidInputError(`\`actionNames\` must hold 1 to ${MAX_ACTIONS} actions`);
    }
    if ((input.resourceArns?.length ?? 0) > MAX_RESOURCES) {
      throw new InvalidInputError(`\`resourceArns\` must hold at most ${MAX_RESOURCES} resources`);
    }
    const maxItems = input.maxItems ?? DEFAULT_MAX_ITEMS;
    if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_ITEMS) {
      throw new InvalidInputError(`\`maxItems\` must be 1 to ${MAX_ITEMS}`);
    }
    for (const value of [...input.actionNames, ...(input.resourceArns ?? [])]) {
      if (value.length === 0 || value.length > 2_048) {
        throw new InvalidInputError('action names and resource ARNs must be 1 to 2048 characters');
      }
    }
  }

  private inputPolicies(
    list: readonly string[],
    name: string,
    texts: Map<string, string>,
  ): PolicyInput[] {
    if (list.length > MAX_INPUT_POLICIES) {
      throw new InvalidInputError(`\`${name}\` must hold at most ${MAX_INPUT_POLICIES} policies`);
    }
    return list.map((text, i) => {
      const id = `${name}.${i + 1}`;
      texts.set(id, text);
      return { id, document: requestPolicy(text, 'managed', `\`${id}\``) };
    });
  }

  private boundaryInput(input: CommonInput, texts: Map<string, string>): PolicyInput | null {
    const list = input.permissionsBoundaryPolicyInputList ?? [];
    if (list.length > 1) {
      throw new InvalidInputError('`permissionsBoundaryPolicyInputList` takes one policy');
    }
    return this.inputPolicies(list, 'PermissionsBoundaryPolicyInputList', texts)[0] ?? null;
  }

  private resourcePolicyInput(input: CommonInput, texts: Map<string, string>): PolicyInput | null {
    if (input.resourcePolicy === undefined || input.resourcePolicy === null) return null;
    texts.set('ResourcePolicy', input.resourcePolicy);
    return {
      id: 'ResourcePolicy',
      document: requestPolicy(input.resourcePolicy, 'resource', '`resourcePolicy`'),
    };
  }

  private principalFor(
    callerArn: string | null | undefined,
    fallback: string,
    accountId: string,
  ): string {
    if (callerArn === undefined || callerArn === null) return fallback;
    const parsed = parseIamArn(callerArn);
    if (parsed?.type !== 'user' || parsed.accountId !== accountId) {
      throw new InvalidInputError('`callerArn` must be an IAM user of the simulated account');
    }
    return callerArn;
  }

  private run(
    set: CompiledPolicySet,
    principal: string,
    base: Record<string, ContextValue>,
    input: CommonInput,
    texts: Map<string, string>,
  ): SimulationPage {
    const entries = contextFromEntries(input.contextEntries, true);
    const context = { ...base, ...entries };
    const present = new Set(Object.keys(context).map((k) => k.toLowerCase()));
    const resources =
      input.resourceArns && input.resourceArns.length > 0 ? input.resourceArns : ['*'];
    const pairs = input.actionNames.flatMap((action) =>
      resources.map((resource) => ({ action, resource })),
    );
    const start = readMarker(input.marker, pairs.length);
    const maxItems = input.maxItems ?? DEFAULT_MAX_ITEMS;
    const page = pairs.slice(start, start + maxItems);
    const byRef = statementsByRef(set);
    const positions = new Map<string, Map<string, { start: Position; end: Position }>>();
    const positionsOf = (id: string) => {
      let map = positions.get(id);
      if (map === undefined) positions.set(id, (map = statementPositions(texts.get(id) ?? '')));
      return map;
    };
    const evaluationResults = page.map(({ action, resource }): EvaluationResult => {
      const request: AuthorizationRequest = { principal, action, resource, context };
      const { result, explanation } = explain(set, request);
      const matchedStatements = result.determiningStatements.flatMap((ref) => {
        const s = byRef.get(ref);
        if (s === undefined) return [];
        const at = positionsOf(s.policyId).get(s.pointer);
        return [
          {
            sourcePolicyId: s.policyId,
            sourcePolicyType: sourceType(s.policyId, s.policyType),
            startPosition: at?.start ?? null,
            endPosition: at?.end ?? null,
          },
        ];
      });
      const missing = new Set<string>();
      for (const p of explanation.policies) {
        for (const s of p.statements) {
          for (const c of s.conditions) {
            if (!present.has(c.key.toLowerCase())) missing.add(c.key);
          }
        }
      }
      const boundary = allowedBy(explanation, 'boundary');
      const guardrails = allowedBy(explanation, 'guardrail');
      return {
        evalActionName: action,
        evalResourceName: resource,
        evalDecision:
          result.decision === 'Allow'
            ? 'allowed'
            : result.decision === 'ExplicitDeny'
              ? 'explicitDeny'
              : 'implicitDeny',
        matchedStatements,
        missingContextValues: [...missing].sort(),
        permissionsBoundaryDecisionDetail:
          boundary === null ? null : { allowedByPermissionsBoundary: boundary },
        organizationsDecisionDetail:
          guardrails === null ? null : { allowedByOrganizations: guardrails },
      };
    });
    const next = start + page.length;
    return {
      evaluationResults,
      isTruncated: next < pairs.length,
      marker: next < pairs.length ? `s1.${next}` : null,
    };
  }
}
