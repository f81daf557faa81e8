import { readFileSync } from 'node:fs';
import { compilePolicySet } from '../compile/compile-policy-set.js';
import { evaluate } from '../evaluate/evaluate.js';
import { explain } from '../explain/explain.js';
import { POLICY_KINDS, validatePolicyDocument, type PolicyKind } from '../validate/index.js';
import { benchPolicyEngine } from './bench-loop.js';
import { casesFromJson, InvalidCaseError, type EvaluationInput } from './case-format.js';

const USAGE = `usage:
  iam-policy validate FILE [--kind managed|inline-user|inline-group|inline-role|trust|resource|guardrail]
  iam-policy evaluate --cases FILE
  iam-policy bench --cases FILE [--seconds N]`;

const KINDS: readonly string[] = POLICY_KINDS;

/** Bad command line: exit code 2, with the usage text. */
class UsageError extends Error {}

/** Unreadable or malformed input file: exit code 2, with a message only. */
class InputError extends Error {}

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs the CLI and returns the exit code (0 ok, 1 validation errors, 2 bad usage or input). */
export function runCli(argv: readonly string[], io: Io): number {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'validate':
        return validateCommand(rest, io);
      case 'evaluate':
        return evaluateCommand(rest, io);
      case 'bench':
        return benchCommand(rest, io);
      case undefined:
        throw new UsageError('missing command');
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError || e instanceof InvalidCaseError) {
      io.err(`iam-policy: ${e.message}`);
      if (e instanceof UsageError) io.err(USAGE);
      return 2;
    }
    throw e;
  }
}

function parseOptions(
  args: readonly string[],
  allowed: readonly string[],
): { positional: string[]; options: Map<string, string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (!allowed.includes(name)) throw new UsageError(`unknown option \`--${name}\``);
      const value = eq === -1 ? args[++i] : a.slice(eq + 1);
      if (value === undefined) throw new UsageError(`option \`--${name}\` needs a value`);
      options.set(name, value);
    } else positional.push(a);
  }
  return { positional, options };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read \`${path}\`: ${(e as Error).message}`);
  }
}

function readCases(options: Map<string, string>): EvaluationInput[] {
  const path = options.get('cases');
  if (path === undefined) throw new UsageError('`--cases FILE` is required');
  let json: unknown;
  try {
    json = JSON.parse(readText(path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`\`${path}\` is not valid JSON: ${(e as Error).message}`);
  }
  return casesFromJson(json);
}

function validateCommand(args: readonly string[], io: Io): number {
  const { positional, options } = parseOptions(args, ['kind']);
  if (positional.length !== 1) throw new UsageError('validate takes exactly one FILE');
  const kind = (options.get('kind') ?? 'managed') as PolicyKind;
  if (!KINDS.includes(kind)) throw new UsageError(`unknown kind \`${kind}\``);
  const issues = validatePolicyDocument(readText(positional[0]!), { kind });
  io.out(JSON.stringify(issues, null, 2));
  return issues.some((i) => i.severity === 'error') ? 1 : 0;
}

function evaluateCommand(args: readonly string[], io: Io): number {
  const { positional, options } = parseOptions(args, ['cases']);
  if (positional.length > 0) throw new UsageError('evaluate takes no positional arguments');
  for (const c of readCases(options)) {
    const set = compilePolicySet(c.input);
    if (c.explain) {
      const { result, explanation } = explain(set, c.request);
      io.out(
        JSON.stringify({
          id: c.id,
          decision: result.decision,
          determiningStatements: result.determiningStatements,
          explanation,
        }),
      );
    } else {
      const result = evaluate(set, c.request);
      io.out(
        JSON.stringify({
          id: c.id,
          decision: result.decision,
          determiningStatements: result.determiningStatements,
        }),
      );
    }
  }
  return 0;
}

function benchCommand(args: readonly string[], io: Io): number {
  const { positional, options } = parseOptions(args, ['cases', 'seconds']);
  if (positional.length > 0) throw new UsageError('bench takes no positional arguments');
  const secondsText = options.get('seconds') ?? '5';
  const seconds = Number(secondsText);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`\`--seconds\` must be a positive number, got \`${secondsText}\``);
  const cases = readCases(options);
  if (cases.length === 0) throw new InputError('the cases file has no cases');
  const f = benchPolicyEngine(cases, seconds);
  io.out(
    JSON.stringify({
      decisionsPerSecond: f.decisionsPerSecond,
      cpuDecisionsPerSecond: f.cpuDecisionsPerSecond,
      p50Micros: f.p50Micros,
      p99Micros: f.p99Micros,
      compileMicrosPerCase: f.compileMicrosPerCase,
      latencyMethod: `per-decision means of timed batches of ${f.batchSize}`,
    }),
  );
  return 0;
}

/** Entry point used by bin/iam-policy.js. */
export function main(): void {
  process.exitCode = runCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  });
}
