import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AccessLevel, ConditionKeyType, ServiceDefinition } from '@iam/policy-engine';

/** AWS's access levels, as GraphQL enum values (the AWS spelling is the value). */
export const AccessLevelEnum = {
  READ: 'Read',
  LIST: 'List',
  WRITE: 'Write',
  PERMISSIONS_MANAGEMENT: 'Permissions management',
  TAGGING: 'Tagging',
} as const satisfies Record<string, AccessLevel>;
registerEnumType(AccessLevelEnum, { name: 'AccessLevel' });

/** AWS's condition key types. */
export const ConditionKeyTypeEnum = {
  String: 'String',
  ARN: 'ARN',
  Bool: 'Bool',
  Date: 'Date',
  Numeric: 'Numeric',
  IPAddress: 'IPAddress',
  ArrayOfString: 'ArrayOfString',
  ArrayOfARN: 'ArrayOfARN',
  ArrayOfBool: 'ArrayOfBool',
  ArrayOfDate: 'ArrayOfDate',
  ArrayOfNumeric: 'ArrayOfNumeric',
} as const satisfies Record<ConditionKeyType, ConditionKeyType>;
registerEnumType(ConditionKeyTypeEnum, { name: 'ConditionKeyType' });

const ACCOUNT_ID = {
  nullable: true,
  description:
    'the account to act in: required for the platform administrator; tenant callers act in their own account',
} as const;

@ObjectType('ServiceAction')
export class ServiceActionModel {
  @Field(() => String, { description: 'the action name without the prefix, e.g. `CreateUser`' })
  name!: string;

  @Field(() => AccessLevelEnum)
  accessLevel!: AccessLevel;

  @Field(() => [String], { description: 'resource types it can be scoped to; empty: `*` only' })
  resourceTypes!: string[];

  @Field(() => [String])
  conditionKeys!: string[];
}

@ObjectType('ServiceResourceType')
export class ServiceResourceTypeModel {
  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description: 'e.g. `arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`',
  })
  arnPattern!: string;

  @Field(() => [String])
  conditionKeys!: string[];
}

@ObjectType('ServiceConditionKey')
export class ServiceConditionKeyModel {
  @Field(() => String)
  name!: string;

  @Field(() => ConditionKeyTypeEnum)
  type!: ConditionKeyType;
}

/** What every catalogue entry describes. */
@ObjectType({ isAbstract: true })
abstract class ServiceDescription {
  @Field(() => String)
  servicePrefix!: string;

  @Field(() => String)
  serviceName!: string;

  @Field(() => [ServiceActionModel])
  actions!: ServiceActionModel[];

  @Field(() => [ServiceResourceTypeModel])
  resourceTypes!: ServiceResourceTypeModel[];

  @Field(() => [ServiceConditionKeyModel])
  conditionKeys!: ServiceConditionKeyModel[];
}

@ObjectType('CatalogueService', { description: 'a service of the action catalogue' })
export class CatalogueServiceModel extends ServiceDescription {
  @Field(() => Boolean, {
    description: 'served by this suite (iam, sts, ...), not registered by the account',
  })
  builtIn!: boolean;
}

@ObjectType('RegisteredService', {
  description: "a product service in an account's action catalogue",
})
export class RegisteredServiceModel extends ServiceDescription {
  @Field(() => ID)
  accountId!: string;

  @Field(() => String, {
    description: 'arn:<partition>:iam::<account>:registered-service/<prefix>',
  })
  arn!: string;

  @Field(() => Date)
  createDate!: Date;

  @Field(() => Date)
  updateDate!: Date;
}

@ObjectType()
export class ListRegisteredServicesPayload {
  @Field(() => [RegisteredServiceModel])
  services!: RegisteredServiceModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}

/** The description fields of a service definition. */
export function describeService(definition: ServiceDefinition): ServiceDescription {
  return {
    servicePrefix: definition.prefix,
    serviceName: definition.name,
    actions: definition.actions.map((a) => ({
      name: a.name,
      accessLevel: a.accessLevel,
      resourceTypes: [...a.resourceTypes],
      conditionKeys: [...a.conditionKeys],
    })),
    resourceTypes: definition.resourceTypes.map((t) => ({
      name: t.name,
      arnPattern: t.arnPattern,
      conditionKeys: [...(t.conditionKeys ?? [])],
    })),
    conditionKeys: definition.conditionKeys.map((k) => ({ name: k.name, type: k.type })),
  };
}

@InputType()
export class ServiceActionInput {
  @Field(() => String, { description: 'PascalCase letters and digits, e.g. `GetOrder`' })
  name!: string;

  @Field(() => AccessLevelEnum)
  accessLevel!: AccessLevel;

  @Field(() => [String], {
    nullable: true,
    description: 'names of resource types the service defines',
  })
  resourceTypes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'condition keys the service defines' })
  conditionKeys?: string[] | null;
}

@InputType()
export class ServiceResourceTypeInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description:
      'arn:${Partition}:<prefix>:<empty or ${Region}>:<empty or ${Account}>:<resource with ${Name}s>',
  })
  arnPattern!: string;
}

@InputType()
export class ServiceConditionKeyInput {
  @Field(() => String, { description: '<prefix>:Name, or an aws: tag key' })
  name!: string;

  @Field(() => ConditionKeyTypeEnum)
  type!: ConditionKeyType;
}

@InputType()
export class RegisterServiceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String, {
    description: 'lower-case letters, digits and hyphens; not a built-in prefix',
  })
  servicePrefix!: string;

  @Field(() => String, { nullable: true, description: 'a human name (default: the prefix)' })
  serviceName?: string | null;

  @Field(() => [ServiceActionInput])
  actions!: ServiceActionInput[];

  @Field(() => [ServiceResourceTypeInput], { nullable: true })
  resourceTypes?: ServiceResourceTypeInput[] | null;

  @Field(() => [ServiceConditionKeyInput], { nullable: true })
  conditionKeys?: ServiceConditionKeyInput[] | null;
}

@InputType()
export class RegisteredServiceInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String)
  servicePrefix!: string;
}

@InputType()
export class ListRegisteredServicesInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => Int, { nullable: true, description: 'page size, 1 to 1000, default 100' })
  maxItems?: number | null;

  @Field(() => String, { nullable: true, description: 'the marker returned by the previous page' })
  marker?: string | null;
}

@InputType()
export class ListServiceActionsInput {
  @Field(() => ID, ACCOUNT_ID)
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'one service only (built-in or registered)' })
  servicePrefix?: string | null;
}
