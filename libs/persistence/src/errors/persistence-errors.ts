/** A unique constraint was violated; services map `constraint` to a domain error. */
export class UniqueViolation extends Error {
  constructor(
    readonly constraint: string,
    options?: ErrorOptions,
  ) {
    super(`unique constraint \`${constraint}\` violated`, options);
    this.name = 'UniqueViolation';
  }
}

/** A foreign key constraint was violated. */
export class ForeignKeyViolation extends Error {
  constructor(
    readonly constraint: string,
    options?: ErrorOptions,
  ) {
    super(`foreign key constraint \`${constraint}\` violated`, options);
    this.name = 'ForeignKeyViolation';
  }
}

/** A row-level security policy refused a write. */
export class RowSecurityViolation extends Error {
  constructor(options?: ErrorOptions) {
    super('row-level security policy refused the write', options);
    this.name = 'RowSecurityViolation';
  }
}

interface PgErrorShape {
  code?: unknown;
  constraint?: unknown;
  driverError?: PgErrorShape;
}

/** Turns a pg/TypeORM error into a typed persistence error where one applies; other errors pass through. */
export function toPersistenceError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const shape = error as PgErrorShape;
  const pg = shape.driverError ?? shape;
  const constraint = typeof pg.constraint === 'string' ? pg.constraint : '';
  switch (pg.code) {
    case '23505':
      return new UniqueViolation(constraint, { cause: error });
    case '23503':
      return new ForeignKeyViolation(constraint, { cause: error });
    case '42501':
      return new RowSecurityViolation({ cause: error });
    default:
      return error;
  }
}
