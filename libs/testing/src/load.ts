// Load generation for the benchmarks (`npm run bench`): sequential latency, throughput from concurrent loops, and
// latency under a fixed request rate. Figures only mean something beside a baseline measured in the same run.
import { Agent, request } from 'node:http';

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
  // Every request is awaited, failed or not, before the figures are reported (none is left running behind them).
  const failed = (await Promise.allSettled(pending)).filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} of ${total} requests failed at ${rate}/s: ${String((failed[0] as PromiseRejectedResult).reason)}`,
    );
  }
  return percentiles(micros, total, (performance.now() - started) / 1000);
}

// One kept-alive connection pool for every request the load generator sends: `fetch` costs the generator (which
// shares the machine with the system under test) several times the CPU of a plain HTTP request, and opens new
// connections without bound under an open-loop rate.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs a GraphQL body; throws on an HTTP error or a GraphQL error (a benchmark never counts failures). */
export async function postGraphQL(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  const { status, text } = await new Promise<{ status: number; text: string }>(
    (resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': String(payload.length),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    },
  );
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (status !== 200 || answer.errors) throw new Error(`request failed: ${text}`);
  return answer.data;
}
