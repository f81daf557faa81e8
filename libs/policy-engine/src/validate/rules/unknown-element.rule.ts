import { STATEMENT_ELEMENTS, TOP_LEVEL_ELEMENTS } from '../../grammar/policy-elements.js';
import type { JsonMember } from '../../parse/json-ast.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html (names are case-sensitive)

/** INVALID_POLICY_ELEMENT: a key that is not a policy element, at the top level or in a statement. */
export function unknownElementRule(ctx: ValidationContext): void {
  const document = ctx.document;
  if (document === undefined) return;
  for (const member of document.root.members) check(ctx, member, TOP_LEVEL_ELEMENTS, 'policy');
  for (const statement of document.statements) {
    for (const member of statement.members) check(ctx, member, STATEMENT_ELEMENTS, 'statement');
  }
}

function check(
  ctx: ValidationContext,
  member: JsonMember,
  allowed: ReadonlySet<string>,
  where: string,
): void {
  if (allowed.has(member.key)) return;
  const lower = member.key.toLowerCase();
  const hint = [...allowed].find((name) => name.toLowerCase() === lower);
  ctx.report(
    'INVALID_POLICY_ELEMENT',
    { pointer: member.pointer, position: member.keyPosition },
    `unknown ${where} element \`${member.key}\`` +
      (hint === undefined ? '' : `; did you mean \`${hint}\``),
  );
}
