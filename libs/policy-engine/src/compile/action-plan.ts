import type {
  ActionPlan,
  CompiledPolicy,
  CompiledPolicySet,
  CompiledStatement,
} from './compiled-policy-set.js';
import { runMatcher } from './matchers/static-matcher.js';

/** Plans kept per compiled set; beyond this many distinct actions, plans are computed without being kept. */
const MAX_PLANS = 4096;

/** True when the statement's Action / NotAction element matches the lower-cased action. */
export function actionMatches(s: CompiledStatement, action: string): boolean {
  const actions = s.actions;
  let hit = false;
  for (let i = 0; i < actions.length; i++) {
    if (runMatcher(actions[i]!, action)) {
      hit = true;
      break;
    }
  }
  // AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
  return hit !== s.notAction;
}

function candidates(
  policies: readonly CompiledPolicy[],
  action: string,
  service: string,
): CompiledStatement[] {
  const out: CompiledStatement[] = [];
  for (const p of policies) {
    const list = p.byService.get(service) ?? p.anyService;
    for (const s of list) if (actionMatches(s, action)) out.push(s);
  }
  return out;
}

/** The lower-cased action and its service prefix. */
export function normaliseAction(rawAction: string): { action: string; service: string } {
  const action = rawAction.toLowerCase();
  const colon = action.indexOf(':');
  return { action, service: colon === -1 ? action : action.slice(0, colon) };
}

/**
 * Returns the plan of an action as the request spells it, building it on first use: a hit costs one map lookup
 * and allocates nothing (no lower-casing). The cache is a pure function of the compiled set and the action string
 * (an index, not a memo of decisions): results are identical with or without it.
 */
export function actionPlan(
  set: CompiledPolicySet,
  cache: Map<string, ActionPlan>,
  rawAction: string,
): ActionPlan {
  const cached = cache.get(rawAction);
  if (cached !== undefined) return cached;
  const { action, service } = normaliseAction(rawAction);
  const one = (p: CompiledPolicy | null) => (p === null ? [] : candidates([p], action, service));
  const plan: ActionPlan = {
    action,
    service,
    guardrails: candidates(set.guardrails, action, service),
    resource: one(set.resourcePolicy),
    identity: candidates(set.identityPolicies, action, service),
    boundary: one(set.permissionsBoundary),
    session: one(set.sessionPolicy),
  };
  if (cache.size < MAX_PLANS) cache.set(rawAction, plan);
  return plan;
}
