// Load generation for the benchmarks (`npm run bench`): sequential latency, throughput from concurrent loops, and
// latency under a fixed request rate. Figures only mean something beside a baseline measured in the same run.

/** Latency distribution of a series of requests. */
export interface LatencyFigures {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Micros: number;
  readonly p99Micros: number;
}

const WARMUP = 200;

function percentiles(micros: number[], requests: number, seconds: number): LatencyFigures {
  micros.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(micros[Math.min(micros.length - 1, Math.floor(q * micros.length))] ?? 0);
  return {
    requests,
    perSecond: requests / seconds,
    p50Micros: at(0.5),
    p99Micros: at(0.99),
  };
}

/** Sends `count` requests one after the other (after a warm-up) and reports their latency distribution. */
export async function measure(count: number, send: () => Promise<void>): Promise<LatencyFigures> {
  for (let i = 0; i < Math.min(WARMUP, count); i++) await send();
  const micros: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await send();
    micros.push((performance.now() - t0) * 1000);
  }
  return percentiles(micros, count, (performance.now() - started) / 1000);
}

/** Runs `work` from `concurrency` loops for `seconds`; completions per second and their latency distribution. */
export async function throughput(
  concurrency: number,
  seconds: number,
  work: (client: number) => Promise<void>,
): Promise<LatencyFigures> {
  const deadline = performance.now() + seconds * 1000;
  const micros: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await work(client);
        micros.push((performance.now() - t0) * 1000);
      }
    }),
  );
  return percentiles(micros, micros.length, (performance.now() - started) / 1000);
}

/**
 * Sends requests at a fixed `rate` per second for `seconds` (open loop: a slow answer does not delay the next
 * request) and reports their latency distribution.
 */
export async function atRate(
  rate: number,
  seconds: number,
  send: () => Promise<void>,
): Promise<LatencyFigures> {
  const total = Math.round(rate * seconds);
  const micros: number[] = [];
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const t0 = performance.now();
    pending.push(send().then(() => void micros.push((performance.now() - t0) * 1000)));
  }
  await Promise.all(pending);
  return percentiles(micros, total, (performance.now() - started) / 1000);
}

/** POSTs a GraphQL body; throws on an HTTP error or a GraphQL error (a benchmark never counts failures). */
export async function postGraphQL(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || answer.errors) throw new Error(`request failed: ${JSON.stringify(answer)}`);
  return answer.data;
}
