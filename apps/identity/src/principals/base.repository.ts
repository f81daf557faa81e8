import type {
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import type { PrincipalsByName } from './existing.js';
import type { PrincipalKind } from './iam-rules.js';

function pick<T extends ObjectLiteral>(row: T, columns: readonly (keyof T & string)[]) {
  return Object.fromEntries(columns.map((column) => [column, row[column]])) as Partial<T>;
}

/** The one row `query` finds; `lock`: hold it for the rest of the transaction. */
export function oneRow<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  lock: boolean,
): Promise<T | null> {
  return (lock ? query.setLock('pessimistic_write') : query).getOne();
}

/** One page of `query` ordered by `lower(nameColumn)`, after the marker's key (a lower-case name). */
export function pageByName<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  nameColumn: string,
  after: string | null,
  limit: number,
): Promise<T[]> {
  query.orderBy(`lower(${nameColumn})`, 'ASC').limit(limit);
  if (after !== null) query.andWhere(`lower(${nameColumn}) > :after`, { after });
  return query.getMany();
}

/**
 * Inserts, updates and deletes rows of one table by their key (which includes the account id of a tenant table,
 * so every write filters by account as well as relying on row-level security). An update writes `updatable` only.
 */
export class RowRepository<T extends ObjectLiteral> {
  constructor(
    protected readonly target: EntityTarget<T>,
    private readonly key: readonly (keyof T & string)[],
    private readonly updatable: readonly (keyof T & string)[],
  ) {}

  async insert(tx: EntityManager, row: T): Promise<T> {
    await tx.insert(this.target, row);
    return row;
  }

  async update(tx: EntityManager, row: T): Promise<void> {
    await this.updateColumns(tx, row, this.updatable);
  }

  async delete(tx: EntityManager, row: T): Promise<void> {
    await tx.delete(this.target, this.keyOf(row));
  }

  protected async updateColumns(
    tx: EntityManager,
    row: T,
    columns: readonly (keyof T & string)[],
  ): Promise<void> {
    await tx.update(this.target, this.keyOf(row), pick(row, columns));
  }

  private keyOf(row: T): FindOptionsWhere<T> {
    return pick(row, this.key);
  }
}

/** How a principal table names its rows: the entity property and the column of the name. */
export interface PrincipalTable<T> {
  readonly kind: PrincipalKind;
  readonly name: keyof T & string;
  readonly nameColumn: string;
  readonly key: readonly (keyof T & string)[];
  readonly updatable: readonly (keyof T & string)[];
}

/**
 * Queries on identity.users, identity.groups or identity.roles: by name ignoring case (AWS names are
 * case-insensitive), and pages by lower-case name within a path prefix. Always filters by account as well as
 * relying on row-level security.
 */
export class PrincipalRepository<T extends ObjectLiteral & { accountId: string; path: string }>
  extends RowRepository<T>
  implements PrincipalsByName<T>
{
  readonly kind: PrincipalKind;

  constructor(
    target: EntityTarget<T>,
    private readonly table: PrincipalTable<T>,
  ) {
    super(target, table.key, table.updatable);
    this.kind = table.kind;
  }

  nameOf(principal: T): string {
    return String(principal[this.table.name]);
  }

  /** `principal` with another name. */
  named(principal: T, name: string): T {
    return { ...principal, [this.table.name]: name };
  }

  /** By name, ignoring case; `lock`: hold the row for the rest of the transaction. */
  findByName(tx: EntityManager, accountId: string, name: string, lock = false): Promise<T | null> {
    const query = tx
      .createQueryBuilder(this.target, 'p')
      .where(`p.account_id = :accountId AND lower(p.${this.table.nameColumn}) = lower(:name)`, {
        accountId,
        name,
      });
    return oneRow(query, lock);
  }

  /** One page ordered by lower-case name, after the marker's key, within a path prefix. */
  list(
    tx: EntityManager,
    accountId: string,
    pathPrefix: string,
    after: string | null,
    limit: number,
  ): Promise<T[]> {
    const query = tx
      .createQueryBuilder(this.target, 'p')
      .where('p.account_id = :accountId', { accountId })
      .andWhere('left(p.path, length(:prefix)) = :prefix', { prefix: pathPrefix });
    return pageByName(query, `p.${this.table.nameColumn}`, after, limit);
  }
}
