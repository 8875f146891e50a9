// Relay connections for every list of the API: edges with opaque keyset cursors and a
// PageInfo, built by one factory so each list type stays a one-liner.
import { Field, Int, ObjectType, ArgsType } from 'type-graphql';
import { pageSize, type Page } from '../lib/cursor.js';

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when absent.' })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;
}

export function pageOf(args: PageArgs): { first: number; after?: string } {
  const first = pageSize(args.first ?? undefined, 20, 100);
  return args.after ? { first, after: args.after } : { first };
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** A connection of `Node`, named `<name>Connection` / `<name>Edge`. */
export function connectionType<T>(Node: new () => T, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => Node)
    node!: T;

    @Field(() => String)
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [Node], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** A page as a connection; `cursorOf` gives the keyset cursor that resumes after an item. */
export function toConnection<T, N>(
  page: Page<T>,
  cursorOf: (item: T) => string,
  toNode: (item: T) => N,
): Connection<N> {
  const edges = page.items.map((item) => ({ node: toNode(item), cursor: cursorOf(item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: page.nextCursor !== undefined,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
