// The reference TypeScript evaluator `@cloud-copilot/iam-simulate`, for comparison only. It is AGPL-licensed:
// it is NEVER a dependency of this project. The benchmark installs it into a scratch folder ignored by git
// (`.cache/bench-scratch/` at the repository root) and imports it from there at run time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AuthorizationRequest } from '../src/model/authorization-request.js';
import type { IamScenario } from './mid-segment-scenario.js';

/** Pinned so that the figures are reproducible and the deep imports below stay valid. */
export const IAM_SIMULATE_VERSION = '0.1.173';
const PACKAGE = '@cloud-copilot/iam-simulate';

/** Our decision names mapped from iam-simulate's. */
const DECISIONS: Readonly<Record<string, string>> = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

/** A prepared iam-simulate evaluator for one scenario: decide(i) answers request i in our decision names. */
export interface ReferenceEvaluator {
  readonly description: string;
  readonly decide: (index: number) => string;
}

export type Loaded =
  | {
      readonly ok: true;
      readonly version: string;
      readonly evaluators: readonly ReferenceEvaluator[];
    }
  | { readonly ok: false; readonly reason: string };

function scratchDir(): string {
  // dist/bench/iam-simulate.js → the repository root is four levels up.
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  return join(root, '.cache', 'bench-scratch', 'iam-simulate');
}

function install(dir: string): void {
  const marker = join(dir, 'node_modules', '@cloud-copilot', 'iam-simulate', 'package.json');
  if (existsSync(marker)) {
    const installed = (JSON.parse(readFileSync(marker, 'utf8')) as { version: string }).version;
    if (installed === IAM_SIMULATE_VERSION) return;
  }
  mkdirSync(dir, { recursive: true });
  // Its own package.json: npm must not treat the scratch folder as part of the workspace.
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      `${PACKAGE}@${IAM_SIMULATE_VERSION}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 },
  );
}

type Module = Record<string, unknown>;

async function importFrom(dir: string, relative: string): Promise<Module> {
  return (await import(pathToFileURL(join(dir, relative)).href)) as Module;
}

/** Installs (once) and loads iam-simulate; never throws: a failure is reported as a reason to skip. */
export async function loadIamSimulate(scenario: IamScenario): Promise<Loaded> {
  const dir = scratchDir();
  try {
    install(dir);
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr
      ?.toString()
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ');
    return { ok: false, reason: `npm install ${PACKAGE} failed: ${stderr || String(e)}` };
  }
  try {
    const pkg = join(dir, 'node_modules', '@cloud-copilot', 'iam-simulate');
    const api = await importFrom(pkg, 'dist/esm/index.js');
    const evaluators: ReferenceEvaluator[] = [publicApi(api, scenario)];
    const core = await coreEngine(dir, pkg, scenario).catch(() => null);
    if (core !== null) evaluators.unshift(core);
    return { ok: true, version: IAM_SIMULATE_VERSION, evaluators };
  } catch (e) {
    return { ok: false, reason: `could not load ${PACKAGE}: ${String(e)}` };
  }
}

function contextOf(r: AuthorizationRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.context ?? {})) {
    if (typeof v === 'string' || Array.isArray(v)) out[k] = v as string | string[];
  }
  return out;
}

/** The public, synchronous entry point: parses the policies on every call. */
function publicApi(api: Module, s: IamScenario): ReferenceEvaluator {
  const run = api['runUnsafeSimulation'] as (sim: unknown, options: unknown) => string;
  const identityPolicies = s.policies.map((p) => ({ name: p.name, policy: p.document }));
  const simulations = s.requests.map((r) => ({
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: accountOf(r.resource) },
      contextVariables: contextOf(r),
    },
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }));
  return {
    description: 'runUnsafeSimulation (public API; parses the policies on every call)',
    decide: (i) => DECISIONS[run(simulations[i], {})] ?? 'error',
  };
}

/**
 * Its core engine with the policies parsed once (as we compile once): the fairest comparison. Deep imports of the
 * pinned version's files; when they move, only the public API is measured.
 */
async function coreEngine(dir: string, pkg: string, s: IamScenario): Promise<ReferenceEvaluator> {
  const engine = await importFrom(pkg, 'dist/esm/core_engine/CoreSimulatorEngine.js');
  const requestMod = await importFrom(pkg, 'dist/esm/request/request.js');
  const contextMod = await importFrom(pkg, 'dist/esm/requestContext.js');
  const discovery = await importFrom(
    pkg,
    'dist/esm/context_keys/discoveryContextKeyConstraints.js',
  );
  const policyMod = await importFrom(
    join(dir, 'node_modules', '@cloud-copilot', 'iam-policy'),
    'dist/esm/index.js',
  );
  type Ctor = new (...args: unknown[]) => unknown;
  const authorize = engine['authorize'] as (request: unknown) => { result: string };
  const loadPolicy = policyMod['loadPolicy'] as (doc: unknown, meta: unknown) => unknown;
  const AwsRequestImpl = requestMod['AwsRequestImpl'] as Ctor;
  const RequestContextImpl = contextMod['RequestContextImpl'] as Ctor;
  const Constraints = discovery['DiscoveryContextKeyConstraints'] as Ctor;
  const identityPolicies = s.policies.map((p) => loadPolicy(p.document, { name: p.name }));
  const simulationParameters = {
    simulationMode: 'Strict',
    discoveryContextKeyConstraints: new Constraints([]),
  };
  const calls = s.requests.map((r) => ({
    request: new AwsRequestImpl(
      r.principal,
      { resource: r.resource, accountId: accountOf(r.resource) },
      r.action,
      new RequestContextImpl(contextOf(r)),
    ),
    sessionPolicy: undefined,
    identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters,
    serviceSettings: { s3: { blockPublicAccess: undefined } },
  }));
  return {
    description: 'core authorize() with the policies parsed once',
    decide: (i) => DECISIONS[authorize(calls[i]).result] ?? 'error',
  };
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}
