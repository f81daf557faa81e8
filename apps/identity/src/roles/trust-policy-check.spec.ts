import { describe, expect, it } from 'vitest';
import { checkTrustPolicy } from './roles.service.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html "Role trust policy length
// 2,048 characters"; IAM does not count white space. Over the quota AWS answers LimitExceeded "Cannot exceed quota
// for ACLSizePerRole: 2048", not MalformedPolicyDocument.

/** A valid trust policy whose size, not counting white space outside strings, is exactly `size`. */
function trustPolicyOfSize(size: number, indent = ''): string {
  const build = (sid: string): string =>
    `{${indent}"Version":${indent}"2012-10-17",${indent}"Statement":${indent}[{${indent}"Sid":"${sid}",` +
    `${indent}"Effect":"Allow",${indent}"Principal":{"Service":"ec2.amazonaws.com"},` +
    `${indent}"Action":"sts:AssumeRole"}]}`;
  const base = build('').length - (build('').match(/\s/g)?.length ?? 0);
  return build('S'.repeat(size - base));
}

describe('checkTrustPolicy size quota', () => {
  it('accepts a trust policy of exactly 2,048 characters', () => {
    const doc = trustPolicyOfSize(2048);
    expect(doc.length).toBe(2048);
    expect(checkTrustPolicy(doc)).toBe(doc);
  });

  it('answers LimitExceeded (ACLSizePerRole), not MalformedPolicyDocument, at 2,049 characters', () => {
    const doc = trustPolicyOfSize(2049);
    let error: unknown;
    try {
      checkTrustPolicy(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'LimitExceeded',
      category: 'LIMIT_EXCEEDED',
      message: 'Cannot exceed quota for ACLSizePerRole: 2048',
    });
  });

  it('does not count white space: 2,048 characters plus indentation are accepted', () => {
    const doc = trustPolicyOfSize(2048, '\n    ');
    expect(doc.length).toBeGreaterThan(2048);
    expect(checkTrustPolicy(doc)).toBe(doc);
  });

  it('answers LimitExceeded for an oversized document that is malformed as well', () => {
    expect(() => checkTrustPolicy(`{"Version":"${'x'.repeat(3000)}"`)).toThrow(
      expect.objectContaining({ code: 'LimitExceeded' }),
    );
  });

  it('still answers MalformedPolicyDocument for a small malformed document', () => {
    expect(() => checkTrustPolicy('{')).toThrow(
      expect.objectContaining({ code: 'MalformedPolicyDocument' }),
    );
  });
});
