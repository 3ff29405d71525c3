// App Home: published when a person opens it, and again after each change that concerns them.
import type { App } from '@slack/bolt';
import { listRecentHomeViewers, recordHomeOpened } from '../../db/queries/home-viewers.js';
import { buildHomeView } from '../blocks/home.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../domain/actor.js';
import { homeFor, peopleConcernedBy } from '../domain/home.js';
import type { Referral } from '../domain/referrals.js';
import { messagesFor } from '../i18n/index.js';
import type { SlackClients } from './clients.js';
import { actorFrom } from './identity.js';
import { slackErrorCode } from './reminder-delivery.js';
import { handleOnce, RepeatedRequest } from './requests.js';

export async function publishHome(deps: Deps, clients: SlackClients, actor: Actor): Promise<void> {
  try {
    const client = await clients.forTeam(actor.teamId);
    const home = await deps.db.read((tx) => homeFor(tx, actor, deps.config.bootstrapAdmins, deps.clock.now(), deps.config.overdueLimits.pending));
    await client.views.publish({ user_id: actor.userId, view: buildHomeView(home, messagesFor(await clients.languageOf(actor.teamId, actor.userId))) });
  } catch (error) {
    deps.logger.warn('home not published', { team: actor.teamId, user: actor.userId, error: slackErrorCode(error) });
  }
}

/** A person stops getting refreshes this long after they last opened App Home (they get a fresh view on opening). */
export const VIEWER_TTL_MS = 12 * 3_600_000;

/**
 * Keeps App Home current for the people looking at it, cheaply: a refresh is published only for
 * someone who opened Home recently (recorded in the database, so whichever instance makes the
 * change knows), and refreshes for one person never pile up in an instance (while one is being
 * published, any number of further changes make one more publish, with the latest state).
 */
export class HomePublisher {
  private readonly publishing = new Map<string, Promise<void>>();
  private readonly stale = new Set<string>();

  constructor(
    private readonly deps: Deps,
    private readonly clients: SlackClients,
  ) {}

  /** The person opened App Home (recorded by the caller's unit of work): show them their Home now. */
  opened(actor: Actor): Promise<void> {
    return this.schedule(actor);
  }

  /** Something that concerns these people changed. */
  async refresh(actors: Actor[]): Promise<void> {
    if (actors.length === 0) return;
    const since = this.deps.clock.now().getTime() - VIEWER_TTL_MS;
    const viewers = await this.deps.db.read((tx) => listRecentHomeViewers(tx, actors, since));
    const due = new Map(viewers.map((actor) => [keyOf(actor), actor]));
    await Promise.all([...due.values()].map((actor) => this.schedule(actor)));
  }

  async refreshForReferral(referral: Referral): Promise<void> {
    await this.refresh(await this.deps.db.read((tx) => peopleConcernedBy(tx, referral)));
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
}

const keyOf = (actor: Actor) => `${actor.teamId}:${actor.userId}`;

export function registerHome(app: App, deps: Deps, homes: HomePublisher): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home' || typeof event.user !== 'string') return;
    const actor = actorFrom(event.user, body.team_id, body.enterprise_id);
    try {
      await handleOnce(deps, body, (tx) => recordHomeOpened(tx, actor, deps.clock.now().getTime()));
    } catch (error) {
      if (error instanceof RepeatedRequest) return;
      deps.logger.warn('home opening not recorded', { team: actor.teamId, user: actor.userId, error: slackErrorCode(error) });
    }
    await homes.opened(actor);
  });
}
