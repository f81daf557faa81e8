import {
  isIdentityKind,
  policyKindPhrase,
  requiresPrincipal,
} from '../../grammar/policy-elements.js';
import { at, atKey, effectOf, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
//   "You cannot use the Principal element in an identity-based policy"; resource-based policies must name one.
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
//   NotPrincipal: Deny only; not in identity-based policies nor in role trust policies.
// AWS: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
//   SCPs (our `guardrail` kind) do not support Principal or NotPrincipal.

/** UNSUPPORTED_PRINCIPAL, MISSING_PRINCIPAL, NOT_PRINCIPAL_WITH_ALLOW. */
export function principalPlacementRule(ctx: ValidationContext): void {
  const identity = isIdentityKind(ctx.kind);
  for (const statement of nonEmptyStatements(ctx)) {
    const { principal, notPrincipal } = statement;
    if (identity || ctx.kind === 'guardrail') {
      const what = identity ? 'an identity-based policy' : 'a guardrail (service control policy)';
      for (const element of [principal, notPrincipal]) {
        if (element !== undefined) {
          ctx.report(
            'UNSUPPORTED_PRINCIPAL',
            atKey(element),
            `\`${element.name}\` is not supported in ${what}`,
          );
        }
      }
      continue;
    }
    if (ctx.kind === 'trust' && notPrincipal !== undefined) {
      ctx.report(
        'UNSUPPORTED_PRINCIPAL',
        atKey(notPrincipal),
        '`NotPrincipal` is not supported in a role trust policy',
      );
    }
    if (notPrincipal !== undefined && effectOf(statement) === 'Allow') {
      ctx.report(
        'NOT_PRINCIPAL_WITH_ALLOW',
        atKey(notPrincipal),
        '`NotPrincipal` can only be used with `"Effect": "Deny"`',
      );
    }
    if (requiresPrincipal(ctx.kind) && principal === undefined && notPrincipal === undefined) {
      ctx.report(
        'MISSING_PRINCIPAL',
        at(statement),
        `${policyKindPhrase(ctx.kind)} statement needs a \`Principal\``,
      );
    }
  }
}
