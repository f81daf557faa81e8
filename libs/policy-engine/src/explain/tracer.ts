import type {
  CompiledCondition,
  CompiledPolicy,
  CompiledStatement,
} from '../compile/compiled-policy-set.js';
import type { PrincipalKind } from '../compile/principal.js';

/** What happened to one statement during evaluation. */
export type StatementOutcome = 'matched' | 'not-matched' | 'not-applicable';

/**
 * Why: for `matched`, `matched`; for `not-matched`, the first element that failed (`action`, `resource`,
 * `principal`, `condition`); for `not-applicable`, `compile-error` or `policy-not-applicable`.
 */
export type StatementReason =
  | 'matched'
  | 'action'
  | 'resource'
  | 'principal'
  | 'condition'
  | 'compile-error'
  | 'policy-not-applicable';

/** How a resource-policy Principal matched the caller (null outside resource policies). */
export type PrincipalMatch = 'direct' | 'role' | 'account' | null;

/** Facts about the request that the evaluation derived once. */
export interface RequestSummary {
  readonly principal: string;
  readonly principalType: PrincipalKind;
  readonly principalAccount: string | null;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string | null;
  readonly crossAccount: boolean;
}

/**
 * Receives the evaluation as it happens. Implementations must not throw. With `enabled: false` the evaluator
 * never calls the tracer and builds no strings for it: tracing off costs one boolean test per policy.
 */
export interface Tracer {
  readonly enabled: boolean;
  request(summary: RequestSummary): void;
  policy(policy: CompiledPolicy, applicable: boolean, reason: string | null): void;
  statement(
    statement: CompiledStatement,
    outcome: StatementOutcome,
    reason: StatementReason,
    principalMatch: PrincipalMatch,
  ): void;
  condition(statement: CompiledStatement, condition: CompiledCondition, result: boolean): void;
  /** One step of the decision logic, with the AWS rule that applied. */
  step(step: string, detail: string): void;
}

/** The default tracer: disabled, does nothing. */
export const NO_OP_TRACER: Tracer = Object.freeze({
  enabled: false,
  request() {},
  policy() {},
  statement() {},
  condition() {},
  step() {},
});
