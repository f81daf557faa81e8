import type { AccountId, CallerContext } from '@iam/common';
import type { EventEnvelope } from '@iam/event-contracts';
import type { EntityManager } from 'typeorm';
import { targetAccount } from '@iam/authorization';
import type { PrincipalRepository } from './base.repository.js';
import { ExistingPrincipals } from './existing.js';
import type { Tag } from './iam-rules.js';
import {
  checkMove,
  checkName,
  checkPath,
  checkPathPrefix,
  decodeMarker,
  pageSize,
} from './iam-rules.js';
import type { Page } from './paging.js';
import { tagPage, toPage } from './paging.js';
import { requireQuota } from './quotas.js';
import type { AccountScoped, PrincipalServiceDeps } from './service-deps.js';
import { write } from './write.js';

/** A row of identity.users, identity.groups or identity.roles. */
export interface PrincipalRecord {
  readonly accountId: string;
  readonly path: string;
  readonly updatedAt: Date;
}

/** What a use case needs to know about one kind of principal besides its repository. */
export interface PrincipalKindSpec<T, E extends string> {
  /** The unique index on (account, lower(name)): its violation is a concurrent create of the same name. */
  readonly nameIndex: string;
  notFound(name: string): Error;
  alreadyExists(name: string): Error;
  /** The event of a change of `principal` (`user.created.v1`, ...). */
  changed(type: E, principal: T, partition: string, caller: CallerContext, at: Date): EventEnvelope;
}

/**
 * The outcome of a change: the principal (after it, or its last state) and the id of the event the change wrote to
 * the outbox (null when nothing changed), which names the change in a revision token (`eventRevisionToken`).
 */
export interface Revised<T> {
  readonly entity: T;
  readonly eventId: string | null;
}

/** A list request with AWS's PathPrefix/Marker/MaxItems. */
export type ListInput = AccountScoped & {
  pathPrefix?: string | null;
  marker?: string | null;
  maxItems?: number | null;
};

/** A request for a page (AWS Marker/MaxItems). */
export interface PageInput {
  readonly marker?: string | null;
  readonly maxItems?: number | null;
}

/**
 * AWS ListUserTags/ListRoleTags/ListMFADeviceTags: checks the paging input, then pages the tags of what `load`
 * finds by position.
 */
export async function listTags(
  input: PageInput,
  load: () => Promise<{ readonly tags: readonly Tag[] }>,
): Promise<Page<Tag>> {
  const limit = pageSize(input.maxItems);
  const after = decodeMarker(input.marker);
  const { tags } = await load();
  return tagPage(tags, after, limit);
}

/**
 * The use cases users, groups and roles share (create, get, list, rename/move, change, delete), as AWS runs them:
 * authorize (on the principal's real ARN once it is looked up), validate, one tenant transaction with the event in
 * the outbox, then nudge the relay.
 */
export class PrincipalUseCases<T extends PrincipalRecord, E extends string> {
  readonly existing: ExistingPrincipals<T>;

  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly repository: PrincipalRepository<T>,
    private readonly spec: PrincipalKindSpec<T, E>,
  ) {
    this.existing = new ExistingPrincipals(deps, repository, (name) => spec.notFound(name));
  }

  /** One tenant transaction; maps the name index to EntityAlreadyExists (of `name`). */
  write<R>(
    accountId: AccountId,
    name: string,
    work: (tx: EntityManager) => Promise<R>,
  ): Promise<R> {
    return write(this.deps, accountId, work, {
      [this.spec.nameIndex]: () => this.spec.alreadyExists(name),
    });
  }

  /** Appends the event of a change of `principal`; answers the event's id. */
  async append(
    tx: EntityManager,
    type: E,
    principal: T,
    caller: CallerContext,
    at: Date,
  ): Promise<string> {
    const event = this.spec.changed(type, principal, this.deps.partition, caller, at);
    await this.deps.outbox.append(tx, event);
    return event.id;
  }

  /**
   * AWS CreateUser/CreateGroup/CreateRole: authorized on the new ARN, then `build` the row from the checked name
   * and path (checking the rest of the input), within the account's quota.
   */
  async create(
    caller: CallerContext,
    input: AccountScoped & { name: string; path?: string | null },
    action: string,
    type: E,
    build: (checked: { accountId: AccountId; name: string; path: string; now: Date }) => T,
  ): Promise<T> {
    const accountId = targetAccount(caller, input.accountId);
    const path = checkPath(input.path);
    await this.deps.authorizer.require(
      caller,
      action,
      this.existing.arn(accountId, path, input.name),
      accountId,
    );
    const name = checkName(this.repository.kind, input.name);
    const now = this.deps.now();
    const principal = build({ accountId, name, path, now });
    return this.write(accountId, name, async (tx) => {
      await this.insertNew(tx, accountId, principal, name, type, caller, now);
      return principal;
    });
  }

  /**
   * The create's writes in the caller's transaction `tx` (its `name` checked, authorized): within the account's
   * quota, `EntityAlreadyExists` for a taken name, then the row and its event. Answers the event's id.
   */
  async insertNew(
    tx: EntityManager,
    accountId: AccountId,
    principal: T,
    name: string,
    type: E,
    caller: CallerContext,
    now: Date,
  ): Promise<string> {
    await requireQuota(tx, accountId, this.repository.kind);
    if (await this.repository.findByName(tx, accountId, name)) {
      throw this.spec.alreadyExists(name);
    }
    await this.repository.insert(tx, principal);
    return this.append(tx, type, principal, caller, now);
  }

  /** AWS GetUser/GetRole: the principal, authorized on its real ARN. */
  get(caller: CallerContext, input: AccountScoped, name: string, action: string): Promise<T> {
    return this.find(caller, targetAccount(caller, input.accountId), name, action);
  }

  /** The principal in `accountId` (already resolved with `targetAccount`), authorized on its real ARN. */
  find(caller: CallerContext, accountId: AccountId, name: string, action: string): Promise<T> {
    return this.deps.tenantTx.run(accountId, (tx) =>
      this.existing.find(tx, accountId, name, { access: { caller, action } }),
    );
  }

  /** AWS ListUsers/ListGroups/ListRoles: authorized on the kind's `*`, by lower-case name within a path prefix. */
  async list(caller: CallerContext, input: ListInput, action: string): Promise<Page<T>> {
    const accountId = targetAccount(caller, input.accountId);
    await this.deps.authorizer.require(
      caller,
      action,
      this.existing.arn(accountId, '/', '*'),
      accountId,
    );
    const prefix = checkPathPrefix(input.pathPrefix);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const rows = await this.deps.tenantTx.run(accountId, (tx) =>
      this.repository.list(tx, accountId, prefix, after, limit + 1),
    );
    return toPage(rows, limit, (row) => this.repository.nameOf(row).toLowerCase());
  }

  /**
   * AWS UpdateUser/UpdateGroup: renames and/or moves a principal; the caller needs the action on the old and the
   * new ARN.
   */
  move(
    caller: CallerContext,
    input: AccountScoped & { name: string; newName?: string | null; newPath?: string | null },
    action: string,
    type: E,
  ): Promise<Revised<T>> {
    const accountId = targetAccount(caller, input.accountId);
    const access = { caller, action };
    return this.write(accountId, input.newName ?? input.name, async (tx) => {
      const found = await this.repository.findByName(tx, accountId, input.name, true);
      await this.existing.authorize(access, accountId, input.name, found);
      const target = checkMove(this.repository.kind, input.newName, input.newPath);
      await this.existing.authorizeMove(access, accountId, input.name, found, target);
      if (!found) throw this.spec.notFound(input.name);
      const { newName, newPath } = target;
      const name = this.repository.nameOf(found);
      if (newName !== null && newName.toLowerCase() !== name.toLowerCase()) {
        if (await this.repository.findByName(tx, accountId, newName)) {
          throw this.spec.alreadyExists(newName);
        }
      }
      const now = this.deps.now();
      const next: T = {
        ...this.repository.named(found, newName ?? name),
        path: newPath ?? found.path,
        updatedAt: now,
      };
      await this.repository.update(tx, next);
      return { entity: next, eventId: await this.append(tx, type, next, caller, now) };
    });
  }

  /**
   * Loads (locked), authorizes `action` on, changes and stores one principal with its event, in one transaction;
   * `apply` validates its input after the authorization.
   */
  change(
    caller: CallerContext,
    input: AccountScoped,
    name: string,
    action: string,
    type: E,
    apply: (principal: T) => T,
  ): Promise<Revised<T>> {
    return this.withLocked(caller, input, name, action, async (tx, principal, now) => {
      const next: T = { ...apply(principal), updatedAt: now };
      await this.repository.update(tx, next);
      return { entity: next, eventId: await this.append(tx, type, next, caller, now) };
    });
  }

  /**
   * AWS DeleteUser/DeleteGroup/DeleteRole: loads (locked) and authorizes the principal, runs `before` (which may
   * refuse with `DeleteConflict` or remove what the principal owns), then deletes it with its event.
   */
  delete(
    caller: CallerContext,
    input: AccountScoped,
    name: string,
    action: string,
    type: E,
    before?: (tx: EntityManager, accountId: AccountId, principal: T, now: Date) => Promise<void>,
  ): Promise<Revised<T>> {
    return this.withLocked(caller, input, name, action, async (tx, principal, now, accountId) => {
      await before?.(tx, accountId, principal, now);
      await this.repository.delete(tx, principal);
      return { entity: principal, eventId: await this.append(tx, type, principal, caller, now) };
    });
  }

  /** Runs `work` on the principal, locked and authorized, in one tenant transaction (see {@link write}). */
  private withLocked<R>(
    caller: CallerContext,
    input: AccountScoped,
    name: string,
    action: string,
    work: (tx: EntityManager, principal: T, now: Date, accountId: AccountId) => Promise<R>,
  ): Promise<R> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, name, async (tx) => {
      const principal = await this.existing.find(tx, accountId, name, {
        lock: true,
        access: { caller, action },
      });
      return work(tx, principal, this.deps.now(), accountId);
    });
  }
}

/** {@link PrincipalUseCases} of a kind with tags (users, roles). */
export class TaggedPrincipalUseCases<
  T extends PrincipalRecord & { readonly tags: Tag[] },
  E extends string,
> extends PrincipalUseCases<T, E> {
  /** AWS TagUser/UntagUser/TagRole/UntagRole: replaces the principal's tags with `change` of them. */
  retag(
    caller: CallerContext,
    input: AccountScoped,
    name: string,
    action: string,
    type: E,
    change: (tags: Tag[]) => Tag[],
  ): Promise<Revised<T>> {
    return this.change(caller, input, name, action, type, (principal) => ({
      ...principal,
      tags: change(principal.tags),
    }));
  }

  /** AWS ListUserTags/ListRoleTags: the principal's tags, paged by position. */
  listTags(
    caller: CallerContext,
    input: AccountScoped & PageInput,
    name: string,
    action: string,
  ): Promise<Page<Tag>> {
    const accountId = targetAccount(caller, input.accountId);
    return listTags(input, () => this.find(caller, accountId, name, action));
  }
}
