import { at, effectOf, includesStar, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// SECURITY: `"Action": "*"` on `"Resource": "*"` is full administrator access. It is not an error (AWS ships
// AdministratorAccess) but deserves a second look. For guardrails it is the normal FullAWSAccess SCP: skipped.

/** FULL_ADMIN_ACCESS. */
export function fullAdminRule(ctx: ValidationContext): void {
  if (ctx.kind === 'guardrail' || ctx.kind === 'trust') return;
  for (const statement of nonEmptyStatements(ctx)) {
    if (effectOf(statement) !== 'Allow' || !includesStar(statement.resource)) continue;
    const star = statement.action?.strings?.find((entry) => entry.value === '*');
    if (star === undefined) continue;
    ctx.report(
      'FULL_ADMIN_ACCESS',
      at(star),
      `the statement allows every action on every resource${statement.condition === undefined ? '' : ' (with conditions)'}`,
    );
  }
}
