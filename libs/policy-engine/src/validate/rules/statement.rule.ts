import { describeJsonType } from '../../parse/json-ast.js';
import { at, requiredElement } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

/** MISSING_STATEMENT, EMPTY_ARRAY_STATEMENT, EMPTY_STATEMENT and statements that are not objects. */
export function statementRule(ctx: ValidationContext): void {
  const statement = requiredElement(ctx, 'statement', 'the policy has no `Statement` element');
  if (statement === undefined) return;
  const value = statement.value;
  if (value.type === 'array') {
    if (value.items.length === 0) {
      ctx.report(
        'EMPTY_ARRAY_STATEMENT',
        at(statement),
        '`Statement` is an empty array; add at least one statement',
      );
    }
    for (const item of value.items) {
      if (item.type !== 'object') {
        ctx.report(
          'DATA_TYPE_MISMATCH',
          at(item),
          `a statement must be an object, found ${describeJsonType(item)}`,
        );
      }
    }
  } else if (value.type !== 'object') {
    ctx.report(
      'DATA_TYPE_MISMATCH',
      at(statement),
      `\`Statement\` must be an object or an array of objects, found ${describeJsonType(value)}`,
    );
  }
  for (const entry of ctx.document?.statements ?? []) {
    if (entry.members.length === 0) {
      ctx.report(
        'EMPTY_STATEMENT',
        at(entry),
        'the statement is empty; it needs at least `Effect` and `Action`',
      );
    }
  }
}
