// Pages of many parents' child lists in one SQL statement, for the DataLoaders behind nested
// connections (a page of cohorts, each with a page of enrollments). Each request becomes one
// branch, `select … where <its parent> and <after its cursor> order by … limit first + 1`,
// and the branches are joined by UNION ALL: every branch stays an index range scan bounded by
// its own page size, and the whole list of parents costs one round trip.
import { sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import {
  keysetAfter,
  keysetOrderBy,
  keysetPageOf,
  type KeysetOrder,
  type KeysetPage,
  type PageRequest,
} from './keyset.js';

/** A select of `{ branch, row }` that the helper orders and limits. */
interface BranchSelect<Row> {
  orderBy(...columns: SQL[]): {
    limit(count: number): PromiseLike<{ branch: number; ordinal: number; row: Row }[]>;
  };
}

export interface BranchParts {
  /** Select it as `branch`: it tells which request a row answers. */
  branch: SQL.Aliased<number>;
  /**
   * Select it as `ordinal`: the row's place in its branch. UNION ALL promises no order, and
   * sorting again in JavaScript would compare text unlike the database's collation.
   */
  ordinal: SQL.Aliased<number>;
  /** The keyset condition of the request's cursor (undefined on a first page). */
  after: SQL | undefined;
}

export async function batchedPages<Request extends PageRequest, Row>(
  requests: readonly Request[],
  order: KeysetOrder<Row>,
  select: (request: Request, parts: BranchParts) => BranchSelect<Row>,
): Promise<KeysetPage<Row>[]> {
  if (requests.length === 0) return [];
  const orderBy = keysetOrderBy(order);
  const branches = requests.map((request, index) =>
    select(request, {
      branch: sql<number>`${index}::int`.as('branch'),
      ordinal: sql<number>`(row_number() over (order by ${sql.join(orderBy, sql`, `)}))::int`.as(
        'ordinal',
      ),
      after: keysetAfter(order, request.after),
    })
      .orderBy(...orderBy)
      .limit(request.first + 1),
  );
  const [only, second, ...rest] = branches;
  const rows =
    second === undefined
      ? await only!
      : await unionAll(only as never, second as never, ...(rest as never[]));
  const byBranch = requests.map((): Row[] => []);
  const sorted = [...(rows as { branch: number; ordinal: number; row: Row }[])].sort(
    (a, b) => a.branch - b.branch || a.ordinal - b.ordinal,
  );
  for (const { branch, row } of sorted) byBranch[branch]!.push(row);
  return requests.map((request, index) => keysetPageOf(order, byBranch[index]!, request.first));
}
