// Pages of many parents' child lists in one SQL statement, for the DataLoaders behind nested
// connections (a page of cohorts, each with a page of enrollments). Each request becomes one
// branch, `select … where <its parent> and <after its cursor> order by … limit first + 1`,
// and the branches are joined by UNION ALL: every branch stays an index range scan bounded by
// its own page size, and the whole list of parents costs one round trip. Cursors are scoped
// to their parent, and a bad cursor fails its own list only, not its siblings.
import { sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import {
  keysetAfter,
  keysetOrderBy,
  keysetPageOf,
  scopedOrder,
  type KeysetOrder,
  type KeysetPage,
  type PageRequest,
} from './keyset.js';

/** A page of a parent's children, or why its request was refused (for that parent only). */
export type BatchedPage<Row> = KeysetPage<Row> | Error;

/** A select of `{ branch, ordinal, row }` that the helper orders and limits. */
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
  /** The parent a request lists the children of: its cursors are valid for it alone. */
  scopeOf: (request: Request) => string,
  select: (request: Request, parts: BranchParts) => BranchSelect<Row>,
): Promise<BatchedPage<Row>[]> {
  const orderBy = keysetOrderBy(order);
  const ordinal = sql<number>`(row_number() over (order by ${sql.join(orderBy, sql`, `)}))::int`;
  const answers: BatchedPage<Row>[] = [];
  const branches: { index: number; order: KeysetOrder<Row>; query: PromiseLike<unknown> }[] = [];
  for (const [index, request] of requests.entries()) {
    const scoped = scopedOrder(order, scopeOf(request));
    try {
      const query = select(request, {
        branch: sql<number>`${branches.length}::int`.as('branch'),
        ordinal: ordinal.as('ordinal'),
        after: keysetAfter(scoped, request.after),
      })
        .orderBy(...orderBy)
        .limit(request.first + 1);
      branches.push({ index, order: scoped, query });
    } catch (error) {
      // A bad cursor or filter of one parent's list fails that list alone.
      answers[index] = error as Error;
    }
  }
  const [only, second, ...rest] = branches.map((branch) => branch.query);
  const rows = (
    only === undefined
      ? []
      : second === undefined
        ? await only
        : await unionAll(only as never, second as never, ...(rest as never[]))
  ) as { branch: number; ordinal: number; row: Row }[];
  const byBranch = branches.map((): Row[] => []);
  const sorted = [...rows].sort((a, b) => a.branch - b.branch || a.ordinal - b.ordinal);
  for (const { branch, row } of sorted) byBranch[branch]!.push(row);
  for (const [position, branch] of branches.entries()) {
    answers[branch.index] = keysetPageOf(
      branch.order,
      byBranch[position]!,
      requests[branch.index]!.first,
    );
  }
  return answers;
}
