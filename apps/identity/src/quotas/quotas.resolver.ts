import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import {
  GetAccountSummaryInput,
  GetAccountSummaryPayload,
  UpdateAccountQuotasInput,
} from './dto.js';
import { QuotasService } from './quotas.service.js';

@Resolver()
export class QuotasResolver {
  constructor(private readonly quotas: QuotasService) {}

  @Query(() => GetAccountSummaryPayload, {
    description: 'AWS GetAccountSummary: entity counts and quotas of the account',
  })
  async getAccountSummary(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => GetAccountSummaryInput, nullable: true })
    input: GetAccountSummaryInput | null,
  ): Promise<GetAccountSummaryPayload> {
    return { summaryMap: await this.quotas.getAccountSummary(caller, input ?? {}) };
  }

  @Mutation(() => GetAccountSummaryPayload, {
    description:
      "sets an account's quota overrides (platform administrator only); null returns a quota to its default",
  })
  async updateAccountQuotas(
    @Caller() caller: CallerContext,
    @Args('input') input: UpdateAccountQuotasInput,
  ): Promise<GetAccountSummaryPayload> {
    return { summaryMap: await this.quotas.updateAccountQuotas(caller, input) };
  }
}
