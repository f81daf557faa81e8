import { isSafeText, ValidationError, InvalidInputError } from '@iam/common';
import type {
  AccessLevel,
  CatalogueAction,
  CatalogueConditionKey,
  CatalogueResourceType,
  ConditionKeyType,
  ServiceDefinition,
} from '@iam/policy-engine';
import { ACCESS_LEVELS, BUILT_IN_PREFIXES, CONDITION_KEY_TYPES } from '@iam/policy-engine';

// AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
//   Service prefixes are lower-case letters, digits and hyphens (`s3`, `execute-api`, `access-analyzer`); action
//   names are PascalCase letters and digits; ARN patterns are `arn:${Partition}:<prefix>:<region>:<account>:<...>`.

/** What a product backend sends to register its service. */
export interface ServiceRegistrationInput {
  readonly servicePrefix: string;
  readonly serviceName?: string | null;
  readonly actions: readonly {
    readonly name: string;
    readonly accessLevel: string;
    readonly resourceTypes?: readonly string[] | null;
    readonly conditionKeys?: readonly string[] | null;
  }[];
  readonly resourceTypes?: readonly { readonly name: string; readonly arnPattern: string }[] | null;
  readonly conditionKeys?: readonly { readonly name: string; readonly type: string }[] | null;
}

/** Bounds of one registration (the largest AWS services define some 700 actions). */
export const REGISTRATION_LIMITS = {
  actions: 1000,
  resourceTypes: 100,
  conditionKeys: 200,
  resourceTypesPerAction: 20,
  conditionKeysPerAction: 50,
  serviceNameLength: 128,
  arnPatternLength: 1024,
  conditionKeyLength: 128,
} as const;

/** Service prefixes a product may not take: the built-in services and `aws` (the global condition keys). */
export const RESERVED_PREFIXES: ReadonlySet<string> = new Set([...BUILT_IN_PREFIXES, 'aws']);

const PREFIX = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]{0,127}$/;
const RESOURCE_TYPE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
const PLACEHOLDER = /\$\{[A-Za-z][A-Za-z0-9]{0,63}\}/g;
const RESOURCE_PART = /^[A-Za-z0-9_+=,.@:/-]+$/;
const KEY_NAME = /^[A-Za-z0-9_.-]+(?:\/\$\{TagKey\})?$/;
/** Global keys a service may declare for its tagging actions, as AWS's services do. */
const DECLARABLE_GLOBAL_KEYS = new Set([
  'aws:requesttag/${tagkey}',
  'aws:resourcetag/${tagkey}',
  'aws:tagkeys',
]);
/** Problems listed in one ValidationError. */
const MAX_PROBLEMS = 50;

/**
 * Checks a service prefix (`InvalidInput`): the grammar of AWS service prefixes, and not one of the reserved
 * prefixes (a product service can never shadow `iam`, `sts`, `cloudtrail`, `access-analyzer` or `aws`).
 */
export function checkServicePrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) {
    throw new InvalidInputError(
      'servicePrefix must be 2 to 40 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen',
      { parameter: 'servicePrefix' },
    );
  }
  if (RESERVED_PREFIXES.has(prefix)) {
    throw new InvalidInputError(`service prefix \`${prefix}\` is reserved by this suite`, {
      parameter: 'servicePrefix',
    });
  }
  return prefix;
}

/**
 * Validates a registration (after {@link checkServicePrefix}) and returns the service definition; every problem is
 * listed in one `ValidationError`.
 */
export function toServiceDefinition(input: ServiceRegistrationInput): ServiceDefinition {
  const prefix = checkServicePrefix(input.servicePrefix);
  const problems: string[] = [];
  const serviceName = input.serviceName ?? prefix;
  if (
    serviceName.length === 0 ||
    serviceName.length > REGISTRATION_LIMITS.serviceNameLength ||
    !isSafeText(serviceName)
  ) {
    problems.push(
      `serviceName must be 1 to ${REGISTRATION_LIMITS.serviceNameLength} printable characters`,
    );
  }
  const resourceTypes = checkResourceTypes(prefix, input.resourceTypes ?? [], problems);
  const conditionKeys = checkConditionKeys(prefix, input.conditionKeys ?? [], problems);
  const actions = checkActions(input.actions, resourceTypes, conditionKeys, problems);
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS)
      shown.push(`and ${problems.length - MAX_PROBLEMS} more problem(s)`);
    throw new ValidationError(shown);
  }
  return { prefix, name: serviceName, actions, resourceTypes, conditionKeys };
}

function tooMany(what: string, count: number, max: number, problems: string[]): boolean {
  if (count <= max) return false;
  problems.push(`at most ${max} ${what}, got ${count}`);
  return true;
}

function checkResourceTypes(
  prefix: string,
  types: NonNullable<ServiceRegistrationInput['resourceTypes']>,
  problems: string[],
): CatalogueResourceType[] {
  if (tooMany('resourceTypes', types.length, REGISTRATION_LIMITS.resourceTypes, problems))
    return [];
  const seen = new Set<string>();
  return types.map((type, index) => {
    const where = `resourceTypes[${index}]`;
    if (!RESOURCE_TYPE_NAME.test(type.name)) {
      problems.push(
        `${where}.name must be 1 to 64 letters, digits and hyphens, starting with a letter`,
      );
    } else if (seen.has(type.name.toLowerCase())) {
      problems.push(`${where}.name \`${type.name}\` is defined twice`);
    }
    seen.add(type.name.toLowerCase());
    const problem = arnPatternProblem(prefix, type.arnPattern);
    if (problem !== null) problems.push(`${where}.arnPattern ${problem}`);
    return { name: type.name, arnPattern: type.arnPattern };
  });
}

/** Why an ARN pattern is not acceptable for the service, or null. */
function arnPatternProblem(prefix: string, pattern: string): string | null {
  if (pattern.length > REGISTRATION_LIMITS.arnPatternLength) {
    return `must be at most ${REGISTRATION_LIMITS.arnPatternLength} characters`;
  }
  const head = `arn:\${Partition}:${prefix}:`;
  if (!pattern.startsWith(head)) return `must start with \`${head}\` (the service's own prefix)`;
  const [region, account, ...rest] = pattern.slice(head.length).split(':');
  if (region !== '' && region !== '${Region}') return 'must have an empty region or `${Region}`';
  if (account !== '' && account !== '${Account}')
    return 'must have an empty account or `${Account}`';
  const resource = rest.join(':');
  if (resource === '') return 'must have a resource part';
  // Placeholders stand for any value; what is left must be plain ARN characters (no wildcard, no stray brace).
  if (!RESOURCE_PART.test(resource.replace(PLACEHOLDER, 'x'))) {
    return 'has a resource part with characters outside letters, digits, `_+=,.@:/-` and `${Name}` placeholders';
  }
  return null;
}

function checkConditionKeys(
  prefix: string,
  keys: NonNullable<ServiceRegistrationInput['conditionKeys']>,
  problems: string[],
): CatalogueConditionKey[] {
  if (tooMany('conditionKeys', keys.length, REGISTRATION_LIMITS.conditionKeys, problems)) return [];
  const seen = new Set<string>();
  return keys.map((key, index) => {
    const where = `conditionKeys[${index}]`;
    const lower = key.name.toLowerCase();
    const own =
      lower.startsWith(`${prefix}:`) &&
      key.name.length <= REGISTRATION_LIMITS.conditionKeyLength &&
      KEY_NAME.test(key.name.slice(prefix.length + 1));
    if (!own && !DECLARABLE_GLOBAL_KEYS.has(lower)) {
      problems.push(
        `${where}.name must be \`${prefix}:Name\` (letters, digits, \`_.-\`, optionally \`/\${TagKey}\`) or an \`aws:\` tag key`,
      );
    } else if (seen.has(lower)) {
      problems.push(`${where}.name \`${key.name}\` is defined twice`);
    }
    seen.add(lower);
    if (!(CONDITION_KEY_TYPES as readonly string[]).includes(key.type)) {
      problems.push(`${where}.type must be one of ${CONDITION_KEY_TYPES.join(', ')}`);
    }
    return { name: key.name, type: key.type as ConditionKeyType };
  });
}

function checkActions(
  actions: ServiceRegistrationInput['actions'],
  resourceTypes: readonly CatalogueResourceType[],
  conditionKeys: readonly CatalogueConditionKey[],
  problems: string[],
): CatalogueAction[] {
  if (actions.length === 0) problems.push('actions must list at least one action');
  if (tooMany('actions', actions.length, REGISTRATION_LIMITS.actions, problems)) return [];
  const typeNames = new Set(resourceTypes.map((type) => type.name));
  const keyNames = new Set(conditionKeys.map((key) => key.name.toLowerCase()));
  const seen = new Set<string>();
  return actions.map((action, index) => {
    const where = `actions[${index}]`;
    if (!ACTION_NAME.test(action.name)) {
      problems.push(`${where}.name must be 1 to 128 letters and digits, starting with a letter`);
    } else if (seen.has(action.name.toLowerCase())) {
      problems.push(`${where}.name \`${action.name}\` is defined twice (names ignore case)`);
    }
    seen.add(action.name.toLowerCase());
    if (!(ACCESS_LEVELS as readonly string[]).includes(action.accessLevel)) {
      problems.push(`${where}.accessLevel must be one of ${ACCESS_LEVELS.join(', ')}`);
    }
    const types = action.resourceTypes ?? [];
    const keys = action.conditionKeys ?? [];
    checkReferences(
      `${where}.resourceTypes`,
      'resource type',
      types,
      (type) => typeNames.has(type),
      REGISTRATION_LIMITS.resourceTypesPerAction,
      problems,
    );
    checkReferences(
      `${where}.conditionKeys`,
      'condition key',
      keys,
      (key) => keyNames.has(key.toLowerCase()),
      REGISTRATION_LIMITS.conditionKeysPerAction,
      problems,
    );
    return {
      name: action.name,
      accessLevel: action.accessLevel as AccessLevel,
      resourceTypes: [...types],
      conditionKeys: [...keys],
    };
  });
}

/** An action's list of names (at most `max`), each of which the service must define. */
function checkReferences(
  where: string,
  what: string,
  names: readonly string[],
  defined: (name: string) => boolean,
  max: number,
  problems: string[],
): void {
  if (tooMany(where, names.length, max, problems)) return;
  for (const name of names) {
    if (!defined(name)) {
      problems.push(
        `${where.slice(0, where.lastIndexOf('.'))} names ${what} ${quote(name)}, which the service does not define`,
      );
    }
  }
}

/** User input in a message: backticked, at most 64 characters. */
function quote(text: string): string {
  return `\`${text.length > 64 ? `${text.slice(0, 64)}...` : text}\``;
}
