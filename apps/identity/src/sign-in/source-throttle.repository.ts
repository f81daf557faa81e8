import type { EntityManager } from 'typeorm';
import type { ThrottlePolicy, ThrottleRow, ThrottleState } from './throttle.js';
import { stateAfterFailure, toState } from './throttle.js';

/**
 * The per-source-address counters (`identity.sign_in_source_throttles`, global: platform transactions only).
 * A success does not reset them (one valid account must not launder an address's failures); they decay instead.
 */
export class SourceThrottleRepository {
  async state(tx: EntityManager, sourceIp: string): Promise<ThrottleState | null> {
    const rows: ThrottleRow[] = await tx.query(
      `SELECT failures, next_allowed_at, locked FROM identity.sign_in_source_throttles WHERE source_ip = $1`,
      [sourceIp],
    );
    return toState(rows[0]);
  }

  /** Counts one failure in one statement (race-safe under concurrent attempts from the same address). */
  async recordFailure(
    tx: EntityManager,
    sourceIp: string,
    now: Date,
    policy: ThrottlePolicy,
  ): Promise<ThrottleState> {
    const rows: { failures: number }[] = await tx.query(
      `INSERT INTO identity.sign_in_source_throttles AS t
         (source_ip, failures, next_allowed_at, locked, last_failure_at)
       VALUES ($1, 1, $2, false, $2)
       ON CONFLICT (source_ip) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < $2::timestamptz - make_interval(secs => $3::double precision)
                         THEN 1 ELSE t.failures + 1 END,
         last_failure_at = $2
       RETURNING failures`,
      [sourceIp, now, policy.forgetAfterSeconds],
    );
    const state = stateAfterFailure(rows[0]!.failures, now, policy);
    await tx.query(
      `UPDATE identity.sign_in_source_throttles SET next_allowed_at = $2, locked = $3 WHERE source_ip = $1`,
      [sourceIp, state.nextAllowedAt, state.locked],
    );
    return state;
  }

  /** Removes counters that have been quiet for longer than the policy remembers (housekeeping). */
  async purgeStale(tx: EntityManager, now: Date, policy: ThrottlePolicy): Promise<number> {
    const result: [unknown[], number] = await tx.query(
      `DELETE FROM identity.sign_in_source_throttles
       WHERE last_failure_at < $1::timestamptz - make_interval(secs => $2::double precision) AND next_allowed_at < $1`,
      [now, policy.forgetAfterSeconds],
    );
    return result[1];
  }
}
