// App Home: published when a person opens it, and again after each change that concerns them.
import type { App } from '@slack/bolt';
import { buildHomeView } from '../blocks/home.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../domain/actor.js';
import { homeFor, peopleConcernedBy } from '../domain/home.js';
import type { Referral } from '../domain/referrals.js';
import { messagesFor } from '../i18n/index.js';
import type { SlackClients } from './clients.js';
import { actorFrom } from './identity.js';
import { slackErrorCode } from './referral-delivery.js';

export async function publishHome(deps: Deps, clients: SlackClients, actor: Actor): Promise<void> {
  try {
    const client = await clients.forTeam(actor.teamId);
    const home = homeFor(deps.db, actor, deps.config.bootstrapAdmins, deps.clock.now(), deps.config.overdueLimits.pending);
    await client.views.publish({ user_id: actor.userId, view: buildHomeView(home, messagesFor()) });
  } catch (error) {
    deps.logger.warn('home not published', { team: actor.teamId, user: actor.userId, error: slackErrorCode(error) });
  }
}

/** A person stops getting refreshes this long after they last opened App Home (they get a fresh view on opening). */
const VIEWER_TTL_MS = 12 * 3_600_000;

/**
 * Keeps App Home current for the people looking at it, cheaply: a refresh is published only for
 * someone who opened Home recently, and refreshes for one person never pile up (while one is being
 * published, any number of further changes make one more publish, with the latest state).
 */
export class HomePublisher {
  private readonly viewers = new Map<string, number>();
  private readonly publishing = new Map<string, Promise<void>>();
  private readonly stale = new Set<string>();

  constructor(
    private readonly deps: Deps,
    private readonly clients: SlackClients,
  ) {}

  /** The person opened App Home: remember them, and show them their Home now. */
  opened(actor: Actor): Promise<void> {
    this.viewers.set(keyOf(actor), Date.now());
    if (this.viewers.size > 10_000) this.forgetOldViewers();
    return this.schedule(actor);
  }

  /** Something that concerns these people changed. */
  async refresh(actors: Actor[]): Promise<void> {
    const now = Date.now();
    const due = new Map<string, Actor>();
    for (const actor of actors) {
      const openedAt = this.viewers.get(keyOf(actor));
      if (openedAt !== undefined && now - openedAt < VIEWER_TTL_MS) due.set(keyOf(actor), actor);
    }
    await Promise.all([...due.values()].map((actor) => this.schedule(actor)));
  }

  refreshForReferral(referral: Referral): Promise<void> {
    return this.refresh(peopleConcernedBy(this.deps.db, referral));
  }

  private schedule(actor: Actor): Promise<void> {
    const key = keyOf(actor);
    const running = this.publishing.get(key);
    if (running) {
      this.stale.add(key);
      return running;
    }
    const run = (async () => {
      try {
        do {
          this.stale.delete(key);
          await publishHome(this.deps, this.clients, actor);
        } while (this.stale.has(key));
      } finally {
        this.publishing.delete(key);
      }
    })();
    this.publishing.set(key, run);
    return run;
  }

  private forgetOldViewers(): void {
    const cutoff = Date.now() - VIEWER_TTL_MS;
    for (const [key, openedAt] of this.viewers) if (openedAt < cutoff) this.viewers.delete(key);
  }
}

const keyOf = (actor: Actor) => `${actor.teamId}:${actor.userId}`;

export function registerHome(app: App, homes: HomePublisher): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await homes.opened(actorFrom(event.user, body.team_id, body.enterprise_id));
  });
}
