import type { AuthorizationRequest, ContextValue } from '../model/authorization-request.js';
import type { PolicyInput, PolicySetInput } from '../model/policy-input.js';

/**
 * One evaluation case of the CLI / corpus format:
 * `{"id", "request": {principal, action, resource, context}, "identityPolicies": [DOC...], "resourcePolicy",
 * "permissionsBoundary", "sessionPolicy", "guardrails": [DOC...], "resourceAccount", "explain"?}`.
 */
export interface EvaluationCase {
  readonly id: string;
  readonly request: {
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    readonly context?: Readonly<Record<string, unknown>>;
  };
  readonly identityPolicies?: readonly unknown[];
  readonly resourcePolicy?: unknown;
  readonly permissionsBoundary?: unknown;
  readonly sessionPolicy?: unknown;
  readonly guardrails?: readonly unknown[];
  readonly resourceAccount?: string;
  readonly explain?: boolean;
}

/** A case that does not have the documented shape. */
export class InvalidCaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCaseError';
  }
}

/** The policy input and request of one case. */
export interface EvaluationInput {
  readonly id: string;
  readonly input: PolicySetInput;
  readonly request: AuthorizationRequest;
  readonly explain: boolean;
}

/**
 * Maps a case to the library's inputs. Policy ids (used in statement refs): `identity:0`, `identity:1`, …,
 * `resource`, `boundary`, `session`, `guardrail:0`, …. Policy documents are passed through untouched (compile
 * never throws on them); the request must have string principal/action/resource and a context of strings or
 * string arrays (numbers and booleans are turned into strings). Throws {@link InvalidCaseError} otherwise.
 */
export function caseToEvaluationInput(value: unknown, position = 0): EvaluationInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidCaseError(`case ${position} must be an object`);
  }
  const c = value as Record<string, unknown>;
  const id =
    typeof c['id'] === 'string' ? c['id'] : typeof c['id'] === 'number' ? String(c['id']) : null;
  if (id === null) throw new InvalidCaseError(`case ${position} has no string \`id\``);
  const where = `case \`${id}\``;
  const r = c['request'];
  if (typeof r !== 'object' || r === null || Array.isArray(r))
    throw new InvalidCaseError(`${where} has no \`request\` object`);
  const rq = r as Record<string, unknown>;
  for (const k of ['principal', 'action', 'resource']) {
    if (typeof rq[k] !== 'string')
      throw new InvalidCaseError(`${where}: \`request.${k}\` must be a string`);
  }
  const context = normaliseContext(rq['context'], where);
  const list = (k: string): unknown[] => {
    const v = c[k];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v))
      throw new InvalidCaseError(`${where}: \`${k}\` must be an array of policy documents`);
    return v;
  };
  const single = (k: string, policyId: string): PolicyInput | null => {
    const v = c[k];
    return v === undefined || v === null ? null : { id: policyId, document: v };
  };
  const resourceAccount = c['resourceAccount'];
  if (
    resourceAccount !== undefined &&
    resourceAccount !== null &&
    typeof resourceAccount !== 'string'
  ) {
    throw new InvalidCaseError(`${where}: \`resourceAccount\` must be a string`);
  }
  const input: PolicySetInput = {
    identityPolicies: list('identityPolicies').map((document, i) => ({
      id: `identity:${i}`,
      document,
    })),
    resourcePolicy: single('resourcePolicy', 'resource'),
    permissionsBoundary: single('permissionsBoundary', 'boundary'),
    sessionPolicy: single('sessionPolicy', 'session'),
    guardrails: list('guardrails').map((document, i) => ({ id: `guardrail:${i}`, document })),
    ...(typeof resourceAccount === 'string' ? { resourceAccount } : {}),
  };
  return {
    id,
    input,
    request: {
      principal: rq['principal'] as string,
      action: rq['action'] as string,
      resource: rq['resource'] as string,
      context,
    },
    explain: c['explain'] === true,
  };
}

function normaliseContext(raw: unknown, where: string): Record<string, ContextValue> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new InvalidCaseError(`${where}: \`request.context\` must be an object`);
  const out: Record<string, ContextValue> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(v)) {
      out[k] = v.map((e) => scalar(e, `${where}: context key \`${k}\``));
    } else {
      out[k] = scalar(v, `${where}: context key \`${k}\``);
    }
  }
  return out;
}

function scalar(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new InvalidCaseError(`${where} must be a string, a number, a boolean or an array of them`);
}

/** Reads `{"cases": [CASE, ...]}`; throws {@link InvalidCaseError} when the file does not have that shape. */
export function casesFromJson(value: unknown): EvaluationInput[] {
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as { cases?: unknown }).cases)
  ) {
    throw new InvalidCaseError('the cases file must be a JSON object `{"cases": [...]}`');
  }
  return (value as { cases: unknown[] }).cases.map((c, i) => caseToEvaluationInput(c, i));
}
