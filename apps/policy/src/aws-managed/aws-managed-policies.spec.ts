import { describe, expect, it } from 'vitest';
import { parseIamArn } from '@iam/common';
import { validatePolicyDocument } from '@iam/policy-engine';
import { AWS_MANAGED_POLICIES, awsManagedPolicyByArn } from './aws-managed-policies.js';

describe('AWS managed policies', () => {
  it.each(AWS_MANAGED_POLICIES.map((p) => [p.policyName, p] as const))(
    '%s is a valid managed policy with an AWS ARN, id and version',
    (_name, policy) => {
      const errors = validatePolicyDocument(policy.document, { kind: 'managed' }).filter(
        (i) => i.severity === 'error',
      );
      expect(errors).toEqual([]);
      expect(parseIamArn(policy.arn)).toMatchObject({
        type: 'policy',
        accountId: 'aws',
        name: policy.policyName,
      });
      expect(policy.policyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
      expect(policy.defaultVersionId).toMatch(/^v[1-9][0-9]*$/);
      expect(awsManagedPolicyByArn(policy.arn)).toBe(policy);
    },
  );

  it("IAMUserChangePassword lets users with a path change their password (AWS's v3)", () => {
    const policy = awsManagedPolicyByArn('arn:aws:iam::aws:policy/IAMUserChangePassword');
    expect(policy?.defaultVersionId).toBe('v3');
    expect(policy?.document).toContain('arn:aws:iam::*:user/*/${aws:username}');
  });
});
