import {
  arnMatchesAnyResourceType,
  findAction,
  findService,
  matchActions,
} from '../../catalogue/catalogue.js';
import type {
  ActionCatalogue,
  CatalogueResourceType,
  FoundAction,
} from '../../catalogue/catalogue-model.js';
import { checkAction } from '../../grammar/action-grammar.js';
import { checkPolicyArn } from '../../grammar/arn-grammar.js';
import type { StatementAst, StringLiteralAst } from '../../parse/policy-document-ast.js';
import { at, nonEmptyStatements } from '../rule-helpers.js';
import type { ValidationContext } from '../validation-context.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
//   "Unknown action", "Unknown service", "Unsupported resource ARN in policy".
// AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
//   An action without resource types must be granted on `*`; one with resource types on ARNs of those types.

/** Resource entries compared per statement (each comparison is O(|resource| × |pattern|)). */
const MAX_RESOURCES_CHECKED = 100;
/** Resource types a message names before `, ...`. */
const MAX_TYPES_NAMED = 3;

/**
 * With a catalogue only: UNKNOWN_SERVICE (complete catalogue) or UNREGISTERED_SERVICE (open catalogue), UNKNOWN_ACTION,
 * NO_MATCHING_ACTION, and UNSUPPORTED_RESOURCE_ARN_IN_POLICY for a Resource entry that no resource type of the
 * statement's actions matches (`*` always fits). Malformed actions and ARNs are left to the action and resource rules.
 */
export function catalogueRule(ctx: ValidationContext): void {
  const catalogue = ctx.catalogue;
  if (catalogue === undefined) return;
  for (const statement of nonEmptyStatements(ctx)) {
    const notAction = statement.notAction?.strings;
    if (notAction !== undefined) checkActions(ctx, catalogue, notAction);
    const actions = statement.action?.strings;
    if (actions === undefined) continue;
    const matched = checkActions(ctx, catalogue, actions);
    if (matched !== undefined && ctx.kind !== 'trust') checkResources(ctx, statement, matched);
  }
}

/**
 * Reports the unknown entries of one Action/NotAction list; returns the actions the list matches, or undefined when
 * some entry is `*`, malformed or unknown (the statement's resource types cannot be known then).
 */
function checkActions(
  ctx: ValidationContext,
  catalogue: ActionCatalogue,
  entries: readonly StringLiteralAst[],
): FoundAction[] | undefined {
  let matched: FoundAction[] | undefined = [];
  for (const entry of entries) {
    const text = entry.value;
    if (text === '*' || checkAction(text).some((p) => p.code !== 'ACTION_SERVICE_CASE')) {
      matched = undefined;
      continue;
    }
    const prefix = text.slice(0, text.indexOf(':'));
    if (findService(catalogue, prefix) === undefined) {
      ctx.report(
        catalogue.complete ? 'UNKNOWN_SERVICE' : 'UNREGISTERED_SERVICE',
        at(entry),
        catalogue.complete
          ? `service prefix \`${prefix}\` in action \`${text}\` is not a known service`
          : `service prefix \`${prefix}\` in action \`${text}\` is not in the action catalogue; register the service to validate its actions`,
      );
      matched = undefined;
      continue;
    }
    const wildcard = text.includes('*') || text.includes('?');
    const hits = wildcard
      ? matchActions(catalogue, text)
      : [findAction(catalogue, text)].filter((hit) => hit !== undefined);
    if (hits.length === 0) {
      ctx.report(
        wildcard ? 'NO_MATCHING_ACTION' : 'UNKNOWN_ACTION',
        at(entry),
        wildcard
          ? `action pattern \`${text}\` matches no action of service \`${prefix}\``
          : `service \`${prefix}\` has no action \`${text.slice(prefix.length + 1)}\``,
      );
      matched = undefined;
      continue;
    }
    matched?.push(...hits);
  }
  return matched;
}

/** UNSUPPORTED_RESOURCE_ARN_IN_POLICY for each Resource ARN no resource type of `actions` matches. */
function checkResources(
  ctx: ValidationContext,
  statement: StatementAst,
  actions: readonly FoundAction[],
): void {
  const resources = statement.resource?.strings;
  if (resources === undefined || actions.length === 0) return;
  const types = new Map<string, CatalogueResourceType>();
  for (const { service, action } of actions) {
    for (const name of action.resourceTypes) {
      const type = service.resourceTypesByName.get(name);
      if (type !== undefined) types.set(type.arnPattern, type);
    }
  }
  for (const entry of resources.slice(0, MAX_RESOURCES_CHECKED)) {
    if (entry.value === '*' || checkPolicyArn(entry.value).length > 0) continue;
    if (arnMatchesAnyResourceType(entry.value, types.values())) continue;
    ctx.report(
      'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
      at(entry),
      describeMismatch(entry.value, actions, types),
    );
  }
}

function describeMismatch(
  resource: string,
  actions: readonly FoundAction[],
  types: ReadonlyMap<string, CatalogueResourceType>,
): string {
  const subject =
    actions.length === 1
      ? `action \`${actions[0]!.qualifiedName}\``
      : `the statement's ${actions.length} actions`;
  if (types.size === 0) {
    return `resource \`${resource}\` cannot be used with ${subject}, which support(s) no resource-level permissions: use \`*\``;
  }
  const named = [...types.values()].slice(0, MAX_TYPES_NAMED).map((t) => `\`${t.arnPattern}\``);
  const more = types.size > MAX_TYPES_NAMED ? ', ...' : '';
  return `resource \`${resource}\` matches no resource type of ${subject} (${named.join(', ')}${more})`;
}
