import { subgraphDefaultPort } from '@iam/common';
import type { SubgraphServiceDefinition } from '@iam/service-host';
import { AuthorizationModule } from '@iam/service-host';
import { SecretBox, dataKeysConfigSchema, loadConfig } from '@iam/service-kit';
import { IdentityAppModule } from './app.module.js';
import type { EffectivePolicySource } from '@iam/authorization';
import { loadSessionSettings } from './config/identity.config.js';
import { IDENTITY_ENTITIES } from './database/entities.js';
import { IDENTITY_MIGRATIONS } from './database/migrations/index.js';
import { IdentitySettings } from './identity-settings.js';
import {
  PRINCIPAL_POLICIES_CONSUMER_GROUP,
  PRINCIPAL_POLICIES_TOPIC,
  applyPrincipalPolicies,
} from './principal-policies/index.js';

/** What a test may change in the identity service (set in code only, never from the environment). */
export interface IdentityServiceOptions {
  /** Where the authorizer takes callers' policies from (default: the policy service, through the cache). */
  readonly policies?: EffectivePolicySource;
}

/** The identity service as the service host sees it. */
export const IDENTITY_SERVICE: SubgraphServiceDefinition = identityService();

/** The identity service definition; `options` are for test entry points (`src/testing`). */
export function identityService(options: IdentityServiceOptions = {}): SubgraphServiceDefinition {
  return {
    name: 'identity',
    defaultPort: subgraphDefaultPort('identity'),
    entities: IDENTITY_ENTITIES,
    migrations: IDENTITY_MIGRATIONS,
    createModule: (deps) =>
      IdentityAppModule.register({
        dataSource: deps.dataSource,
        outbox: deps.outbox,
        relay: deps.relay,
        settings: new IdentitySettings(deps.partition),
        secretBox: new SecretBox(loadConfig(dataKeysConfigSchema, deps.env).IAM_DATA_KEYS),
        signIn: loadSessionSettings(deps.env),
        logger: deps.logger,
        production: deps.production,
        readinessChecks: deps.readinessChecks,
        authorization: AuthorizationModule.register(
          deps,
          options.policies === undefined ? {} : { source: options.policies },
        ),
      }),
    // What each principal holds in the policy service: DeleteUser/DeleteGroup/DeleteRole refuse while it holds any.
    consumers: (deps) => [
      {
        groupId: PRINCIPAL_POLICIES_CONSUMER_GROUP,
        topics: [PRINCIPAL_POLICIES_TOPIC],
        handle: async (tx, envelope) =>
          void (await applyPrincipalPolicies(tx, envelope, deps.logger)),
      },
    ],
  };
}
