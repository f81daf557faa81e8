import type { CompileIssue } from '../model/compile-issue.js';
import type { PolicyType } from '../model/policy-input.js';
import type { ValueTest } from '../evaluate/conditions/value-test.js';
import type { StaticMatcher } from './matchers/static-matcher.js';
import type { PrincipalSpec } from './principal.js';
import type { Template } from './variables.js';

/** Set operator qualifier of a condition. */
export const SET_NONE = 0;
export const SET_FOR_ALL_VALUES = 1;
export const SET_FOR_ANY_VALUE = 2;

/** One (operator, key) pair of a Condition block, values parsed once. */
export interface CompiledCondition {
  readonly pointer: string;
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  readonly key: string;
  readonly keyLower: string;
  readonly values: readonly string[];
  readonly negated: boolean;
  readonly ifExists: boolean;
  readonly set: number;
  /** `Null` operator: null (not a Null condition) or the accepted answers to "is the key absent?". */
  readonly nullCheck: { readonly whenAbsent: boolean; readonly whenPresent: boolean } | null;
  /** Relative evaluation cost, used to order the hot path. */
  readonly cost: number;
  /** Positive test of one request value against every policy value (OR). */
  readonly test: ValueTest;
}

/** A Resource/NotResource entry: compiled once, or a template when it holds policy variables. */
export type ResourcePattern =
  | { readonly template: null; readonly matcher: StaticMatcher }
  | { readonly template: Template; readonly matcher: null };

/** A statement ready to evaluate. `valid === false`: it never applies and `issues` says why. */
export interface CompiledStatement {
  readonly policyId: string;
  readonly ref: string;
  readonly sid: string | null;
  readonly index: number;
  readonly pointer: string;
  readonly effect: 'Allow' | 'Deny';
  readonly valid: boolean;
  readonly issues: readonly CompileIssue[];
  readonly notAction: boolean;
  /** Lower-cased action patterns. */
  readonly actions: readonly StaticMatcher[];
  /** null: no Resource element where none is needed (role trust policies); matches any resource. */
  readonly resources: readonly ResourcePattern[] | null;
  readonly notResource: boolean;
  /** 0: no principal element; 1: Principal; 2: NotPrincipal. */
  readonly principalMode: number;
  readonly principal: PrincipalSpec | null;
  readonly conditions: readonly CompiledCondition[];
  /** The same conditions, cheapest first: the hot path stops at the first false one (AND). */
  readonly conditionsByCost: readonly CompiledCondition[];
  /**
   * Every condition is cheap (Null, Bool, String, Numeric without variables) and at least one Resource pattern
   * is not: the untraced evaluator tests the conditions before the resources (the result is the same, both must
   * hold; a principal tag that differs rejects the statement without walking an ARN pattern).
   */
  readonly conditionsFirst: boolean;
  /** Lower-cased service prefixes this statement can match; null: any service (wildcard service, NotAction). */
  readonly services: readonly string[] | null;
}

/** One compiled policy document. */
export interface CompiledPolicy {
  readonly id: string;
  readonly type: PolicyType;
  readonly version: string | null;
  /** Problems with the document as a whole (not an object, bad Version, no Statement). */
  readonly issues: readonly CompileIssue[];
  readonly statements: readonly CompiledStatement[];
  /** Valid statements by lower-cased service prefix, each list in statement order (includes `anyService`). */
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  /** Valid statements that can match any service, in statement order. */
  readonly anyService: readonly CompiledStatement[];
}

/**
 * For one (lower-cased) action: the valid statements of each policy type whose Action/NotAction element matches
 * it, flattened in evaluation order. Evaluation then checks only Resource, Principal and Condition.
 */
export interface ActionPlan {
  /** The request action, lower-cased (action matching is case-insensitive). */
  readonly action: string;
  /** Its lower-cased service prefix. */
  readonly service: string;
  readonly guardrails: readonly CompiledStatement[];
  readonly resource: readonly CompiledStatement[];
  readonly identity: readonly CompiledStatement[];
  readonly boundary: readonly CompiledStatement[];
  readonly session: readonly CompiledStatement[];
}

/** A policy set compiled once and evaluated many times. Immutable; safe to share and cache. */
export interface CompiledPolicySet {
  readonly guardrails: readonly CompiledPolicy[];
  readonly resourcePolicy: CompiledPolicy | null;
  readonly identityPolicies: readonly CompiledPolicy[];
  readonly permissionsBoundary: CompiledPolicy | null;
  readonly sessionPolicy: CompiledPolicy | null;
  readonly resourceAccount: string | null;
  /**
   * Internal: per-action statement lists keyed by the request's action as written, filled lazily by the
   * evaluator (see `action-plan.ts`). A pure index of this set; it never changes a result.
   */
  readonly actionPlans: Map<string, ActionPlan>;
  /** Every compile issue, by policy id, for reporting. */
  readonly issues: readonly (CompileIssue & { readonly policyId: string })[];
}
