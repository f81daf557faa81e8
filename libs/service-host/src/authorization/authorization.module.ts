import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EffectivePolicySource } from '@iam/authorization';
import { Authorizer, PolicyServiceSource } from '@iam/authorization';
import { subgraphDefaultPort } from '@iam/common';
import { PERMISSION_TOPICS } from '@iam/event-contracts';
import type { Subscription } from '@iam/messaging';
import { loadConfig, parsers } from '@iam/service-kit';
import type { SubgraphHostDeps } from '../subgraph-service.js';
import { httpEffectivePoliciesFetcher } from './policy-service-fetcher.js';

/** The variables of a service's authorizer, read with the service's prefix (`AUDIT_POLICY_SERVICE_URL`, ...). */
export function authorizationConfigSchema() {
  return {
    POLICY_SERVICE_URL: {
      description:
        "base URL of the policy service (its effective-policies endpoint), e.g. 'http://127.0.0.1:4002'",
      parse: (raw: string): string => new URL(raw).toString(),
      default: `http://127.0.0.1:${subgraphDefaultPort('policy')}`,
    },
    AUTHZ_CACHE_MAX_ENTRIES: {
      description: 'how many compiled policy sets the authorizer caches',
      parse: parsers.positiveInt,
      default: 10_000,
    },
    AUTHZ_CACHE_MAX_AGE_MS: {
      description:
        'a cached policy set older than this (ms) is fetched again (staleness bound if an event is lost)',
      parse: parsers.positiveInt,
      default: 30_000,
    },
  };
}

/** Options of {@link AuthorizationModule.register} (set in code, never from the environment). */
export interface AuthorizationOptions {
  /**
   * Where the authorizer takes callers' policies from instead of the policy service: the policy service's own
   * local source, or a test entry point's. No cache and no subscription then.
   */
  readonly source?: EffectivePolicySource;
}

/** The authorization wiring of one service host: one authorizer, one source. */
export interface ServiceAuthorization {
  readonly authorizer: Authorizer;
  readonly source: EffectivePolicySource;
  /** The cache's invalidation subscription (for a source from the policy service), started by the module. */
  startInvalidation(): Promise<void>;
  stopInvalidation(): Promise<void>;
}

const wired = new WeakMap<SubgraphHostDeps, ServiceAuthorization>();

/**
 * The one authorizer of the service `deps` belong to (built on first use, then the same instance for the Nest
 * module and anything built outside it, such as an event consumer's service). `options` count on first use only.
 */
export function authorizationFor(
  deps: SubgraphHostDeps,
  options: AuthorizationOptions = {},
): ServiceAuthorization {
  let authorization = wired.get(deps);
  if (authorization === undefined) {
    authorization =
      options.source === undefined ? policyServiceAuthorization(deps) : local(options.source);
    wired.set(deps, authorization);
  }
  return authorization;
}

function local(source: EffectivePolicySource): ServiceAuthorization {
  return {
    authorizer: new Authorizer(source),
    source,
    startInvalidation: () => Promise.resolve(),
    stopInvalidation: () => Promise.resolve(),
  };
}

function policyServiceAuthorization(deps: SubgraphHostDeps): ServiceAuthorization {
  const config = loadConfig(authorizationConfigSchema(), deps.env, {
    prefix: `${deps.name.toUpperCase()}_`,
  });
  const source = new PolicyServiceSource({
    fetch: httpEffectivePoliciesFetcher(config.POLICY_SERVICE_URL),
    now: () => performance.now(),
    maxEntries: config.AUTHZ_CACHE_MAX_ENTRIES,
    maxAgeMs: config.AUTHZ_CACHE_MAX_AGE_MS,
  });
  let subscription: Subscription | null = null;
  let stopped = false;
  let starting: Promise<void> | null = null;
  const subscribe = async () => {
    // Every process its own group (each holds its own cache), from the newest record on: what happened before
    // the process started is not in its cache.
    subscription = await deps.transport.subscribe({
      groupId: `authz-cache-${deps.name}-${randomUUID()}`,
      topics: PERMISSION_TOPICS,
      fromBeginning: false,
      handle: (message) => {
        const event = eventOf(message.value);
        if (event === null) {
          source.clear();
        } else {
          // The policy service publishes its own changes after committing them: its next answer includes them.
          // It learns identity's changes from the same event, a moment later: see `invalidateAccount`.
          source.invalidateAccount(
            event.accountId,
            event.source === 'policy' ? 0 : IDENTITY_EVENT_SETTLE_MS,
          );
        }
        return Promise.resolve();
      },
    });
    deps.logger.info('authorizer cache follows permission events', {
      policyService: config.POLICY_SERVICE_URL,
    });
  };
  return {
    authorizer: new Authorizer(source),
    source,
    // In the background, retried: a slow or unreachable broker must not keep the service from serving. Until the
    // subscription runs, cached sets still expire after their max age (the staleness bound without events).
    startInvalidation: () => {
      if (starting !== null) return Promise.resolve();
      stopped = false;
      starting = (async () => {
        for (let attempt = 1; !stopped && subscription === null; attempt++) {
          try {
            await subscribe();
          } catch (error) {
            deps.logger.warn('authorizer cache: permission events unavailable, retrying', {
              attempt,
              error: error instanceof Error ? error.message : String(error),
            });
            const until = performance.now() + Math.min(30_000, 500 * 2 ** attempt);
            while (!stopped && performance.now() < until) {
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          }
        }
      })();
      return Promise.resolve();
    },
    stopInvalidation: async () => {
      stopped = true;
      await starting;
      starting = null;
      const running = subscription;
      subscription = null;
      await running?.stop();
    },
  };
}

/**
 * How long after an identity event a freshly fetched set is trusted (the policy service applies the same event to
 * its replica meanwhile). A request that must see the change at once carries the event's token instead.
 */
export const IDENTITY_EVENT_SETTLE_MS = 1_000;

/** The account and source of an event envelope; null when the record is unreadable (the whole cache is dropped). */
function eventOf(value: string): { accountId: string; source: string } | null {
  try {
    const envelope = JSON.parse(value) as { accountId?: unknown; source?: unknown };
    if (typeof envelope.accountId !== 'string') return null;
    return {
      accountId: envelope.accountId,
      source: typeof envelope.source === 'string' ? envelope.source : '',
    };
  } catch {
    return null;
  }
}

const SERVICE_AUTHORIZATION = Symbol('SERVICE_AUTHORIZATION');

@Injectable()
class InvalidationLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_AUTHORIZATION) private readonly authorization: ServiceAuthorization,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.authorization.startInvalidation();
  }

  onApplicationShutdown(): Promise<void> {
    return this.authorization.stopInvalidation();
  }
}

/**
 * ONE module, ONE provider: the service's `Authorizer` (global, so every module's resolvers and services inject the
 * same instance), fed by the policy service through a cache that permission events invalidate, or by the source
 * given in code.
 */
@Module({})
export class AuthorizationModule {
  static register(deps: SubgraphHostDeps, options: AuthorizationOptions = {}): DynamicModule {
    const authorization = authorizationFor(deps, options);
    return {
      module: AuthorizationModule,
      global: true,
      providers: [
        { provide: SERVICE_AUTHORIZATION, useValue: authorization },
        { provide: Authorizer, useValue: authorization.authorizer },
        InvalidationLifecycle,
      ],
      exports: [Authorizer],
    };
  }

  /**
   * The same module for code without a service host (tests that build a service's Nest module themselves): an
   * authorizer over `source`, no cache, no subscription.
   */
  static withSource(source: EffectivePolicySource): DynamicModule {
    const authorization = local(source);
    return {
      module: AuthorizationModule,
      global: true,
      providers: [
        { provide: SERVICE_AUTHORIZATION, useValue: authorization },
        { provide: Authorizer, useValue: authorization.authorizer },
        InvalidationLifecycle,
      ],
      exports: [Authorizer],
    };
  }
}
