import { tenantIsolationSql } from '@iam/persistence';

function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name \`${schema}\``);
  return schema;
}

/** `CREATE TABLE <schema>.<table> (<columns>)`, then `more` statements, then the table's row-level security. */
function tenantTableSql(
  schema: string,
  table: string,
  columns: string,
  more: (schema: string) => string[] = () => [],
): string[] {
  const s = quoteSchema(schema);
  return [`CREATE TABLE ${s}.${table} (${columns})`, ...more(s), ...tenantIsolationSql(s, table)];
}

/**
 * Statements creating `<schema>.outbox`, for the migration of each service. Rows carry their account and are
 * protected by row-level security like every tenant table; the relay reads across accounts in a platform
 * transaction.
 */
export function outboxTableSql(schema: string): string[] {
  return tenantTableSql(
    schema,
    'outbox',
    `
      id uuid PRIMARY KEY,
      account_id text NOT NULL,
      aggregate_type text NOT NULL,
      aggregate_id text NOT NULL,
      event_type text NOT NULL,
      topic text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz NULL,
      attempts integer NOT NULL DEFAULT 0,
      last_error text NULL,
      seq bigint GENERATED ALWAYS AS IDENTITY
    `,
    (s) => [`CREATE INDEX outbox_unpublished_ix ON ${s}.outbox (seq) WHERE published_at IS NULL`],
  );
}

/** Statements creating `<schema>.processed_events`, the idempotency record of the service's consumers. */
export function processedEventsTableSql(schema: string): string[] {
  return tenantTableSql(
    schema,
    'processed_events',
    `
      consumer_group text NOT NULL,
      event_id uuid NOT NULL,
      account_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer_group, event_id)
    `,
  );
}
