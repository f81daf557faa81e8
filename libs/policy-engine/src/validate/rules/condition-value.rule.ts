import { LIKE_OPERATORS } from '../../grammar/condition-operators.js';
import { conditionValueFits } from '../../grammar/condition-values.js';
import { at, conditionEntries } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
//   Numeric: integers/decimals; Date: ISO 8601 (W3C profile) or epoch seconds; Bool/Null: true|false;
//   BinaryEquals: base-64; IpAddress: IPv4/IPv6 address or CIDR; Arn*: ARNs. Null cannot take IfExists.
//   Policy variables are only substituted in string and ARN operators.

const TYPE_WORDS = {
  numeric: 'a number',
  date: 'an ISO 8601 date or epoch seconds',
  bool: '`true` or `false`',
  null: '`true` or `false`',
  binary: 'base-64 text',
  ip: 'an IPv4 or IPv6 address or CIDR block',
  arn: 'an ARN',
} as const;

/**
 * TYPE_MISMATCH, TYPE_MISMATCH_IP_RANGE, NULL_WITH_IF_EXISTS, INVALID_VARIABLE_FOR_OPERATOR,
 * INVALID_CONDITION_MULTIPLE_BOOLEAN/NULL and WILDCARD_WITHOUT_LIKE_OPERATOR.
 */
export function conditionValueRule(ctx: ValidationContext): void {
  for (const entry of conditionEntries(ctx)) {
    const operator = entry.operator;
    if (operator === undefined) continue;
    const key = entry.keyMember.key;
    if (operator.base === 'Null' && operator.ifExists) {
      ctx.report(
        'NULL_WITH_IF_EXISTS',
        { pointer: entry.operatorMember.pointer, position: entry.operatorMember.keyPosition },
        '`Null` cannot be combined with `IfExists`',
      );
    }
    if ((operator.base === 'Bool' || operator.base === 'Null') && entry.values.length > 1) {
      ctx.report(
        operator.base === 'Bool'
          ? 'INVALID_CONDITION_MULTIPLE_BOOLEAN'
          : 'INVALID_CONDITION_MULTIPLE_NULL',
        at(entry.keyMember.value),
        `\`${operator.base}\` for \`${key}\` takes one value, not a list`,
      );
    }
    for (const value of entry.values) {
      const text = String(value.value);
      const isVariable = typeof value.value === 'string' && text.includes('${');
      if (operator.valueType === 'string') {
        if (!LIKE_OPERATORS.has(operator.base) && /[*?]/.test(text) && !isVariable) {
          ctx.report(
            'WILDCARD_WITHOUT_LIKE_OPERATOR',
            at(value),
            `\`${operator.base}\` compares \`${text}\` literally; use \`StringLike\` for wildcards`,
          );
        }
        continue;
      }
      if (isVariable) {
        if (operator.valueType !== 'arn') {
          ctx.report(
            'INVALID_VARIABLE_FOR_OPERATOR',
            at(value),
            `policy variables are not supported with \`${operator.text}\` (value \`${text}\`)`,
          );
        }
        continue;
      }
      if (operator.valueType === 'arn' && /[*?]/.test(text)) continue;
      if (!conditionValueFits(operator.valueType, value.value)) {
        ctx.report(
          operator.valueType === 'ip' ? 'TYPE_MISMATCH_IP_RANGE' : 'TYPE_MISMATCH',
          at(value),
          `\`${operator.text}\` needs ${TYPE_WORDS[operator.valueType]} for \`${key}\`, found \`${text}\``,
        );
      }
    }
  }
}
