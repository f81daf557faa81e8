import type { PolicyElementAst } from '../../parse/policy-document-ast.js';
import { at, effectOf, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
// SECURITY: `"Principal": "*"` (or `{"AWS": "*"}`) in an Allow means anyone, including anonymous callers. Without
// a Condition (e.g. on aws:PrincipalOrgID or aws:SourceVpce) the resource or role is public.

/** PUBLIC_PRINCIPAL_WITHOUT_CONDITION (resource and trust policies). */
export function publicPrincipalRule(ctx: ValidationContext): void {
  if (ctx.kind !== 'resource' && ctx.kind !== 'trust') return;
  for (const statement of nonEmptyStatements(ctx)) {
    if (effectOf(statement) !== 'Allow' || statement.condition !== undefined) continue;
    const principal = statement.principal;
    const star = principal === undefined ? undefined : publicEntry(principal);
    if (star === undefined) continue;
    ctx.report(
      'PUBLIC_PRINCIPAL_WITHOUT_CONDITION',
      star,
      'the statement allows any principal (`*`) without a `Condition`; anyone can use it',
    );
  }
}

function publicEntry(principal: PolicyElementAst) {
  const value = principal.value;
  if (value.type === 'string') return value.value === '*' ? at(principal) : undefined;
  if (value.type !== 'object') return undefined;
  for (const member of value.members) {
    if (member.key !== 'AWS') continue;
    const items = member.value.type === 'array' ? member.value.items : [member.value];
    const star = items.find((item) => item.type === 'string' && item.value === '*');
    if (star !== undefined) return at(star);
  }
  return undefined;
}
