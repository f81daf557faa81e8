// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html

/** What kind of value an operator compares. */
export type ConditionValueType =
  'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/** Base operators (without `IfExists` and set qualifiers) and the value type each compares. */
export const CONDITION_OPERATORS: ReadonlyMap<string, ConditionValueType> = new Map<
  string,
  ConditionValueType
>([
  ['StringEquals', 'string'],
  ['StringNotEquals', 'string'],
  ['StringEqualsIgnoreCase', 'string'],
  ['StringNotEqualsIgnoreCase', 'string'],
  ['StringLike', 'string'],
  ['StringNotLike', 'string'],
  ['NumericEquals', 'numeric'],
  ['NumericNotEquals', 'numeric'],
  ['NumericLessThan', 'numeric'],
  ['NumericLessThanEquals', 'numeric'],
  ['NumericGreaterThan', 'numeric'],
  ['NumericGreaterThanEquals', 'numeric'],
  ['DateEquals', 'date'],
  ['DateNotEquals', 'date'],
  ['DateLessThan', 'date'],
  ['DateLessThanEquals', 'date'],
  ['DateGreaterThan', 'date'],
  ['DateGreaterThanEquals', 'date'],
  ['Bool', 'bool'],
  ['BinaryEquals', 'binary'],
  ['IpAddress', 'ip'],
  ['NotIpAddress', 'ip'],
  ['ArnEquals', 'arn'],
  ['ArnLike', 'arn'],
  ['ArnNotEquals', 'arn'],
  ['ArnNotLike', 'arn'],
  ['Null', 'null'],
]);

/** Operators whose values may hold `*`/`?` wildcards. */
export const LIKE_OPERATORS: ReadonlySet<string> = new Set([
  'StringLike',
  'StringNotLike',
  'ArnLike',
  'ArnNotLike',
  'ArnEquals',
  'ArnNotEquals',
]);

/** A condition operator split into its parts. */
export interface ParsedConditionOperator {
  readonly text: string;
  readonly base: string;
  readonly valueType: ConditionValueType;
  readonly ifExists: boolean;
  readonly setOperator: 'ForAllValues' | 'ForAnyValue' | undefined;
}

/** Parses `[ForAllValues:|ForAnyValue:]Base[IfExists]`; undefined when the base operator is unknown. */
export function parseConditionOperator(text: string): ParsedConditionOperator | undefined {
  let rest = text;
  let setOperator: ParsedConditionOperator['setOperator'];
  if (rest.startsWith('ForAllValues:')) {
    setOperator = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    setOperator = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  let valueType = CONDITION_OPERATORS.get(rest);
  if (valueType === undefined && rest.endsWith('IfExists')) {
    rest = rest.slice(0, -'IfExists'.length);
    valueType = CONDITION_OPERATORS.get(rest);
    ifExists = true;
  }
  if (valueType === undefined) return undefined;
  return { text, base: rest, valueType, ifExists, setOperator };
}

/** A known operator spelled with other capitalization, for "did you mean" hints. */
export function suggestConditionOperator(text: string): string | undefined {
  const lower = text.toLowerCase();
  for (const prefix of ['', 'ForAllValues:', 'ForAnyValue:']) {
    for (const base of CONDITION_OPERATORS.keys()) {
      for (const suffix of ['', 'IfExists']) {
        const candidate = `${prefix}${base}${suffix}`;
        if (candidate.toLowerCase() === lower) return candidate;
      }
    }
  }
  return undefined;
}
