// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// Element names are case-sensitive: IAM rejects `effect` or `ACTION`.

/** Elements allowed at the top level of a policy document. */
export const TOP_LEVEL_ELEMENTS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);

/** Elements allowed in a statement. */
export const STATEMENT_ELEMENTS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
/** The two policy language versions. Only 2012-10-17 substitutes policy variables. */
export const POLICY_VERSIONS: ReadonlySet<string> = new Set(['2012-10-17', '2008-10-17']);
export const CURRENT_POLICY_VERSION = '2012-10-17';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
// "The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)."
export const IAM_SID_PATTERN = /^[A-Za-z0-9]*$/;

/** The two effects, case-sensitive. */
export const EFFECTS: ReadonlySet<string> = new Set(['Allow', 'Deny']);

/** Where a policy is attached; decides which elements are required or forbidden and the size quota. */
export type PolicyKind =
  'managed' | 'inline-user' | 'inline-group' | 'inline-role' | 'trust' | 'resource' | 'guardrail';

/** Every policy kind, for iteration and input checks. */
export const POLICY_KINDS: readonly PolicyKind[] = [
  'managed',
  'inline-user',
  'inline-group',
  'inline-role',
  'trust',
  'resource',
  'guardrail',
];

/** Identity-based kinds: attached to a user, group or role, so the principal is implied. */
export function isIdentityKind(kind: PolicyKind): boolean {
  return (
    kind === 'managed' ||
    kind === 'inline-user' ||
    kind === 'inline-group' ||
    kind === 'inline-role'
  );
}

/** Kinds whose statements name a principal. */
export function requiresPrincipal(kind: PolicyKind): boolean {
  return kind === 'resource' || kind === 'trust';
}

/** The kind of policy in a sentence, with its article: `a trust policy`, `an inline user policy`. */
export function policyKindPhrase(kind: string): string {
  const words = kind.replace('-', ' ');
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words} policy`;
}
