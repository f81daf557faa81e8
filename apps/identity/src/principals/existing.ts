import type { AccountId, CallerContext } from '@iam/common';
import type { EntityManager } from 'typeorm';
import { authorizeExisting } from '../authorization/index.js';
import type { PrincipalKind } from './iam-rules.js';
import { principalArn } from './iam-rules.js';
import type { PrincipalServiceDeps } from './service-deps.js';

/** The caller and the action an operation on an existing principal is decided on. */
export interface PrincipalAccess {
  readonly caller: CallerContext;
  readonly action: string;
}

/** A principal as its ARN names it. */
export interface NamedPrincipal {
  readonly path: string;
  readonly name: string;
}

/**
 * Authorizes `access` on an existing user, group or role looked up by `name`, as AWS does: on its real ARN (path
 * included) when `found`, else on the name's ARN with path `/` (see `authorizeExisting`).
 */
export async function authorizeExistingPrincipal(
  deps: Pick<PrincipalServiceDeps, 'authorizer' | 'partition'>,
  kind: PrincipalKind,
  access: PrincipalAccess,
  accountId: AccountId,
  found: NamedPrincipal | null,
  name: string,
): Promise<void> {
  await authorizeExisting(
    deps.authorizer,
    access.caller,
    access.action,
    accountId,
    found,
    (p) => principalArn(deps.partition, accountId, kind, p.path, p.name),
    principalArn(deps.partition, accountId, kind, '/', name),
  );
}

/** Where one kind of principal is looked up by name (the users, groups and roles repositories). */
export interface PrincipalsByName<T extends { readonly path: string }> {
  readonly kind: PrincipalKind;
  nameOf(principal: T): string;
  findByName(tx: EntityManager, accountId: string, name: string, lock?: boolean): Promise<T | null>;
}

/**
 * Existing users, groups or roles of the use cases: looked up by name (`lock`: held for the rest of the
 * transaction), then, with `access`, authorized on the real ARN as AWS does, and only then `NoSuchEntity` when
 * missing — so a denied caller cannot tell whether the principal exists.
 */
export class ExistingPrincipals<T extends { readonly path: string }> {
  constructor(
    private readonly deps: Pick<PrincipalServiceDeps, 'authorizer' | 'partition'>,
    private readonly principals: PrincipalsByName<T>,
    private readonly notFound: (name: string) => Error,
  ) {}

  /** The ARN of a principal of this kind. */
  arn(accountId: string, path: string, name: string): string {
    return principalArn(this.deps.partition, accountId, this.principals.kind, path, name);
  }

  /** `access` on the principal's real ARN (or its name's with path `/` when it does not exist). */
  async authorize(
    access: PrincipalAccess,
    accountId: AccountId,
    name: string,
    found: T | null,
  ): Promise<void> {
    await authorizeExistingPrincipal(
      this.deps,
      this.principals.kind,
      access,
      accountId,
      found === null ? null : { path: found.path, name: this.principals.nameOf(found) },
      name,
    );
  }

  /**
   * AWS UpdateUser/UpdateGroup: the caller needs the action on the new ARN as well, which keeps the principal's
   * current path (or name) unless a new one is given.
   */
  async authorizeMove(
    access: PrincipalAccess,
    accountId: AccountId,
    name: string,
    found: T | null,
    target: { readonly newName: string | null; readonly newPath: string | null },
  ): Promise<void> {
    const { newName, newPath } = target;
    if (newName === null && newPath === null) return;
    await authorizeExisting(
      this.deps.authorizer,
      access.caller,
      access.action,
      accountId,
      found,
      (p) => this.arn(accountId, newPath ?? p.path, newName ?? this.principals.nameOf(p)),
      this.arn(accountId, newPath ?? '/', newName ?? name),
    );
  }

  /** The principal named `name`, authorized with `access` when given; `NoSuchEntity` when missing. */
  async find(
    tx: EntityManager,
    accountId: AccountId,
    name: string,
    options: { readonly lock?: boolean; readonly access?: PrincipalAccess } = {},
  ): Promise<T> {
    const found = await this.principals.findByName(tx, accountId, name, options.lock ?? false);
    if (options.access !== undefined) await this.authorize(options.access, accountId, name, found);
    if (!found) throw this.notFound(name);
    return found;
  }
}
