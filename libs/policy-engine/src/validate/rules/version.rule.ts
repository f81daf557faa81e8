import { POLICY_VERSIONS } from '../../grammar/policy-elements.js';
import { at, requiredElement } from '../rule-helpers.js';
import type { PolicyElementAst } from '../../parse/policy-document-ast.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
// Without Version, IAM uses 2008-10-17, under which `${...}` policy variables are literal text.

/** MISSING_VERSION, INVALID_VERSION and the types of Version and Id. */
export function versionRule(ctx: ValidationContext): void {
  const version = requiredElement(
    ctx,
    'version',
    'the policy has no `Version`; add `"Version": "2012-10-17"` so that policy variables are substituted',
  );
  if (version !== undefined) checkVersionValue(ctx, version);
  const id = ctx.document?.id;
  if (id !== undefined && id.value.type !== 'string') {
    ctx.report('DATA_TYPE_MISMATCH', at(id), '`Id` must be a string');
  }
}

function checkVersionValue(ctx: ValidationContext, version: PolicyElementAst): void {
  if (version.value.type !== 'string') {
    ctx.report('DATA_TYPE_MISMATCH', at(version), '`Version` must be a string');
  } else if (!POLICY_VERSIONS.has(version.value.value)) {
    ctx.report(
      'INVALID_VERSION',
      at(version),
      `invalid version \`${version.value.value}\`; use \`2012-10-17\` (or the older \`2008-10-17\`)`,
    );
  }
}
