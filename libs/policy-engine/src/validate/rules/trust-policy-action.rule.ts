import { actionPatternMatches } from '../../grammar/action-grammar.js';
import { at, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html (role trust policy)
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
//   A role trust policy grants the STS calls that act on the role: AssumeRole, AssumeRoleWithWebIdentity,
//   AssumeRoleWithSAML, TagSession, SetSourceIdentity, SetContext. Anything else can never apply there, so it is
//   an error (Access Analyzer has no single check; IAM rejects many such documents).

/** Actions meaningful in a role trust policy. */
export const TRUST_POLICY_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithWebIdentity',
  'sts:AssumeRoleWithSAML',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

/** INVALID_ACTION_FOR_TRUST_POLICY and MISMATCHED_ACTION_FOR_PRINCIPAL (kind `trust` only). */
export function trustPolicyActionRule(ctx: ValidationContext): void {
  if (ctx.kind !== 'trust') return;
  for (const statement of nonEmptyStatements(ctx)) {
    const strings = statement.action?.strings;
    if (strings === undefined) continue;
    for (const entry of strings) {
      if (!TRUST_POLICY_ACTIONS.some((action) => actionPatternMatches(entry.value, action))) {
        ctx.report(
          'INVALID_ACTION_FOR_TRUST_POLICY',
          at(entry),
          `action \`${entry.value}\` does not apply in a role trust policy; use \`sts:AssumeRole\`, ` +
            '`sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`, `sts:TagSession`, ' +
            '`sts:SetSourceIdentity` or `sts:SetContext`',
        );
      }
    }
    // The principal type decides which AssumeRole variant can be used.
    const principal = statement.principal?.value;
    if (principal?.type !== 'object') continue;
    const keys = new Set(principal.members.map((member) => member.key));
    for (const entry of strings) {
      const action = entry.value.toLowerCase();
      if (
        (action === 'sts:assumerolewithsaml' || action === 'sts:assumerolewithwebidentity') &&
        !keys.has('Federated')
      ) {
        ctx.report(
          'MISMATCHED_ACTION_FOR_PRINCIPAL',
          at(entry),
          `action \`${entry.value}\` needs a \`Federated\` principal`,
        );
      }
      if (action === 'sts:assumerole' && keys.size === 1 && keys.has('Federated')) {
        ctx.report(
          'MISMATCHED_ACTION_FOR_PRINCIPAL',
          at(entry),
          'a `Federated` principal uses `sts:AssumeRoleWithSAML` or `sts:AssumeRoleWithWebIdentity`, not `sts:AssumeRole`',
        );
      }
    }
  }
}
