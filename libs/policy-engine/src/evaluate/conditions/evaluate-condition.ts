import {
  SET_FOR_ALL_VALUES,
  SET_FOR_ANY_VALUE,
  SET_NONE,
  type CompiledCondition,
} from '../../compile/compiled-policy-set.js';
import type { RequestContextView } from '../request-context.js';

/**
 * Evaluates one (operator, key) condition against the request context.
 *
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * "If the key that you specify in a policy condition is not present in the request context, the values do not
 * match and the condition is false. If the policy condition requires that the key is not matched, such as
 * StringNotLike or ArnNotLike, and the right key is not present, the condition is true. This logic applies to
 * all condition operators except ...IfExists and Null check."
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 * "If the key values in the request resolve to an empty data set (for example, an empty string), a condition
 * operator modified by ForAllValues returns true, and a condition operator modified by ForAnyValue returns false."
 * Several values for a key = OR; for negated operators = NOR.
 */
export function evaluateCondition(c: CompiledCondition, ctx: RequestContextView): boolean {
  const raw = ctx.get(c.key, c.keyLower);
  const absent = raw === undefined || (typeof raw !== 'string' && raw.length === 0);
  if (c.nullCheck !== null) {
    // AWS: #Conditions_Null "true: the key doesn't exist, it is null. false: the key exists and its value is not null."
    return absent ? c.nullCheck.whenAbsent : c.nullCheck.whenPresent;
  }
  if (absent || (c.set !== SET_NONE && raw === '')) {
    if (c.set === SET_FOR_ALL_VALUES) return true;
    // AWS: #Conditions_IfExists "If the key is not present, evaluate the condition element as true."
    if (c.ifExists) return true;
    if (c.set === SET_FOR_ANY_VALUE) return false;
    return c.negated;
  }
  const test = c.test;
  if (typeof raw === 'string') {
    const m = test(raw, ctx);
    return c.negated ? !m : m;
  }
  // Elements that are not strings (outside the request type) never match.
  const values = raw;
  if (c.set === SET_FOR_ALL_VALUES) {
    for (const v of values) if ((typeof v === 'string' && test(v, ctx)) === c.negated) return false;
    return true;
  }
  if (c.set === SET_FOR_ANY_VALUE) {
    for (const v of values) if ((typeof v === 'string' && test(v, ctx)) !== c.negated) return true;
    return false;
  }
  // A single-valued operator against a multivalued key: true when any request value matches (negated: none).
  let any = false;
  for (const v of values) {
    if (typeof v === 'string' && test(v, ctx)) {
      any = true;
      break;
    }
  }
  return c.negated ? !any : any;
}
