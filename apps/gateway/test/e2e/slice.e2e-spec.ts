import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { expectEventually, startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';

const CREATE_ACCOUNT = `mutation ($alias: String) { createAccount(input: { alias: $alias }) { account { accountId arn alias status } } }`;
const AUDIT_EVENTS = `query ($accountId: ID!) { auditEvents(accountId: $accountId) { events { eventId eventType eventSource accountId actorArn actorType payload } isTruncated } }`;

interface CreateAccountData {
  createAccount: {
    account: { accountId: string; arn: string; alias: string | null; status: string };
  };
}
interface AuditEventsData {
  auditEvents: {
    events: {
      eventId: string;
      eventType: string;
      accountId: string;
      actorArn: string;
      payload: Record<string, unknown>;
    }[];
  };
}

describe('the createAccount → outbox → Kafka → audit slice, through the gateway', () => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await startSuite();
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('creates an account and returns its account.created.v1 event from the audit trail', async () => {
    const created = await suite.graphql<CreateAccountData>(CREATE_ACCOUNT, { alias: 'slice-test' });
    expect(created.errors).toBeUndefined();
    const account = created.data!.createAccount.account;
    expect(account).toMatchObject({ alias: 'slice-test', status: 'ACTIVE' });
    expect(account.arn).toBe(`arn:aws:iam::${account.accountId}:root`);

    await expectEventually(
      async () => {
        const audit = await suite.graphql<AuditEventsData>(AUDIT_EVENTS, {
          accountId: account.accountId,
        });
        expect(audit.errors).toBeUndefined();
        expect(audit.data!.auditEvents.events).toHaveLength(1);
        expect(audit.data!.auditEvents.events[0]).toMatchObject({
          eventType: 'account.created.v1',
          accountId: account.accountId,
          actorArn: 'arn:aws:iam::platform:admin',
          payload: { accountId: account.accountId, alias: 'slice-test', status: 'active' },
        });
      },
      { timeoutMs: 20_000 },
    );
  });

  it('answers with AWS error codes through the gateway', async () => {
    const bad = await suite.graphql(CREATE_ACCOUNT, { alias: 'Not Valid' });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('InvalidInput');
    await suite.graphql(CREATE_ACCOUNT, { alias: 'taken-alias' });
    const dup = await suite.graphql(CREATE_ACCOUNT, { alias: 'taken-alias' });
    expect(dup.errors?.[0]?.extensions?.['code']).toBe('EntityAlreadyExists');
    // Not an account id: InvalidInput, as identity answers the platform administrator for the same input.
    const malformed = await suite.graphql(AUDIT_EVENTS, { accountId: 'nope' });
    expect(malformed.errors?.[0]?.extensions?.['code']).toBe('InvalidInput');
  });

  it('refuses callers without the platform token', async () => {
    const anonymous = await suite.graphql(CREATE_ACCOUNT, {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('Unauthenticated');
  });

  it('refuses subgraph requests that bypass the gateway', async () => {
    const response = await fetch(`${suite.services.identity.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-iam-caller': 'forged.token' },
      body: JSON.stringify({
        query: 'mutation { createAccount(input: {}) { account { accountId } } }',
      }),
    });
    expect(response.status).toBe(401);
  });

  it('records every event exactly once when the audit consumer is killed mid-stream and restarted', async () => {
    const total = 200;
    const audit = new pg.Client({ connectionString: suite.db.adminUrl });
    await audit.connect();
    const countFor = async (ids: string[]) =>
      (
        await audit.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit.audit_events WHERE account_id = ANY($1)`,
          [ids],
        )
      ).rows[0]?.n ?? 0;
    try {
      // Queue the events while the consumer is down, so that it restarts into a backlog.
      await suite.services.audit.stop();
      const ids: string[] = [];
      for (let batch = 0; batch < total / 20; batch++) {
        const created = await Promise.all(
          Array.from({ length: 20 }, () => suite.graphql<CreateAccountData>(CREATE_ACCOUNT, {})),
        );
        for (const c of created) {
          expect(c.errors).toBeUndefined();
          ids.push(c.data!.createAccount.account.accountId);
        }
      }
      await suite.services.audit.start();
      let atCrash = 0;
      await expectEventually(
        async () => {
          atCrash = await countFor(ids);
          expect(atCrash).toBeGreaterThanOrEqual(10);
        },
        { timeoutMs: 30_000, intervalMs: 5 },
      );
      await suite.services.audit.crash();
      expect(atCrash).toBeLessThan(total);
      await suite.services.audit.start();

      await expectEventually(
        async () => {
          const rows = await audit.query<{ account_id: string; n: number }>(
            `SELECT account_id, count(*)::int AS n FROM audit.audit_events
             WHERE account_id = ANY($1) AND event_type = 'account.created.v1' GROUP BY account_id`,
            [ids],
          );
          expect(rows.rows).toHaveLength(total);
          for (const row of rows.rows) expect(row.n).toBe(1);
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      const processed = await audit.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit.processed_events WHERE account_id = ANY($1)`,
        [ids],
      );
      expect(processed.rows[0]?.n).toBe(total);
    } finally {
      await audit.end();
    }
  }, 180_000);
});
