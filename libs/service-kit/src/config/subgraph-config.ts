import { parsers } from './load-config.js';
import type { ConfigSchema } from './load-config.js';

/**
 * The variables every subgraph service reads, loaded with the service's prefix (`IDENTITY_PORT`, falling back to
 * `PORT`). Defaults exist only where a local value is harmless; credentials and keys never have defaults.
 */
export function subgraphConfigSchema(defaultPort: number) {
  return {
    PORT: { description: 'HTTP port of the subgraph', parse: parsers.port, default: defaultPort },
    HOST: { description: 'interface to listen on', parse: parsers.string, default: '127.0.0.1' },
    DATABASE_URL: {
      description: 'PostgreSQL URL of the application role (owns no table, no BYPASSRLS)',
      parse: parsers.postgresUrl,
      secret: true,
    },
    KAFKA_BROKERS: {
      description:
        'comma-separated Kafka bootstrap servers (required unless an embedded transport is given)',
      parse: parsers.list,
      default: [] as string[],
    },
    IAM_EVENT_NAMESPACE: {
      description:
        'prefix of every topic and consumer group (isolates suites sharing a Kafka cluster)',
      parse: parsers.string,
      default: '',
    },
    KAFKA_CLIENT_ID: { description: 'Kafka client id', parse: parsers.string, default: 'iam' },
    IAM_CALLER_VERIFY_PUBLIC_KEY: {
      description:
        "the gateway's Ed25519 public key (PEM or base64 SPKI DER) verifying caller contexts; never the private key",
      parse: parsers.callerVerifyKey,
    },
    IAM_PARTITION: { description: 'ARN partition', parse: parsers.string, default: 'aws' },
    NODE_ENV: {
      description: 'production disables introspection',
      parse: parsers.string,
      default: 'development',
    },
  } satisfies ConfigSchema;
}

/** The key ring of services that keep secrets at rest (identity: MFA seeds and session signing keys). */
export const dataKeysConfigSchema = {
  IAM_DATA_KEYS: {
    description:
      'comma-separated 32-byte base64 keys encrypting secrets at rest; the first seals, all open (rotation)',
    parse: parsers.dataKeys,
    secret: true,
  },
} satisfies ConfigSchema;

/** The variables of a service's migration command: an owner role, never the application role. */
export function migrationConfigSchema(service: string) {
  return {
    MIGRATION_DATABASE_URL: {
      description: 'PostgreSQL URL of a role that owns the schema (runs migrations)',
      parse: parsers.postgresUrl,
      secret: true,
    },
    APP_ROLE: {
      description: 'the application role to grant DML to',
      parse: parsers.string,
      default: `iam_${service}_app`,
    },
  } satisfies ConfigSchema;
}
