import type { CompileIssue } from '../model/compile-issue.js';
import type { PolicyInput, PolicySetInput, PolicyType } from '../model/policy-input.js';
import { compileConditions } from './compile-conditions.js';
import type {
  CompiledPolicy,
  CompiledPolicySet,
  CompiledStatement,
  ResourcePattern,
} from './compiled-policy-set.js';
import { pointerToken } from './json-pointer.js';
import {
  compileArnGlob,
  compileGlob,
  MATCH_PREFIX,
  type StaticMatcher,
} from './matchers/static-matcher.js';
import { compilePrincipalSpec, type PrincipalSpec } from './principal.js';
import { parseTemplate } from './variables.js';
import { policyKindPhrase } from '../grammar/policy-elements.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const POLICY_KEYS = new Set(['Version', 'Id', 'Statement']);
/** Conditions up to this cost (Null, Bool, String, Numeric without variables) are cheaper than an ARN glob. */
const CHEAP_CONDITION = 2;

/**
 * Compiles every policy of a set once: wildcards become matchers, conditions get their values parsed, statements
 * are indexed by action service prefix. Never throws: a malformed statement becomes one that never applies and
 * carries its issues; a malformed document becomes a policy without applicable statements.
 */
export function compilePolicySet(input: PolicySetInput): CompiledPolicySet {
  const safe = (
    typeof input === 'object' && input !== null ? input : {}
  ) as Partial<PolicySetInput>;
  const list = (v: unknown): PolicyInput[] => (Array.isArray(v) ? (v as PolicyInput[]) : []);
  const one = (v: unknown, type: PolicyType): CompiledPolicy | null =>
    v === null || v === undefined ? null : compilePolicy(v as PolicyInput, type);
  const guardrails = list(safe.guardrails).map((p) => compilePolicy(p, 'guardrail'));
  const resourcePolicy = one(safe.resourcePolicy, 'resource');
  const identityPolicies = list(safe.identityPolicies).map((p) => compilePolicy(p, 'identity'));
  const permissionsBoundary = one(safe.permissionsBoundary, 'boundary');
  const sessionPolicy = one(safe.sessionPolicy, 'session');
  const all = [
    ...guardrails,
    ...(resourcePolicy ? [resourcePolicy] : []),
    ...identityPolicies,
    ...(permissionsBoundary ? [permissionsBoundary] : []),
    ...(sessionPolicy ? [sessionPolicy] : []),
  ];
  const issues = all.flatMap((p) => [
    ...p.issues.map((i) => ({ ...i, policyId: p.id })),
    ...p.statements.flatMap((s) => s.issues.map((i) => ({ ...i, policyId: p.id }))),
  ]);
  return {
    guardrails,
    resourcePolicy,
    identityPolicies,
    permissionsBoundary,
    sessionPolicy,
    resourceAccount: typeof safe.resourceAccount === 'string' ? safe.resourceAccount : null,
    actionPlans: new Map(),
    issues,
  };
}

/** Compiles one policy document (exported for tests). */
export function compilePolicy(input: PolicyInput, type: PolicyType): CompiledPolicy {
  const id =
    typeof input === 'object' && input !== null && typeof input.id === 'string'
      ? input.id
      : String(type);
  const document = typeof input === 'object' && input !== null ? input.document : undefined;
  const issues: CompileIssue[] = [];
  const empty = (): CompiledPolicy => ({
    id,
    type,
    version: null,
    issues,
    statements: [],
    byService: new Map(),
    anyService: [],
  });
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    issues.push({
      code: 'DATA_TYPE_MISMATCH',
      pointer: '',
      message: 'policy document must be a JSON object',
    });
    return empty();
  }
  const doc = document as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!POLICY_KEYS.has(key)) {
      issues.push({
        code: 'INVALID_POLICY_ELEMENT',
        pointer: `/${pointerToken(key)}`,
        message: `unknown element \`${key}\``,
      });
    }
  }
  const rawVersion = doc['Version'];
  let version: string | null = null;
  let versionOk = true;
  if (rawVersion !== undefined) {
    if (rawVersion === '2012-10-17' || rawVersion === '2008-10-17') version = rawVersion;
    else {
      versionOk = false;
      issues.push({
        code: 'INVALID_VERSION',
        pointer: '/Version',
        message: `version must be \`2012-10-17\` or \`2008-10-17\`, got \`${JSON.stringify(rawVersion)}\``,
      });
    }
  }
  // AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
  // "If you don't include the Version element ... variables like ${aws:username} are treated as literal strings".
  const variables = version === '2012-10-17';
  const rawStatements = doc['Statement'];
  let entries: { value: unknown; pointer: string; index: number }[];
  if (Array.isArray(rawStatements)) {
    entries = (rawStatements as unknown[]).map((value, index) => ({
      value,
      pointer: `/Statement/${index}`,
      index,
    }));
  } else if (typeof rawStatements === 'object' && rawStatements !== null) {
    entries = [{ value: rawStatements, pointer: '/Statement', index: 0 }];
  } else {
    issues.push({
      code: 'MISSING_STATEMENT',
      pointer: rawStatements === undefined ? '' : '/Statement',
      message: 'policy must have a `Statement` object or array',
    });
    return empty();
  }
  const statements = entries.map((e) =>
    compileStatement(e.value, {
      policyId: id,
      type,
      pointer: e.pointer,
      index: e.index,
      variables,
      versionOk,
    }),
  );
  const { byService, anyService } = indexByService(statements);
  return { id, type, version, issues, statements, byService, anyService };
}

interface StatementContext {
  readonly policyId: string;
  readonly type: PolicyType;
  readonly pointer: string;
  readonly index: number;
  readonly variables: boolean;
  readonly versionOk: boolean;
}

function compileStatement(value: unknown, c: StatementContext): CompiledStatement {
  const issues: CompileIssue[] = [];
  const issue = (code: string, at: string, message: string) =>
    issues.push({ code, pointer: `${c.pointer}${at}`, message });
  const s = (
    typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null
  ) as Record<string, unknown> | null;
  const rawSid = s?.['Sid'];
  const sid = typeof rawSid === 'string' && rawSid !== '' ? rawSid : null;
  const ref = `${c.policyId}#${sid ?? c.index}`;
  const invalid = (): CompiledStatement => ({
    policyId: c.policyId,
    ref,
    sid,
    index: c.index,
    pointer: c.pointer,
    effect: s?.['Effect'] === 'Deny' ? 'Deny' : 'Allow',
    valid: false,
    issues,
    notAction: false,
    actions: [],
    resources: [],
    notResource: false,
    principalMode: 0,
    principal: null,
    conditions: [],
    conditionsByCost: [],
    conditionsFirst: false,
    services: [],
  });
  if (s === null) {
    issue('DATA_TYPE_MISMATCH', '', 'statement must be a JSON object');
    return invalid();
  }
  if (!c.versionOk)
    issue('INVALID_VERSION', '', 'the policy has an invalid `Version`, no statement applies');
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(key))
      issue('INVALID_POLICY_ELEMENT', `/${pointerToken(key)}`, `unknown element \`${key}\``);
  }
  if (rawSid !== undefined && typeof rawSid !== 'string')
    issue('DATA_TYPE_MISMATCH', '/Sid', 'sid must be a string');

  const effect = s['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    issue(
      effect === undefined ? 'MISSING_EFFECT' : 'INVALID_EFFECT',
      effect === undefined ? '' : '/Effect',
      effect === undefined
        ? 'statement has no `Effect`'
        : `effect must be \`Allow\` or \`Deny\`, got \`${JSON.stringify(effect)}\``,
    );
  }

  // Action / NotAction: exactly one. AWS: reference_policies_elements_action.html, reference_policies_elements_notaction.html
  const action = exactlyOne(s, 'Action', 'NotAction', issue);
  let actions: StaticMatcher[] = [];
  let services: string[] | null = [];
  if (action !== null) {
    actions = action.values.map((a) => compileGlob(a.toLowerCase()));
    services = action.negated ? null : serviceIndex(action.values);
  }

  // Resource / NotResource. Resource-based policies such as role trust policies have none (the resource is the
  // one the policy is attached to); every other policy type must have one.
  let resources: ResourcePattern[] | null = null;
  let notResource = false;
  const hasResource = 'Resource' in s || 'NotResource' in s;
  if (hasResource || c.type !== 'resource') {
    const resource = exactlyOne(s, 'Resource', 'NotResource', issue);
    if (resource !== null) {
      notResource = resource.negated;
      resources = resource.values.map((r): ResourcePattern => {
        const template = c.variables ? parseTemplate(r) : null;
        return template === null
          ? { template: null, matcher: compileArnGlob(r) }
          : { template, matcher: null };
      });
    }
  }

  // Principal / NotPrincipal: required in resource-based policies, not allowed elsewhere.
  // AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
  let principalMode = 0;
  let principal: PrincipalSpec | null = null;
  const hasP = 'Principal' in s;
  const hasNP = 'NotPrincipal' in s;
  if (c.type === 'resource') {
    if (hasP === hasNP) {
      issue(
        hasP ? 'UNSUPPORTED_ELEMENT_COMBINATION' : 'MISSING_PRINCIPAL',
        '',
        hasP
          ? 'statement has both `Principal` and `NotPrincipal`'
          : 'resource-based policy statement has no `Principal`',
      );
    } else {
      const name = hasP ? 'Principal' : 'NotPrincipal';
      const spec = compilePrincipalSpec(s[name]);
      if (typeof spec === 'string')
        issue('INVALID_PRINCIPAL_FORMAT', `/${name}`, `${name.toLowerCase()} ${spec}`);
      else {
        principal = spec;
        principalMode = hasP ? 1 : 2;
      }
      // AWS: reference_policies_elements_notprincipal.html "NotPrincipal must be used with "Effect":"Deny".
      // Using it with "Effect":"Allow" is not supported."
      if (hasNP && effect === 'Allow') {
        issue(
          'NOT_PRINCIPAL_WITH_ALLOW',
          '/NotPrincipal',
          '`NotPrincipal` is supported only with `"Effect": "Deny"`',
        );
      }
    }
  } else if (hasP || hasNP) {
    issue(
      'UNSUPPORTED_PRINCIPAL',
      hasP ? '/Principal' : '/NotPrincipal',
      `\`${hasP ? 'Principal' : 'NotPrincipal'}\` is not allowed in ${policyKindPhrase(c.type)}`,
    );
  }

  const conditions =
    s['Condition'] === undefined
      ? []
      : compileConditions(s['Condition'], `${c.pointer}/Condition`, c.variables, issues);

  if (issues.length > 0 || action === null || (effect !== 'Allow' && effect !== 'Deny'))
    return invalid();
  return {
    policyId: c.policyId,
    ref,
    sid,
    index: c.index,
    pointer: c.pointer,
    effect,
    valid: true,
    issues,
    notAction: action.negated,
    actions,
    resources,
    notResource,
    principalMode,
    principal,
    conditions,
    conditionsByCost: [...conditions].sort((a, b) => a.cost - b.cost),
    conditionsFirst:
      conditions.length > 0 &&
      conditions.every((c) => c.cost <= CHEAP_CONDITION) &&
      (resources ?? []).some((r) => r.matcher === null || r.matcher.kind > MATCH_PREFIX),
    services,
  };
}

function exactlyOne(
  s: Record<string, unknown>,
  positive: string,
  negative: string,
  issue: (code: string, at: string, message: string) => void,
): { values: string[]; negated: boolean } | null {
  const hasPos = positive in s;
  const hasNeg = negative in s;
  if (hasPos && hasNeg) {
    issue(
      'UNSUPPORTED_ELEMENT_COMBINATION',
      '',
      `statement has both \`${positive}\` and \`${negative}\``,
    );
    return null;
  }
  if (!hasPos && !hasNeg) {
    issue(
      `MISSING_${positive.toUpperCase()}`,
      '',
      `statement has neither \`${positive}\` nor \`${negative}\``,
    );
    return null;
  }
  const name = hasPos ? positive : negative;
  const raw = s[name];
  const values = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) {
    issue(
      'DATA_TYPE_MISMATCH',
      `/${name}`,
      `${name.toLowerCase()} must be a string or a non-empty array of strings`,
    );
    return null;
  }
  return { values: values as string[], negated: hasNeg };
}

/** Service prefixes of action patterns; null when a pattern can match any service (`*`, `s*:Get`). */
function serviceIndex(actions: readonly string[]): string[] | null {
  const out = new Set<string>();
  for (const a of actions) {
    const lower = a.toLowerCase();
    const colon = lower.indexOf(':');
    const service = colon === -1 ? lower : lower.slice(0, colon);
    if (service.includes('*') || service.includes('?')) return null;
    // An action without a colon can only match a request action without one (e.g. `*` handled above).
    out.add(service);
  }
  return [...out];
}

function indexByService(statements: readonly CompiledStatement[]): {
  byService: Map<string, CompiledStatement[]>;
  anyService: CompiledStatement[];
} {
  const anyService = statements.filter((s) => s.valid && s.services === null);
  const buckets = new Map<string, Set<CompiledStatement>>();
  for (const s of statements) {
    if (!s.valid || s.services === null) continue;
    for (const svc of s.services) {
      let b = buckets.get(svc);
      if (b === undefined) buckets.set(svc, (b = new Set()));
      b.add(s);
    }
  }
  const byService = new Map<string, CompiledStatement[]>();
  for (const [svc, set] of buckets) {
    byService.set(
      svc,
      [...set, ...anyService].sort((a, b) => a.index - b.index),
    );
  }
  return { byService, anyService };
}
