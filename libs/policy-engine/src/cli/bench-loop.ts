import type { CompiledPolicySet } from '../compile/compiled-policy-set.js';
import { compilePolicySet } from '../compile/compile-policy-set.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { AuthorizationRequest } from '../model/authorization-request.js';
import type { PolicySetInput } from '../model/policy-input.js';

/** Benchmark figures. Latencies come from batches: per-call timing of a ~1 µs operation is timer noise. */
export interface BenchFigures {
  readonly decisionsPerSecond: number;
  /**
   * Decisions per second of the process's CPU time (user + system) over the timed loop: steadier than wall-clock
   * figures on a shared machine, where another process can take the core for a while.
   */
  readonly cpuDecisionsPerSecond: number;
  readonly p50Micros: number;
  readonly p99Micros: number;
  readonly compileMicrosPerCase: number;
  readonly decisions: number;
  readonly batchSize: number;
}

/** A decision function under test (ours or a baseline). */
export type DecideFn = (index: number) => unknown;

/**
 * Runs `decide` round-robin over `count` prepared cases for `seconds`: batches of `batchSize` decisions are timed,
 * each batch's mean is one latency sample; p50/p99 are percentiles of those per-decision batch means.
 */
export function timeDecisions(
  count: number,
  decide: DecideFn,
  seconds: number,
  batchSize = 1000,
): Omit<BenchFigures, 'compileMicrosPerCase'> {
  let sink = 0;
  // Warm-up so the JIT has optimised the hot path before timing.
  const warmEnd = performance.now() + Math.min(500, seconds * 100);
  let i = 0;
  while (performance.now() < warmEnd) {
    for (let k = 0; k < batchSize; k++) {
      if (decide(i) !== undefined) sink++;
      i = i + 1 === count ? 0 : i + 1;
    }
  }
  const samples: number[] = [];
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  let decisions = 0;
  let now = start;
  while (now < end) {
    const t0 = now;
    for (let k = 0; k < batchSize; k++) {
      if (decide(i) !== undefined) sink++;
      i = i + 1 === count ? 0 : i + 1;
    }
    now = performance.now();
    samples.push(((now - t0) * 1000) / batchSize);
    decisions += batchSize;
  }
  const elapsed = (now - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  samples.sort((a, b) => a - b);
  const pct = (p: number) =>
    samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0;
  if (sink < 0) throw new Error('unreachable');
  return {
    decisionsPerSecond: Math.round(decisions / elapsed),
    cpuDecisionsPerSecond: Math.round(decisions / Math.max(cpuSeconds, 1e-6)),
    p50Micros: round3(pct(0.5)),
    p99Micros: round3(pct(0.99)),
    decisions,
    batchSize,
  };
}

/** Compiles every case once (timed), then times evaluation round-robin. */
export function benchPolicyEngine(
  cases: readonly { input: PolicySetInput; request: AuthorizationRequest }[],
  seconds: number,
): BenchFigures {
  if (cases.length === 0) throw new Error('no cases to benchmark');
  const compileMicrosPerCase =
    timeCompile(() => {
      for (const c of cases) compilePolicySet(c.input);
    }) / cases.length;
  const compiled: CompiledPolicySet[] = cases.map((c) => compilePolicySet(c.input));
  const requests = cases.map((c) => c.request);
  const figures = timeDecisions(
    cases.length,
    (i) => evaluate(compiled[i]!, requests[i]!).decision,
    seconds,
  );
  return { ...figures, compileMicrosPerCase: round3(compileMicrosPerCase) };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** One policy set compiled once (timed), many requests against it round-robin. */
export function benchSharedSet(
  input: PolicySetInput,
  requests: readonly AuthorizationRequest[],
  seconds: number,
): BenchFigures {
  if (requests.length === 0) throw new Error('no requests to benchmark');
  const compileMicros = timeCompile(() => compilePolicySet(input));
  const set = compilePolicySet(input);
  const figures = timeDecisions(
    requests.length,
    (i) => evaluate(set, requests[i]!).decision,
    seconds,
  );
  return { ...figures, compileMicrosPerCase: round3(compileMicros) };
}

/** Mean microseconds of `fn` after a warm-up, over at least 300 ms of repeats. */
function timeCompile(fn: () => unknown): number {
  const warmEnd = performance.now() + 200;
  while (performance.now() < warmEnd) fn();
  let runs = 0;
  const start = performance.now();
  let now = start;
  while (now - start < 300 || runs < 3) {
    fn();
    runs++;
    now = performance.now();
  }
  return ((now - start) * 1000) / runs;
}
