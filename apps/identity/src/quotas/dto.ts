import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { AccountScopedInput } from '../principals/graphql/index.js';

@InputType()
export class GetAccountSummaryInput extends AccountScopedInput {}

@InputType()
export class UpdateAccountQuotasInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'users quota (AWS default 5000); null: default',
  })
  maxUsers?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'groups quota (AWS default 300); null: default',
  })
  maxGroups?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'roles quota (AWS default 1000); null: default',
  })
  maxRoles?: number | null;
}

/** AWS GetAccountSummary's SummaryMap, the entries identity owns. */
@ObjectType()
export class AccountSummary {
  @Field(() => Int)
  users!: number;

  @Field(() => Int)
  usersQuota!: number;

  @Field(() => Int)
  groups!: number;

  @Field(() => Int)
  groupsQuota!: number;

  @Field(() => Int)
  roles!: number;

  @Field(() => Int)
  rolesQuota!: number;

  @Field(() => Int)
  groupsPerUserQuota!: number;
}

@ObjectType()
export class GetAccountSummaryPayload {
  @Field(() => AccountSummary)
  summaryMap!: AccountSummary;
}
