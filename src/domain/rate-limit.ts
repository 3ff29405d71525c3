// Per-person rate limiting of commands: a token bucket per (team, user) kept in the database, so a
// stuck client or a script cannot flood Liaison through any number of instances, while a person
// typing at full speed is never slowed.
import type { Tx } from '../../db/database.js';
import { takeToken } from '../../db/queries/rate-buckets.js';
import type { Actor } from './actor.js';
import type { RequestContext } from './context.js';
import { AppError } from './errors.js';

export interface RateLimit {
  /** Commands a person may send in a burst. */
  burst: number;
  /** Commands per minute sustained; 0 turns the limit off. */
  perMinute: number;
}

/** A burst of a third of a minute's worth, and never fewer than five. */
export function rateLimitFor(perMinute: number): RateLimit {
  return { perMinute, burst: Math.max(5, Math.ceil(perMinute / 3)) };
}

/**
 * Takes one command from the person's budget, in the command's own unit of work, or refuses with
 * the seconds to wait. That refusal rolls the unit back, so an over-limit command spends nothing;
 * a command refused for another reason is spent again in a unit of its own (`spendCommand`).
 */
export async function takeCommand(ctx: Pick<RequestContext, 'tx'>, actor: Actor, now: number, limit: RateLimit): Promise<void> {
  if (limit.perMinute <= 0) return;
  const perMs = limit.perMinute / 60_000;
  const left = await takeToken(ctx.tx, actor, now, { burst: limit.burst, perMs });
  if (left < 0) throw new AppError('rate_limited', { problem: 'rateLimited', seconds: Math.ceil(-left / perMs / 1000) });
}

/** Spends one command whatever is left: a refused command, counted in a unit of work of its own. */
export async function spendCommand(tx: Tx, actor: Actor, now: number, limit: RateLimit): Promise<void> {
  if (limit.perMinute > 0) await takeToken(tx, actor, now, { burst: limit.burst, perMs: limit.perMinute / 60_000 });
}

/** How long an untouched bucket takes to be full again, after which it can be forgotten. */
export function refillTimeMs(limit: RateLimit): number {
  return limit.perMinute > 0 ? Math.ceil((limit.burst / limit.perMinute) * 60_000) : 0;
}
