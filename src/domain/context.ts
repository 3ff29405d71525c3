// What every domain service receives for one request: the dependencies, the unit of work's handle
// on the database and who is acting. No words: the domain answers in problems (errors.ts), the edges
// render them in the reader's language.
import type { Tx } from '../../db/database.js';
import type { Deps } from '../deps.js';
import type { Principal } from './permissions.js';

export interface RequestContext {
  deps: Deps;
  tx: Tx;
  principal: Principal;
}

export function nowMs(ctx: { deps: Deps }): number {
  return ctx.deps.clock.now().getTime();
}
