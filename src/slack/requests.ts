// One Slack request, one unit of work. Every request Slack sends carries a trigger_id (commands,
// buttons, forms) or an event_id (events); the unit of work that handles it first records that id,
// in the same transaction as the request's own writes. So a Slack retry or a replay of a validly
// signed request, reaching any instance, before or after a restart, finds the id and is dropped,
// and a request whose work was refused or failed leaves no record of itself either.
import type { Tx } from '../../db/database.js';
import { claimRequest } from '../../db/queries/handled-requests.js';
import type { Deps } from '../deps.js';

/** Thrown inside the unit of work when the request was already handled; nothing else runs. */
export class RepeatedRequest extends Error {
  constructor() {
    super('this request was already handled');
    this.name = 'RepeatedRequest';
  }
}

/** The id a request is known by, or undefined for the few payloads that carry none. */
export function requestIdOf(body: unknown): string | undefined {
  const b = body as { trigger_id?: unknown; event_id?: unknown } | null;
  if (typeof b?.trigger_id === 'string') return `trigger:${b.trigger_id}`;
  if (typeof b?.event_id === 'string') return `event:${b.event_id}`;
  return undefined;
}

/**
 * Runs the request's work as one unit of work, once: resolves when it is durable, throws
 * RepeatedRequest when another delivery of the same request was handled already.
 */
export function handleOnce<T>(deps: Deps, body: unknown, work: (tx: Tx) => Promise<T>): Promise<T> {
  const id = requestIdOf(body);
  return deps.db.transaction(async (tx) => {
    // Wall-clock time: replays are bounded by Slack's signature window, which is real time.
    if (id !== undefined && !(await claimRequest(tx, id, Date.now()))) throw new RepeatedRequest();
    return work(tx);
  });
}
