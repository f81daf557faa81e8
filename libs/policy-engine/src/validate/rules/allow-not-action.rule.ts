import { at, effectOf, includesStar, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
// SECURITY: "Allow everything except X on every resource" also allows every action AWS adds later.

/** ALLOW_WITH_NOT_ACTION_AND_STAR_RESOURCE. */
export function allowNotActionRule(ctx: ValidationContext): void {
  if (ctx.kind === 'guardrail') return; // an SCP Allow grants nothing by itself
  for (const statement of nonEmptyStatements(ctx)) {
    const notAction = statement.notAction;
    if (notAction === undefined || effectOf(statement) !== 'Allow') continue;
    if (!includesStar(statement.resource)) continue;
    ctx.report(
      'ALLOW_WITH_NOT_ACTION_AND_STAR_RESOURCE',
      at(notAction),
      '`Allow` with `NotAction` on `"Resource": "*"` grants every other action, including ones added later',
    );
  }
}
