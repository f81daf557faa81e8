import { EFFECTS } from '../../grammar/policy-elements.js';
import { at, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html
// "Valid values for Effect are Allow and Deny. The Effect value is case sensitive."

/** MISSING_EFFECT, INVALID_EFFECT and the Effect type. */
export function effectRule(ctx: ValidationContext): void {
  for (const statement of nonEmptyStatements(ctx)) {
    const effect = statement.effect;
    if (effect === undefined) {
      ctx.report(
        'MISSING_EFFECT',
        at(statement),
        'the statement has no `Effect`; use `Allow` or `Deny`',
      );
    } else if (effect.value.type !== 'string') {
      ctx.report('DATA_TYPE_MISMATCH', at(effect), '`Effect` must be the string `Allow` or `Deny`');
    } else if (!EFFECTS.has(effect.value.value)) {
      const value = effect.value.value;
      const hint = [...EFFECTS].find((name) => name.toLowerCase() === value.toLowerCase());
      ctx.report(
        'INVALID_EFFECT',
        at(effect),
        `invalid effect \`${value}\`; use \`Allow\` or \`Deny\`` +
          (hint === undefined ? '' : ` (effect is case-sensitive: \`${hint}\`)`),
      );
    }
  }
}
