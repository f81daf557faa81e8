import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { TenantTransaction } from '@iam/persistence';
import type { Logger } from '@iam/service-kit';
import { SessionRepository } from './session.repository.js';
import { SessionRevocationRepository } from './session-revocation.repository.js';
import type { ThrottlePolicy } from './throttle.js';
import { SourceThrottleRepository } from './source-throttle.repository.js';
import { UserThrottleRepository } from './user-throttle.repository.js';

/** What one housekeeping pass removed. */
export interface HousekeepingReport {
  readonly sessions: number;
  readonly revocations: number;
  readonly userThrottles: number;
  readonly sourceThrottles: number;
}

/** What the housekeeping needs. */
export interface SignInHousekeepingDeps {
  readonly tenantTx: TenantTransaction;
  readonly userThrottle: ThrottlePolicy;
  readonly sourceThrottle: ThrottlePolicy;
  /** Ended sessions are kept this long (default 1 day) so that a late refresh still meets a known session. */
  readonly sessionGraceSeconds?: number;
  /** Time between passes (default 10 min); the first runs one interval after start. */
  readonly intervalMs?: number;
  readonly now?: () => Date;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
}

/**
 * Removes what sign-in no longer needs, for every account (platform transaction): sessions that ended more than a
 * day ago, revocation-list entries whose tokens have all expired, and guessing counters the policies have
 * forgotten. Runs on a timer in each identity process; the deletes are idempotent, so replicas may overlap.
 */
export class SignInHousekeeping implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sessions = new SessionRepository();
  private readonly revocations = new SessionRevocationRepository();
  private readonly userThrottles = new UserThrottleRepository();
  private readonly sourceThrottles = new SourceThrottleRepository();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SignInHousekeepingDeps) {}

  /** One pass, in one platform transaction. */
  async runOnce(now: Date = this.deps.now?.() ?? new Date()): Promise<HousekeepingReport> {
    return this.deps.tenantTx.runAsPlatform(async (tx) => ({
      sessions: await this.sessions.platformDeleteEnded(
        tx,
        now,
        this.deps.sessionGraceSeconds ?? 24 * 60 * 60,
      ),
      revocations: await this.revocations.platformDeleteExpired(tx, now),
      userThrottles: await this.userThrottles.platformPurgeQuiet(tx, now, this.deps.userThrottle),
      sourceThrottles: await this.sourceThrottles.purgeStale(tx, now, this.deps.sourceThrottle),
    }));
  }

  onApplicationBootstrap(): void {
    const interval = this.deps.intervalMs ?? 10 * 60_000;
    this.timer = setInterval(() => {
      this.runOnce().then(
        (report) => this.deps.logger?.info('sign-in housekeeping', { ...report }),
        (error: unknown) =>
          this.deps.logger?.warn('sign-in housekeeping failed', {
            err: error instanceof Error ? error.message : String(error),
          }),
      );
    }, interval);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
