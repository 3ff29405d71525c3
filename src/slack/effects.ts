// Runs the effects a command or action asked for, after the acknowledgement. Each effect's failure
// is caught and logged on its own; what must not be lost is queued in the database by the domain.
import type { App } from '@slack/bolt';
import type { Actor } from '../domain/actor.js';
import type { Effect } from '../domain/effects.js';

export type WebClient = App['client'];

export interface EffectContext {
  client: WebClient;
  actor: Actor;
}

export type EffectRunner = (effects: Effect[], context: EffectContext) => Promise<void>;
