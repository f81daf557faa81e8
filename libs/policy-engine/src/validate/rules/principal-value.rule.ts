import { describeJsonType } from '../../parse/json-ast.js';
import { stringsOf } from '../../parse/parse-policy-document.js';
import type { PolicyElementAst } from '../../parse/policy-document-ast.js';
import { checkPrincipalValue, PRINCIPAL_KEYS } from '../../grammar/principal-grammar.js';
import { requiresPrincipal } from '../../grammar/policy-elements.js';
import { at, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html

/** INVALID_PRINCIPAL_KEY, INVALID_PRINCIPAL_FORMAT, UNSUPPORTED_WILDCARD_IN_PRINCIPAL, empty principals. */
export function principalValueRule(ctx: ValidationContext): void {
  // Placement errors already cover identity and guardrail kinds; their values are not worth a second look.
  if (!requiresPrincipal(ctx.kind)) return;
  for (const statement of nonEmptyStatements(ctx)) {
    for (const element of [statement.principal, statement.notPrincipal]) {
      if (element !== undefined) checkElement(ctx, element);
    }
  }
}

function checkElement(ctx: ValidationContext, element: PolicyElementAst): void {
  const value = element.value;
  if (value.type === 'string') {
    if (value.value !== '*') {
      ctx.report(
        'INVALID_PRINCIPAL_FORMAT',
        at(element),
        `\`${element.name}\` must be \`*\` or an object like \`{"AWS": "123456789012"}\`, found \`${value.value}\``,
      );
    }
    return;
  }
  if (value.type !== 'object') {
    ctx.report(
      'DATA_TYPE_MISMATCH',
      at(element),
      `\`${element.name}\` must be \`*\` or an object, found ${describeJsonType(value)}`,
    );
    return;
  }
  if (value.members.length === 0) {
    ctx.report(
      'EMPTY_OBJECT_PRINCIPAL',
      at(element),
      `\`${element.name}\` is an empty object and matches nobody`,
    );
    return;
  }
  for (const member of value.members) {
    if (!PRINCIPAL_KEYS.has(member.key)) {
      ctx.report(
        'INVALID_PRINCIPAL_KEY',
        { pointer: member.pointer, position: member.keyPosition },
        `invalid principal key \`${member.key}\`; use \`AWS\`, \`Federated\`, \`Service\` or \`CanonicalUser\``,
      );
      continue;
    }
    const strings = stringsOf(member.value);
    if (strings === undefined) {
      ctx.report(
        'DATA_TYPE_MISMATCH',
        at(member.value),
        `principal \`${member.key}\` must be a string or an array of strings`,
      );
      continue;
    }
    if (strings.length === 0) {
      ctx.report(
        'EMPTY_ARRAY_PRINCIPAL',
        at(member.value),
        `principal \`${member.key}\` is an empty array`,
      );
    }
    for (const entry of strings) {
      for (const problem of checkPrincipalValue(member.key, entry.value)) {
        ctx.report(problem.code, at(entry), problem.message);
      }
    }
  }
}
