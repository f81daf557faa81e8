import type { PolicyKind } from './policy-elements.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
//   managed 6,144; inline: user 2,048, group 5,120, role 10,240 (aggregate per entity; we check one document);
//   role trust policy 2,048 (default; a quota increase can raise it to 4,096). "IAM does not count white space."
// AWS: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html  SCP 5,120, and
//   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
//   "All characters in your SCP count against its maximum size": white space counts for guardrails.
// AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html  bucket policy 20 KB. Other
//   services' resource policies have other limits (SQS/SNS/KMS…); we use S3's 20,480 for the `resource` kind.

/** Largest document, in characters, per policy kind. */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicyKind, number>> = {
  managed: 6_144,
  'inline-user': 2_048,
  'inline-group': 5_120,
  'inline-role': 10_240,
  trust: 2_048,
  resource: 20_480,
  guardrail: 5_120,
};

/** Whether white space counts toward the size of a policy of this kind. */
export function countsWhiteSpace(kind: PolicyKind): boolean {
  return kind === 'guardrail';
}

/**
 * Counts the characters (code points) of policy text as AWS does. White space outside string literals is left
 * out unless `countWhiteSpace`; white space inside strings is content and always counts. Works on malformed text.
 */
export function measurePolicySize(text: string, countWhiteSpace: boolean): number {
  let size = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff && index > 0) {
      const previous = text.charCodeAt(index - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue; // second half of a pair: already counted
    }
    if (inString) {
      size += 1;
      if (code === 0x5c /* \ */) {
        if (index + 1 < text.length) size += 1;
        index += 1;
      } else if (code === 0x22 /* " */) {
        inString = false;
      }
      continue;
    }
    if (code === 0x22) {
      inString = true;
      size += 1;
    } else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
      if (countWhiteSpace) size += 1;
    } else {
      size += 1;
    }
  }
  return size;
}
