// Who is acting: always the pair (team, user), because partners sit in different Slack organisations.
export interface Actor {
  /** Enterprise or team ID of the person's home organisation. */
  teamId: string;
  userId: string;
}

export function describeActor(actor: Actor): string {
  return `${actor.teamId}:${actor.userId}`;
}

/**
 * The operator CLI, in the audit log: Liaison's own actors sit in the team `liaison`, as retention
 * does (SYSTEM_ACTOR), since whoever runs the CLI on the server has no Slack identity.
 */
export const OPERATOR_CLI_ACTOR: Actor = { teamId: 'liaison', userId: 'cli' };
