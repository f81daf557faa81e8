// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
// Issue codes follow IAM Access Analyzer ValidatePolicy naming (SCREAMING_SNAKE) wherever Access Analyzer has a
// check for the same problem; codes marked (ours) have no Access Analyzer counterpart. Severities follow Access
// Analyzer's finding types unless the comment says otherwise.

/** How bad an issue is. Only `error` makes a document unusable (the CLI exits 1). */
export type PolicyIssueSeverity = 'error' | 'warning' | 'security-warning' | 'suggestion';

/** One problem found in a policy document by the parse or validate stage. */
export interface PolicyIssue {
  /** A code from {@link POLICY_ISSUE_CODES}, e.g. `INVALID_CONDITION_OPERATOR`. */
  readonly code: string;
  readonly severity: PolicyIssueSeverity;
  /** RFC 6901 pointer of the offending node, e.g. `/Statement/1/Condition/StringLikee`. */
  readonly pointer: string;
  /** 1-based line of the offending node (the key for unknown elements, the value otherwise). */
  readonly line: number;
  /** 1-based column, counted in Unicode code points. */
  readonly column: number;
  /** lowercase, no final period, user input in backticks */
  readonly message: string;
}

/**
 * Every issue code the parse and validate stages emit, with its severity.
 *
 * | code                                   | severity         | source | meaning                                                        |
 * | -------------------------------------- | ---------------- | ------ | -------------------------------------------------------------- |
 * | JSON_SYNTAX_ERROR                      | error            | AA     | the text is not JSON                                           |
 * | JSON_NESTING_TOO_DEEP                  | error            | ours   | more nesting than any policy needs (parser depth limit)        |
 * | DUPLICATE_KEY                          | error            | ours   | the same key twice in one object                               |
 * | DUPLICATE_KEYS_WITH_DIFFERENT_CASE     | error            | AA     | condition operators/keys that differ only by case              |
 * | DATA_TYPE_MISMATCH                     | error            | AA     | a value has the wrong JSON type                                |
 * | INVALID_CHARACTER                      | error            | ours   | character outside tab, LF, CR, U+0020–U+00FF                   |
 * | POLICY_SIZE_EXCEEDED                   | error            | ours   | more characters than the quota for the policy kind             |
 * | INVALID_POLICY_ELEMENT                 | error            | AA     | unknown element at top level or in a statement                 |
 * | MISSING_VERSION                        | warning          | AA     | no Version: policy variables are not substituted               |
 * | INVALID_VERSION                        | error            | AA     | Version other than 2012-10-17 / 2008-10-17                     |
 * | VARIABLE_REQUIRES_VERSION              | warning          | ours   | a `${...}` variable under a Version that treats it as text     |
 * | MISSING_STATEMENT                      | error            | AA     | no Statement element                                           |
 * | EMPTY_ARRAY_STATEMENT                  | error            | ours   | Statement is `[]`                                              |
 * | EMPTY_STATEMENT                        | error            | ours   | a statement `{}`                                               |
 * | UNIQUE_SIDS_REQUIRED                   | error            | AA     | two statements with the same Sid                               |
 * | INVALID_SID                            | error            | ours   | Sid outside ASCII letters and digits (not for resource kind)   |
 * | EMPTY_SID_VALUE                        | suggestion       | AA     | Sid is `""`                                                    |
 * | MISSING_EFFECT                         | error            | AA     | no Effect                                                      |
 * | INVALID_EFFECT                         | error            | AA     | Effect other than `Allow`/`Deny` (case-sensitive)              |
 * | MISSING_ACTION                         | error            | AA     | neither Action nor NotAction                                   |
 * | MISSING_RESOURCE                       | error            | AA     | neither Resource nor NotResource (not in trust policies)       |
 * | MISSING_PRINCIPAL                      | error            | AA     | resource/trust statement without Principal                     |
 * | UNSUPPORTED_ELEMENT_COMBINATION        | error            | AA     | Action+NotAction, Resource+NotResource, Principal+NotPrincipal |
 * | UNSUPPORTED_PRINCIPAL                  | error            | AA     | Principal/NotPrincipal where the policy kind forbids it        |
 * | UNSUPPORTED_RESOURCE_IN_TRUST_POLICY   | error            | ours   | Resource/NotResource in a role trust policy                    |
 * | NOT_PRINCIPAL_WITH_ALLOW               | error            | ours   | NotPrincipal with Effect Allow                                 |
 * | INVALID_PRINCIPAL_KEY                  | error            | AA     | Principal key other than AWS/Federated/Service/CanonicalUser   |
 * | INVALID_PRINCIPAL_FORMAT               | error            | AA     | malformed principal value                                      |
 * | UNSUPPORTED_WILDCARD_IN_PRINCIPAL      | error            | AA     | wildcard inside a principal (only a lone `*` is allowed)       |
 * | EMPTY_OBJECT_PRINCIPAL                 | suggestion       | AA     | Principal `{}`                                                 |
 * | EMPTY_ARRAY_PRINCIPAL                  | suggestion       | AA     | a principal list `[]`                                          |
 * | INVALID_ACTION                         | error            | AA     | action not of the form `service:action` or `*`                 |
 * | WILDCARD_IN_SERVICE_NAME               | error            | AA     | `*`/`?` in the service prefix of an action                     |
 * | ACTION_SERVICE_CASE                    | suggestion       | ours   | upper-case service prefix (IAM matches it case-insensitively)  |
 * | EMPTY_ARRAY_ACTION                     | suggestion       | AA     | Action/NotAction `[]`                                          |
 * | REDUNDANT_ACTION                       | suggestion       | AA     | action listed twice or covered by a wildcard in the statement  |
 * | INVALID_ACTION_FOR_TRUST_POLICY        | error            | ours   | trust policy action outside the sts:AssumeRole* family         |
 * | MISMATCHED_ACTION_FOR_PRINCIPAL        | warning          | AA     | e.g. sts:AssumeRoleWithSAML for an AWS principal               |
 * | INVALID_ARN_PREFIX                     | error            | AA     | resource neither `*` nor starting with `arn:`                  |
 * | MISSING_ARN_FIELD                      | error            | AA     | ARN with fewer than 6 parts or an empty service/resource       |
 * | INVALID_PARTITION                      | error            | AA     | partition not `[a-z-]+`                                        |
 * | INVALID_ARN_SERVICE_CASE               | error            | AA     | service in an ARN not lower case                               |
 * | INVALID_ARN_REGION                     | error            | AA     | malformed region                                               |
 * | INVALID_ARN_ACCOUNT                    | error            | AA     | account neither empty, 12 digits, `aws` nor a wildcard         |
 * | EMPTY_ARRAY_RESOURCE                   | suggestion       | AA     | Resource/NotResource `[]`                                      |
 * | REDUNDANT_RESOURCE                     | suggestion       | AA     | the same resource listed twice in a statement                  |
 * | MISSING_BRACE_IN_VARIABLE              | error            | AA     | `${` without `}`                                               |
 * | EMPTY_VARIABLE                         | error            | AA     | `${}`                                                          |
 * | INVALID_VARIABLE                       | error            | ours   | `${...}` content that is not a key or `key, 'default'`         |
 * | INVALID_VARIABLE_FOR_OPERATOR          | error            | AA     | variable in a non-string, non-ARN condition value              |
 * | INVALID_CONDITION_OPERATOR             | error            | AA     | unknown condition operator                                     |
 * | INVALID_CONDITION_KEY_FORMAT           | error            | AA     | condition key not `prefix:name`                                |
 * | INVALID_GLOBAL_CONDITION_KEY           | warning          | AA     | unknown `aws:` key (AA: error; our key list may lag AWS)       |
 * | EMPTY_OBJECT_CONDITION                 | suggestion       | AA     | Condition or an operator block `{}`                            |
 * | EMPTY_ARRAY_CONDITION                  | warning          | AA     | condition value `[]`                                           |
 * | TYPE_MISMATCH                          | error            | AA     | condition value does not fit the operator (AA: warning)        |
 * | TYPE_MISMATCH_IP_RANGE                 | error            | AA     | bad IPv4/IPv6 address or CIDR (AA: warning)                    |
 * | NULL_WITH_IF_EXISTS                    | error            | AA     | `NullIfExists`                                                 |
 * | INVALID_CONDITION_MULTIPLE_BOOLEAN     | warning          | AA     | Bool with several values                                       |
 * | INVALID_CONDITION_MULTIPLE_NULL        | warning          | AA     | Null with several values                                       |
 * | WILDCARD_WITHOUT_LIKE_OPERATOR         | warning          | AA     | `*`/`?` in a StringEquals/StringNotEquals value                |
 * | FORALLVALUES_WITH_SINGLE_VALUED_KEY    | security-warning | AA     | ForAllValues on a single-valued global key in an Allow         |
 * | ALLOW_WITH_FORALLVALUES                | security-warning | ours   | ForAllValues in an Allow without a Null check of the key       |
 * | PASS_ROLE_WITH_STAR_IN_RESOURCE        | security-warning | AA     | iam:PassRole allowed on Resource `*`                           |
 * | PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE | security-warning | AA | `*`/`iam:*`-style action (incl. PassRole) on Resource `*`      |
 * | ALLOW_WITH_NOT_ACTION_AND_STAR_RESOURCE | security-warning | ours  | Allow + NotAction + Resource `*`                               |
 * | PUBLIC_PRINCIPAL_WITHOUT_CONDITION     | security-warning | ours   | Allow to Principal `*` with no Condition (resource/trust)      |
 * | FULL_ADMIN_ACCESS                      | warning          | ours   | Allow Action `*` on Resource `*` (not for guardrails)          |
 *
 * With an action catalogue in the options only:
 *
 * | code                                   | severity         | source | meaning                                                        |
 * | -------------------------------------- | ---------------- | ------ | -------------------------------------------------------------- |
 * | UNKNOWN_SERVICE                        | warning          | AA     | prefix unknown to a catalogue that claims to be complete       |
 * | UNREGISTERED_SERVICE                   | suggestion       | ours   | prefix unknown to an open catalogue (register the service)     |
 * | UNKNOWN_ACTION                         | warning          | AA     | no such action in the (known) service                          |
 * | NO_MATCHING_ACTION                     | warning          | ours   | a wildcard action that matches no action of the service        |
 * | UNSUPPORTED_RESOURCE_ARN_IN_POLICY     | warning          | AA     | resource matching no resource type of the statement's actions  |
 * |                                        |                  |        | (AA: error; a registered service may lag its backend)          |
 */
export const POLICY_ISSUE_CODES = {
  JSON_SYNTAX_ERROR: 'error',
  JSON_NESTING_TOO_DEEP: 'error',
  DUPLICATE_KEY: 'error',
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: 'error',
  DATA_TYPE_MISMATCH: 'error',
  INVALID_CHARACTER: 'error',
  POLICY_SIZE_EXCEEDED: 'error',
  INVALID_POLICY_ELEMENT: 'error',
  MISSING_VERSION: 'warning',
  INVALID_VERSION: 'error',
  VARIABLE_REQUIRES_VERSION: 'warning',
  MISSING_STATEMENT: 'error',
  EMPTY_ARRAY_STATEMENT: 'error',
  EMPTY_STATEMENT: 'error',
  UNIQUE_SIDS_REQUIRED: 'error',
  INVALID_SID: 'error',
  EMPTY_SID_VALUE: 'suggestion',
  MISSING_EFFECT: 'error',
  INVALID_EFFECT: 'error',
  MISSING_ACTION: 'error',
  MISSING_RESOURCE: 'error',
  MISSING_PRINCIPAL: 'error',
  UNSUPPORTED_ELEMENT_COMBINATION: 'error',
  UNSUPPORTED_PRINCIPAL: 'error',
  UNSUPPORTED_RESOURCE_IN_TRUST_POLICY: 'error',
  NOT_PRINCIPAL_WITH_ALLOW: 'error',
  INVALID_PRINCIPAL_KEY: 'error',
  INVALID_PRINCIPAL_FORMAT: 'error',
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: 'error',
  EMPTY_OBJECT_PRINCIPAL: 'suggestion',
  EMPTY_ARRAY_PRINCIPAL: 'suggestion',
  INVALID_ACTION: 'error',
  WILDCARD_IN_SERVICE_NAME: 'error',
  ACTION_SERVICE_CASE: 'suggestion',
  EMPTY_ARRAY_ACTION: 'suggestion',
  REDUNDANT_ACTION: 'suggestion',
  INVALID_ACTION_FOR_TRUST_POLICY: 'error',
  MISMATCHED_ACTION_FOR_PRINCIPAL: 'warning',
  INVALID_ARN_PREFIX: 'error',
  MISSING_ARN_FIELD: 'error',
  INVALID_PARTITION: 'error',
  INVALID_ARN_SERVICE_CASE: 'error',
  INVALID_ARN_REGION: 'error',
  INVALID_ARN_ACCOUNT: 'error',
  EMPTY_ARRAY_RESOURCE: 'suggestion',
  REDUNDANT_RESOURCE: 'suggestion',
  MISSING_BRACE_IN_VARIABLE: 'error',
  EMPTY_VARIABLE: 'error',
  INVALID_VARIABLE: 'error',
  INVALID_VARIABLE_FOR_OPERATOR: 'error',
  INVALID_CONDITION_OPERATOR: 'error',
  INVALID_CONDITION_KEY_FORMAT: 'error',
  INVALID_GLOBAL_CONDITION_KEY: 'warning',
  EMPTY_OBJECT_CONDITION: 'suggestion',
  EMPTY_ARRAY_CONDITION: 'warning',
  TYPE_MISMATCH: 'error',
  TYPE_MISMATCH_IP_RANGE: 'error',
  NULL_WITH_IF_EXISTS: 'error',
  INVALID_CONDITION_MULTIPLE_BOOLEAN: 'warning',
  INVALID_CONDITION_MULTIPLE_NULL: 'warning',
  WILDCARD_WITHOUT_LIKE_OPERATOR: 'warning',
  FORALLVALUES_WITH_SINGLE_VALUED_KEY: 'security-warning',
  ALLOW_WITH_FORALLVALUES: 'security-warning',
  PASS_ROLE_WITH_STAR_IN_RESOURCE: 'security-warning',
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: 'security-warning',
  ALLOW_WITH_NOT_ACTION_AND_STAR_RESOURCE: 'security-warning',
  PUBLIC_PRINCIPAL_WITHOUT_CONDITION: 'security-warning',
  FULL_ADMIN_ACCESS: 'warning',
  UNKNOWN_SERVICE: 'warning',
  UNREGISTERED_SERVICE: 'suggestion',
  UNKNOWN_ACTION: 'warning',
  NO_MATCHING_ACTION: 'warning',
  UNSUPPORTED_RESOURCE_ARN_IN_POLICY: 'warning',
} as const satisfies Record<string, PolicyIssueSeverity>;

/** A code the parse and validate stages can emit. */
export type PolicyIssueCode = keyof typeof POLICY_ISSUE_CODES;

/** Where a policy is attached (defined with the grammar; re-exported here for the model's users). */
export type { PolicyKind } from '../grammar/policy-elements.js';
