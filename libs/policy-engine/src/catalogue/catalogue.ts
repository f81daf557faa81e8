import { globMatches, globMatchesIgnoreCase } from '../grammar/action-grammar.js';
import { splitArn } from '../grammar/arn-grammar.js';
import type {
  ActionCatalogue,
  CatalogueAction,
  CatalogueResourceType,
  CatalogueService,
  FoundAction,
  ServiceDefinition,
} from './catalogue-model.js';
import { ACCESS_ANALYZER_SERVICE, CLOUDTRAIL_SERVICE } from './built-in/audit-services.js';
import { IAM_SERVICE } from './built-in/iam.js';
import { STS_SERVICE } from './built-in/sts.js';

/** The services this suite serves itself; product services register theirs per account. */
export const BUILT_IN_SERVICES: readonly ServiceDefinition[] = [
  IAM_SERVICE,
  STS_SERVICE,
  CLOUDTRAIL_SERVICE,
  ACCESS_ANALYZER_SERVICE,
];

/** Lower-case prefixes of {@link BUILT_IN_SERVICES}: a registered product service may not shadow them. */
export const BUILT_IN_PREFIXES: ReadonlySet<string> = new Set(
  BUILT_IN_SERVICES.map((service) => service.prefix.toLowerCase()),
);

/**
 * Indexes services into a catalogue. A later service with the same prefix (case-insensitive) replaces an earlier
 * one, so pass the built-in services last when product services must not shadow them.
 */
export function buildCatalogue(
  services: readonly ServiceDefinition[],
  options: { readonly complete?: boolean } = {},
): ActionCatalogue {
  const indexed = new Map<string, CatalogueService>();
  for (const definition of services) {
    indexed.set(definition.prefix.toLowerCase(), {
      definition,
      actionsByName: new Map(definition.actions.map((a) => [a.name.toLowerCase(), a])),
      resourceTypesByName: new Map(definition.resourceTypes.map((r) => [r.name, r])),
    });
  }
  return { services: indexed, complete: options.complete ?? false };
}

/** The built-in services alone; not `complete` (product services may exist). */
export const BUILT_IN_CATALOGUE: ActionCatalogue = buildCatalogue(BUILT_IN_SERVICES);

/**
 * The built-in catalogue plus `registered` product services, which can never replace a built-in prefix. Only the
 * registered services are indexed: the built-in ones are shared with {@link BUILT_IN_CATALOGUE}.
 */
export function catalogueWith(
  registered: readonly ServiceDefinition[],
  options: { readonly complete?: boolean } = {},
): ActionCatalogue {
  const services = new Map(buildCatalogue(registered).services);
  for (const [prefix, service] of BUILT_IN_CATALOGUE.services) services.set(prefix, service);
  return { services, complete: options.complete ?? false };
}

/** The service of a prefix (case-insensitive). */
export function findService(
  catalogue: ActionCatalogue,
  prefix: string,
): CatalogueService | undefined {
  return catalogue.services.get(prefix.toLowerCase());
}

function split(qualified: string): [prefix: string, name: string] | undefined {
  const colon = qualified.indexOf(':');
  return colon <= 0 ? undefined : [qualified.slice(0, colon), qualified.slice(colon + 1)];
}

function found(service: CatalogueService, action: CatalogueAction): FoundAction {
  return { service, action, qualifiedName: `${service.definition.prefix}:${action.name}` };
}

/** `findAction(catalogue, 'iam:createuser')`: the action, ignoring case as IAM does; undefined when unknown. */
export function findAction(catalogue: ActionCatalogue, qualified: string): FoundAction | undefined {
  const parts = split(qualified);
  if (parts === undefined) return undefined;
  const service = findService(catalogue, parts[0]);
  const action = service?.actionsByName.get(parts[1].toLowerCase());
  return service === undefined || action === undefined ? undefined : found(service, action);
}

/**
 * The actions an Action pattern matches (`iam:Get*`, `iam:?etUser`, `*`), in catalogue order. A wildcard is only
 * allowed in the action part (`WILDCARD_IN_SERVICE_NAME` otherwise), so a pattern other than `*` names one service.
 */
export function matchActions(catalogue: ActionCatalogue, pattern: string): FoundAction[] {
  // Policies repeat their patterns (`iam:Get*` in every statement): answers are kept per catalogue, bounded.
  let cache = matchCache.get(catalogue);
  if (cache === undefined) {
    cache = new Map();
    matchCache.set(catalogue, cache);
  }
  const key = pattern.toLowerCase();
  let matches = cache.get(key);
  if (matches === undefined) {
    if (cache.size >= MAX_CACHED_PATTERNS) cache.clear();
    matches = expandPattern(catalogue, pattern);
    cache.set(key, matches);
  }
  return [...matches];
}

/** Patterns whose expansion is kept per catalogue. */
const MAX_CACHED_PATTERNS = 512;
const matchCache = new WeakMap<ActionCatalogue, Map<string, readonly FoundAction[]>>();

function expandPattern(catalogue: ActionCatalogue, pattern: string): FoundAction[] {
  const services =
    pattern === '*'
      ? [...catalogue.services.values()]
      : [findService(catalogue, split(pattern)?.[0] ?? '')].filter((s) => s !== undefined);
  const name = pattern === '*' ? '*' : (split(pattern)?.[1] ?? '');
  // Most patterns are `Prefix*`: compare lower-case prefixes instead of running the matcher.
  const lower = name.toLowerCase();
  const star = lower.indexOf('*');
  const prefixOnly = star === lower.length - 1 && !lower.includes('?') ? lower.slice(0, -1) : null;
  const matches: FoundAction[] = [];
  for (const service of services) {
    for (const [lowerName, action] of service.actionsByName) {
      const hit =
        prefixOnly !== null
          ? lowerName.startsWith(prefixOnly)
          : globMatchesIgnoreCase(lower, lowerName);
      if (hit) matches.push(found(service, action));
    }
  }
  return matches;
}

/** The resource types an action can be scoped to; empty when it takes `*` only (or is unknown). */
export function resourceTypesOf(
  catalogue: ActionCatalogue,
  qualified: string,
): CatalogueResourceType[] {
  const hit = findAction(catalogue, qualified);
  if (hit === undefined) return [];
  return hit.action.resourceTypes
    .map((name) => hit.service.resourceTypesByName.get(name))
    .filter((type) => type !== undefined);
}

/** Longest ARN compared; longer input is never a real resource (AWS: 2,048 characters). */
const MAX_ARN_LENGTH = 2048;

/** The five ARN fields of a pattern or resource with every `${...}` as `*`; undefined when it is not an ARN. */
type Fields = readonly [
  partition: string,
  service: string,
  region: string,
  account: string,
  resource: string,
];

/** Fields of each resource type's pattern, computed once per type object. */
const patternFields = new WeakMap<CatalogueResourceType, Fields | undefined>();

function fieldsOf(arn: string): Fields | undefined {
  const parts = splitArn(arn);
  if (parts === undefined) return undefined;
  return [
    variablesAsStars(parts.partition),
    variablesAsStars(parts.service),
    variablesAsStars(parts.region),
    variablesAsStars(parts.account),
    variablesAsStars(parts.resource),
  ];
}

function typeFields(type: CatalogueResourceType): Fields | undefined {
  if (!patternFields.has(type)) patternFields.set(type, fieldsOf(type.arnPattern));
  return patternFields.get(type);
}

/**
 * True when some ARN matches both `arn` (a concrete ARN, or a policy Resource pattern with `*`/`?` wildcards and
 * `${...}` policy variables) and the resource type's ARN pattern (whose `${...}` placeholders stand for any value).
 * Fields are compared one by one, so a wildcard in the account never reaches into the resource part; `*` matches
 * every type.
 */
export function arnMatchesResourceType(arn: string, type: CatalogueResourceType): boolean {
  return arnMatchesAnyResourceType(arn, [type]);
}

/** {@link arnMatchesResourceType} for several types, splitting `arn` once. */
export function arnMatchesAnyResourceType(
  arn: string,
  types: Iterable<CatalogueResourceType>,
): boolean {
  if (arn === '*') return true;
  if (arn.length > MAX_ARN_LENGTH) return false;
  const resource = fieldsOf(arn);
  if (resource === undefined) return false;
  for (const type of types) {
    const pattern = typeFields(type);
    if (pattern !== undefined && pattern.every((field, i) => globsIntersect(resource[i]!, field))) {
      return true;
    }
  }
  return false;
}

/** `${...}` (a policy variable or a pattern placeholder) stands for any text. */
function variablesAsStars(text: string): string {
  return text.includes('${') ? text.replace(/\$\{[^}]*\}/g, '*') : text;
}

const hasWildcard = (text: string): boolean => text.includes('*') || text.includes('?');

/**
 * True when some string matches both `*`/`?` glob patterns (case-sensitive, as ARNs are). Dynamic programming over
 * positions of both patterns: O(|a| × |b|) time, O(|b|) memory, never exponential.
 */
export function globsIntersect(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  // A literal side: the other pattern must match it (two pointers, no allocation).
  if (!hasWildcard(a)) return globMatches(b, a);
  if (!hasWildcard(b)) return globMatches(a, b);
  // next[j]: whether a[i+1..] and b[j..] intersect; cur[j]: a[i..] and b[j..].
  let next = new Uint8Array(b.length + 1);
  // i = a.length: only a trailing run of `*` in b can match the empty rest.
  next[b.length] = 1;
  for (let j = b.length - 1; j >= 0; j -= 1) next[j] = b[j] === '*' && next[j + 1] ? 1 : 0;
  let cur = new Uint8Array(b.length + 1);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    const ca = a[i];
    // j = b.length: the rest of a must match the empty string.
    cur[b.length] = ca === '*' && next[b.length] ? 1 : 0;
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const cb = b[j];
      let ok: boolean;
      if (ca === '*') {
        // a's star matches nothing, or swallows one character that b[j] stands for (b's star may also match nothing).
        ok = next[j] === 1 || cur[j + 1] === 1;
      } else if (cb === '*') {
        ok = cur[j + 1] === 1 || next[j] === 1;
      } else {
        ok = (ca === '?' || cb === '?' || ca === cb) && next[j + 1] === 1;
      }
      cur[j] = ok ? 1 : 0;
    }
    [next, cur] = [cur, next];
  }
  return next[0] === 1;
}
