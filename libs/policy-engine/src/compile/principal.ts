// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html

/** What kind of caller a request principal is, read from its ARN. */
export type PrincipalKind =
  'user' | 'role' | 'assumed-role' | 'federated-user' | 'root' | 'service' | 'anonymous' | 'other';

/** The request principal, parsed once per request. */
export interface PrincipalInfo {
  readonly arn: string;
  readonly kind: PrincipalKind;
  readonly partition: string | null;
  readonly account: string | null;
  /** Role name for `role` and `assumed-role` (the last path element of the role ARN). */
  readonly roleName: string | null;
  /** `arn:aws:iam::A:role/aws-service-role/...`: SCPs do not apply. */
  readonly serviceLinked: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;

/** Parses a request principal. Never throws; unknown shapes become `other`. */
export function parsePrincipal(arn: string): PrincipalInfo {
  if (arn === '*' || arn === '' || arn === 'anonymous') {
    return {
      arn,
      kind: 'anonymous',
      partition: null,
      account: null,
      roleName: null,
      serviceLinked: false,
    };
  }
  if (!arn.startsWith('arn:')) {
    const kind =
      arn.endsWith('.amazonaws.com') || arn.endsWith('.amazonaws.com.cn') ? 'service' : 'other';
    return { arn, kind, partition: null, account: null, roleName: null, serviceLinked: false };
  }
  const parts = arn.split(':');
  const partition = parts[1] ?? null;
  const service = parts[2] ?? '';
  const account = parts[4] ?? '';
  const resource = parts.slice(5).join(':');
  const acct = ACCOUNT_ID.test(account) ? account : null;
  let kind: PrincipalKind = 'other';
  let roleName: string | null = null;
  let serviceLinked = false;
  if (service === 'iam') {
    if (resource === 'root') kind = 'root';
    else if (resource.startsWith('user/')) kind = 'user';
    else if (resource.startsWith('role/')) {
      kind = 'role';
      roleName = resource.slice(resource.lastIndexOf('/') + 1);
      // AWS: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
      // "SCPs don't affect service-linked roles."
      serviceLinked = resource.startsWith('role/aws-service-role/');
    }
  } else if (service === 'sts') {
    if (resource.startsWith('assumed-role/')) {
      const rest = resource.slice('assumed-role/'.length);
      const slash = rest.indexOf('/');
      if (slash > 0) {
        kind = 'assumed-role';
        roleName = rest.slice(0, slash);
      }
    } else if (resource.startsWith('federated-user/')) kind = 'federated-user';
  }
  return { arn, kind, partition, account: acct, roleName, serviceLinked };
}

/** Principal / NotPrincipal values compiled into sets. */
export interface PrincipalSpec {
  /** `"*"` or `{"AWS": "*"}`. */
  readonly any: boolean;
  /** 12-digit ids from account ids and `arn:...:iam::A:root`. */
  readonly accounts: ReadonlySet<string>;
  /** Exact strings: user, session, federated-user ARNs, service and federated principals, canonical users. */
  readonly exact: ReadonlySet<string>;
  /** Role ARNs, to match the sessions of the role. */
  readonly roles: readonly {
    readonly partition: string;
    readonly account: string;
    readonly name: string;
  }[];
}

/** How a resource-policy statement's Principal matched the caller. */
export const GRANT_NONE = 0;
/** Matched through the caller's account: delegates to the account, the identity policies must allow. */
export const GRANT_ACCOUNT = 1;
/** Matched a role ARN: limited by the role's permissions boundary and session policy. */
export const GRANT_ROLE = 2;
/** Matched the caller itself (user, session, federated-user ARN, `*`): not limited by implicit denies. */
export const GRANT_DIRECT = 3;

/** Which Principal entry, if any, names the caller and how. */
export function principalGrant(spec: PrincipalSpec, p: PrincipalInfo): number {
  if (spec.any) return GRANT_DIRECT;
  if (spec.exact.has(p.arn)) return p.kind === 'role' ? GRANT_ROLE : GRANT_DIRECT;
  if (p.kind === 'assumed-role' && roleListed(spec, p)) return GRANT_ROLE;
  if (p.account !== null && spec.accounts.has(p.account)) return GRANT_ACCOUNT;
  return GRANT_NONE;
}

function roleListed(spec: PrincipalSpec, p: PrincipalInfo): boolean {
  for (const r of spec.roles) {
    if (r.account === p.account && r.name === p.roleName && r.partition === p.partition)
      return true;
  }
  return false;
}

/**
 * NotPrincipal: the caller is excluded only when every identity it acts as is listed, because "AWS might
 * validate the account first, then the role, and then the assumed-role user"; the doc asks to list the account
 * ARN (and the role ARN for sessions) next to the principal. An IAM user is (account, user); a role session is
 * (account, role, session); a federated user is (account, federated user); the root user is its account.
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html#specifying-notprincipal
 */
export function notPrincipalExcludes(spec: PrincipalSpec, p: PrincipalInfo): boolean {
  if (spec.any) return true;
  const accountListed = p.account !== null && spec.accounts.has(p.account);
  switch (p.kind) {
    case 'root':
      return accountListed || spec.exact.has(p.arn);
    case 'user':
    case 'federated-user':
      return accountListed && spec.exact.has(p.arn);
    case 'role':
      return accountListed && (spec.exact.has(p.arn) || roleListed(spec, p));
    case 'assumed-role':
      return accountListed && roleListed(spec, p) && spec.exact.has(p.arn);
    case 'service':
    case 'anonymous':
    case 'other':
      return spec.exact.has(p.arn);
  }
}

/** Compiles one Principal/NotPrincipal value; returns an error message for malformed values. */
export function compilePrincipalSpec(value: unknown): PrincipalSpec | string {
  const accounts = new Set<string>();
  const exact = new Set<string>();
  const roles: { partition: string; account: string; name: string }[] = [];
  if (value === '*') return { any: true, accounts, exact, roles };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be `*` or an object with AWS, Service, Federated or CanonicalUser';
  }
  let any = false;
  for (const [type, raw] of Object.entries(value as Record<string, unknown>)) {
    const list = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string')) {
      return `\`${type}\` must be a string or a non-empty array of strings`;
    }
    for (const entry of list as string[]) {
      if (type === 'AWS') {
        if (entry === '*') {
          any = true;
          continue;
        }
        addAwsPrincipal(entry, accounts, exact, roles);
      } else if (type === 'Service' || type === 'Federated' || type === 'CanonicalUser') {
        exact.add(entry);
      } else {
        return `unknown principal type \`${type}\``;
      }
    }
  }
  return { any, accounts, exact, roles };
}

function addAwsPrincipal(
  entry: string,
  accounts: Set<string>,
  exact: Set<string>,
  roles: { partition: string; account: string; name: string }[],
): void {
  if (ACCOUNT_ID.test(entry)) {
    accounts.add(entry);
    return;
  }
  const p = parsePrincipal(entry);
  if (p.kind === 'root' && p.account !== null) {
    // AWS: "The account ARN and the shortened account ID behave the same way ... does not limit permissions to
    // only the root user of the account." (reference_policies_elements_principal.html#principal-accounts)
    accounts.add(p.account);
    return;
  }
  if (p.kind === 'role' && p.account !== null && p.roleName !== null && p.partition !== null) {
    roles.push({ partition: p.partition, account: p.account, name: p.roleName });
  }
  exact.add(entry);
}
