import { GraphQLScalarType, Kind } from 'graphql';
import type { ValueNode } from 'graphql';

function literalToValue(
  node: ValueNode,
  variables?: Readonly<Record<string, unknown>> | null,
): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v) => literalToValue(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((f) => [f.name.value, literalToValue(f.value, variables)]),
      );
    case Kind.ENUM:
      return node.value;
    case Kind.VARIABLE:
      return variables?.[node.name.value];
  }
}

/** Arbitrary JSON (event payloads are versioned by their event type, not by the GraphQL schema). */
export const GraphQLJSON = new GraphQLScalarType({
  name: 'JSON',
  description: 'a JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalToValue,
});
