import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  INTERNAL_REQUEST_HEADER,
  internalRequestAudience,
  signInternalRequest,
} from '@iam/service-kit';

/**
 * The audience of the gateway's internal request tokens for the list: identity's endpoint (whatever URL reaches
 * it), so such a token opens no other endpoint and no other service.
 */
export const SESSION_REVOCATIONS_AUDIENCE = internalRequestAudience(
  'identity',
  '/internal/session-revocations',
);

/** The logging surface the list needs. Successful polls log nothing: only a run of failures and its end do. */
export interface RevocationListLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
}

/** How the gateway follows identity's session revocation list. */
export interface SessionRevocationListOptions {
  /** Identity's `GET /internal/session-revocations`. */
  readonly url: string;
  /** The gateway's Ed25519 private key (`IAM_CALLER_SIGNING_PRIVATE_KEY`) that signs internal request tokens. */
  readonly signingKey: KeyObject;
  /** Time between two reads while the list is in use (default 1 s): how late a revocation may take effect. */
  readonly pollIntervalMs?: number;
  /**
   * How old the last successful read may be before session tokens are refused (default 15 s). SECURITY: fail
   * closed: a gateway that cannot read the list cannot know whether a session was revoked.
   */
  readonly maxStalenessMs?: number;
  /**
   * How far before the previous read's time the next read starts (default 60 s): an entry is recorded inside its
   * revocation's transaction and becomes visible only at commit, so a read must look back past the longest such
   * transaction. Entries read twice are harmless.
   */
  readonly overlapMs?: number;
  /** Fetch timeout (default 5 s). */
  readonly timeoutMs?: number;
  /** Entries are kept this long after their tokens' last `exp`, to cover clock tolerance (default 60 s). */
  readonly retentionGraceMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly logger?: RevocationListLogger;
}

interface RevocationPage {
  readonly asOf: string;
  readonly truncated: boolean;
  readonly revocations: readonly {
    readonly sessionId: string;
    readonly tokensValidUntil: string;
    readonly recordedAt: string;
  }[];
}

function isRevocationPage(body: unknown): body is RevocationPage {
  if (typeof body !== 'object' || body === null) return false;
  const page = body as Record<string, unknown>;
  return (
    typeof page['asOf'] === 'string' &&
    typeof page['truncated'] === 'boolean' &&
    Array.isArray(page['revocations']) &&
    (page['revocations'] as unknown[]).every((entry) => {
      const e = entry as Record<string, unknown> | null;
      return (
        typeof e === 'object' &&
        e !== null &&
        typeof e['sessionId'] === 'string' &&
        typeof e['tokensValidUntil'] === 'string' &&
        typeof e['recordedAt'] === 'string'
      );
    })
  );
}

/** Thrown when the list is too old to decide and cannot be read now. */
export class RevocationListUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `session revocation list unavailable: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'RevocationListUnavailableError';
  }
}

/**
 * The revoked sessions whose tokens may still be valid, kept in memory and followed incrementally from identity.
 * Reading starts with the first session token the gateway sees; from then on the list is re-read every
 * `pollIntervalMs` in the background, so a check is a map lookup. When the last read is older than
 * `maxStalenessMs`, a check waits for a fresh read and throws if it fails.
 */
export class SessionRevocationList {
  private readonly revoked = new Map<string, number>();
  private since = new Date(0).toISOString();
  private readAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;
  private readonly pollIntervalMs: number;
  private readonly maxStalenessMs: number;
  private readonly overlapMs: number;
  private readonly timeoutMs: number;
  private readonly retentionGraceMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: SessionRevocationListOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxStalenessMs = options.maxStalenessMs ?? 15_000;
    this.overlapMs = options.overlapMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.retentionGraceMs = options.retentionGraceMs ?? 60_000;
    this.fetchFn = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  /** Whether the session was revoked. Throws {@link RevocationListUnavailableError} when that cannot be known. */
  async isRevoked(sessionId: string): Promise<boolean> {
    if (this.now() - this.readAt > this.maxStalenessMs) {
      try {
        await this.read();
      } catch (error) {
        throw new RevocationListUnavailableError(error);
      }
    }
    this.schedule();
    return this.revoked.has(sessionId);
  }

  /** How many entries the list holds (for tests and metrics). */
  get size(): number {
    return this.revoked.size;
  }

  /** Stops the background reads (the gateway's close). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.read().then(
        () => {
          if (this.failures > 0) {
            this.options.logger?.info?.('session revocation list readable again', {
              failedReads: this.failures,
            });
          }
          this.failures = 0;
          this.schedule();
        },
        (error: unknown) => {
          // One warning per run of failures, not one per poll.
          if (this.failures++ === 0) {
            this.options.logger?.warn('session revocation list read failed', {
              err: error instanceof Error ? error.message : String(error),
            });
          }
          this.schedule();
        },
      );
    }, this.pollIntervalMs);
    this.timer.unref();
  }

  /** Reads every page recorded after `since`; concurrent callers share one read. */
  private read(): Promise<void> {
    this.inflight ??= (async () => {
      try {
        const started = this.now();
        for (;;) {
          const page = await this.fetchPage(this.since);
          for (const entry of page.revocations) {
            const until = Date.parse(entry.tokensValidUntil);
            if (Number.isFinite(until)) this.revoked.set(entry.sessionId, until);
          }
          const last = page.revocations.at(-1);
          if (page.truncated && last !== undefined) {
            this.since = last.recordedAt;
            continue;
          }
          const asOf = Date.parse(page.asOf);
          if (!Number.isFinite(asOf)) throw new Error('revocation list page has no valid asOf');
          this.since = new Date(asOf - this.overlapMs).toISOString();
          break;
        }
        this.prune();
        this.readAt = started;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  private async fetchPage(since: string): Promise<RevocationPage> {
    const url = new URL(this.options.url);
    url.searchParams.set('since', since);
    const requestId = randomUUID();
    const response = await this.fetchFn(url, {
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: {
        accept: 'application/json',
        'x-request-id': requestId,
        [INTERNAL_REQUEST_HEADER]: signInternalRequest(
          requestId,
          SESSION_REVOCATIONS_AUDIENCE,
          this.options.signingKey,
          Math.floor(this.now() / 1000),
        ),
      },
    });
    if (!response.ok) throw new Error(`revocation list answered ${response.status}`);
    const body = (await response.json()) as unknown;
    if (!isRevocationPage(body)) throw new Error('revocation list answer is malformed');
    return body;
  }

  private prune(): void {
    const horizon = this.now() - this.retentionGraceMs;
    for (const [sessionId, until] of this.revoked) {
      if (until < horizon) this.revoked.delete(sessionId);
    }
  }
}
