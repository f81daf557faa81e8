import type { CompileIssue } from '../model/compile-issue.js';
import { buildArnTest } from '../evaluate/conditions/arn.js';
import { buildBinaryTest } from '../evaluate/conditions/binary.js';
import { buildBoolTest } from '../evaluate/conditions/bool.js';
import { parseDate } from '../evaluate/conditions/date.js';
import { buildIpTest } from '../evaluate/conditions/ip-address.js';
import { buildOrderedTest, parseNumber, type Ordering } from '../evaluate/conditions/numeric.js';
import { buildStringTest, type StringComparison } from '../evaluate/conditions/string.js';
import type { BuiltTest } from '../evaluate/conditions/value-test.js';
import {
  SET_FOR_ALL_VALUES,
  SET_FOR_ANY_VALUE,
  SET_NONE,
  type CompiledCondition,
} from './compiled-policy-set.js';
import { pointerToken } from './json-pointer.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

type OperatorSpec =
  | { readonly family: 'string'; readonly comparison: StringComparison; readonly negated: boolean }
  | { readonly family: 'numeric' | 'date'; readonly ordering: Ordering; readonly negated: boolean }
  | { readonly family: 'bool' | 'binary' | 'null'; readonly negated: false }
  | { readonly family: 'ip'; readonly negated: boolean }
  | { readonly family: 'arn'; readonly negated: boolean };

/** Base operators by lower-cased name (without set prefix and IfExists suffix). */
const OPERATORS: ReadonlyMap<string, OperatorSpec> = new Map<string, OperatorSpec>([
  ['stringequals', { family: 'string', comparison: 'equals', negated: false }],
  ['stringnotequals', { family: 'string', comparison: 'equals', negated: true }],
  [
    'stringequalsignorecase',
    { family: 'string', comparison: 'equals-ignore-case', negated: false },
  ],
  [
    'stringnotequalsignorecase',
    { family: 'string', comparison: 'equals-ignore-case', negated: true },
  ],
  ['stringlike', { family: 'string', comparison: 'like', negated: false }],
  ['stringnotlike', { family: 'string', comparison: 'like', negated: true }],
  ['numericequals', { family: 'numeric', ordering: 'eq', negated: false }],
  ['numericnotequals', { family: 'numeric', ordering: 'eq', negated: true }],
  ['numericlessthan', { family: 'numeric', ordering: 'lt', negated: false }],
  ['numericlessthanequals', { family: 'numeric', ordering: 'le', negated: false }],
  ['numericgreaterthan', { family: 'numeric', ordering: 'gt', negated: false }],
  ['numericgreaterthanequals', { family: 'numeric', ordering: 'ge', negated: false }],
  ['dateequals', { family: 'date', ordering: 'eq', negated: false }],
  ['datenotequals', { family: 'date', ordering: 'eq', negated: true }],
  ['datelessthan', { family: 'date', ordering: 'lt', negated: false }],
  ['datelessthanequals', { family: 'date', ordering: 'le', negated: false }],
  ['dategreaterthan', { family: 'date', ordering: 'gt', negated: false }],
  ['dategreaterthanequals', { family: 'date', ordering: 'ge', negated: false }],
  ['bool', { family: 'bool', negated: false }],
  ['binaryequals', { family: 'binary', negated: false }],
  ['ipaddress', { family: 'ip', negated: false }],
  ['notipaddress', { family: 'ip', negated: true }],
  ['arnequals', { family: 'arn', negated: false }],
  ['arnlike', { family: 'arn', negated: false }],
  ['arnnotequals', { family: 'arn', negated: true }],
  ['arnnotlike', { family: 'arn', negated: true }],
  ['null', { family: 'null', negated: false }],
]);

const COST: Readonly<Record<OperatorSpec['family'], number>> = {
  null: 0,
  bool: 1,
  string: 2,
  numeric: 2,
  binary: 3,
  arn: 4,
  ip: 4,
  date: 5,
};

/** Parsed operator name. */
export interface ParsedOperator {
  readonly spec: OperatorSpec;
  readonly set: number;
  readonly ifExists: boolean;
}

/**
 * Parses `[ForAllValues:|ForAnyValue:]Operator[IfExists]`. Operator names are matched case-insensitively here
 * (the validator reports non-canonical spelling). `Null` takes neither IfExists nor a set qualifier.
 */
export function parseOperator(name: string): ParsedOperator | null {
  let rest = name.toLowerCase();
  let set = SET_NONE;
  if (rest.startsWith('forallvalues:')) {
    set = SET_FOR_ALL_VALUES;
    rest = rest.slice('forallvalues:'.length);
  } else if (rest.startsWith('foranyvalue:')) {
    set = SET_FOR_ANY_VALUE;
    rest = rest.slice('foranyvalue:'.length);
  }
  let ifExists = false;
  let spec = OPERATORS.get(rest);
  if (spec === undefined && rest.endsWith('ifexists')) {
    spec = OPERATORS.get(rest.slice(0, -'ifexists'.length));
    ifExists = true;
  }
  if (spec === undefined) return null;
  if (spec.family === 'null' && (ifExists || set !== SET_NONE)) return null;
  return { spec, set, ifExists };
}

/** Turns a condition value (string, number, boolean or an array of them) into strings. */
function conditionValues(raw: unknown): string[] | null {
  const list = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(String(v));
    else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
    else return null;
  }
  return out;
}

/**
 * Compiles a statement's Condition element. Several operators and several keys are ANDed by the evaluator.
 * `variables`: policy language version 2012-10-17 (policy variables are substituted).
 */
export function compileConditions(
  condition: unknown,
  pointer: string,
  variables: boolean,
  issues: CompileIssue[],
): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    issues.push({ code: 'DATA_TYPE_MISMATCH', pointer, message: 'condition must be an object' });
    return out;
  }
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    const opPointer = `${pointer}/${pointerToken(operator)}`;
    const parsed = parseOperator(operator);
    if (parsed === null) {
      issues.push({
        code: 'INVALID_CONDITION_OPERATOR',
        pointer: opPointer,
        message: `unknown condition operator \`${operator}\``,
      });
      continue;
    }
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      issues.push({
        code: 'DATA_TYPE_MISMATCH',
        pointer: opPointer,
        message: `condition operator \`${operator}\` must map condition keys to values`,
      });
      continue;
    }
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const keyPointer = `${opPointer}/${pointerToken(key)}`;
      const values = conditionValues(raw);
      if (values === null) {
        issues.push({
          code: 'DATA_TYPE_MISMATCH',
          pointer: keyPointer,
          message: `values of \`${key}\` must be strings, numbers or booleans`,
        });
        continue;
      }
      const built = buildTest(parsed.spec, values, variables);
      if ('error' in built) {
        issues.push({ code: 'TYPE_MISMATCH', pointer: keyPointer, message: built.error });
        continue;
      }
      let nullCheck: CompiledCondition['nullCheck'] = null;
      if (parsed.spec.family === 'null') {
        const lowered = values.map((v) => v.toLowerCase());
        nullCheck = {
          whenAbsent: lowered.includes('true'),
          whenPresent: lowered.includes('false'),
        };
      }
      out.push({
        pointer: keyPointer,
        operator,
        key,
        keyLower: key.toLowerCase(),
        values,
        negated: parsed.spec.negated,
        ifExists: parsed.ifExists,
        set: parsed.set,
        nullCheck,
        cost:
          COST[parsed.spec.family] + (variables && values.some((v) => v.includes('${')) ? 3 : 0),
        test: built.test,
      });
    }
  }
  return out;
}

function buildTest(spec: OperatorSpec, values: readonly string[], variables: boolean): BuiltTest {
  switch (spec.family) {
    case 'string':
      return buildStringTest(values, spec.comparison, variables);
    case 'numeric':
      return buildOrderedTest(values, spec.ordering, parseNumber, 'number');
    case 'date':
      return buildOrderedTest(values, spec.ordering, parseDate, 'ISO 8601 date or epoch time');
    case 'bool':
      return buildBoolTest(values);
    case 'binary':
      return buildBinaryTest(values);
    case 'ip':
      return buildIpTest(values);
    case 'arn':
      return buildArnTest(values, variables);
    case 'null': {
      for (const v of values) {
        const l = v.toLowerCase();
        if (l !== 'true' && l !== 'false')
          return { error: `\`${v}\` is not \`true\` or \`false\`` };
      }
      return { test: () => false };
    }
  }
}
