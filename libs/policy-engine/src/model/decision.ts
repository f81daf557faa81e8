/** The three outcomes of AWS policy evaluation. */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** `<policyId>#<Sid, or 0-based statement index when the statement has no Sid>`. */
export type StatementRef = string;

/** Result of one authorization decision. */
export interface EvaluationResult {
  readonly decision: Decision;
  /**
   * ExplicitDeny: every matching Deny statement; Allow: every matching Allow statement; ImplicitDeny: empty.
   * Order: guardrails, resource policy, identity policies (given order), permissions boundary, session policy.
   */
  readonly determiningStatements: readonly StatementRef[];
}
