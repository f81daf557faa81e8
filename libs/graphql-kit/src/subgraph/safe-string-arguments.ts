import { defaultFieldResolver, isObjectType } from 'graphql';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { InvalidInputError, isSafeText } from '@iam/common';

/** The dotted path (`input.tags[0].key`) of the first unsafe string inside `value`, or `null` when there is none. */
export function findUnsafeString(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isSafeText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeString(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    // Coerced input objects have a null prototype; a class instance (a Date of a custom scalar) is not input text.
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== null && prototype !== Object.prototype) return null;
    for (const [key, item] of Object.entries(value)) {
      const found = findUnsafeString(item, path === '' ? key : `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Throws `InvalidInput` naming the first argument that holds a NUL or an unpaired surrogate (never its value). */
export function requireSafeStringArguments(args: Readonly<Record<string, unknown>>): void {
  const found = findUnsafeString(args, '');
  if (found !== null) {
    throw new InvalidInputError(
      `\`${found}\` must not contain a NUL character or an unpaired UTF-16 surrogate`,
      { parameter: found },
    );
  }
}

/**
 * SECURITY: wraps the resolver of every field that takes arguments so that a string argument, at any depth of its
 * input objects and lists, holding a NUL character or an unpaired surrogate is refused with `InvalidInput` before
 * any service code runs. No AWS parameter pattern admits either, and PostgreSQL cannot store a NUL: without this
 * check such input reaches the database as an unexpected error. The error is the field's own (it carries the
 * field's path), so the other root fields of the request are answered as usual.
 */
export function rejectUnsafeStringArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        requireSafeStringArguments(args);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
