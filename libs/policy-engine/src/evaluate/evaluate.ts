import type {
  CompiledPolicy,
  CompiledPolicySet,
  CompiledStatement,
  ResourcePattern,
} from '../compile/compiled-policy-set.js';
import { arnGlobMatch } from '../compile/matchers/glob.js';
import { actionMatches, actionPlan, normaliseAction } from '../compile/action-plan.js';
import { runMatcher } from '../compile/matchers/static-matcher.js';
import {
  GRANT_ACCOUNT,
  GRANT_DIRECT,
  GRANT_NONE,
  GRANT_ROLE,
  notPrincipalExcludes,
  parsePrincipal,
  principalGrant,
  type PrincipalInfo,
} from '../compile/principal.js';
import { resolveTemplate } from '../compile/variables.js';
import type { AuthorizationRequest, ContextValue } from '../model/authorization-request.js';
import type { EvaluationResult, StatementRef } from '../model/decision.js';
import {
  NO_OP_TRACER,
  type PrincipalMatch,
  type StatementReason,
  type Tracer,
} from '../explain/tracer.js';
import { evaluateCondition } from './conditions/evaluate-condition.js';
import { RequestContextView } from './request-context.js';

const DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/';
const EMPTY_CONTEXT: Readonly<Record<string, ContextValue>> = Object.freeze({});
const NO_STATEMENTS: readonly StatementRef[] = Object.freeze([]);

/** Per-request state, allocated once per call. */
class Run {
  denies: StatementRef[] | null = null;
  allows: StatementRef[] | null = null;
  /** Principal match kind of the statement that just matched (resource policies). */
  grant = GRANT_NONE;
  /** The caller has a permissions boundary (NotPrincipal never excludes it). */
  boundaryAttached = false;

  constructor(
    readonly principal: PrincipalInfo,
    readonly action: string,
    readonly service: string,
    readonly resource: string,
    readonly ctx: RequestContextView,
    readonly tracer: Tracer | null,
  ) {}
}

let lastPrincipal: PrincipalInfo | null = null;

/** One-entry cache: consecutive requests usually come from the same caller. Holds a parse, never a decision. */
function principalOf(arn: string): PrincipalInfo {
  if (lastPrincipal !== null && lastPrincipal.arn === arn) return lastPrincipal;
  lastPrincipal = parsePrincipal(arn);
  return lastPrincipal;
}

/**
 * Evaluates a request against a compiled policy set with AWS's documented logic.
 *
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * Explicit deny in any applicable policy > (guardrail allow needed) > allow by the principal-type rules >
 * implicit deny. Never throws for a compiled set and a request of the documented shape.
 */
export function evaluate(
  set: CompiledPolicySet,
  request: AuthorizationRequest,
  tracer: Tracer = NO_OP_TRACER,
): EvaluationResult {
  const tr = tracer.enabled ? tracer : null;
  const principal = principalOf(typeof request.principal === 'string' ? request.principal : '');
  const rawAction = typeof request.action === 'string' ? request.action : '';
  // Untraced: the plan of the action (cached per set) carries its lower-cased form, nothing is allocated.
  const plan = tr === null ? actionPlan(set, set.actionPlans, rawAction) : null;
  const { action, service } = plan ?? normaliseAction(rawAction);
  const resource = typeof request.resource === 'string' ? request.resource : '';
  const context =
    typeof request.context === 'object' && request.context !== null
      ? request.context
      : EMPTY_CONTEXT;
  const run = new Run(principal, action, service, resource, new RequestContextView(context), tr);
  const kind = principal.kind;

  const crossAccount =
    set.resourceAccount !== null &&
    principal.account !== null &&
    principal.account !== set.resourceAccount;
  tr?.request({
    principal: principal.arn,
    principalType: kind,
    principalAccount: principal.account,
    action: rawAction,
    resource,
    resourceAccount: set.resourceAccount,
    crossAccount,
  });

  // Which policies apply to this caller.
  // AWS: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
  // SCPs restrict principals of member accounts (including their root user); they do not affect service-linked
  // roles. The management account is exempt too: the caller passes no guardrails for it (not visible in an ARN).
  const guardrailsApply =
    set.guardrails.length > 0 &&
    !principal.serviceLinked &&
    kind !== 'service' &&
    kind !== 'anonymous';
  const isIamIdentity = kind !== 'service' && kind !== 'anonymous';
  const boundaryApplies = set.permissionsBoundary !== null && isIamIdentity && kind !== 'root';
  // AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
  // Session policies exist only for role sessions and federated-user sessions.
  const isSession = kind === 'assumed-role' || kind === 'federated-user';
  const sessionApplies = set.sessionPolicy !== null && isSession;
  run.boundaryAttached = boundaryApplies;

  // 1. Evaluate every applicable policy, in the order of the determining-statements contract.
  let guardrailAllow: boolean;
  let resourceGrant: number;
  let identityAllow: boolean;
  let boundaryAllow: boolean;
  let sessionAllow: boolean;
  if (tr === null) {
    const p = plan!;
    guardrailAllow = guardrailsApply && evaluateList(p.guardrails, run) !== GRANT_NONE;
    resourceGrant = evaluateList(p.resource, run);
    identityAllow = isIamIdentity && evaluateList(p.identity, run) !== GRANT_NONE;
    boundaryAllow = boundaryApplies && evaluateList(p.boundary, run) !== GRANT_NONE;
    sessionAllow = sessionApplies && evaluateList(p.session, run) !== GRANT_NONE;
  } else {
    guardrailAllow = false;
    for (const g of set.guardrails) {
      const r = evaluatePolicyTraced(
        g,
        run,
        guardrailsApply,
        guardrailsApply ? null : guardrailReason(principal),
        tr,
      );
      if (r !== GRANT_NONE) guardrailAllow = true;
    }
    resourceGrant =
      set.resourcePolicy === null
        ? GRANT_NONE
        : evaluatePolicyTraced(set.resourcePolicy, run, true, null, tr);
    identityAllow = false;
    for (const p of set.identityPolicies) {
      const r = evaluatePolicyTraced(
        p,
        run,
        isIamIdentity,
        isIamIdentity ? null : 'the caller is not an IAM identity',
        tr,
      );
      if (r !== GRANT_NONE) identityAllow = true;
    }
    boundaryAllow =
      set.permissionsBoundary !== null &&
      evaluatePolicyTraced(
        set.permissionsBoundary,
        run,
        boundaryApplies,
        boundaryApplies ? null : 'permissions boundaries apply to IAM users and roles only',
        tr,
      ) !== GRANT_NONE;
    sessionAllow =
      set.sessionPolicy !== null &&
      evaluatePolicyTraced(
        set.sessionPolicy,
        run,
        sessionApplies,
        sessionApplies
          ? null
          : 'session policies apply to role sessions and federated-user sessions only',
        tr,
      ) !== GRANT_NONE;
  }

  // 2. Explicit deny.
  // AWS: reference_policies_evaluation-logic.html#policy-eval-denyallow "If the code finds even one explicit
  // deny that applies, the code returns a final decision of Deny."
  if (run.denies !== null) {
    tr?.step(
      'explicit-deny',
      `a Deny statement matched; ${DOC}reference_policies_evaluation-logic.html#policy-eval-denyallow`,
    );
    return { decision: 'ExplicitDeny', determiningStatements: run.denies };
  }

  // 3. Guardrails (SCP semantics): an Allow is needed.
  if (guardrailsApply && !guardrailAllow) {
    tr?.step('guardrail-implicit-deny', 'no guardrail allows the request; SCPs need an Allow');
    return implicitDeny();
  }
  if (guardrailsApply) tr?.step('guardrail-allow', 'a guardrail allows the request');

  // 4. The identity side: identity policies ∩ permissions boundary ∩ session policy.
  // AWS: reference_policies_evaluation-logic.html#policy-eval-denyallow, steps "Identity-based policies",
  // "IAM permissions boundaries", "Session policies": a federated-user session without a session policy has no
  // identity-based permissions; a role session without one keeps the role's.
  // AWS: "By default, all requests are implicitly denied with the exception of the AWS account root user, which
  // has full access."
  const boundaryOk = !boundaryApplies || boundaryAllow;
  const sessionOk =
    kind === 'assumed-role'
      ? set.sessionPolicy === null || sessionAllow
      : kind === 'federated-user'
        ? set.sessionPolicy !== null && sessionAllow
        : true;
  const identitySide =
    isIamIdentity && (kind === 'root' || identityAllow) && boundaryOk && sessionOk;
  if (tr !== null) {
    tr.step(
      'identity-side',
      identitySide
        ? kind === 'root'
          ? 'the account root user has full access'
          : 'identity policies allow, within the permissions boundary and session policy'
        : !isIamIdentity
          ? 'the caller is not an IAM identity'
          : !(kind === 'root' || identityAllow)
            ? 'no identity-based policy allows the request'
            : !boundaryOk
              ? 'the permissions boundary does not allow the request'
              : kind === 'federated-user' && set.sessionPolicy === null
                ? 'a federated-user session without a session policy has no identity-based permissions'
                : 'the session policy does not allow the request',
    );
  }

  if (crossAccount) {
    // AWS: reference_policies_evaluation-logic-cross-account.html "the principal in the trusted account must
    // have an identity-based policy that allows ... and the resource-based policy must allow the principal".
    if (identitySide && resourceGrant !== GRANT_NONE) {
      tr?.step('cross-account-allow', 'both the identity side and the resource-based policy allow');
      return allow(run);
    }
    tr?.step(
      'cross-account-implicit-deny',
      resourceGrant === GRANT_NONE
        ? 'the resource-based policy does not allow this principal'
        : 'the identity side does not allow',
    );
    return implicitDeny();
  }

  // AWS: reference_policies_evaluation-logic.html#policy-eval-denyallow "IAM role trust policies and KMS key
  // policies are exceptions to this logic, because they must explicitly allow access for principals." Applied when
  // the set has a resource policy and the request is an sts:AssumeRole* call or targets a KMS key.
  if (
    set.resourcePolicy !== null &&
    resourceGrant === GRANT_NONE &&
    (action.startsWith('sts:assumerole') || isKmsKey(resource))
  ) {
    tr?.step(
      'resource-policy-required',
      'role trust policies and KMS key policies must allow the principal themselves',
    );
    return implicitDeny();
  }

  // 5. Same account: a resource-based policy can grant on its own, depending on which ARN it names.
  // AWS: reference_policies_evaluation-logic.html#policy-eval-denyallow, "Resource-based policies": a grant to
  // the IAM user ARN, the role-session ARN or the federated-user ARN is not limited by implicit denies in
  // identity policies, permissions boundaries or session policies; a grant to the role ARN is limited by the
  // boundary and the session policy. `"Principal": "*"` grants directly as well
  // (reference_policies_elements_principal.html#principal-anonymous: "For IAM users and role principals within
  // your account, no other permissions are required"). A grant to the account delegates to identity policies.
  if (resourceGrant === GRANT_DIRECT) {
    tr?.step('resource-policy-allow', 'the resource-based policy grants the caller directly');
    return allow(run);
  }
  if (resourceGrant === GRANT_ROLE) {
    const roleSessionOk = !sessionApplies || sessionAllow;
    if (boundaryOk && roleSessionOk) {
      tr?.step(
        'resource-policy-allow',
        'the resource-based policy grants the role, within its boundary and session policy',
      );
      return allow(run);
    }
    tr?.step(
      'resource-policy-limited',
      'the resource-based policy grants the role ARN, limited by an implicit deny in the boundary or session policy',
    );
  }
  if (identitySide) {
    tr?.step('identity-allow', 'an identity-based policy allows the request');
    return allow(run);
  }
  tr?.step('implicit-deny', 'nothing allows the request');
  return implicitDeny();
}

function isKmsKey(resource: string): boolean {
  if (!resource.startsWith('arn:')) return false;
  const parts = resource.split(':');
  return parts[2] === 'kms' && (parts[5] ?? '').startsWith('key/');
}

function guardrailReason(p: PrincipalInfo): string {
  return p.serviceLinked
    ? 'guardrails (SCPs) do not affect service-linked roles'
    : 'guardrails (SCPs) apply to principals of member accounts only';
}

function allow(run: Run): EvaluationResult {
  return { decision: 'Allow', determiningStatements: run.allows ?? NO_STATEMENTS };
}

function implicitDeny(): EvaluationResult {
  return { decision: 'ImplicitDeny', determiningStatements: NO_STATEMENTS };
}

/**
 * Evaluates statements whose action already matched (an action plan list): records matching Deny/Allow
 * statements on the run and returns the best Allow (for resource policies the principal-match kind, otherwise
 * GRANT_DIRECT when an Allow matched).
 */
function evaluateList(list: readonly CompiledStatement[], run: Run): number {
  let best = GRANT_NONE;
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    if (s.conditionsFirst) {
      if (!conditionsHold(s, run) || matchResourceAndPrincipal(s, run) !== null) continue;
    } else if (matchAfterAction(s, run) !== null) continue;
    if (s.effect === 'Deny') (run.denies ??= []).push(s.ref);
    else {
      (run.allows ??= []).push(s.ref);
      if (run.grant > best) best = run.grant;
    }
  }
  return best;
}

function evaluatePolicyTraced(
  policy: CompiledPolicy,
  run: Run,
  applicable: boolean,
  notApplicableReason: string | null,
  tr: Tracer,
): number {
  tr.policy(policy, applicable, applicable ? null : notApplicableReason);
  let best = GRANT_NONE;
  for (const s of policy.statements) {
    if (!applicable) {
      tr.statement(s, 'not-applicable', 'policy-not-applicable', null);
      continue;
    }
    if (!s.valid) {
      tr.statement(s, 'not-applicable', 'compile-error', null);
      continue;
    }
    const failed = actionMatches(s, run.action) ? matchAfterAction(s, run) : 'action';
    const principalMatch: PrincipalMatch =
      policy.type !== 'resource' || (failed !== null && failed !== 'condition')
        ? null
        : run.grant === GRANT_DIRECT
          ? 'direct'
          : run.grant === GRANT_ROLE
            ? 'role'
            : run.grant === GRANT_ACCOUNT
              ? 'account'
              : null;
    if (failed === 'condition' || failed === null) {
      for (const c of s.conditions) tr.condition(s, c, evaluateCondition(c, run.ctx));
    }
    if (failed !== null) {
      tr.statement(s, 'not-matched', failed, principalMatch);
      continue;
    }
    tr.statement(s, 'matched', 'matched', principalMatch);
    if (s.effect === 'Deny') (run.denies ??= []).push(s.ref);
    else {
      (run.allows ??= []).push(s.ref);
      if (run.grant > best) best = run.grant;
    }
  }
  return best;
}

/**
 * For a statement whose Action/NotAction matched: null when it applies, otherwise the first element that failed.
 * Sets `run.grant`.
 */
function matchAfterAction(s: CompiledStatement, run: Run): StatementReason | null {
  return matchResourceAndPrincipal(s, run) ?? (conditionsHold(s, run) ? null : 'condition');
}

/** Resource and Principal elements: null when both match, otherwise the one that failed. Sets `run.grant`. */
function matchResourceAndPrincipal(s: CompiledStatement, run: Run): StatementReason | null {
  // Resource / NotResource.
  const resources = s.resources;
  if (resources !== null && !matchResources(resources, s.notResource, run)) return 'resource';

  // Principal / NotPrincipal (resource-based policies only).
  if (s.principalMode === 1) {
    run.grant = principalGrant(s.principal!, run.principal);
    if (run.grant === GRANT_NONE) return 'principal';
  } else if (s.principalMode === 2) {
    // AWS: reference_policies_elements_notprincipal.html: the statement applies to everyone except the listed.
    // AWS: access_policies_boundaries.html "The NotPrincipal element with a Deny effect will always deny any IAM
    // principal that has a permissions boundary policy attached, regardless of the values specified in the
    // NotPrincipal element."
    if (!run.boundaryAttached && notPrincipalExcludes(s.principal!, run.principal)) {
      run.grant = GRANT_NONE;
      return 'principal';
    }
    run.grant = GRANT_DIRECT;
  } else {
    run.grant = GRANT_DIRECT;
  }

  return null;
}

/**
 * Conditions: every (operator, key) must hold (AND).
 * AWS: reference_policies_multi-value-conditions.html#reference_policies_multiple-conditions-eval
 */
function conditionsHold(s: CompiledStatement, run: Run): boolean {
  const conditions = s.conditionsByCost;
  for (let i = 0; i < conditions.length; i++) {
    if (!evaluateCondition(conditions[i]!, run.ctx)) return false;
  }
  return true;
}

function matchResources(patterns: readonly ResourcePattern[], negated: boolean, run: Run): boolean {
  let hit = false;
  for (let i = 0; i < patterns.length; i++) {
    const p = patterns[i]!;
    if (p.matcher !== null) {
      if (runMatcher(p.matcher, run.resource)) {
        hit = true;
        break;
      }
      continue;
    }
    // AWS: reference_policies_variables.html "not present ... any attempt to match it fails": an unresolved
    // variable never matches in Resource and makes NotResource fail as well.
    const ctx = run.ctx;
    const r = resolveTemplate(p.template, (key, keyLower) => ctx.variable(key, keyLower));
    if (r === null) {
      if (negated) return false;
      continue;
    }
    if (arnGlobMatch(r.text, r.mask, run.resource)) {
      hit = true;
      break;
    }
  }
  return hit !== negated;
}
