import { describeJsonType } from '../../parse/json-ast.js';
import type { JsonMember } from '../../parse/json-ast.js';
import {
  parseConditionOperator,
  suggestConditionOperator,
} from '../../grammar/condition-operators.js';
import {
  isConditionKeyFormat,
  lookupGlobalConditionKey,
} from '../../grammar/global-condition-keys.js';
import { at, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
//   "Condition": { "Operator": { "prefix:key": value | [values] } }; values are strings, numbers or booleans.
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (global keys)

/**
 * The shape of Condition blocks: INVALID_CONDITION_OPERATOR, INVALID_CONDITION_KEY_FORMAT,
 * INVALID_GLOBAL_CONDITION_KEY, DUPLICATE_KEYS_WITH_DIFFERENT_CASE, EMPTY_OBJECT_CONDITION, EMPTY_ARRAY_CONDITION
 * and DATA_TYPE_MISMATCH for blocks and values.
 */
export function conditionStructureRule(ctx: ValidationContext): void {
  for (const statement of nonEmptyStatements(ctx)) {
    const condition = statement.condition;
    if (condition === undefined) continue;
    const block = condition.value;
    if (block.type !== 'object') {
      ctx.report(
        'DATA_TYPE_MISMATCH',
        at(condition),
        `\`Condition\` must be an object, found ${describeJsonType(block)}`,
      );
      continue;
    }
    if (block.members.length === 0) {
      ctx.report(
        'EMPTY_OBJECT_CONDITION',
        at(condition),
        '`Condition` is an empty object; remove it',
      );
    }
    reportCaseDuplicates(ctx, block.members, 'condition operator');
    for (const operatorMember of block.members) {
      const operator = parseConditionOperator(operatorMember.key);
      if (operator === undefined) {
        const hint = suggestConditionOperator(operatorMember.key);
        ctx.report(
          'INVALID_CONDITION_OPERATOR',
          { pointer: operatorMember.pointer, position: operatorMember.keyPosition },
          `unknown condition operator \`${operatorMember.key}\`` +
            (hint === undefined ? '' : `; did you mean \`${hint}\``),
        );
      }
      const keys = operatorMember.value;
      if (keys.type !== 'object') {
        ctx.report(
          'DATA_TYPE_MISMATCH',
          at(keys),
          `condition operator \`${operatorMember.key}\` needs an object of condition keys, found ${describeJsonType(keys)}`,
        );
        continue;
      }
      if (keys.members.length === 0) {
        ctx.report(
          'EMPTY_OBJECT_CONDITION',
          at(keys),
          `condition operator \`${operatorMember.key}\` has no condition keys`,
        );
      }
      reportCaseDuplicates(ctx, keys.members, 'condition key');
      for (const keyMember of keys.members) checkKey(ctx, keyMember);
    }
  }
}

function checkKey(ctx: ValidationContext, keyMember: JsonMember): void {
  const key = keyMember.key;
  const keyAt = { pointer: keyMember.pointer, position: keyMember.keyPosition };
  if (!isConditionKeyFormat(key)) {
    ctx.report(
      'INVALID_CONDITION_KEY_FORMAT',
      keyAt,
      `condition key \`${key}\` must have the form \`prefix:name\``,
    );
  } else if (key.toLowerCase().startsWith('aws:') && lookupGlobalConditionKey(key) === undefined) {
    ctx.report(
      'INVALID_GLOBAL_CONDITION_KEY',
      keyAt,
      `\`${key}\` is not a known AWS global condition key`,
    );
  }
  const value = keyMember.value;
  const items = value.type === 'array' ? value.items : [value];
  if (value.type === 'array' && items.length === 0) {
    ctx.report(
      'EMPTY_ARRAY_CONDITION',
      at(value),
      `condition key \`${key}\` has an empty array of values`,
    );
  }
  for (const item of items) {
    if (item.type === 'object' || item.type === 'array' || item.type === 'null') {
      ctx.report(
        'DATA_TYPE_MISMATCH',
        at(item),
        `values of condition key \`${key}\` must be strings, numbers or booleans, found ${describeJsonType(item)}`,
      );
    }
  }
}

// AWS treats condition operators and keys case-insensitively when it merges them; two spellings of one name in
// the same block make the result depend on which one wins.
function reportCaseDuplicates(
  ctx: ValidationContext,
  members: readonly JsonMember[],
  what: string,
): void {
  const first = new Map<string, string>();
  for (const member of members) {
    const lower = member.key.toLowerCase();
    const seen = first.get(lower);
    if (seen !== undefined && seen !== member.key) {
      ctx.report(
        'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
        { pointer: member.pointer, position: member.keyPosition },
        `${what} \`${member.key}\` repeats \`${seen}\` with different capitalization`,
      );
    }
    if (seen === undefined) first.set(lower, member.key);
  }
}
