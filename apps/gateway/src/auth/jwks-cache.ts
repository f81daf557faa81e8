import { importJWK } from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK } from 'jose';

/** How the gateway keeps identity's public session-token keys. */
export interface JwksCacheOptions {
  /** A fetched key set is used without refetching for this long (default 5 min). */
  readonly maxAgeMs?: number;
  /** An unknown `kid` triggers a refetch at most this often (default 30 s): forged kids cannot flood identity. */
  readonly minRefreshIntervalMs?: number;
  /** Fetch timeout (default 5 s). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/**
 * Identity's JWKS, cached. Refreshed when older than `maxAgeMs`, and early when a token names an unknown key
 * (rotation), but never more often than `minRefreshIntervalMs`. Concurrent refreshes share one request. A failed
 * refresh keeps serving the last good set.
 */
export class JwksCache {
  private jwks: JSONWebKeySet | null = null;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<JSONWebKeySet> | null = null;
  private readonly imported = new Map<string, Promise<CryptoKey>>();
  private readonly maxAgeMs: number;
  private readonly minRefreshIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;

  constructor(
    readonly url: string,
    options: JwksCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.fetchFn = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  /** The current key set (fetched when missing or stale). Throws only when no set was ever fetched. */
  async keySet(): Promise<JSONWebKeySet> {
    if (this.jwks !== null && this.now() - this.fetchedAt < this.maxAgeMs) return this.jwks;
    if (this.jwks !== null && this.now() - this.attemptedAt < this.minRefreshIntervalMs) {
      return this.jwks;
    }
    try {
      return await this.refresh();
    } catch (error) {
      if (this.jwks !== null) return this.jwks;
      throw error;
    }
  }

  /** The public key with this `kid`, or `null` (after at most one rate-limited refetch). */
  async keyFor(kid: string): Promise<CryptoKey | null> {
    let jwk = this.find(await this.keySet(), kid);
    if (jwk === undefined && this.now() - this.attemptedAt >= this.minRefreshIntervalMs) {
      try {
        jwk = this.find(await this.refresh(), kid);
      } catch {
        return null;
      }
    }
    if (jwk === undefined) return null;
    let key = this.imported.get(kid);
    if (key === undefined) {
      const source = jwk;
      key = importJWK(source, 'ES256').then((imported) => {
        if (imported instanceof Uint8Array) throw new Error('a session key must be asymmetric');
        return imported;
      });
      this.imported.set(kid, key);
      key.catch(() => this.imported.delete(kid));
    }
    return key;
  }

  private find(set: JSONWebKeySet, kid: string): JWK | undefined {
    return set.keys.find((key) => key.kid === kid && key.kty === 'EC' && key.use !== 'enc');
  }

  private refresh(): Promise<JSONWebKeySet> {
    this.inflight ??= (async () => {
      this.attemptedAt = this.now();
      try {
        const response = await this.fetchFn(this.url, {
          signal: AbortSignal.timeout(this.timeoutMs),
          headers: { accept: 'application/json' },
        });
        if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
        const body = (await response.json()) as unknown;
        if (
          typeof body !== 'object' ||
          body === null ||
          !Array.isArray((body as { keys?: unknown }).keys)
        ) {
          throw new Error('JWKS is not a key set');
        }
        const set = { keys: (body as JSONWebKeySet).keys };
        this.jwks = set;
        this.fetchedAt = this.now();
        const kids = new Set(set.keys.map((key) => key.kid));
        for (const kid of this.imported.keys()) if (!kids.has(kid)) this.imported.delete(kid);
        return set;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }
}
