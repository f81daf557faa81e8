import type { Provider } from '@nestjs/common';
import { Authorizer } from '@iam/authorization';
import { systemClock } from '@iam/common';
import type { Clock } from '@iam/common';
import { TenantTransaction } from '@iam/persistence';
import type { SubgraphHostDeps } from '@iam/service-host';
import { ATTACHMENTS_RESOLVERS } from '../attachments/attachments.resolver.js';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { PrincipalPoliciesRepository } from '../attachments/principal-policies.repository.js';
import { GuardrailRepository } from '../guardrails/guardrail.repository.js';
import { GuardrailsResolver } from '../guardrails/guardrails.resolver.js';
import { GuardrailsService } from '../guardrails/guardrails.service.js';
import { INLINE_POLICIES_RESOLVERS } from '../inline-policies/inline-policies.resolver.js';
import { InlinePoliciesService } from '../inline-policies/inline-policies.service.js';
import { PolicyQuotaRepository } from '../policy-quotas/policy-quota.repository.js';
import { PolicyQuotasResolver } from '../policy-quotas/policy-quotas.resolver.js';
import { PolicyQuotasService } from '../policy-quotas/policy-quotas.service.js';
import { PrincipalDirectoryRepository } from '../principals/principal-directory.repository.js';
import { AccountRevisionRepository } from '../revisions/account-revision.repository.js';
import { ManagedPoliciesResolver } from './managed-policies.resolver.js';
import { ManagedPoliciesService } from './managed-policies.service.js';
import { ManagedPolicyRepository } from './managed-policy.repository.js';
import type { PolicyStoreDeps } from './store.js';
import { POLICY_STORE_DEPS } from './store.js';

/** The store's dependencies from the host's (one authorizer, the service's outbox and data source). */
export function policyStoreDeps(
  deps: Pick<SubgraphHostDeps, 'dataSource' | 'outbox' | 'partition'>,
  authorizer: Authorizer,
  clock: Clock = systemClock,
): PolicyStoreDeps {
  return {
    tenantTx: new TenantTransaction(deps.dataSource),
    authorizer,
    outbox: deps.outbox,
    revisions: new AccountRevisionRepository(),
    principals: new PrincipalDirectoryRepository(),
    quotas: new PolicyQuotaRepository(),
    partition: deps.partition,
    now: () => clock.now(),
  };
}

/** The services of the store, built from its dependencies (also what tests build). */
export function policyStoreServices(deps: PolicyStoreDeps) {
  const managed = new ManagedPoliciesService(deps, new ManagedPolicyRepository());
  const held = new PrincipalPoliciesRepository();
  return {
    managed,
    inline: new InlinePoliciesService(deps, held),
    attachments: new AttachmentsService(deps, held, managed),
    quotas: new PolicyQuotasService(deps),
    guardrails: new GuardrailsService(deps, new GuardrailRepository()),
  };
}

/**
 * The Nest providers of the policy store (managed and inline policies, attachments and boundaries, quotas,
 * guardrails).
 * Needs `Authorizer` provided beside it.
 */
export function policyStoreProviders(host: SubgraphHostDeps): Provider[] {
  const SERVICES = 'POLICY_STORE_SERVICES';
  type Services = ReturnType<typeof policyStoreServices>;
  return [
    {
      provide: POLICY_STORE_DEPS,
      inject: [Authorizer],
      useFactory: (authorizer: Authorizer) => policyStoreDeps(host, authorizer),
    },
    {
      provide: SERVICES,
      inject: [POLICY_STORE_DEPS],
      useFactory: (deps: PolicyStoreDeps) => policyStoreServices(deps),
    },
    { provide: ManagedPoliciesService, inject: [SERVICES], useFactory: (s: Services) => s.managed },
    { provide: InlinePoliciesService, inject: [SERVICES], useFactory: (s: Services) => s.inline },
    { provide: AttachmentsService, inject: [SERVICES], useFactory: (s: Services) => s.attachments },
    { provide: PolicyQuotasService, inject: [SERVICES], useFactory: (s: Services) => s.quotas },
    { provide: GuardrailsService, inject: [SERVICES], useFactory: (s: Services) => s.guardrails },
    ManagedPoliciesResolver,
    ...INLINE_POLICIES_RESOLVERS,
    ...ATTACHMENTS_RESOLVERS,
    PolicyQuotasResolver,
    GuardrailsResolver,
  ];
}
