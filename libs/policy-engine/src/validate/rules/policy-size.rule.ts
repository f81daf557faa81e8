import {
  countsWhiteSpace,
  measurePolicySize,
  POLICY_SIZE_LIMITS,
} from '../../grammar/policy-size.js';
import type { ValidationContext } from '../validation-context.js';
import { policyKindPhrase } from '../../grammar/policy-elements.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (see grammar/policy-size.ts)

/** POLICY_SIZE_EXCEEDED: more characters than the quota of the policy kind. Runs on unparsable text too. */
export function policySizeRule(ctx: ValidationContext): void {
  const limit = POLICY_SIZE_LIMITS[ctx.kind];
  // Cheap exit: the measured size never exceeds the code-unit length.
  if (ctx.text.length <= limit) return;
  const whiteSpaceCounts = countsWhiteSpace(ctx.kind);
  const size = measurePolicySize(ctx.text, whiteSpaceCounts);
  if (size <= limit) return;
  ctx.report(
    'POLICY_SIZE_EXCEEDED',
    { pointer: '', position: ctx.locate(0) },
    `the policy has ${size} characters${whiteSpaceCounts ? '' : ' (not counting white space)'}, ` +
      `more than the ${limit} allowed for ${policyKindPhrase(ctx.kind)}`,
  );
}
