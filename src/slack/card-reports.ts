// Telling people about a card Liaison cannot show: the referring officer and the receiving agency's
// coordinators learn once, by direct message, what is wrong and what fixes it. Queued and claimed
// in the database, so of several instances one reports each card, and a message Slack does not take
// is retried like any other.
import type { Tx } from '../../db/database.js';
import { claimCardReport, listUnreportedUndeliverableCards } from '../../db/queries/cards.js';
import { type DirectMessageKind, insertDirectMessages } from '../../db/queries/direct-messages.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../domain/actor.js';
import { leadCoordinators } from '../domain/members.js';
import { findReferral, type Referral } from '../domain/referrals.js';
import type { SlackClients } from './clients.js';
import { sendDirectMessages } from './direct-messages.js';

/** Reports, once each, the open referrals created at or before `createdBefore` whose card has never shown. */
export async function reportUndeliverableCards(deps: Deps, clients: SlackClients, createdBefore: number): Promise<void> {
  const ids = await deps.db.read((tx) => listUnreportedUndeliverableCards(tx, createdBefore, 20));
  for (const id of ids) {
    const at = deps.clock.now().getTime();
    const queued = await deps.db.transaction(async (tx) => {
      if (!(await claimCardReport(tx, id, at))) return [];
      const referral = (await findReferral(tx, id))!;
      deps.logger.error('referral card could not be posted; reported', { referral: referral.ref, channel: referral.intakeChannelId, error: referral.cardError });
      const coordinators = await receivingPeople(deps, tx, referral);
      return queueFor(tx, [referral.referrer, ...coordinators], referral, 'card_undeliverable', at);
    });
    await sendDirectMessages(deps, clients, queued);
  }
}

/**
 * The receiving agency's coordinators; an agency with none registered yet has the deployment's
 * bootstrap admins hear instead, so a report never goes nowhere.
 */
export async function receivingPeople(deps: Deps, tx: Tx, referral: Referral, people?: Actor[]): Promise<Actor[]> {
  const found = people ?? (await leadCoordinators(tx, referral.toAgencyId));
  return found.length > 0 ? found : deps.config.bootstrapAdmins.map((a) => ({ teamId: a.teamId ?? '', userId: a.userId }));
}

/** Queues one message of `kind` to each person (once each). */
export function queueFor(tx: Tx, people: readonly Actor[], referral: Referral, kind: DirectMessageKind, at: number): Promise<number[]> {
  const unique = [...new Map(people.map((p) => [`${p.teamId}/${p.userId}`, p])).values()];
  return insertDirectMessages(
    tx,
    unique.map((p) => ({ teamId: p.teamId, userId: p.userId, referralId: referral.id, kind, detail: referral.cardError, at })),
  );
}
