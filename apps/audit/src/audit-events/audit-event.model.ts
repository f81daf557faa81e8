import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from './json.scalar.js';

/** A recorded event: who did what to which entity of which account, and when. */
@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  accountId!: string;

  @Field(() => String, { description: 'versioned event type, e.g. account.created.v1' })
  eventType!: string;

  @Field(() => String, { description: 'the service that emitted it' })
  eventSource!: string;

  @Field(() => String)
  aggregateType!: string;

  @Field(() => String)
  aggregateId!: string;

  @Field(() => String, { nullable: true })
  actorType!: string | null;

  @Field(() => String, { nullable: true })
  actorArn!: string | null;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => GraphQLJSON)
  payload!: unknown;
}

@ObjectType()
export class AuditEventsPayload {
  @Field(() => [AuditEventModel])
  events!: AuditEventModel[];

  @Field(() => Boolean)
  isTruncated!: boolean;

  @Field(() => String, { nullable: true })
  marker!: string | null;
}
