// App Home: published when a person opens it, and again after each change that concerns them.
import type { App } from '@slack/bolt';
import { buildHomeView } from '../blocks/home.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../domain/actor.js';
import { homeFor, peopleConcernedBy } from '../domain/home.js';
import type { Referral } from '../domain/referrals.js';
import { messagesFor } from '../i18n/index.js';
import type { WebClient } from './effects.js';
import { actorFrom } from './identity.js';
import { slackErrorCode } from './referral-delivery.js';

export async function publishHome(deps: Deps, client: WebClient, actor: Actor): Promise<void> {
  try {
    const home = homeFor(deps.db, actor, deps.config.bootstrapAdmins, deps.clock.now(), deps.config.overdueLimits.pending);
    await client.views.publish({ user_id: actor.userId, view: buildHomeView(home, messagesFor()) });
  } catch (error) {
    deps.logger.warn('home not published', { team: actor.teamId, user: actor.userId, error: slackErrorCode(error) });
  }
}

export async function refreshHomes(deps: Deps, client: WebClient, actors: Actor[]): Promise<void> {
  const seen = new Set<string>();
  for (const actor of actors) {
    const key = `${actor.teamId}:${actor.userId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await publishHome(deps, client, actor);
  }
}

export function refreshHomesForReferral(deps: Deps, client: WebClient, referral: Referral): Promise<void> {
  return refreshHomes(deps, client, peopleConcernedBy(deps.db, referral));
}

export function registerHome(app: App, deps: Deps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, actorFrom(event.user, body.team_id, body.enterprise_id));
  });
}
