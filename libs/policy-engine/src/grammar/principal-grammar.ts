import { ACCOUNT_ID_PATTERN, splitArn } from './arn-grammar.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
//   "Principal": "*" | { "AWS" | "Federated" | "Service" | "CanonicalUser": string | string[] }
//   You can't use a wildcard to match part of a principal name or ARN; only `"*"` (or `"AWS": "*"`).

/** The keys allowed in a Principal object. */
export const PRINCIPAL_KEYS: ReadonlySet<string> = new Set([
  'AWS',
  'Federated',
  'Service',
  'CanonicalUser',
]);

/** One problem with a principal value. */
export interface PrincipalProblem {
  readonly code: 'INVALID_PRINCIPAL_FORMAT' | 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL';
  readonly message: string;
}

// Path segments exclude `/` so the pattern cannot backtrack exponentially on hostile input.
const IAM_RESOURCE =
  /^(?:root|(?:user|role)(?:\/[\x21-\x2e\x30-\x7e]+)*\/[\w+=,.@-]+|federated-user\/[\w+=,.@-]+)$/;
const STS_RESOURCE = /^(?:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+|federated-user\/[\w+=,.@-]+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$/;
const FEDERATED_RESOURCE = /^(?:saml-provider\/[\w.-]+|oidc-provider\/[\x21-\x7e]+)$/;
const HOST_NAME = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+(?:\/[\x21-\x7e]*)?$/i;
const CANONICAL_USER = /^[0-9a-f]{64}$/;

/** Checks one value under a principal key (`AWS`, `Service`, …). */
export function checkPrincipalValue(key: string, value: string): PrincipalProblem[] {
  if (key === 'AWS' && value === '*') return [];
  if (value.includes('*') || value.includes('?')) {
    return [
      {
        code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
        message: `wildcards are not allowed in principal \`${value}\`; use \`*\` alone or a condition on \`aws:PrincipalArn\``,
      },
    ];
  }
  if (key === 'AWS') {
    if (ACCOUNT_ID_PATTERN.test(value)) return [];
    const arn = splitArn(value);
    const ok =
      arn !== undefined &&
      arn.region === '' &&
      ACCOUNT_ID_PATTERN.test(arn.account) &&
      ((arn.service === 'iam' && IAM_RESOURCE.test(arn.resource)) ||
        (arn.service === 'sts' && STS_RESOURCE.test(arn.resource)));
    return ok
      ? []
      : [
          invalid(
            value,
            'an account ID, an IAM user/role/root ARN, an assumed-role session ARN or `*`',
          ),
        ];
  }
  if (key === 'Service') {
    return SERVICE_PRINCIPAL.test(value)
      ? []
      : [invalid(value, 'a service principal like `ec2.amazonaws.com`')];
  }
  if (key === 'Federated') {
    const arn = splitArn(value);
    if (arn !== undefined) {
      const ok =
        arn.service === 'iam' &&
        ACCOUNT_ID_PATTERN.test(arn.account) &&
        FEDERATED_RESOURCE.test(arn.resource);
      return ok ? [] : [invalid(value, 'a SAML or OIDC provider ARN or an identity provider name')];
    }
    return HOST_NAME.test(value)
      ? []
      : [invalid(value, 'a SAML or OIDC provider ARN or an identity provider name')];
  }
  if (key === 'CanonicalUser') {
    return CANONICAL_USER.test(value)
      ? []
      : [invalid(value, 'a 64-character hexadecimal canonical user ID')];
  }
  return [];
}

function invalid(value: string, expected: string): PrincipalProblem {
  return {
    code: 'INVALID_PRINCIPAL_FORMAT',
    message: `invalid principal \`${value}\`: expected ${expected}`,
  };
}
