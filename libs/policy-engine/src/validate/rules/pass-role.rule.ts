import { actionPatternMatches } from '../../grammar/action-grammar.js';
import { at, effectOf, includesStar, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
// SECURITY: iam:PassRole on every role lets the holder hand any role, admin roles included, to a service it
// controls: a privilege escalation. Limit Resource to role ARNs or add an `iam:PassedToService` condition.

/** PASS_ROLE_WITH_STAR_IN_RESOURCE and PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE (Allow statements). */
export function passRoleRule(ctx: ValidationContext): void {
  if (ctx.kind === 'guardrail' || ctx.kind === 'trust') return; // guardrails grant nothing; trust has no Resource
  for (const statement of nonEmptyStatements(ctx)) {
    if (effectOf(statement) !== 'Allow' || !includesStar(statement.resource)) continue;
    const entries = statement.action?.strings ?? [];
    const exact = entries.find((entry) => entry.value.toLowerCase() === 'iam:passrole');
    const wildcard = entries.find(
      (entry) => /[*?]/.test(entry.value) && actionPatternMatches(entry.value, 'iam:PassRole'),
    );
    if (exact !== undefined) {
      ctx.report(
        'PASS_ROLE_WITH_STAR_IN_RESOURCE',
        at(exact),
        '`iam:PassRole` with `"Resource": "*"` allows passing any role; name the roles or add an `iam:PassedToService` condition',
      );
    } else if (wildcard !== undefined) {
      ctx.report(
        'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
        at(wildcard),
        `\`${wildcard.value}\` with \`"Resource": "*"\` includes \`iam:PassRole\` on every role`,
      );
    }
  }
}
