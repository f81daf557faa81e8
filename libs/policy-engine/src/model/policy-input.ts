/** One policy document to compile: `document` is the parsed JSON value (anything; compile never throws). */
export interface PolicyInput {
  readonly id: string;
  readonly document: unknown;
}

/** Every policy that applies to one principal and one resource. */
export interface PolicySetInput {
  readonly identityPolicies: readonly PolicyInput[];
  readonly resourcePolicy?: PolicyInput | null;
  readonly permissionsBoundary?: PolicyInput | null;
  readonly sessionPolicy?: PolicyInput | null;
  /**
   * Guardrails with SCP semantics, treated as policies attached at one level: an Allow from any one of them is
   * needed, a Deny in any of them is final. Empty or absent: no guardrail applies.
   */
  readonly guardrails?: readonly PolicyInput[];
  /** Account that owns the resource. Absent: same account as the principal. */
  readonly resourceAccount?: string;
}

/** The role a policy plays in a set. */
export type PolicyType = 'guardrail' | 'resource' | 'identity' | 'boundary' | 'session';
