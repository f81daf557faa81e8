import type { ValidationRule } from '../validation-context.js';
import { actionRule } from './action.rule.js';
import { catalogueRule } from './catalogue.rule.js';
import { allowNotActionRule } from './allow-not-action.rule.js';
import { conditionStructureRule } from './condition-structure.rule.js';
import { conditionValueRule } from './condition-value.rule.js';
import { duplicateKeyRule } from './duplicate-key.rule.js';
import { effectRule } from './effect.rule.js';
import { elementCombinationRule } from './element-combination.rule.js';
import { forAllValuesRule } from './for-all-values.rule.js';
import { fullAdminRule } from './full-admin.rule.js';
import { invalidCharacterRule } from './invalid-character.rule.js';
import { passRoleRule } from './pass-role.rule.js';
import { policySizeRule } from './policy-size.rule.js';
import { policyVariableRule } from './policy-variable.rule.js';
import { principalPlacementRule } from './principal-placement.rule.js';
import { principalValueRule } from './principal-value.rule.js';
import { publicPrincipalRule } from './public-principal.rule.js';
import { redundantActionRule } from './redundant-action.rule.js';
import { resourceRule } from './resource.rule.js';
import { sidRule } from './sid.rule.js';
import { statementRule } from './statement.rule.js';
import { trustPolicyActionRule } from './trust-policy-action.rule.js';
import { unknownElementRule } from './unknown-element.rule.js';
import { versionRule } from './version.rule.js';

/**
 * Every rule, in no particular order (issues are sorted by position afterwards). Text-level rules (size,
 * characters) also run when the text does not parse; the others return early without a document.
 */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  policySizeRule,
  invalidCharacterRule,
  duplicateKeyRule,
  unknownElementRule,
  versionRule,
  statementRule,
  sidRule,
  effectRule,
  elementCombinationRule,
  principalPlacementRule,
  principalValueRule,
  actionRule,
  redundantActionRule,
  trustPolicyActionRule,
  resourceRule,
  policyVariableRule,
  conditionStructureRule,
  conditionValueRule,
  forAllValuesRule,
  passRoleRule,
  allowNotActionRule,
  publicPrincipalRule,
  fullAdminRule,
  catalogueRule,
];
