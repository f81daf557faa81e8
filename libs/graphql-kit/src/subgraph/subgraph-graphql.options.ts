import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver } from '@nestjs/apollo';
import type { ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { Logger } from '@iam/service-kit';
import { formatGraphQLError } from '../errors/to-graphql-error.js';
import { graphQLErrorLog } from '../errors/log-graphql-error.js';
import type { AuthenticatedRequest } from '../caller/caller-token.middleware.js';
import { rejectUnsafeStringArguments } from './safe-string-arguments.js';

/**
 * The federation `@link` every subgraph declares. Pinned to what @theguild/federation-composition supports
 * (up to v2.9), not Nest's default (v2.14), and only the directives we use.
 */
export const FEDERATION_LINK = {
  version: 2 as const,
  importUrl: 'https://specs.apollo.dev/federation/v2.9',
  directives: [
    '@key',
    '@shareable',
    '@external',
    '@requires',
    '@provides',
    '@tag',
    '@inaccessible',
    '@override',
    '@extends',
    '@interfaceObject',
  ],
};

/**
 * GraphQLModule options shared by all subgraphs: code-first, sorted SDL, one error mapping, no IDE, and no string
 * argument with a NUL or an unpaired surrogate.
 */
export function subgraphGraphQLOptions(options: {
  logger: Logger;
  production: boolean;
}): ApolloFederationDriverConfig {
  const errorLog = graphQLErrorLog(options.logger);
  return {
    driver: ApolloFederationDriver,
    path: '/graphql',
    autoSchemaFile: { federation: FEDERATION_LINK },
    sortSchema: true,
    playground: false,
    graphiql: false,
    introspection: !options.production,
    // Per-field timings are internal detail; the gateway does not need them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    // One check of every string argument of every operation, before any resolver (safe-string-arguments.ts).
    transformSchema: rejectUnsafeStringArguments,
    context: ({ req }: { req: AuthenticatedRequest }) => ({
      caller: req.caller,
      anonymous: req.anonymous,
    }),
    // Each error is logged once, here: a client's refusal at info, an unexpected error at error with its stack.
    formatError: (formatted, error) =>
      formatGraphQLError(formatted, error, errorLog.unexpected, errorLog.refused),
  };
}
