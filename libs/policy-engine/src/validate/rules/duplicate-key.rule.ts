import type { JsonNode } from '../../parse/json-ast.js';
import type { ValidationContext } from '../validation-context.js';

// JSON (RFC 8259 §4) leaves duplicate names undefined, and parsers disagree on which one wins. A policy that
// reads differently to a reviewer, to AWS and to us is a hazard, so a duplicate key is an error.
// SECURITY: e.g. `"Effect": "Deny", …, "Effect": "Allow"` looks like a Deny to a reader of the first lines.
// AWS itself appears to accept duplicates silently (tools add their own check, e.g.
// https://github.com/hashicorp/terraform-provider-aws/pull/33570); we are stricter on purpose.

/** DUPLICATE_KEY: the same key twice in one object, anywhere in the document (reported at the later key). */
export function duplicateKeyRule(ctx: ValidationContext): void {
  const root = ctx.document?.root;
  if (root === undefined) return;
  const pending: JsonNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'array') {
      for (const item of node.items) pending.push(item);
      continue;
    }
    if (node.type !== 'object') continue;
    const seen = new Set<string>();
    for (const member of node.members) {
      if (seen.has(member.key)) {
        ctx.report(
          'DUPLICATE_KEY',
          { pointer: member.pointer, position: member.keyPosition },
          `duplicate key \`${member.key}\`: only the last one takes effect`,
        );
      }
      seen.add(member.key);
      pending.push(member.value);
    }
  }
}
