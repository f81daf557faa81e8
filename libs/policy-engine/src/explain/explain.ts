import type { CompiledPolicySet } from '../compile/compiled-policy-set.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { AuthorizationRequest } from '../model/authorization-request.js';
import type { EvaluationResult } from '../model/decision.js';
import { RecordingTracer, type Explanation } from './explanation.js';

/** Evaluates with a recording tracer and returns the decision plus its explanation tree. */
export function explain(
  set: CompiledPolicySet,
  request: AuthorizationRequest,
): { result: EvaluationResult; explanation: Explanation } {
  const tracer = new RecordingTracer();
  const result = evaluate(set, request, tracer);
  return { result, explanation: tracer.build(result.decision, result.determiningStatements) };
}
