import { IAM_SID_PATTERN } from '../../grammar/policy-elements.js';
import { at, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
// "In IAM, the Sid value must be unique within a JSON policy" and supports only A-Z, a-z, 0-9. Resource policies
// of other services (S3, SQS, SNS) accept more characters, so the character check skips the `resource` kind.

/** UNIQUE_SIDS_REQUIRED, INVALID_SID, EMPTY_SID_VALUE and the Sid type. */
export function sidRule(ctx: ValidationContext): void {
  const seen = new Set<string>();
  for (const statement of nonEmptyStatements(ctx)) {
    const sid = statement.sid;
    if (sid === undefined) continue;
    if (sid.value.type !== 'string') {
      ctx.report('DATA_TYPE_MISMATCH', at(sid), '`Sid` must be a string');
      continue;
    }
    const value = sid.value.value;
    if (value === '') {
      ctx.report(
        'EMPTY_SID_VALUE',
        at(sid),
        '`Sid` is empty; remove it or give the statement a name',
      );
      continue;
    }
    if (ctx.kind !== 'resource' && !IAM_SID_PATTERN.test(value)) {
      ctx.report(
        'INVALID_SID',
        at(sid),
        `invalid Sid \`${value}\`: use only ASCII letters and digits`,
      );
    }
    if (seen.has(value)) {
      ctx.report(
        'UNIQUE_SIDS_REQUIRED',
        at(sid),
        `duplicate Sid \`${value}\`: each statement needs a unique Sid`,
      );
    }
    seen.add(value);
  }
}
