// Slack retries events it thinks were lost, and a validly signed request can be replayed within
// the five-minute signature window. Every request Slack sends carries a trigger_id (commands,
// buttons, forms) or an event_id (events): each is handled once; a repeat is acknowledged and dropped.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.js';

/** Longer than the signature window, so nothing replayable is forgotten. */
export const REMEMBER_MS = 6 * 60_000;
/** A bound on memory under a flood: past it, the oldest ids go first. */
export const MAX_REMEMBERED = 50_000;

/**
 * The ids seen recently, in two generations: ids go into the current one; when it is a window old
 * (or half the bound full), it becomes the previous one and the one before is dropped whole. So an
 * id is remembered for at least one window, and no call ever walks the entries. (Evicting ids one
 * by one from the front of a Map made every call slower as deleted slots piled up: 26 µs a call
 * after 120,000 ids, against 0.3–0.5 µs here whatever the count; the bench's throughput fell with it.)
 */
export class RecentRequests {
  private current = new Set<string>();
  private previous = new Set<string>();
  private currentSince = Number.NEGATIVE_INFINITY;

  /** True the first time `id` is seen within the window. */
  firstSighting(id: string, now: number): boolean {
    if (this.current.has(id) || this.previous.has(id)) return false;
    const age = now - this.currentSince;
    if (age >= REMEMBER_MS || this.current.size >= MAX_REMEMBERED / 2) {
      // After a quiet spell longer than the window, the current generation is stale as well.
      this.previous = age >= 2 * REMEMBER_MS ? new Set() : this.current;
      this.current = new Set();
      this.currentSince = now;
    }
    this.current.add(id);
    return true;
  }

  /** How many ids are held (for tests). */
  get size(): number {
    return this.current.size + this.previous.size;
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
