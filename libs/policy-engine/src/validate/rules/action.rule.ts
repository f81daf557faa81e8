import { checkAction } from '../../grammar/action-grammar.js';
import { at, listedStrings } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html

/** INVALID_ACTION, WILDCARD_IN_SERVICE_NAME, ACTION_SERVICE_CASE, EMPTY_ARRAY_ACTION and the value types. */
export function actionRule(ctx: ValidationContext): void {
  for (const strings of listedStrings(ctx, 'action')) {
    for (const entry of strings) {
      for (const problem of checkAction(entry.value))
        ctx.report(problem.code, at(entry), problem.message);
    }
  }
}
