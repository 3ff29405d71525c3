// Keeps every referral's card in step: posts the cards not yet posted and redraws those behind their
// referral (Slack failed, or the instance stopped, on the way), then reports cards that still cannot
// be posted. Fair by construction: the most urgent first, cards not yet tried before cards that keep
// failing, each failure pushing only its own card back, and a channel that refuses (or does not
// answer) costs one call per run, not one per card queued for it.
import { deferCard, listCardsToSync } from '../../db/queries/cards.js';
import { CARD_REPORT_AFTER_MS, refusesWholeChannel, retryDelayMs } from '../domain/cards.js';
import { syncReferralCard } from '../slack/card-delivery.js';
import { reportUndeliverableCards } from '../slack/card-reports.js';
import type { Job } from './types.js';

/** Cards looked at per run; the rest wait for the next minute. */
const CARDS_PER_RUN = 50;
/** Wall-clock time a run may spend on Slack calls before it leaves the rest to the next one. */
const RUN_BUDGET_MS = 20_000;

export const referralCardsJob: Job = {
  name: 'referral-cards',
  async run({ deps, clients }, now) {
    const started = performance.now();
    const unavailable = new Map<string, string>();
    for (const card of await deps.db.read((tx) => listCardsToSync(tx, now.getTime(), CARDS_PER_RUN))) {
      if (performance.now() - started > RUN_BUDGET_MS) break;
      const refusal = card.intakeChannelId ? unavailable.get(card.intakeChannelId) : undefined;
      if (refusal) {
        const at = deps.clock.now().getTime();
        await deps.db.transaction((tx) => deferCard(tx, card.id, at, { error: refusal, retryAt: at + retryDelayMs(card.attempts + 1) }));
        continue;
      }
      const result = await syncReferralCard(deps, clients, card.id);
      if (result.status === 'failed' && card.intakeChannelId && (result.unclear || refusesWholeChannel(result.error))) {
        unavailable.set(card.intakeChannelId, result.error);
      }
    }
    await reportUndeliverableCards(deps, clients, now.getTime() - CARD_REPORT_AFTER_MS);
  },
};
