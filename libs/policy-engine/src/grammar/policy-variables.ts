// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
//   `${key}`, `${key, 'default'}` (default in single quotes), and the escapes `${*}` `${?}` `${$}`. Variables do
//   not nest. Only substituted under Version 2012-10-17; allowed in Resource/NotResource and in the values of
//   string and ARN condition operators.

/** A problem with the `${...}` syntax in a value. */
export interface VariableProblem {
  readonly code: 'MISSING_BRACE_IN_VARIABLE' | 'EMPTY_VARIABLE' | 'INVALID_VARIABLE';
  readonly message: string;
}

const SPECIAL = new Set(['*', '?', '$']);
const KEY = /^[A-Za-z0-9_.-]+:[A-Za-z0-9_./:+=@-]+$/;
const WITH_DEFAULT = /^([^,]+?)\s*,\s*'([^']*)'$/;

/** True when the value contains `${`. */
export function usesPolicyVariable(text: string): boolean {
  return text.includes('${');
}

/** Checks every `${...}` in a value; returns the problems (none for text without variables). */
export function checkPolicyVariables(text: string): VariableProblem[] {
  const problems: VariableProblem[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${', from);
    if (start < 0) return problems;
    const end = text.indexOf('}', start + 2);
    if (end < 0) {
      problems.push({
        code: 'MISSING_BRACE_IN_VARIABLE',
        message: `policy variable in \`${text}\` has no closing \`}\``,
      });
      return problems;
    }
    const body = text.slice(start + 2, end);
    if (body.trim() === '') {
      problems.push({
        code: 'EMPTY_VARIABLE',
        message: `empty policy variable \`\${}\` in \`${text}\``,
      });
    } else if (body.includes('${')) {
      problems.push({
        code: 'MISSING_BRACE_IN_VARIABLE',
        message: `policy variable in \`${text}\` has no closing \`}\``,
      });
    } else if (!SPECIAL.has(body)) {
      const defaulted = WITH_DEFAULT.exec(body);
      const key = (defaulted === null ? body : defaulted[1]!).trim();
      if (!KEY.test(key) || (defaulted === null && body !== key)) {
        problems.push({
          code: 'INVALID_VARIABLE',
          message: `policy variable \`\${${body}}\` must be \`\${prefix:key}\` or \`\${prefix:key, 'default'}\``,
        });
      }
    }
    from = end + 1;
  }
}
