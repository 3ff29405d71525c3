// The operation tree (local → provincial → national): the one recursive query, written once. Drizzle
// cannot say a recursive common table expression, so this is the one raw query of db/queries; it is
// standard SQL that SQLite and PostgreSQL both run as written.
import { sql } from 'drizzle-orm';
import type { Tx } from '../database.js';

/** Deeper than any real operation tree; stops the walk should a parent_id cycle ever exist. */
const MAX_TREE_DEPTH = 64;

export interface TreeOperation {
  id: number;
  code: string;
  name: string;
  timezone: string;
  startDate: string;
  endDate: string;
  /** 0 for the root, 1 for its children, … */
  depth: number;
}

/** The operation and every operation below it, root first, then by depth, then by code; empty when there is no such operation. */
export async function listOperationTree(tx: Tx, rootId: number): Promise<TreeOperation[]> {
  return tx.rows<TreeOperation>(sql`
    WITH RECURSIVE tree(id, depth) AS (
      SELECT id, 0 FROM operations WHERE id = ${rootId}
      UNION ALL
      SELECT o.id, tree.depth + 1 FROM operations o JOIN tree ON o.parent_id = tree.id
      WHERE tree.depth < ${MAX_TREE_DEPTH}
    )
    SELECT o.id, o.code, o.name, o.timezone, o.start_date AS "startDate", o.end_date AS "endDate", min(tree.depth) AS depth
    FROM tree JOIN operations o ON o.id = tree.id
    GROUP BY o.id
    ORDER BY depth, o.code`);
}
