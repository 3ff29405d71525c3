// Queries built once per connection and reused: drizzle turns the builder into SQL once, the driver
// keeps its compiled statement, and the hot paths (a command per officer per minute, the digest)
// never rebuild a query. Built per connection because a query prepared on one connection runs on
// that connection: on PostgreSQL, one prepared on the pool would run outside the caller's transaction.
import type { Orm, Tx } from './database.js';

/** `build` runs once per connection; the returned function hands back that connection's query. */
export function preparedQuery<Query>(build: (tx: Tx) => Query): (tx: Tx) => Query {
  const built = new WeakMap<Orm, Query>();
  return (tx) => {
    let query = built.get(tx.orm);
    if (query === undefined) {
      query = build(tx);
      built.set(tx.orm, query);
    }
    return query;
  };
}
