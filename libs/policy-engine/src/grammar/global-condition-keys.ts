// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
// "AWS global condition context keys". Keys are case-insensitive. Tag keys take a `/tag-key` suffix.

/** Whether a key carries one value or a set of values in the request context. */
export type KeyArity = 'single' | 'multi';

const GLOBAL_KEYS: ReadonlyArray<readonly [string, KeyArity]> = [
  // principal
  ['aws:PrincipalArn', 'single'],
  ['aws:PrincipalAccount', 'single'],
  ['aws:PrincipalOrgPaths', 'multi'],
  ['aws:PrincipalOrgID', 'single'],
  ['aws:PrincipalIsAWSService', 'single'],
  ['aws:PrincipalServiceName', 'single'],
  ['aws:PrincipalServiceNamesList', 'multi'],
  ['aws:PrincipalType', 'single'],
  ['aws:userid', 'single'],
  ['aws:username', 'single'],
  ['aws:AssumedRoot', 'single'],
  // role session
  ['aws:FederatedProvider', 'single'],
  ['aws:TokenIssueTime', 'single'],
  ['aws:MultiFactorAuthAge', 'single'],
  ['aws:MultiFactorAuthPresent', 'single'],
  ['aws:ChatbotSourceArn', 'single'],
  ['aws:Ec2InstanceSourceVpc', 'single'],
  ['aws:Ec2InstanceSourcePrivateIPv4', 'single'],
  ['aws:SourceIdentity', 'single'],
  // network
  ['aws:SourceIp', 'single'],
  ['aws:SourceVpc', 'single'],
  ['aws:SourceVpcArn', 'single'],
  ['aws:SourceVpce', 'single'],
  ['aws:VpceAccount', 'single'],
  ['aws:VpceOrgID', 'single'],
  ['aws:VpceOrgPaths', 'multi'],
  ['aws:VpcSourceIp', 'single'],
  // resource
  ['aws:ResourceAccount', 'single'],
  ['aws:ResourceOrgID', 'single'],
  ['aws:ResourceOrgPaths', 'multi'],
  // request
  ['aws:CalledVia', 'multi'],
  ['aws:CalledViaFirst', 'single'],
  ['aws:CalledViaLast', 'single'],
  ['aws:ViaAWSService', 'single'],
  ['aws:CurrentTime', 'single'],
  ['aws:EpochTime', 'single'],
  ['aws:referer', 'single'],
  ['aws:RequestedRegion', 'single'],
  ['aws:TagKeys', 'multi'],
  ['aws:SecureTransport', 'single'],
  ['aws:SourceAccount', 'single'],
  ['aws:SourceArn', 'single'],
  ['aws:SourceOrgID', 'single'],
  ['aws:SourceOrgPaths', 'multi'],
  ['aws:UserAgent', 'single'],
];

/** Tag-key prefixes: `aws:RequestTag/<key>` and friends. */
const GLOBAL_KEY_PREFIXES: readonly string[] = [
  'aws:RequestTag/',
  'aws:ResourceTag/',
  'aws:PrincipalTag/',
];

const BY_LOWER: ReadonlyMap<string, { name: string; arity: KeyArity }> = new Map(
  GLOBAL_KEYS.map(([name, arity]) => [name.toLowerCase(), { name, arity }]),
);

/** Looks up an `aws:` key case-insensitively; tag keys are single-valued. Undefined when unknown. */
export function lookupGlobalConditionKey(
  key: string,
): { name: string; arity: KeyArity } | undefined {
  const lower = key.toLowerCase();
  const known = BY_LOWER.get(lower);
  if (known !== undefined) return known;
  for (const prefix of GLOBAL_KEY_PREFIXES) {
    if (lower.startsWith(prefix.toLowerCase()) && key.length > prefix.length) {
      return { name: `${prefix}${key.slice(prefix.length)}`, arity: 'single' };
    }
  }
  return undefined;
}

// `prefix:name`; the name may hold `/` (tag keys) and most printable characters of tag keys.
const CONDITION_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*:[^\s:][^\s]*$/;

/** True when a condition key has the form `prefix:name`. */
export function isConditionKeyFormat(key: string): boolean {
  return CONDITION_KEY.test(key);
}
