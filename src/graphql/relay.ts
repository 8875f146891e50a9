// Relay connections for every list of the API: edges with opaque keyset cursors and a
// PageInfo, and the `orderBy` inputs of sortable lists, built by factories so each list type
// stays a one-liner.
import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { KeysetPage } from '../db/keyset.js';
import { pageSize } from '../lib/cursor.js';

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

/** A keyset page as a connection. */
export function toConnection<T, N>(page: KeysetPage<T>, toNode: (item: T) => N): Connection<N> {
  const edges = page.items.map((item, index) => ({
    node: toNode(item),
    cursor: page.cursors[index]!,
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export enum OrderDirectionEnum {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirectionEnum, { name: 'OrderDirection' });

/**
 * The `orderBy` input of a sortable list, named `<name>Order`: a field of `Fields` and a
 * direction. Each field is served by an index, so every order stays a keyset.
 */
export function orderInputType<Fields extends Record<string, string>>(
  name: string,
  fields: Fields,
) {
  @InputType(`${name}Order`)
  class OrderInput {
    @Field(() => fields)
    field!: Fields[keyof Fields];

    @Field(() => OrderDirectionEnum, { defaultValue: OrderDirectionEnum.ASC })
    direction!: OrderDirectionEnum;
  }
  return OrderInput;
}
