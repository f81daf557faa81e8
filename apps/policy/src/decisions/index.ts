import type { KeyObject } from 'node:crypto';
import type { Provider, Type } from '@nestjs/common';
import type { Authorizer } from '@iam/authorization';
import type { Clock } from '@iam/common';
import { CLOCK, systemClock } from '@iam/common';
import { TenantTransaction } from '@iam/persistence';
import type { ConsumerDefinition, SubgraphHostDeps } from '@iam/service-host';
import { authorizationFor } from '@iam/service-host';
import { parseCallerVerifyKey } from '@iam/service-kit';
import {
  CALLER_VERIFY_KEY,
  EffectivePoliciesController,
  EffectivePolicyService,
  LocalEffectivePolicySource,
} from '../effective-policies/index.js';
import { identityReplicaConsumer } from '../replica/index.js';
import { SimulationResolver } from '../simulation/simulation.resolver.js';
import { SimulationService } from '../simulation/simulation.service.js';
import { DecisionService } from './decision.service.js';
import { DecisionsResolver } from './decisions.resolver.js';

export { AUTHORIZE_ACTION, DecisionService, MAX_BATCH_REQUESTS } from './decision.service.js';
export type { AuthorizeInput, AuthorizeResult, DeterminingStatement } from './decision.service.js';
export { DecisionsResolver } from './decisions.resolver.js';

/** The decision side of the policy service, built once per host (the consumer and the module share its cache). */
export interface DecisionsWiring {
  readonly effectivePolicies: EffectivePolicyService;
  /** The policy service's own authorizer, fed with real policies from the store. */
  readonly authorizer: Authorizer;
  readonly providers: Provider[];
  readonly controllers: Type[];
  readonly consumers: ConsumerDefinition[];
}

const wirings = new WeakMap<SubgraphHostDeps, DecisionsWiring>();

function verifyKeyOf(deps: SubgraphHostDeps): KeyObject | null {
  const raw = deps.env['IAM_CALLER_VERIFY_PUBLIC_KEY'];
  // Printing the schema runs without a key: the endpoint then refuses every request.
  return raw === undefined || raw === '' ? null : parseCallerVerifyKey(raw);
}

/** Providers, controller and consumer of the replica, effective policies, decisions and simulation. */
export function decisionsWiring(
  deps: SubgraphHostDeps,
  clock: Clock = systemClock,
): DecisionsWiring {
  let wiring = wirings.get(deps);
  if (wiring === undefined) {
    const effectivePolicies = new EffectivePolicyService({
      tenant: new TenantTransaction(deps.dataSource),
      dataSource: deps.dataSource,
      clock,
      partition: deps.partition,
    });
    // The service's one authorizer (`AuthorizationModule` provides the same instance), fed from the store directly.
    const { authorizer } = authorizationFor(deps, {
      source: new LocalEffectivePolicySource(effectivePolicies),
    });
    const decisions = new DecisionService(effectivePolicies, authorizer, clock);
    wiring = {
      effectivePolicies,
      authorizer,
      providers: [
        { provide: EffectivePolicyService, useValue: effectivePolicies },
        { provide: DecisionService, useValue: decisions },
        {
          provide: SimulationService,
          useValue: new SimulationService(effectivePolicies, decisions, authorizer, clock),
        },
        { provide: CALLER_VERIFY_KEY, useValue: verifyKeyOf(deps) },
        { provide: CLOCK, useValue: clock },
        DecisionsResolver,
        SimulationResolver,
      ],
      controllers: [EffectivePoliciesController],
      consumers: [identityReplicaConsumer({ outbox: deps.outbox, clock })],
    };
    wirings.set(deps, wiring);
  }
  return wiring;
}
