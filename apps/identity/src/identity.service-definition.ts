import type { SubgraphServiceDefinition } from '@iam/service-host';
import { SecretBox, dataKeysConfigSchema, loadConfig } from '@iam/service-kit';
import { IdentityAppModule } from './app.module.js';
import { loadSessionSettings } from './config/identity.config.js';
import { IDENTITY_ENTITIES } from './database/entities.js';
import { IDENTITY_MIGRATIONS } from './database/migrations/index.js';
import { IdentitySettings } from './identity-settings.js';

/** The identity service as the service host sees it. */
export const IDENTITY_SERVICE: SubgraphServiceDefinition = {
  name: 'identity',
  defaultPort: 4001,
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
    }),
};
