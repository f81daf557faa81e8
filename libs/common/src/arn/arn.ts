/** The parts of an ARN: `arn:partition:service:region:account-id:resource`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

/** Default partition; deployments may configure their own (e.g. `aws` for AWS-compatible tooling). */
export const DEFAULT_PARTITION = 'aws';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html — the resource part may itself contain
// colons, so only the first five separators split.
export function parseArn(value: string): Arn | null {
  if (!value.startsWith('arn:')) return null;
  const parts: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const end = value.indexOf(':', start);
    if (end < 0) return null;
    parts.push(value.slice(start, end));
    start = end + 1;
  }
  const [partition, service, region, accountId] = parts as [string, string, string, string];
  if (partition === '' || service === '') return null;
  return { partition, service, region, accountId, resource: value.slice(start) };
}

/** Formats an ARN from its parts. */
export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`;
}

/** `arn:<partition>:iam::<account>:root`, the account's root principal. */
export function accountRootArn(accountId: string, partition = DEFAULT_PARTITION): string {
  return `arn:${partition}:iam::${accountId}:root`;
}
