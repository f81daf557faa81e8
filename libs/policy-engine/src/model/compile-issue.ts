/** A problem found while compiling a policy: the statement (or policy) it concerns never applies. */
export interface CompileIssue {
  /** Same vocabulary as the validator's issue codes, e.g. `MISSING_EFFECT`, `INVALID_CONDITION_OPERATOR`. */
  readonly code: string;
  /** RFC 6901 pointer into the policy document, e.g. `/Statement/1/Condition/NumericLessThan/aws:x`. */
  readonly pointer: string;
  /** lowercase, no final period, user input in backticks */
  readonly message: string;
}
