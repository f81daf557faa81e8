import type { EntityManager } from 'typeorm';
import type { AuthenticationMethod, SessionRevocationReason } from '@iam/event-contracts';
import type { NullableThrottleRow, ThrottleState } from './throttle.js';
import { throttleStateOf } from './throttle.js';

/** A sign-in session (`identity.sessions`). The refresh token is stored only as its SHA-256 digest. */
export interface SessionRecord {
  readonly sessionId: string;
  readonly accountId: string;
  readonly userId: string;
  readonly userName: string;
  readonly principalArn: string;
  readonly authMethods: readonly AuthenticationMethod[];
  readonly authTime: Date;
  readonly restricted: boolean;
  readonly sourceIp: string;
  readonly refreshTokenDigest: Buffer;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly refreshedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly revokedReason: string | null;
}

interface SessionRow {
  session_id: string;
  account_id: string;
  user_id: string;
  user_name: string;
  principal_arn: string;
  auth_methods: AuthenticationMethod[];
  auth_time: Date;
  restricted: boolean;
  source_ip: string;
  refresh_token_hash: Buffer;
  created_at: Date;
  expires_at: Date;
  refreshed_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

function toRecord(row: SessionRow): SessionRecord {
  return {
    sessionId: row.session_id,
    accountId: row.account_id,
    userId: row.user_id,
    userName: row.user_name,
    principalArn: row.principal_arn,
    authMethods: row.auth_methods,
    authTime: new Date(row.auth_time),
    restricted: row.restricted,
    sourceIp: row.source_ip,
    refreshTokenDigest: row.refresh_token_hash,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    refreshedAt: row.refreshed_at === null ? null : new Date(row.refreshed_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    revokedReason: row.revoked_reason,
  };
}

const COLUMNS = `session_id, account_id, user_id, user_name, principal_arn, auth_methods, auth_time, restricted,
  source_ip, refresh_token_hash, created_at, expires_at, refreshed_at, revoked_at, revoked_reason`;

/** Where a refresh token digest points: the session, and whether the token is the current one or a rotated one. */
export interface RefreshTokenOwner {
  readonly sessionId: string;
  readonly accountId: string;
  readonly current: boolean;
}

/** The account a sign-in names (by id or alias). */
export interface SignInAccount {
  readonly accountId: string;
  readonly status: 'active' | 'suspended';
}

/** Queries on identity.sessions and identity.retired_refresh_tokens. Tenant-scoped unless named "platform". */
export class SessionRepository {
  /**
   * `resetThrottleOf`: also deletes the user-name throttle counter with this key (`UserNameKeys`) in the session's
   * account (a success resets it), in the same statement.
   */
  async insert(
    tx: EntityManager,
    session: SessionRecord,
    resetThrottleOf: string | null = null,
  ): Promise<void> {
    const insert = `INSERT INTO identity.sessions (${COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`;
    await tx.query(
      resetThrottleOf === null
        ? insert
        : `WITH reset AS (DELETE FROM identity.sign_in_user_throttles
             WHERE account_id = $2 AND user_name_key = $16) ${insert}`,
      [
        session.sessionId,
        session.accountId,
        session.userId,
        session.userName,
        session.principalArn,
        session.authMethods,
        session.authTime,
        session.restricted,
        session.sourceIp,
        session.refreshTokenDigest,
        session.createdAt,
        session.expiresAt,
        session.refreshedAt,
        session.revokedAt,
        session.revokedReason,
        ...(resetThrottleOf === null ? [] : [resetThrottleOf]),
      ],
    );
  }

  /** The session, locked for the rest of the transaction. */
  async findForUpdate(
    tx: EntityManager,
    accountId: string,
    sessionId: string,
  ): Promise<SessionRecord | null> {
    const rows: SessionRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM identity.sessions WHERE account_id = $1 AND session_id = $2 FOR UPDATE`,
      [accountId, sessionId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Platform lookup (runs in a platform transaction): which session a refresh token digest belongs to, across
   * accounts. SECURITY: the digest is of 256 random bits, so the lookup cannot be steered to another account's row.
   */
  async platformFindRefreshTokenOwner(
    tx: EntityManager,
    digest: Buffer,
  ): Promise<RefreshTokenOwner | null> {
    const rows: { session_id: string; account_id: string; current: boolean }[] = await tx.query(
      `SELECT session_id, account_id, true AS current FROM identity.sessions WHERE refresh_token_hash = $1
       UNION ALL
       SELECT session_id, account_id, false AS current FROM identity.retired_refresh_tokens
       WHERE refresh_token_hash = $1
       LIMIT 1`,
      [digest],
    );
    const row = rows[0];
    return row
      ? { sessionId: row.session_id, accountId: row.account_id, current: row.current }
      : null;
  }

  /** Replaces the refresh token digest; the old one is kept as retired so that its reuse can be recognised. */
  async rotateRefreshToken(
    tx: EntityManager,
    session: SessionRecord,
    newDigest: Buffer,
    now: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO identity.retired_refresh_tokens (refresh_token_hash, session_id, account_id, retired_at)
       VALUES ($1, $2, $3, $4)`,
      [session.refreshTokenDigest, session.sessionId, session.accountId, now],
    );
    await tx.query(
      `UPDATE identity.sessions SET refresh_token_hash = $3, refreshed_at = $4
       WHERE account_id = $1 AND session_id = $2`,
      [session.accountId, session.sessionId, newDigest, now],
    );
  }

  /** Revokes one live session; `false` when it was already revoked. */
  async revoke(
    tx: EntityManager,
    accountId: string,
    sessionId: string,
    reason: SessionRevocationReason | 'signed-out',
    now: Date,
  ): Promise<SessionRecord | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [SessionRow[], number] = await tx.query(
      `UPDATE identity.sessions SET revoked_at = $3, revoked_reason = $4
       WHERE account_id = $1 AND session_id = $2 AND revoked_at IS NULL
       RETURNING ${COLUMNS}`,
      [accountId, sessionId, now, reason],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Revokes every live (unexpired, unrevoked) session of a user, or of the whole account when `userId` is null;
   * `keepSessionId` (a uuid), when given, is left alone.
   */
  async revokeAll(
    tx: EntityManager,
    accountId: string,
    userId: string | null,
    reason: SessionRevocationReason,
    now: Date,
    keepSessionId: string | null = null,
  ): Promise<SessionRecord[]> {
    const [rows]: [SessionRow[], number] = await tx.query(
      `UPDATE identity.sessions SET revoked_at = $3, revoked_reason = $4
       WHERE account_id = $1 AND ($2::text IS NULL OR user_id = $2) AND revoked_at IS NULL AND expires_at > $3
         AND ($5::uuid IS NULL OR session_id <> $5)
       RETURNING ${COLUMNS}`,
      [accountId, userId, now, reason, keepSessionId],
    );
    return rows.map(toRecord);
  }

  /**
   * Platform housekeeping: deletes every account's sessions that ended (expired, or were revoked) more than
   * `graceSeconds` ago; their retired refresh tokens cascade. A revoked session's revocation-list entry stays.
   */
  async platformDeleteEnded(tx: EntityManager, now: Date, graceSeconds: number): Promise<number> {
    const result: [unknown[], number] = await tx.query(
      `DELETE FROM identity.sessions
       WHERE least(expires_at, coalesce(revoked_at, expires_at))
             < $1::timestamptz - make_interval(secs => $2::double precision)`,
      [now, graceSeconds],
    );
    return result[1];
  }

  /** The status of the transaction's account (`null` when it does not exist). */
  async accountStatus(tx: EntityManager, accountId: string): Promise<string | null> {
    const rows: { status: string }[] = await tx.query(
      `SELECT status FROM identity.accounts WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]?.status ?? null;
  }

  /** Platform lookup of the account a sign-in names: a 12-digit id, else an alias. */
  async platformFindAccount(tx: EntityManager, account: string): Promise<SignInAccount | null> {
    const byId = /^\d{12}$/.test(account);
    const rows: { account_id: string; status: 'active' | 'suspended' }[] = await tx.query(
      byId
        ? `SELECT account_id, status FROM identity.accounts WHERE account_id = $1`
        : `SELECT account_id, status FROM identity.accounts WHERE alias = lower($1)`,
      [account],
    );
    const row = rows[0];
    return row ? { accountId: row.account_id, status: row.status } : null;
  }

  /**
   * Platform lookup at the start of a sign-in, in one statement: the account it names (as
   * {@link platformFindAccount}) and the source address's throttle counter (as `SourceThrottleRepository.state`).
   */
  async platformFindSignInTarget(
    tx: EntityManager,
    account: string,
    sourceIp: string,
  ): Promise<{ account: SignInAccount | null; source: ThrottleState | null }> {
    const byId = /^\d{12}$/.test(account);
    const rows: ({
      account_id: string | null;
      status: 'active' | 'suspended' | null;
    } & NullableThrottleRow)[] = await tx.query(
      `SELECT a.account_id, a.status, s.failures, s.next_allowed_at, s.locked
       FROM (SELECT 1) AS one
       LEFT JOIN identity.accounts a ON ${byId ? 'a.account_id = $1' : 'a.alias = lower($1)'}
       LEFT JOIN identity.sign_in_source_throttles s ON s.source_ip = $2`,
      [account, sourceIp],
    );
    const row = rows[0];
    return {
      account:
        row !== undefined && row.account_id !== null && row.status !== null
          ? { accountId: row.account_id, status: row.status }
          : null,
      source: row ? throttleStateOf(row) : null,
    };
  }

  /** A user's id and path by name (case-insensitive), for operations that name a user. */
  async findUser(
    tx: EntityManager,
    accountId: string,
    userName: string,
  ): Promise<{ userId: string; userName: string; path: string } | null> {
    const rows: { user_id: string; user_name: string; path: string }[] = await tx.query(
      `SELECT user_id, user_name, path FROM identity.users
       WHERE account_id = $1 AND lower(user_name) = lower($2)`,
      [accountId, userName],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, userName: row.user_name, path: row.path } : null;
  }
}
