import type { PolicyElementAst } from '../../parse/policy-document-ast.js';
import { at, atKey, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
//   a statement has exactly one of Action/NotAction, at most one of Principal/NotPrincipal, and exactly one of
//   Resource/NotResource, except role trust policies, which have no Resource ("the trust policy ... does not
//   require a Resource element", IAM role trust policy docs; IAM rejects one in AssumeRolePolicyDocument).

/** UNSUPPORTED_ELEMENT_COMBINATION, MISSING_ACTION, MISSING_RESOURCE, UNSUPPORTED_RESOURCE_IN_TRUST_POLICY. */
export function elementCombinationRule(ctx: ValidationContext): void {
  for (const statement of nonEmptyStatements(ctx)) {
    both(ctx, statement.action, statement.notAction);
    both(ctx, statement.resource, statement.notResource);
    both(ctx, statement.principal, statement.notPrincipal);
    if (statement.action === undefined && statement.notAction === undefined) {
      ctx.report(
        'MISSING_ACTION',
        at(statement),
        'the statement needs an `Action` or a `NotAction`',
      );
    }
    if (ctx.kind === 'trust') {
      for (const element of [statement.resource, statement.notResource]) {
        if (element !== undefined) {
          ctx.report(
            'UNSUPPORTED_RESOURCE_IN_TRUST_POLICY',
            atKey(element),
            `a role trust policy cannot have \`${element.name}\`; the role itself is the resource`,
          );
        }
      }
    } else if (statement.resource === undefined && statement.notResource === undefined) {
      ctx.report(
        'MISSING_RESOURCE',
        at(statement),
        'the statement needs a `Resource` or a `NotResource`',
      );
    }
  }
}

function both(
  ctx: ValidationContext,
  element: PolicyElementAst | undefined,
  negated: PolicyElementAst | undefined,
): void {
  if (element === undefined || negated === undefined) return;
  ctx.report(
    'UNSUPPORTED_ELEMENT_COMBINATION',
    atKey(negated),
    `a statement cannot have both \`${element.name}\` and \`${negated.name}\``,
  );
}
