// What every domain service receives for one request: the dependencies, the unit of work's handle
// on the database, who is acting, and the words to answer in.
import type { Tx } from '../../db/database.js';
import type { Deps } from '../deps.js';
import type { Messages } from '../i18n/index.js';
import type { Principal } from './permissions.js';

export interface RequestContext {
  deps: Deps;
  tx: Tx;
  principal: Principal;
  msg: Messages;
}

export function nowMs(ctx: { deps: Deps }): number {
  return ctx.deps.clock.now().getTime();
}
