// Who a Slack payload says is acting. Enterprise Grid users are identified across the whole
// enterprise; everyone else by their home team. Slack Connect users arrive with their own team.
import type { Actor } from '../domain/actor.js';

export function actorFrom(userId: string, teamId: string | undefined | null, enterpriseId?: string | null): Actor {
  return { teamId: enterpriseId || teamId || 'unknown', userId };
}
