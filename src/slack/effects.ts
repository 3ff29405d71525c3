// Runs the effects a command or action asked for, after the acknowledgement. Each effect's failure
// is caught and logged on its own; what must not be lost is already queued in the database.
import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import type { Actor } from '../domain/actor.js';
import type { Effect } from '../domain/effects.js';
import { findReferral } from '../domain/referrals.js';
import type { Messages } from '../i18n/index.js';
import { getOperationById } from '../domain/operations.js';
import { postDigestRun } from './digest-delivery.js';
import type { HomePublisher } from './home.js';
import { syncReferralCard } from './card-delivery.js';
import { tellIntakeOfWithdrawal } from './reminder-delivery.js';
import type { SlackClients } from './clients.js';
import { sendQueuedDirectMessagesFor } from './direct-messages.js';

export type WebClient = App['client'];

export interface EffectContext {
  actor: Actor;
  msg: Messages;
  /** An ephemeral follow-up to the person who asked (through the request's response_url). */
  respond?: (text: string) => Promise<unknown>;
}

export type EffectRunner = (effects: Effect[], context: EffectContext) => Promise<void>;

export function createEffectRunner(deps: Deps, clients: SlackClients, homes: HomePublisher): EffectRunner {
  return async (effects, context) => {
    for (const effect of effects) {
      try {
        if (effect.type === 'post_referral_card') {
          const card = await syncReferralCard(deps, clients, effect.referralId);
          const referral = await deps.db.read((tx) => findReferral(tx, effect.referralId));
          if (card.status === 'failed' && context.respond && referral) await context.respond(context.msg.referral.cardQueued(referral, card.error));
          if (referral) await homes.refreshForReferral(referral);
        } else if (effect.type === 'referral_changed') {
          await syncReferralCard(deps, clients, effect.referralId);
          await tellIntakeOfWithdrawal(deps, clients, effect.referralId);
          await sendQueuedDirectMessagesFor(deps, clients, effect.referralId);
          const referral = await deps.db.read((tx) => findReferral(tx, effect.referralId));
          if (referral) await homes.refreshForReferral(referral);
        } else if (effect.type === 'refresh_home') {
          await homes.refresh([effect]);
        } else if (effect.type === 'post_digest') {
          const delivery = await postDigestRun(deps, clients, effect);
          const { code } = await deps.db.read((tx) => getOperationById(tx, effect.operationId));
          await context.respond?.(
            delivery.status === 'posted' ? context.msg.digest.posted(code, delivery.channel) : context.msg.digest.postFailed(code, delivery.error),
          );
        }
      } catch (error) {
        deps.logger.error('effect failed', { effect: effect.type, error });
      }
    }
  };
}
