import { CURRENT_POLICY_VERSION } from '../../grammar/policy-elements.js';
import { checkPolicyVariables, usesPolicyVariable } from '../../grammar/policy-variables.js';
import type { IssueLocation } from '../validation-context.js';
import { at, conditionEntries, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
//   Variables work in Resource/NotResource and in string/ARN condition values, under Version 2012-10-17 only.

/** MISSING_BRACE_IN_VARIABLE, EMPTY_VARIABLE, INVALID_VARIABLE, VARIABLE_REQUIRES_VERSION. */
export function policyVariableRule(ctx: ValidationContext): void {
  const document = ctx.document;
  if (document === undefined) return;
  const places: Array<IssueLocation & { value: string }> = [];
  for (const statement of nonEmptyStatements(ctx)) {
    for (const element of [statement.resource, statement.notResource]) {
      for (const entry of element?.strings ?? [])
        if (usesPolicyVariable(entry.value)) places.push({ ...at(entry), value: entry.value });
    }
  }
  for (const entry of conditionEntries(ctx)) {
    const type = entry.operator?.valueType;
    if (type !== 'string' && type !== 'arn') continue; // other operators: INVALID_VARIABLE_FOR_OPERATOR
    for (const value of entry.values) {
      if (value.type === 'string' && usesPolicyVariable(value.value))
        places.push({ ...at(value), value: value.value });
    }
  }
  if (places.length === 0) return;
  for (const place of places) {
    for (const problem of checkPolicyVariables(place.value))
      ctx.report(problem.code, place, problem.message);
  }
  const version = document.version?.value;
  const versionText = version?.type === 'string' ? version.value : undefined;
  if (versionText !== CURRENT_POLICY_VERSION) {
    const first = places[0]!;
    ctx.report(
      'VARIABLE_REQUIRES_VERSION',
      first,
      `policy variables in \`${first.value}\` are literal text unless \`"Version": "2012-10-17"\`` +
        (versionText === undefined ? '' : ` (found \`${versionText}\`)`),
    );
  }
}
