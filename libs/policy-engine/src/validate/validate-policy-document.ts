import type { ActionCatalogue } from '../catalogue/catalogue-model.js';
import { POLICY_KINDS, type PolicyKind } from '../grammar/policy-elements.js';
import { POLICY_ISSUE_CODES, type PolicyIssue } from '../model/policy-issue.js';
import { PositionLocator } from '../parse/json-pointer-map.js';
import { parsePolicyDocument } from '../parse/parse-policy-document.js';
import { VALIDATION_RULES } from './rules/index.js';
import type { ValidationContext, ValidationRule } from './validation-context.js';

/** Options of {@link validatePolicyDocument}. */
export interface ValidatePolicyDocumentOptions {
  /** Where the policy is attached: decides required/forbidden elements and the size quota. */
  readonly kind: PolicyKind;
  /**
   * The action catalogue (built-in services plus registered product services). With one, unknown services and
   * actions, wildcards that match no action and resources that match no resource type of the statement's actions
   * are reported; without one those checks do not run.
   */
  readonly catalogue?: ActionCatalogue;
}

/**
 * Validates policy JSON text and returns every issue found (never only the first), sorted by position. An empty
 * list, or one without `error` issues, means AWS would accept the document. Never throws on any text.
 */
export function validatePolicyDocument(
  text: string,
  options: ValidatePolicyDocumentOptions,
): PolicyIssue[] {
  return runRules(text, options.kind, VALIDATION_RULES, options.catalogue);
}

/** Runs the given rules; exported for rule unit specs. */
export function runRules(
  text: string,
  kind: PolicyKind,
  rules: readonly ValidationRule[],
  catalogue?: ActionCatalogue,
): PolicyIssue[] {
  if (!POLICY_KINDS.includes(kind)) {
    // Callers in plain JS (or a CLI flag) can pass anything; fail safe with an issue rather than a throw.
    return [
      {
        code: 'DATA_TYPE_MISMATCH',
        severity: 'error',
        pointer: '',
        line: 1,
        column: 1,
        message: `unknown policy kind \`${String(kind)}\`; use one of ${POLICY_KINDS.map((k) => `\`${k}\``).join(', ')}`,
      },
    ];
  }
  const issues: Array<PolicyIssue & { offset: number }> = [];
  const parsed = parsePolicyDocument(text);
  if (!parsed.ok) {
    for (const issue of parsed.issues) issues.push({ ...issue, offset: -1 });
  }
  const locator = new PositionLocator(text);
  const ctx: ValidationContext = {
    text,
    kind,
    document: parsed.ok ? parsed.document : undefined,
    catalogue,
    report(code, at, message) {
      issues.push({
        code,
        severity: POLICY_ISSUE_CODES[code],
        pointer: at.pointer,
        line: at.position.line,
        column: at.position.column,
        message,
        offset: at.position.offset,
      });
    },
    locate: (offset) => locator.locate(offset),
  };
  for (const rule of rules) rule(ctx);
  issues.sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      compare(a.pointer, b.pointer) ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
  return issues.map(({ offset: _offset, ...issue }) => issue);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
