/**
 * `@iam/policy-engine`: evaluates AWS IAM JSON policy documents with AWS's documented semantics.
 * Pipeline: parse → validate → compile → evaluate → explain. Pure: no I/O, no clock, no randomness.
 * @packageDocumentation
 */

/** Compiles the policies of one principal/resource pair once; evaluate it many times. Never throws. */
export { compilePolicySet } from './compile/compile-policy-set.js';
/** The compiled, immutable form of a policy set, and its parts (for explanations and tooling). */
export type {
  CompiledCondition,
  CompiledPolicy,
  CompiledPolicySet,
  CompiledStatement,
} from './compile/compiled-policy-set.js';
/** The kind of caller a principal ARN denotes (`user`, `role`, `assumed-role`, `federated-user`, `root`, …). */
export type { PrincipalKind } from './compile/principal.js';
/** Evaluates a request: explicit deny > allow > implicit deny, with AWS's rules for every policy type. */
export { evaluate } from './evaluate/evaluate.js';
/** Evaluates and returns a deterministic, JSON-serialisable explanation tree. */
export { explain } from './explain/explain.js';
/** Tracer interface and the zero-cost default. */
export {
  NO_OP_TRACER,
  type PrincipalMatch,
  type RequestSummary,
  type StatementOutcome,
  type StatementReason,
  type Tracer,
} from './explain/tracer.js';
/** The tracer behind {@link explain}, and the explanation types. */
export {
  RecordingTracer,
  type ConditionExplanation,
  type DecisionStep,
  type Explanation,
  type PolicyExplanation,
  type StatementExplanation,
} from './explain/explanation.js';
/** A request: principal ARN, action, resource ARN and the complete request context. */
export type { AuthorizationRequest, ContextValue } from './model/authorization-request.js';
/** Decision, result, and statement references (`<policyId>#<Sid or index>`). */
export type { Decision, EvaluationResult, StatementRef } from './model/decision.js';
/** The input of {@link compilePolicySet}. */
export type { PolicyInput, PolicySetInput, PolicyType } from './model/policy-input.js';
/** A compile problem: the statement or policy it concerns never applies. */
export type { CompileIssue } from './model/compile-issue.js';
/** The CLI / corpus case format and its mapping to library inputs (shared by the CLI and the corpus tests). */
export {
  caseToEvaluationInput,
  casesFromJson,
  InvalidCaseError,
  type EvaluationCase,
  type EvaluationInput,
} from './cli/case-format.js';
/** Parses policy JSON text with positions for every JSON pointer; never throws on user input. */
export { parsePolicyDocument, type ParsePolicyDocumentResult } from './parse/index.js';
/** Validates a policy document for a policy kind and returns every issue. */
export {
  POLICY_KINDS,
  POLICY_SIZE_LIMITS,
  validatePolicyDocument,
  type PolicyKind,
  type ValidatePolicyDocumentOptions,
} from './validate/index.js';
/**
 * The action catalogue (as AWS's Service Authorization Reference): every action this suite serves with its access
 * level, resource types (ARN patterns) and condition keys, lookups, and product services registered beside it.
 */
export * from './catalogue/index.js';
/** An issue found by the parse or validate stage. */
export type { PolicyIssue, PolicyIssueSeverity } from './model/policy-issue.js';
/** The size of a policy document as AWS counts it against its quotas (white space left out unless asked). */
export { measurePolicySize } from './grammar/policy-size.js';
