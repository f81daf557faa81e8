import { checkAction } from '../../grammar/action-grammar.js';
import { at, nonEmptyStatements, requireStrings } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html

/** INVALID_ACTION, WILDCARD_IN_SERVICE_NAME, ACTION_SERVICE_CASE, EMPTY_ARRAY_ACTION and the value types. */
export function actionRule(ctx: ValidationContext): void {
  for (const statement of nonEmptyStatements(ctx)) {
    for (const element of [statement.action, statement.notAction]) {
      if (element === undefined) continue;
      const strings = requireStrings(ctx, element);
      if (strings === undefined) continue;
      if (strings.length === 0) {
        ctx.report(
          'EMPTY_ARRAY_ACTION',
          at(element),
          `\`${element.name}\` is an empty array and matches no action`,
        );
      }
      for (const entry of strings) {
        for (const problem of checkAction(entry.value))
          ctx.report(problem.code, at(entry), problem.message);
      }
    }
  }
}
