// Slack retries events it thinks were lost, and a validly signed request can be replayed within
// the five-minute signature window. Every request Slack sends carries a trigger_id (commands,
// buttons, forms) or an event_id (events): each is handled once; a repeat is acknowledged and dropped.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.js';

/** Longer than the signature window, so nothing replayable is forgotten. */
const REMEMBER_MS = 6 * 60_000;
const MAX_REMEMBERED = 50_000;

export class RecentRequests {
  private readonly seen = new Map<string, number>();

  /** True the first time `id` is seen within the window. */
  firstSighting(id: string, now: number): boolean {
    const expires = this.seen.get(id);
    if (expires !== undefined && expires > now) return false;
    this.seen.set(id, now + REMEMBER_MS);
    if (this.seen.size > MAX_REMEMBERED) {
      for (const [key, until] of this.seen) {
        if (until <= now || this.seen.size > MAX_REMEMBERED) this.seen.delete(key);
        else break;
      }
    }
    return true;
  }
}

function requestIdOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.trigger_id === 'string') return ownCopy(`trigger:${body.trigger_id}`);
  if (typeof body.event_id === 'string') return ownCopy(`event:${body.event_id}`);
  return undefined;
}

/**
 * The id as a string of its own. A value parsed out of a request body can be a slice of the whole
 * body, and V8 keeps the whole body alive for as long as the slice lives: remembered for six
 * minutes, 50,000 ids would hold 50,000 bodies (about 25 MB) instead of 50,000 short strings.
 */
function ownCopy(id: string): string {
  return Buffer.from(id, 'utf8').toString('utf8');
}

export function replayGuard(recent: RecentRequests, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const id = requestIdOf(body);
    if (id && !recent.firstSighting(id, Date.now())) {
      logger.warn('repeated request dropped', { kind: String(body.type ?? body.command ?? 'unknown') });
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  };
}
