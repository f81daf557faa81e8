import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CallerContext } from '@iam/common';
import { Caller } from '@iam/graphql-kit';
import {
  CatalogueServiceModel,
  ListRegisteredServicesInput,
  ListRegisteredServicesPayload,
  ListServiceActionsInput,
  RegisterServiceInput,
  RegisteredServiceInput,
  RegisteredServiceModel,
  describeService,
} from './catalogue.model.js';
import type { RegisteredServiceRecord } from './registered-service.repository.js';
import { RegisteredServicesService } from './registered-services.service.js';

/** Product-service registration and the action catalogue. */
@Resolver()
export class RegisteredServicesResolver {
  constructor(private readonly service: RegisteredServicesService) {}

  @Mutation(() => RegisteredServiceModel, {
    description:
      "registers a product service in the account's action catalogue, or replaces its definition",
  })
  async registerService(
    @Caller() caller: CallerContext,
    @Args('input') input: RegisterServiceInput,
  ): Promise<RegisteredServiceModel> {
    return this.toModel(await this.service.registerService(caller, input));
  }

  @Query(() => RegisteredServiceModel)
  async getRegisteredService(
    @Caller() caller: CallerContext,
    @Args('input') input: RegisteredServiceInput,
  ): Promise<RegisteredServiceModel> {
    return this.toModel(await this.service.getRegisteredService(caller, input));
  }

  @Query(() => ListRegisteredServicesPayload)
  async listRegisteredServices(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListRegisteredServicesInput, nullable: true })
    input: ListRegisteredServicesInput | null,
  ): Promise<ListRegisteredServicesPayload> {
    const page = await this.service.listRegisteredServices(caller, input ?? {});
    return {
      services: page.items.map((record) => this.toModel(record)),
      isTruncated: page.isTruncated,
      marker: page.marker,
    };
  }

  @Mutation(() => RegisteredServiceModel, {
    description: 'removes a registration; answers what was removed',
  })
  async deregisterService(
    @Caller() caller: CallerContext,
    @Args('input') input: RegisteredServiceInput,
  ): Promise<RegisteredServiceModel> {
    return this.toModel(await this.service.deregisterService(caller, input));
  }

  @Query(() => [CatalogueServiceModel], {
    description: "the action catalogue: the built-in services and the account's registered ones",
  })
  async listServiceActions(
    @Caller() caller: CallerContext,
    @Args('input', { type: () => ListServiceActionsInput, nullable: true })
    input: ListServiceActionsInput | null,
  ): Promise<CatalogueServiceModel[]> {
    const entries = await this.service.listServiceActions(caller, input ?? {});
    return entries.map((entry) => ({
      ...describeService(entry.definition),
      builtIn: entry.builtIn,
    }));
  }

  private toModel(record: RegisteredServiceRecord): RegisteredServiceModel {
    return {
      ...describeService(record.definition),
      accountId: record.accountId,
      arn: this.service.arnOf(record.accountId, record.definition.prefix),
      createDate: record.createdAt,
      updateDate: record.updatedAt,
    };
  }
}
