import { Args, ArgsType, Field, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import { AuditEventModel, AuditEventsPayload } from './audit-event.model.js';
import type { AuditEventEntity } from './audit-event.entity.js';
import { AuditEventsService } from './audit-events.service.js';

@ArgsType()
export class AuditEventsArgs {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int, { nullable: true, description: 'page size, 1 to 1000, default 100' })
  maxItems?: number | null;

  @Field(() => String, { nullable: true })
  marker?: string | null;
}

function toModel(e: AuditEventEntity): AuditEventModel {
  return {
    eventId: e.eventId,
    accountId: e.accountId,
    eventType: e.eventType,
    eventSource: e.eventSource,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    actorType: e.actorType,
    actorArn: e.actorArn,
    occurredAt: e.occurredAt,
    payload: e.payload,
  };
}

@Resolver(() => AuditEventModel)
export class AuditEventsResolver {
  constructor(private readonly service: AuditEventsService) {}

  @Query(() => AuditEventsPayload, { description: "an account's audit trail, newest first" })
  async auditEvents(
    @Caller() caller: CallerContext,
    @Args() args: AuditEventsArgs,
  ): Promise<AuditEventsPayload> {
    const page = await this.service.auditEvents(caller, args);
    return { events: page.events.map(toModel), isTruncated: page.isTruncated, marker: page.marker };
  }
}
