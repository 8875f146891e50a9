// Statements the server keeps prepared, for the queries storing statements runs on every
// batch. Drizzle sends each query through postgres.js unprepared, and postgres.js then asks
// the server for an unprepared query's parameter types before it can bind them: two round
// trips, and on a transaction's connection nothing sent after it goes out until the answer
// comes back, so the database waits on Node between every two statements of a batch.
// Prepared once per connection, a marked query takes one round trip and the driver
// pipelines the ones after it. Only marked queries: their text is fixed (no lists spelled
// out value by value), so each connection keeps a bounded set, and their plans do not
// depend on the values bound (inserts from JSON parameters, primary-key lookups).
import { sql, type SQL } from 'drizzle-orm';

const marker = '/* jejak:prepared */';

/** The query, marked to run as a prepared statement on PostgreSQL (PGlite ignores it). */
export function prepared(query: SQL): SQL {
  return sql`${sql.raw(marker)} ${query}`;
}

/**
 * The postgres.js client as drizzle should see it: `unsafe` prepares the marked queries, in
 * transactions and savepoints too.
 */
export function preparingMarkedQueries<Client extends object>(client: Client): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return (query: string, ...rest: unknown[]) => {
          if (!query.startsWith(marker)) return value.call(target, query, ...rest);
          // unsafe(query, params?, options?), or unsafe(query, options).
          const [params, options] = Array.isArray(rest[0]) ? rest : [[], rest[0]];
          return value.call(target, query, params ?? [], {
            ...(options as object | undefined),
            prepare: true,
          });
        };
      }
      if (property === 'begin' || property === 'savepoint') {
        // The transaction's own client is handed to the callback, last of the arguments.
        return (...args: unknown[]) => {
          const work = args.at(-1) as (transaction: object) => unknown;
          args[args.length - 1] = (transaction: object) =>
            work(preparingMarkedQueries(transaction));
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}
