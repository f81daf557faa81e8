// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html — 3 to 63 characters,
// pattern ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$ (no leading, trailing or doubled hyphen).
const ACCOUNT_ALIAS_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

/** True when `alias` follows AWS's account alias rules. */
export function isValidAccountAlias(alias: string): boolean {
  return ACCOUNT_ALIAS_PATTERN.test(alias);
}
