import { describe, expect, it } from 'vitest';
import { useIdentityDatabase } from '../support/identity-suite.js';

describe('identity migrations', () => {
  const { env } = useIdentityDatabase();

  // The migrations are hand-written; the entities must describe the same tables, indexes and checks, or
  // TypeORM's schema builder would want to change something.
  it('leave nothing for TypeORM to change against the entities (no drift)', async () => {
    const sql = await env.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});
