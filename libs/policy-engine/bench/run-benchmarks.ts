// Benchmarks: our evaluator against @cedar-policy/cedar-wasm on equivalent policies, in the same process and run.
// Usage: node dist/bench/run-benchmarks.js [--seconds N] (default 3 per scenario and engine).
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { benchSharedSet, timeDecisions, type BenchFigures } from '../src/cli/bench-loop.js';
import { compilePolicySet } from '../src/compile/compile-policy-set.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import {
  scenarioOneStatement,
  scenarioRealisticPrincipal,
  scenarioThousandStatements,
  type Scenario,
} from './scenarios.js';

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg === -1 ? 3 : Number(process.argv[secondsArg + 1]);

interface Row {
  readonly scenario: string;
  readonly engine: 'policy-engine' | 'cedar-wasm';
  readonly figures: BenchFigures;
}

function benchCedar(s: Scenario, seconds: number): BenchFigures {
  const id = `bench-${s.name}`;
  const c0 = performance.now();
  const parsed = cedar.preparsePolicySet(id, { staticPolicies: s.cedarPolicies });
  const compileMicros = (performance.now() - c0) * 1000;
  if (parsed.type !== 'success') {
    throw new Error(`cedar rejected the ${s.name} policies: ${JSON.stringify(parsed.errors)}`);
  }
  const calls = s.cedarContexts.map((context) => ({
    principal: { type: 'User', id: 'alice' },
    action: { type: 'Action', id: 'call' },
    resource: { type: 'Resource', id: 'r' },
    context,
    preparsedPolicySetId: id,
    entities: [],
  }));
  const figures = timeDecisions(
    calls.length,
    (i) => {
      const answer = cedar.statefulIsAuthorized(calls[i]!);
      return answer.type === 'success' ? answer.response.decision : 'error';
    },
    seconds,
    100,
  );
  return { ...figures, compileMicrosPerCase: Math.round(compileMicros * 1000) / 1000 };
}

/** Checks that both engines reach the same allow/deny on every request of the scenario. */
function agreement(s: Scenario): { agree: number; total: number; allows: number } {
  const set = compilePolicySet(s.input);
  const id = `check-${s.name}`;
  cedar.preparsePolicySet(id, { staticPolicies: s.cedarPolicies });
  let agree = 0;
  let allows = 0;
  s.requests.forEach((r, i) => {
    const ours = evaluate(set, r).decision === 'Allow';
    const answer = cedar.statefulIsAuthorized({
      principal: { type: 'User', id: 'alice' },
      action: { type: 'Action', id: 'call' },
      resource: { type: 'Resource', id: 'r' },
      context: s.cedarContexts[i]!,
      preparsedPolicySetId: id,
      entities: [],
    });
    const theirs = answer.type === 'success' && answer.response.decision === 'allow';
    if (ours === theirs) agree++;
    if (ours) allows++;
  });
  return { agree, total: s.requests.length, allows };
}

/**
 * Mean µs per decision of the first pass over the scenario's requests on freshly compiled sets: every new action
 * builds its action plan, so this is the cost before the per-set index is warm (compile time excluded).
 */
function coldPassMicros(s: Scenario): number {
  let total = 0;
  let decisions = 0;
  for (let i = 0; i < 300; i++) {
    const set = compilePolicySet(s.input); // not timed
    const t0 = performance.now();
    for (const r of s.requests) evaluate(set, r);
    // The first 100 sets warm the JIT up and are not counted.
    if (i >= 100) {
      total += performance.now() - t0;
      decisions += s.requests.length;
    }
  }
  return Math.round((total * 1000 * 1000) / decisions) / 1000;
}

const rows: Row[] = [];
for (const s of [
  scenarioOneStatement(),
  scenarioRealisticPrincipal(),
  scenarioThousandStatements(),
]) {
  const check = agreement(s);
  // One compiled set per scenario (as the policy service caches it per principal), requests round-robin.
  const ours = benchSharedSet(s.input, s.requests, SECONDS);
  const theirs = benchCedar(s, SECONDS);
  rows.push(
    { scenario: s.name, engine: 'policy-engine', figures: ours },
    { scenario: s.name, engine: 'cedar-wasm', figures: theirs },
  );
  process.stdout.write(
    `${JSON.stringify({
      scenario: s.name,
      description: s.description,
      requests: s.requests.length,
      allows: check.allows,
      decisionsAgree: `${check.agree}/${check.total}`,
      ours: { ...pick(ours), coldFirstPassMicros: coldPassMicros(s) },
      cedar: pick(theirs),
      ratioOursOverCedar:
        Math.round((ours.decisionsPerSecond / theirs.decisionsPerSecond) * 10) / 10,
    })}\n`,
  );
}
process.stdout.write(
  `latency: per-decision means of timed batches (ours: 1,000 decisions/batch, cedar: 100); ${SECONDS}s per engine and scenario; one core\n`,
);

function pick(f: BenchFigures) {
  return {
    decisionsPerSecond: f.decisionsPerSecond,
    p50Micros: f.p50Micros,
    p99Micros: f.p99Micros,
    compileMicros: f.compileMicrosPerCase,
  };
}
