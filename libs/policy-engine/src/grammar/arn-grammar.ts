// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
//   arn:partition:service:region:account-id:resource  (the resource part may itself contain `:` and `/`)
// Partitions: aws, aws-cn, aws-us-gov, aws-iso*, and ours; any `[a-z-]+` is accepted. In policies every field
// may hold `*`/`?` wildcards and `${...}` policy variables, so each field check lets those through.

/** The six fields of an ARN (the resource keeps any further `:`). */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN into its fields; undefined when it does not start with `arn:` or has fewer than six parts. */
export function splitArn(text: string): ArnParts | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = text.split(':');
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    account: parts[4]!,
    resource: parts.slice(5).join(':'),
  };
}

/** True when the text contains a `*`/`?` wildcard or a `${...}` policy variable. */
export function hasWildcardOrVariable(text: string): boolean {
  return text.includes('*') || text.includes('?') || text.includes('${');
}

export const PARTITION_PATTERN = /^[a-z][a-z-]*$/;
export const ARN_SERVICE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const REGION_PATTERN = /^[a-z0-9-]*$/;
/** Account field: empty (global resources), 12 digits, or `aws` (AWS-managed resources). */
export const ACCOUNT_PATTERN = /^(?:|\d{12}|aws)$/;
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/** One problem with an ARN used as a policy resource. */
export interface ArnProblem {
  readonly code:
    | 'INVALID_ARN_PREFIX'
    | 'MISSING_ARN_FIELD'
    | 'INVALID_PARTITION'
    | 'INVALID_ARN_SERVICE_CASE'
    | 'INVALID_ARN_REGION'
    | 'INVALID_ARN_ACCOUNT';
  readonly message: string;
}

/** Checks a Resource/NotResource entry or an ARN condition value; returns every problem found. */
export function checkPolicyArn(text: string): ArnProblem[] {
  if (text === '*') return [];
  if (!text.startsWith('arn:')) {
    // A bare `*`-pattern like `arn*` or `*bucket*` is neither an ARN nor `*`.
    return [
      {
        code: 'INVALID_ARN_PREFIX',
        message: `resource \`${text}\` must be \`*\` or an ARN starting with \`arn:\``,
      },
    ];
  }
  const arn = splitArn(text);
  if (arn === undefined) {
    return [
      {
        code: 'MISSING_ARN_FIELD',
        message: `resource \`${text}\` needs six ARN fields: \`arn:partition:service:region:account:resource\``,
      },
    ];
  }
  const problems: ArnProblem[] = [];
  if (!hasWildcardOrVariable(arn.partition) && !PARTITION_PATTERN.test(arn.partition)) {
    problems.push({
      code: 'INVALID_PARTITION',
      message: `invalid partition \`${arn.partition}\` in ARN \`${text}\``,
    });
  }
  if (arn.service === '') {
    problems.push({
      code: 'MISSING_ARN_FIELD',
      message: `the service field of ARN \`${text}\` is empty`,
    });
  } else if (!hasWildcardOrVariable(arn.service) && !ARN_SERVICE_PATTERN.test(arn.service)) {
    const code = ARN_SERVICE_PATTERN.test(arn.service.toLowerCase())
      ? 'INVALID_ARN_SERVICE_CASE'
      : 'MISSING_ARN_FIELD';
    problems.push({
      code,
      message:
        code === 'INVALID_ARN_SERVICE_CASE'
          ? `service \`${arn.service}\` in ARN \`${text}\` must be lower case`
          : `invalid service \`${arn.service}\` in ARN \`${text}\``,
    });
  }
  if (!hasWildcardOrVariable(arn.region) && !REGION_PATTERN.test(arn.region)) {
    problems.push({
      code: 'INVALID_ARN_REGION',
      message: `invalid region \`${arn.region}\` in ARN \`${text}\``,
    });
  }
  if (!hasWildcardOrVariable(arn.account) && !ACCOUNT_PATTERN.test(arn.account)) {
    problems.push({
      code: 'INVALID_ARN_ACCOUNT',
      message: `invalid account \`${arn.account}\` in ARN \`${text}\`: expected 12 digits, empty, or a wildcard`,
    });
  }
  if (arn.resource === '') {
    problems.push({
      code: 'MISSING_ARN_FIELD',
      message: `the resource field of ARN \`${text}\` is empty`,
    });
  }
  return problems;
}
