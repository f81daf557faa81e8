import { lookupGlobalConditionKey } from '../../grammar/global-condition-keys.js';
import { conditionEntries, effectOf } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
// SECURITY: `ForAllValues` is true when the key is missing from the request or has no values, so in an Allow it
// can grant more than intended. AWS recommends pairing it with `"Null": {"key": "false"}`. With a single-valued key
// it is always the wrong qualifier (Access Analyzer FORALLVALUES_WITH_SINGLE_VALUED_KEY).

/** FORALLVALUES_WITH_SINGLE_VALUED_KEY and ALLOW_WITH_FORALLVALUES. */
export function forAllValuesRule(ctx: ValidationContext): void {
  const entries = conditionEntries(ctx);
  for (const entry of entries) {
    if (entry.operator?.setOperator !== 'ForAllValues' || effectOf(entry.statement) !== 'Allow')
      continue;
    const key = entry.keyMember.key;
    const keyAt = { pointer: entry.keyMember.pointer, position: entry.keyMember.keyPosition };
    if (lookupGlobalConditionKey(key)?.arity === 'single') {
      ctx.report(
        'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
        keyAt,
        `\`ForAllValues\` with the single-valued key \`${key}\` can be overly permissive; remove \`ForAllValues:\``,
      );
      continue;
    }
    const nullChecked = entries.some(
      (other) =>
        other.statement === entry.statement &&
        other.operator?.base === 'Null' &&
        other.keyMember.key.toLowerCase() === key.toLowerCase() &&
        other.values.some((value) => String(value.value).toLowerCase() === 'false'),
    );
    if (!nullChecked) {
      ctx.report(
        'ALLOW_WITH_FORALLVALUES',
        keyAt,
        `\`ForAllValues\` on \`${key}\` also matches requests without \`${key}\`; ` +
          `add \`"Null": {"${key}": "false"}\` to the statement`,
      );
    }
  }
}
