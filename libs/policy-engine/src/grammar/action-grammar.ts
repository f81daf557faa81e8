// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
//   `service:Action`, `*` alone, and `*`/`?` wildcards in the action part. Service prefixes are lower case; IAM
//   matches actions case-insensitively ("Actions and notations are not case sensitive", SCP syntax page).

const SERVICE = /^[a-z0-9][a-z0-9-]*$/i;
const ACTION_NAME = /^[A-Za-z0-9_*?.-]+$/;

/** One problem with an action string. */
export interface ActionProblem {
  readonly code: 'INVALID_ACTION' | 'WILDCARD_IN_SERVICE_NAME' | 'ACTION_SERVICE_CASE';
  readonly message: string;
}

/** Checks one Action/NotAction entry. */
export function checkAction(text: string): ActionProblem[] {
  if (text === '*') return [];
  const colon = text.indexOf(':');
  if (colon < 0) {
    return [
      {
        code: 'INVALID_ACTION',
        message: `action \`${text}\` must have the form \`service:action\` or be \`*\``,
      },
    ];
  }
  const service = text.slice(0, colon);
  const name = text.slice(colon + 1);
  if (service.includes('*') || service.includes('?')) {
    return [
      {
        code: 'WILDCARD_IN_SERVICE_NAME',
        message: `action \`${text}\` has a wildcard in its service prefix; use \`*\` alone for all services`,
      },
    ];
  }
  const problems: ActionProblem[] = [];
  if (!SERVICE.test(service)) {
    problems.push({
      code: 'INVALID_ACTION',
      message: `invalid service prefix \`${service}\` in action \`${text}\`: use lower-case letters, digits and hyphens`,
    });
  } else if (service !== service.toLowerCase()) {
    problems.push({
      code: 'ACTION_SERVICE_CASE',
      message: `service prefix \`${service}\` in action \`${text}\` is conventionally lower case (\`${service.toLowerCase()}\`)`,
    });
  }
  if (!ACTION_NAME.test(name)) {
    problems.push({
      code: 'INVALID_ACTION',
      message:
        name === ''
          ? `action \`${text}\` has no action name after \`:\``
          : `invalid action name \`${name}\` in action \`${text}\``,
    });
  }
  return problems;
}

/**
 * True when the `*`/`?` pattern matches `text`, ignoring case (actions match case-insensitively). A greedy
 * two-pointer matcher: O(pattern × text) at worst, never exponential like a backtracking regular expression.
 */
export function globMatchesIgnoreCase(pattern: string, text: string): boolean {
  return globMatches(pattern.toLowerCase(), text.toLowerCase());
}

/** {@link globMatchesIgnoreCase}, case-sensitive (ARN fields). */
export function globMatches(pattern: string, text: string): boolean {
  let pi = 0;
  let ti = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (ti < text.length) {
    const pc = pattern[pi];
    if (pc === '*') {
      starAt = pi;
      resumeAt = ti;
      pi += 1;
    } else if (pc !== undefined && (pc === '?' || pc === text[ti])) {
      pi += 1;
      ti += 1;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      resumeAt += 1;
      ti = resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[pi] === '*') pi += 1;
  return pi === pattern.length;
}

/** True when the action pattern matches the concrete action `action` (e.g. `iam:Pass*` matches `iam:PassRole`). */
export function actionPatternMatches(pattern: string, action: string): boolean {
  return globMatchesIgnoreCase(pattern, action);
}

/**
 * True when every action matched by `inner` is also matched by `outer` (both patterns). Sound but incomplete: it
 * recognises `*`, identical patterns (case-insensitive) and an outer pattern that matches the inner pattern's
 * text when the inner has no wildcard or the outer ends in `*` after a literal prefix of the inner.
 */
export function actionPatternCovers(outer: string, inner: string): boolean {
  if (outer === '*') return true;
  if (outer.toLowerCase() === inner.toLowerCase()) return true;
  const innerHasWildcard = inner.includes('*') || inner.includes('?');
  if (!innerHasWildcard) return actionPatternMatches(outer, inner);
  // `s3:Get*` covers `s3:GetObject*`: outer is a literal prefix followed by a single trailing `*`.
  const star = outer.indexOf('*');
  if (star === outer.length - 1 && !outer.includes('?')) {
    return inner.toLowerCase().startsWith(outer.slice(0, -1).toLowerCase());
  }
  return false;
}
