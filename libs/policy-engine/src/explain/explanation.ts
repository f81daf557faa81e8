import type {
  CompiledCondition,
  CompiledPolicy,
  CompiledStatement,
} from '../compile/compiled-policy-set.js';
import type { CompileIssue } from '../model/compile-issue.js';
import type { Decision, StatementRef } from '../model/decision.js';
import type { PolicyType } from '../model/policy-input.js';
import type {
  PrincipalMatch,
  RequestSummary,
  StatementOutcome,
  StatementReason,
  Tracer,
} from './tracer.js';

/** One condition (operator, key) and its result. */
export interface ConditionExplanation {
  readonly pointer: string;
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  readonly result: boolean;
}

/** One statement and what happened to it. */
export interface StatementExplanation {
  readonly ref: StatementRef;
  readonly sid: string | null;
  readonly index: number;
  readonly effect: 'Allow' | 'Deny';
  readonly outcome: StatementOutcome;
  readonly reason: StatementReason;
  readonly principalMatch: PrincipalMatch;
  readonly conditions: readonly ConditionExplanation[];
  readonly issues: readonly CompileIssue[];
}

/** One policy of the set. */
export interface PolicyExplanation {
  readonly id: string;
  readonly type: PolicyType;
  readonly applicable: boolean;
  /** Why the policy does not apply (e.g. a session policy for a caller that is not a session). */
  readonly reason: string | null;
  readonly issues: readonly CompileIssue[];
  readonly statements: readonly StatementExplanation[];
}

/** A decision step and the AWS rule behind it. */
export interface DecisionStep {
  readonly step: string;
  readonly detail: string;
}

/** Deterministic, JSON-serialisable account of one evaluation. */
export interface Explanation {
  readonly decision: Decision;
  readonly determiningStatements: readonly StatementRef[];
  readonly request: RequestSummary;
  readonly policies: readonly PolicyExplanation[];
  readonly steps: readonly DecisionStep[];
}

interface MutablePolicy {
  id: string;
  type: PolicyType;
  applicable: boolean;
  reason: string | null;
  issues: CompileIssue[];
  statements: (Omit<StatementExplanation, 'conditions'> & { conditions: ConditionExplanation[] })[];
}

/** A tracer that records everything into an {@link Explanation}. */
export class RecordingTracer implements Tracer {
  readonly enabled = true;
  private summary: RequestSummary | null = null;
  private readonly policies: MutablePolicy[] = [];
  private readonly steps: DecisionStep[] = [];
  private readonly pending = new Map<CompiledStatement, ConditionExplanation[]>();

  request(summary: RequestSummary): void {
    this.summary = summary;
  }

  policy(policy: CompiledPolicy, applicable: boolean, reason: string | null): void {
    this.policies.push({
      id: policy.id,
      type: policy.type,
      applicable,
      reason,
      issues: policy.issues.map((i) => ({ ...i })),
      statements: [],
    });
  }

  condition(statement: CompiledStatement, condition: CompiledCondition, result: boolean): void {
    let list = this.pending.get(statement);
    if (list === undefined) this.pending.set(statement, (list = []));
    list.push({
      pointer: condition.pointer,
      operator: condition.operator,
      key: condition.key,
      values: [...condition.values],
      result,
    });
  }

  statement(
    statement: CompiledStatement,
    outcome: StatementOutcome,
    reason: StatementReason,
    principalMatch: PrincipalMatch,
  ): void {
    const current = this.policies[this.policies.length - 1];
    const conditions = this.pending.get(statement) ?? [];
    this.pending.delete(statement);
    current?.statements.push({
      ref: statement.ref,
      sid: statement.sid,
      index: statement.index,
      effect: statement.effect,
      outcome,
      reason,
      principalMatch,
      conditions,
      issues: statement.issues.map((i) => ({ ...i })),
    });
  }

  step(step: string, detail: string): void {
    this.steps.push({ step, detail });
  }

  /** Builds the explanation once evaluation is done. */
  build(decision: Decision, determiningStatements: readonly StatementRef[]): Explanation {
    if (this.summary === null) throw new Error('RecordingTracer.build called before evaluation');
    return {
      decision,
      determiningStatements: [...determiningStatements],
      request: this.summary,
      policies: this.policies,
      steps: this.steps,
    };
  }
}
