import type { JsonMember, JsonNode } from '../parse/json-ast.js';
import type {
  PolicyElementAst,
  StatementAst,
  StringLiteralAst,
} from '../parse/policy-document-ast.js';
import type { ParsedConditionOperator } from '../grammar/condition-operators.js';
import { parseConditionOperator } from '../grammar/condition-operators.js';
import type { ValidationContext } from './validation-context.js';

/** Statements with at least one member; `{}` is reported once as EMPTY_STATEMENT and skipped by other rules. */
export function nonEmptyStatements(ctx: ValidationContext): readonly StatementAst[] {
  return ctx.document?.statements.filter((statement) => statement.members.length > 0) ?? [];
}

/**
 * The string entries of every `Action`/`NotAction` (`'action'`) or `Resource`/`NotResource` (`'resource'`) element
 * of the non-empty statements, one list per element. An element of another shape is reported (DATA_TYPE_MISMATCH)
 * and skipped; an empty array is reported as EMPTY_ARRAY_ACTION / EMPTY_ARRAY_RESOURCE.
 */
export function* listedStrings(
  ctx: ValidationContext,
  what: 'action' | 'resource',
): Generator<readonly StringLiteralAst[]> {
  for (const statement of nonEmptyStatements(ctx)) {
    const elements =
      what === 'action'
        ? [statement.action, statement.notAction]
        : [statement.resource, statement.notResource];
    for (const element of elements) {
      if (element === undefined) continue;
      const strings = requireStrings(ctx, element);
      if (strings === undefined) continue;
      if (strings.length === 0) {
        ctx.report(
          what === 'action' ? 'EMPTY_ARRAY_ACTION' : 'EMPTY_ARRAY_RESOURCE',
          at(element),
          `\`${element.name}\` is an empty array and matches no ${what}`,
        );
      }
      yield strings;
    }
  }
}

const MISSING = { version: 'MISSING_VERSION', statement: 'MISSING_STATEMENT' } as const;

/**
 * The document's `Version` or `Statement` element; when the document lacks it, reports MISSING_VERSION /
 * MISSING_STATEMENT at the document's root with `message`. Undefined also when there is no document.
 */
export function requiredElement(
  ctx: ValidationContext,
  name: keyof typeof MISSING,
  message: string,
): PolicyElementAst | undefined {
  const document = ctx.document;
  if (document === undefined) return undefined;
  const element = document[name];
  if (element === undefined) {
    ctx.report(MISSING[name], { pointer: '', position: document.root.position }, message);
  }
  return element;
}

/** The statement's effect when it is exactly `Allow` or `Deny`. */
export function effectOf(statement: StatementAst): 'Allow' | 'Deny' | undefined {
  const value = statement.effect?.value;
  if (value?.type === 'string' && (value.value === 'Allow' || value.value === 'Deny'))
    return value.value;
  return undefined;
}

/** True when the element is `"*"` or a list containing `"*"`. */
export function includesStar(element: PolicyElementAst | undefined): boolean {
  return element?.strings?.some((entry) => entry.value === '*') ?? false;
}

/** Location of an element's value. */
export function at(node: { pointer: string; position: PolicyElementAst['position'] }) {
  return { pointer: node.pointer, position: node.position };
}

/** Location of an element's key (for elements that should not be there). */
export function atKey(element: PolicyElementAst) {
  return { pointer: element.pointer, position: element.keyPosition };
}

/**
 * Reports DATA_TYPE_MISMATCH unless the element is a string or an array of strings (the AST's `strings`).
 * Returns the strings when the shape is right.
 */
export function requireStrings(ctx: ValidationContext, element: PolicyElementAst) {
  if (element.strings !== undefined) return element.strings;
  if (element.value.type === 'array') {
    for (const item of element.value.items) {
      if (item.type !== 'string') {
        ctx.report(
          'DATA_TYPE_MISMATCH',
          at(item),
          `entries of \`${element.name}\` must be strings, found ${describe(item)}`,
        );
      }
    }
  } else {
    ctx.report(
      'DATA_TYPE_MISMATCH',
      at(element),
      `\`${element.name}\` must be a string or an array of strings, found ${describe(element.value)}`,
    );
  }
  return undefined;
}

function describe(node: JsonNode): string {
  return node.type === 'array'
    ? 'an array'
    : node.type === 'object'
      ? 'an object'
      : node.type === 'null'
        ? 'null'
        : `a ${node.type}`;
}

/** One `operator: { key: values }` entry of a well-formed Condition block. */
export interface ConditionEntry {
  readonly statement: StatementAst;
  readonly operatorMember: JsonMember;
  readonly operator: ParsedConditionOperator | undefined;
  readonly keyMember: JsonMember;
  /** Scalar values (string, number, boolean); other entries are left out (reported by the structure rule). */
  readonly values: ReadonlyArray<JsonNode & { type: 'string' | 'number' | 'boolean' }>;
  readonly isList: boolean;
}

/** Every operator/key pair of every statement whose Condition has the right object shape. */
export function conditionEntries(ctx: ValidationContext): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const statement of nonEmptyStatements(ctx)) {
    const condition = statement.condition?.value;
    if (condition?.type !== 'object') continue;
    for (const operatorMember of condition.members) {
      if (operatorMember.value.type !== 'object') continue;
      const operator = parseConditionOperator(operatorMember.key);
      for (const keyMember of operatorMember.value.members) {
        const value = keyMember.value;
        const items = value.type === 'array' ? value.items : [value];
        const values = items.filter(
          (item): item is JsonNode & { type: 'string' | 'number' | 'boolean' } =>
            item.type === 'string' || item.type === 'number' || item.type === 'boolean',
        );
        entries.push({
          statement,
          operatorMember,
          operator,
          keyMember,
          values,
          isList: value.type === 'array',
        });
      }
    }
  }
  return entries;
}

/** The first `max` items and how many were left out, for rules that cap repetitive reports. */
export const MAX_REPEATED_REPORTS = 50;
