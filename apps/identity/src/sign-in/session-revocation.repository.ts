import type { EntityManager } from 'typeorm';

/** One entry of the session revocation list (`identity.session_revocations`). */
export interface SessionRevocation {
  readonly sessionId: string;
  readonly accountId: string;
  readonly userId: string;
  readonly revokedAt: Date;
  /** No session token of this session, issued before `revokedAt`, is valid after this (its latest `exp`). */
  readonly tokensValidUntil: Date;
}

/** What `/internal/session-revocations` answers: the entries recorded after `since`, oldest first. */
export interface SessionRevocationPage {
  /** The database clock when the page was read: the reader's next `since` (minus its overlap). */
  readonly asOf: string;
  readonly revocations: readonly {
    readonly sessionId: string;
    readonly accountId: string;
    readonly userId: string;
    readonly revokedAt: string;
    readonly tokensValidUntil: string;
    readonly recordedAt: string;
  }[];
  /** More entries were recorded after `since` than one page holds: ask again from the last `recordedAt`. */
  readonly truncated: boolean;
}

/** The most entries one page holds. */
export const REVOCATION_PAGE_SIZE = 5_000;

/**
 * The session revocation list. Entries are written in the revocation's own transaction (tenant-scoped, so the
 * database's row-level security keeps them in the account), and read across accounts only by the platform reader
 * behind the gateway-only internal endpoint.
 */
export class SessionRevocationRepository {
  /** Records revoked sessions; a session already on the list keeps its first entry. */
  async record(
    tx: EntityManager,
    sessions: readonly { sessionId: string; accountId: string; userId: string }[],
    reason: string,
    revokedAt: Date,
    tokenLifetimeSeconds: number,
  ): Promise<void> {
    if (sessions.length === 0) return;
    const tokensValidUntil = new Date(revokedAt.getTime() + tokenLifetimeSeconds * 1000);
    await tx.query(
      `INSERT INTO identity.session_revocations
         (session_id, account_id, user_id, reason, revoked_at, tokens_valid_until)
       SELECT s.session_id, s.account_id, s.user_id, $4, $5, $6
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s (session_id, account_id, user_id)
       ON CONFLICT (session_id) DO NOTHING`,
      [
        sessions.map((s) => s.sessionId),
        sessions.map((s) => s.accountId),
        sessions.map((s) => s.userId),
        reason,
        revokedAt,
        tokensValidUntil,
      ],
    );
  }

  /**
   * Platform read (runs in a platform transaction): entries recorded after `since` whose tokens may still be
   * valid, oldest first, at most {@link REVOCATION_PAGE_SIZE}.
   */
  async platformListSince(tx: EntityManager, since: Date): Promise<SessionRevocationPage> {
    // Read first: a reader that asks again from `asOf` (minus its overlap) misses nothing recorded after it.
    const [{ as_of: asOf }] = await tx.query<[{ as_of: Date }]>(
      `SELECT clock_timestamp() AS as_of`,
    );
    const rows: {
      session_id: string;
      account_id: string;
      user_id: string;
      revoked_at: Date;
      tokens_valid_until: Date;
      recorded_at: Date;
    }[] = await tx.query(
      `SELECT session_id, account_id, user_id, revoked_at, tokens_valid_until, recorded_at
       FROM identity.session_revocations
       WHERE recorded_at > $1 AND tokens_valid_until > $2
       ORDER BY recorded_at, session_id
       LIMIT $3`,
      [since, asOf, REVOCATION_PAGE_SIZE + 1],
    );
    const truncated = rows.length > REVOCATION_PAGE_SIZE;
    const page = truncated ? rows.slice(0, REVOCATION_PAGE_SIZE) : rows;
    return {
      asOf: new Date(asOf).toISOString(),
      truncated,
      revocations: page.map((row) => ({
        sessionId: row.session_id,
        accountId: row.account_id,
        userId: row.user_id,
        revokedAt: new Date(row.revoked_at).toISOString(),
        tokensValidUntil: new Date(row.tokens_valid_until).toISOString(),
        recordedAt: new Date(row.recorded_at).toISOString(),
      })),
    };
  }

  /** Platform housekeeping: forgets entries no token can need any more; answers how many. */
  async platformDeleteExpired(tx: EntityManager, now: Date): Promise<number> {
    const result: [unknown[], number] = await tx.query(
      `DELETE FROM identity.session_revocations WHERE tokens_valid_until < $1`,
      [now],
    );
    return result[1];
  }
}
