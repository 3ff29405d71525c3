// Who is acting: always the pair (team, user), because partners sit in different Slack organisations.
export interface Actor {
  /** Enterprise or team ID of the person's home organisation. */
  teamId: string;
  userId: string;
}

export function describeActor(actor: Actor): string {
  return `${actor.teamId}:${actor.userId}`;
}
