// Test-only helpers shared by the rule specs (not exported from the library).
import type { ActionCatalogue } from '../catalogue/catalogue-model.js';
import type { PolicyKind } from '../grammar/policy-elements.js';
import type { PolicyIssue } from '../model/policy-issue.js';
import { runRules } from './validate-policy-document.js';
import type { ValidationRule } from './validation-context.js';

/** A policy with one statement made of `statement`, Version 2012-10-17, as pretty-printed JSON text. */
export function policyWith(
  statement: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement], ...extra }, null, 2);
}

/** Runs one rule on a document (object → JSON text) and returns its issues. */
export function runRule(
  rule: ValidationRule,
  document: unknown,
  kind: PolicyKind = 'managed',
  catalogue?: ActionCatalogue,
): PolicyIssue[] {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  return runRules(text, kind, [rule], catalogue);
}

/** The `code severity pointer` triples of issues, for compact table assertions. */
export function summarize(issues: readonly PolicyIssue[]): string[] {
  return issues.map((issue) => `${issue.code} ${issue.severity} ${issue.pointer}`);
}

/** One row of a rule's table: a statement alone in a policy, its kind (default: the spec's) and the expected issues. */
export interface StatementCase {
  title: string;
  statement: Record<string, unknown>;
  kind?: PolicyKind;
  /** {@link summarize}d issues. */
  expected: string[];
}

/** The {@link summarize}d issues of `rule` on a policy made of `statement` alone (no Version). */
export function summarizeStatement(
  rule: ValidationRule,
  statement: Record<string, unknown>,
  kind?: PolicyKind,
): string[] {
  return summarize(runRule(rule, { Statement: [statement] }, kind));
}
