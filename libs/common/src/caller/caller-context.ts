import type { AccountId } from '../ids/account-id.js';

/** Who is calling. `platform-admin` manages tenants; every other kind acts inside one account. */
export type PrincipalType =
  'platform-admin' | 'root' | 'user' | 'role-session' | 'federated-user' | 'service';

/**
 * The authenticated caller, as established by the gateway and passed to subgraphs in a signed header.
 * Subgraphs trust only what the signature covers.
 */
export interface CallerContext {
  readonly requestId: string;
  readonly principalType: PrincipalType;
  /** The principal's ARN; for the platform administrator a synthetic `arn:<partition>:iam::platform:admin`. */
  readonly principalArn: string;
  /** The account the caller acts in; `null` only for the platform administrator. */
  readonly accountId: AccountId | null;
  /** Request-context keys known at authentication (aws:MultiFactorAuthPresent, aws:SourceIp, ...). */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}
