import { checkPolicyArn } from '../../grammar/arn-grammar.js';
import { at, listedStrings } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html

/** Resource/NotResource: `*` or well-formed ARNs; the ARN field checks, EMPTY_ARRAY_RESOURCE, REDUNDANT_RESOURCE. */
export function resourceRule(ctx: ValidationContext): void {
  if (ctx.kind === 'trust') return; // reported as UNSUPPORTED_RESOURCE_IN_TRUST_POLICY
  for (const strings of listedStrings(ctx, 'resource')) {
    const seen = new Set<string>();
    for (const entry of strings) {
      for (const problem of checkPolicyArn(entry.value))
        ctx.report(problem.code, at(entry), problem.message);
      if (seen.has(entry.value)) {
        ctx.report(
          'REDUNDANT_RESOURCE',
          at(entry),
          `resource \`${entry.value}\` is listed more than once`,
        );
      }
      seen.add(entry.value);
    }
  }
}
