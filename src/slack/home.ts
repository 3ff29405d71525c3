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

export async function refreshHomes(deps: Deps, clients: SlackClients, actors: Actor[]): Promise<void> {
  const seen = new Set<string>();
  for (const actor of actors) {
    const key = `${actor.teamId}:${actor.userId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await publishHome(deps, clients, actor);
  }
}

export function refreshHomesForReferral(deps: Deps, clients: SlackClients, referral: Referral): Promise<void> {
  return refreshHomes(deps, clients, peopleConcernedBy(deps.db, referral));
}

export function registerHome(app: App, deps: Deps, clients: SlackClients): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, clients, actorFrom(event.user, body.team_id, body.enterprise_id));
  });
}
