import type { JsonNode } from '../../parse/json-ast.js';
import { MAX_REPEATED_REPORTS } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
// "Policy documents can contain only the following Unicode characters: horizontal tab (U+0009), linefeed
// (U+000A), carriage return (U+000D), and characters in the range U+0020 to U+00FF." (CreatePolicy's
// PolicyDocument pattern is `[\u0009\u000A\u000D\u0020-\u00FF]+`.) Checked on the raw text, so an escaped
// `\u0100` inside a string is six allowed characters, as for AWS.

function isAllowed(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0xff);
}

/** INVALID_CHARACTER: each character outside AWS's set (capped, then one summary issue). */
export function invalidCharacterRule(ctx: ValidationContext): void {
  const text = ctx.text;
  const offsets: number[] = [];
  let total = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isAllowed(code)) continue;
    total += 1;
    if (offsets.length <= MAX_REPEATED_REPORTS) offsets.push(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1; // one character, not two
    }
  }
  if (total === 0) return;
  const pointers = enclosingPointers(ctx.document?.root, offsets);
  offsets.slice(0, MAX_REPEATED_REPORTS).forEach((offset, i) => {
    const codePoint = text.codePointAt(offset)!;
    ctx.report(
      'INVALID_CHARACTER',
      { pointer: pointers[i] ?? '', position: ctx.locate(offset) },
      `character U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} is not allowed in a policy; ` +
        'use tab, line feed, carriage return or U+0020 to U+00FF',
    );
  });
  if (total > MAX_REPEATED_REPORTS) {
    const offset = offsets[MAX_REPEATED_REPORTS]!;
    ctx.report(
      'INVALID_CHARACTER',
      { pointer: pointers[MAX_REPEATED_REPORTS] ?? '', position: ctx.locate(offset) },
      `${total - MAX_REPEATED_REPORTS} more characters outside U+0009, U+000A, U+000D and U+0020 to U+00FF`,
    );
  }
}

/**
 * For sorted offsets, the pointer of the innermost JSON value containing each one. One pre-order sweep with a
 * stack of open nodes: O(nodes + offsets), no recursion.
 */
function enclosingPointers(root: JsonNode | undefined, offsets: readonly number[]): string[] {
  if (root === undefined) return offsets.map(() => '');
  const order: JsonNode[] = [];
  const pending: JsonNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    order.push(node);
    if (node.type === 'object')
      for (let i = node.members.length - 1; i >= 0; i--) pending.push(node.members[i]!.value);
    else if (node.type === 'array')
      for (let i = node.items.length - 1; i >= 0; i--) pending.push(node.items[i]!);
  }
  const result: string[] = [];
  const open: JsonNode[] = [];
  let next = 0;
  for (const offset of offsets) {
    while (next < order.length && order[next]!.position.offset <= offset) {
      const node = order[next]!;
      while (open.length > 0 && open[open.length - 1]!.endOffset <= node.position.offset)
        open.pop();
      open.push(node);
      next += 1;
    }
    while (open.length > 0 && open[open.length - 1]!.endOffset <= offset) open.pop();
    result.push(open[open.length - 1]?.pointer ?? '');
  }
  return result;
}
