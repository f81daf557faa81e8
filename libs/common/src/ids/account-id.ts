/** A 12-digit AWS-style account (tenant) id. Branded so that a plain string cannot cross a tenancy boundary. */
export type AccountId = string & { readonly __brand: 'AccountId' };

const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/** True when `value` is a 12-digit account id. */
export function isAccountId(value: unknown): value is AccountId {
  return typeof value === 'string' && ACCOUNT_ID_PATTERN.test(value);
}

/** The account id, or `null` when `value` is not 12 digits. */
export function parseAccountId(value: string): AccountId | null {
  return isAccountId(value) ? value : null;
}
