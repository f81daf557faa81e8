import type { SubgraphEndpoint } from '../runtime/supergraph-subgraphs.js';
import { serviceBaseUrl } from '../runtime/supergraph-subgraphs.js';

/** One subgraph's readiness. */
export interface SubgraphReadiness {
  readonly name: string;
  readonly status: 'ok' | 'failing';
}

/** The gateway's readiness: ready when every subgraph's `/health/ready` answers 2xx. */
export interface ReadinessReport {
  readonly status: 'ok' | 'failing';
  readonly checks: readonly SubgraphReadiness[];
}

const READINESS_TIMEOUT_MS = 2_000;

/** Asks every subgraph's `/health/ready` in parallel, each with a short timeout. */
export async function checkSubgraphsReady(
  subgraphs: readonly SubgraphEndpoint[],
): Promise<ReadinessReport> {
  const checks = await Promise.all(
    subgraphs.map(async ({ name, url }): Promise<SubgraphReadiness> => {
      try {
        const response = await fetch(`${serviceBaseUrl(url)}/health/ready`, {
          signal: AbortSignal.timeout(READINESS_TIMEOUT_MS),
        });
        await response.body?.cancel();
        return { name, status: response.ok ? 'ok' : 'failing' };
      } catch {
        // SECURITY: no error detail (hosts, ports) in a public health answer; the name is enough to act on.
        return { name, status: 'failing' };
      }
    }),
  );
  return { status: checks.every((c) => c.status === 'ok') ? 'ok' : 'failing', checks };
}
