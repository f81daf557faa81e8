// AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
//   The Service Authorization Reference lists, per service prefix, its actions (access level, resource types,
//   condition keys), its resource types (ARN pattern, condition keys) and its condition keys (type). This is the
//   same information in our own machine-readable form.

/** AWS's access levels ("Access levels in policy summaries"). */
export const ACCESS_LEVELS = [
  'Read',
  'List',
  'Write',
  'Permissions management',
  'Tagging',
] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** AWS's condition key types (the "Type" column of a service's condition keys table). */
export const CONDITION_KEY_TYPES = [
  'String',
  'ARN',
  'Bool',
  'Date',
  'Numeric',
  'IPAddress',
  'ArrayOfString',
  'ArrayOfARN',
  'ArrayOfBool',
  'ArrayOfDate',
  'ArrayOfNumeric',
] as const;
export type ConditionKeyType = (typeof CONDITION_KEY_TYPES)[number];

/** One action of a service: `CreateUser` of `iam`. */
export interface CatalogueAction {
  /** The action name without the prefix, in AWS's spelling (`CreateUser`); matched case-insensitively. */
  readonly name: string;
  readonly accessLevel: AccessLevel;
  /**
   * Names of the service's resource types the action can be scoped to. Empty: the action supports no resource-level
   * permissions and a statement must name it on `*`.
   */
  readonly resourceTypes: readonly string[];
  /** Condition keys the action supports besides the global `aws:` keys every request has. */
  readonly conditionKeys: readonly string[];
}

/** One resource type of a service: `user` → `arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`. */
export interface CatalogueResourceType {
  readonly name: string;
  /** AWS's pattern: `${Partition}`, `${Region}`, `${Account}` and named variables for the resource part. */
  readonly arnPattern: string;
  /** Condition keys that apply to a resource of this type (`aws:ResourceTag/${TagKey}`, ...). */
  readonly conditionKeys?: readonly string[];
}

/** One condition key a service defines. */
export interface CatalogueConditionKey {
  readonly name: string;
  readonly type: ConditionKeyType;
}

/** Everything one service prefix defines. */
export interface ServiceDefinition {
  /** The service prefix of its actions (`iam`), lower case. */
  readonly prefix: string;
  /** A human name (`AWS Identity and Access Management (IAM)`). */
  readonly name: string;
  readonly actions: readonly CatalogueAction[];
  readonly resourceTypes: readonly CatalogueResourceType[];
  readonly conditionKeys: readonly CatalogueConditionKey[];
}

/** A service with lookup indexes (built once by `buildCatalogue`). */
export interface CatalogueService {
  readonly definition: ServiceDefinition;
  /** Actions by lower-case name. */
  readonly actionsByName: ReadonlyMap<string, CatalogueAction>;
  /** Resource types by name (case-sensitive, as AWS spells them). */
  readonly resourceTypesByName: ReadonlyMap<string, CatalogueResourceType>;
}

/** A set of services with indexes, immutable. */
export interface ActionCatalogue {
  /** Services by lower-case prefix. */
  readonly services: ReadonlyMap<string, CatalogueService>;
  /**
   * True when the catalogue claims to know every service a policy may name: a prefix it does not know is then an
   * `UNKNOWN_SERVICE` warning. False (the policy service's setting) when product backends may still register
   * services: an unknown prefix is only an `UNREGISTERED_SERVICE` suggestion.
   */
  readonly complete: boolean;
}

/** An action found in a catalogue, with its service. */
export interface FoundAction {
  readonly service: CatalogueService;
  readonly action: CatalogueAction;
  /** `prefix:Name` in the catalogue's spelling. */
  readonly qualifiedName: string;
}
