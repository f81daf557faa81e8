import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Authorizer } from '@iam/authorization';
import { targetAccount } from '@iam/authorization';
import type { AccountId, CallerContext, Page } from '@iam/common';
import {
  LimitExceededError,
  NoSuchEntityError,
  pageSize,
  plainMarker,
  readMarker,
  toPage,
} from '@iam/common';
import { policyServiceEvent } from '@iam/event-contracts';
import type { Outbox } from '@iam/messaging';
import type { TenantTransaction } from '@iam/persistence';
import type { ActionCatalogue, ServiceDefinition } from '@iam/policy-engine';
import { BUILT_IN_SERVICES, catalogueWith } from '@iam/policy-engine';
import type { AccountRevisionRepository } from '../revisions/account-revision.repository.js';
import type {
  RegisteredServiceRecord,
  RegisteredServiceRepository,
} from './registered-service.repository.js';
import type { ServiceRegistrationInput } from './service-registration.js';
import { checkServicePrefix, toServiceDefinition } from './service-registration.js';

/**
 * The actions that authorize the registry (ours: AWS has no product-service registry). Register, get and deregister
 * act on the registration's ARN, `arn:<partition>:iam::<account>:registered-service/<prefix>` (resource type
 * `registered-service` of the `iam` catalogue); listing and reading the catalogue act on `*`.
 */
export const REGISTRY_ACTIONS = {
  register: 'iam:RegisterService',
  get: 'iam:GetRegisteredService',
  list: 'iam:ListRegisteredServices',
  deregister: 'iam:DeregisterService',
  listActions: 'iam:ListServiceActions',
} as const;

/** AWS has no such quota; ours keeps one account's catalogue (and every validation that loads it) bounded. */
export const MAX_REGISTERED_SERVICES_PER_ACCOUNT = 100;

/** Markers of listRegisteredServices: the last prefix returned. */
const PREFIX_MARKER = plainMarker((prefix) => /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/.test(prefix));

/** What the service needs from its host. */
export interface RegisteredServicesDeps {
  readonly tenantTx: TenantTransaction;
  readonly outbox: Outbox;
  readonly authorizer: Authorizer;
  readonly partition: string;
  readonly now: () => Date;
}

/** A service of the catalogue as `listServiceActions` answers it. */
export interface CatalogueEntry {
  readonly definition: ServiceDefinition;
  readonly builtIn: boolean;
}

type AccountScoped = { readonly accountId?: string | null };

/**
 * Product services registered per account: their actions, resource types and condition keys join the built-in
 * catalogue, so that the account's policies naming them are validated like `iam:` ones. A registration changes no
 * one's permissions: the account's revision is not bumped (events carry the current one).
 */
export class RegisteredServicesService {
  constructor(
    private readonly deps: RegisteredServicesDeps,
    private readonly services: RegisteredServiceRepository,
    private readonly revisions: AccountRevisionRepository,
  ) {}

  /** The registration's ARN (the resource its actions are authorized on). */
  arnOf(accountId: string, prefix: string): string {
    return `arn:${this.deps.partition}:iam::${accountId}:registered-service/${prefix}`;
  }

  /** Registers a service, or replaces the account's definition of it. */
  async registerService(
    caller: CallerContext,
    input: AccountScoped & ServiceRegistrationInput,
  ): Promise<RegisteredServiceRecord> {
    const accountId = targetAccount(caller, input.accountId, REGISTRY_ACTIONS.register);
    const prefix = checkServicePrefix(input.servicePrefix);
    await this.deps.authorizer.require(
      caller,
      REGISTRY_ACTIONS.register,
      this.arnOf(accountId, prefix),
      accountId,
    );
    const definition = toServiceDefinition(input);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      await this.services.lockAccount(tx, accountId);
      const existing = await this.services.find(tx, accountId, prefix);
      if (existing === null) {
        const count = await this.services.count(tx, accountId);
        if (count >= MAX_REGISTERED_SERVICES_PER_ACCOUNT) {
          throw new LimitExceededError(
            `the account already registers ${MAX_REGISTERED_SERVICES_PER_ACCOUNT} services`,
            { limit: MAX_REGISTERED_SERVICES_PER_ACCOUNT },
          );
        }
      }
      const now = this.deps.now();
      const record = await this.services.put(tx, accountId, definition, now);
      const type =
        existing === null ? 'registered-service.registered.v1' : 'registered-service.updated.v1';
      await this.publish(tx, caller, type, record, now);
      return record;
    });
  }

  async getRegisteredService(
    caller: CallerContext,
    input: AccountScoped & { servicePrefix: string },
  ): Promise<RegisteredServiceRecord> {
    const { accountId, prefix } = await this.authorized(caller, input, REGISTRY_ACTIONS.get);
    const record = await this.deps.tenantTx.run(accountId, (tx) =>
      this.services.find(tx, accountId, prefix),
    );
    if (record === null) throw new NoSuchEntityError('registered service', prefix);
    return record;
  }

  async listRegisteredServices(
    caller: CallerContext,
    input: AccountScoped & { maxItems?: number | null; marker?: string | null },
  ): Promise<Page<RegisteredServiceRecord>> {
    const accountId = targetAccount(caller, input.accountId, REGISTRY_ACTIONS.list);
    await this.deps.authorizer.require(caller, REGISTRY_ACTIONS.list, '*', accountId);
    const size = pageSize(input.maxItems);
    const after = readMarker(input.marker, PREFIX_MARKER);
    const rows = await this.deps.tenantTx.run(accountId, (tx) =>
      this.services.list(tx, accountId, after, size + 1),
    );
    return toPage(rows, size, (row) => row.definition.prefix, PREFIX_MARKER);
  }

  /** Removes a registration; answers what was removed. */
  async deregisterService(
    caller: CallerContext,
    input: AccountScoped & { servicePrefix: string },
  ): Promise<RegisteredServiceRecord> {
    const { accountId, prefix } = await this.authorized(caller, input, REGISTRY_ACTIONS.deregister);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const removed = await this.services.delete(tx, accountId, prefix);
      if (removed === null) throw new NoSuchEntityError('registered service', prefix);
      await this.publish(
        tx,
        caller,
        'registered-service.deregistered.v1',
        removed,
        this.deps.now(),
      );
      return removed;
    });
  }

  /**
   * The catalogue an account sees: the built-in services and its registered ones, or only the one `servicePrefix`
   * names (`NoSuchEntity` when neither knows it).
   */
  async listServiceActions(
    caller: CallerContext,
    input: AccountScoped & { servicePrefix?: string | null },
  ): Promise<CatalogueEntry[]> {
    const accountId = targetAccount(caller, input.accountId, REGISTRY_ACTIONS.listActions);
    await this.deps.authorizer.require(caller, REGISTRY_ACTIONS.listActions, '*', accountId);
    const registered = await this.deps.tenantTx.run(accountId, (tx) =>
      this.definitionsIn(tx, accountId),
    );
    const entries: CatalogueEntry[] = [
      ...BUILT_IN_SERVICES.map((definition) => ({ definition, builtIn: true })),
      ...registered.map((definition) => ({ definition, builtIn: false })),
    ];
    const wanted = input.servicePrefix?.toLowerCase();
    if (wanted === undefined) return entries;
    const entry = entries.find((e) => e.definition.prefix === wanted);
    if (entry === undefined) throw new NoSuchEntityError('service', input.servicePrefix ?? '');
    return [entry];
  }

  /**
   * The catalogue to validate an account's policies with: built-in plus its registered services (built-in only for
   * a caller of no account). Open (`complete: false`): a prefix nobody registered yet is only a suggestion.
   * Unauthorized: the caller was authorized for the validation itself.
   */
  async catalogueFor(accountId: AccountId | null): Promise<ActionCatalogue> {
    if (accountId === null) return catalogueWith([]);
    return this.deps.tenantTx.run(accountId, (tx) => this.catalogueIn(tx, accountId));
  }

  /** {@link catalogueFor} inside a transaction already scoped to `accountId` (the policy store's writes). */
  async catalogueIn(tx: EntityManager, accountId: AccountId): Promise<ActionCatalogue> {
    return catalogueWith(await this.definitionsIn(tx, accountId));
  }

  private async definitionsIn(
    tx: EntityManager,
    accountId: AccountId,
  ): Promise<ServiceDefinition[]> {
    const rows = await this.services.list(tx, accountId, null, MAX_REGISTERED_SERVICES_PER_ACCOUNT);
    return rows.map((row) => row.definition);
  }

  /** The account and prefix of an operation on one registration, authorized on its ARN before any read. */
  private async authorized(
    caller: CallerContext,
    input: AccountScoped & { servicePrefix: string },
    action: string,
  ): Promise<{ accountId: AccountId; prefix: string }> {
    const accountId = targetAccount(caller, input.accountId, action);
    const prefix = checkServicePrefix(input.servicePrefix);
    await this.deps.authorizer.require(caller, action, this.arnOf(accountId, prefix), accountId);
    return { accountId, prefix };
  }

  private async publish(
    tx: EntityManager,
    caller: CallerContext,
    type: string,
    record: RegisteredServiceRecord,
    now: Date,
  ): Promise<void> {
    const revision = await this.revisions.current(tx, record.accountId);
    const { definition } = record;
    await this.deps.outbox.append(
      tx,
      policyServiceEvent(
        type,
        'registered-service',
        `${record.accountId}/${definition.prefix}`,
        {
          id: randomUUID(),
          occurredAt: now.toISOString(),
          actor: { type: caller.principalType, arn: caller.principalArn },
        },
        {
          accountId: record.accountId,
          revision: revision.toString(),
          servicePrefix: definition.prefix,
          serviceName: definition.name,
          arn: this.arnOf(record.accountId, definition.prefix),
          actions: definition.actions,
          resourceTypes: definition.resourceTypes,
          conditionKeys: definition.conditionKeys,
        },
      ),
    );
  }
}
