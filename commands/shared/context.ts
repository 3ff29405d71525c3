// From a command's context to the domain's: resolve who is acting against the database.
import type { RequestContext } from '../../src/domain/context.js';
import type { Messages } from '../../src/i18n/index.js';
import { resolvePrincipal } from '../../src/domain/permissions.js';
import type { CommandContext } from './types.js';

/** The domain's context, with the reader's catalogue beside it: the adapter's, for the words it answers in. */
export type ReaderRequest = RequestContext & { msg: Messages };

export async function requestContext(ctx: CommandContext): Promise<ReaderRequest> {
  const principal = await resolvePrincipal(ctx.tx, ctx.actor, ctx.deps.config.bootstrapAdmins);
  return { deps: ctx.deps, tx: ctx.tx, principal, msg: ctx.msg };
}

/** The first word of the text as a subcommand, and the rest. */
export function splitSubcommand(text: string): { sub: string; rest: string } {
  const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(text);
  return match ? { sub: match[1]!.toLowerCase(), rest: match[2]! } : { sub: '', rest: '' };
}
