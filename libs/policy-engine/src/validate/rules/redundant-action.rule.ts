import { actionPatternCovers } from '../../grammar/action-grammar.js';
import type { StringLiteralAst } from '../../parse/policy-document-ast.js';
import { at, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

/** Wildcard patterns compared against every entry; beyond this the check would cost O(n²) on hostile input. */
const MAX_WILDCARD_PATTERNS = 50;

/** REDUNDANT_ACTION: an action listed twice (ignoring case) or covered by a wildcard of the same list. */
export function redundantActionRule(ctx: ValidationContext): void {
  for (const statement of nonEmptyStatements(ctx)) {
    for (const element of [statement.action, statement.notAction]) {
      const strings = element?.strings;
      if (strings === undefined || strings.length < 2) continue;
      const firstByText = new Map<string, StringLiteralAst>();
      const wildcards = strings
        .filter((entry) => entry.value.includes('*') || entry.value.includes('?'))
        .slice(0, MAX_WILDCARD_PATTERNS);
      for (const entry of strings) {
        const key = entry.value.toLowerCase();
        const first = firstByText.get(key);
        if (first !== undefined) {
          ctx.report(
            'REDUNDANT_ACTION',
            at(entry),
            `action \`${entry.value}\` is listed more than once`,
          );
          continue;
        }
        firstByText.set(key, entry);
        const cover = wildcards.find(
          (pattern) =>
            pattern !== entry &&
            pattern.value.toLowerCase() !== key &&
            actionPatternCovers(pattern.value, entry.value),
        );
        if (cover !== undefined) {
          ctx.report(
            'REDUNDANT_ACTION',
            at(entry),
            `action \`${entry.value}\` is already covered by \`${cover.value}\` in the same statement`,
          );
        }
      }
    }
  }
}
