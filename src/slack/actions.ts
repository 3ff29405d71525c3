// Button clicks on referral cards, and the referrer's Withdraw (App Home, their direct message). Who clicked is checked before anything changes; the state
// changes with one conditional write; then the card is updated in place and the officer told.
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { buildCloseModal, buildDeclineModal, buildWithdrawModal } from '../blocks/referral-modals.js';
import type { Tx } from '../../db/database.js';
import type { Deps } from '../deps.js';
import type { ReaderRequest } from '../../commands/shared/context.js';
import { resolvePrincipal } from '../domain/permissions.js';
import { checkCanTransition, findReferral, requireReferral, transitionReferral } from '../domain/referrals.js';
import { type Messages, messagesFor } from '../i18n/index.js';
import { userMessageFor } from './errors.js';
import { IDS } from './ids.js';
import { parseTypedJson } from './typed-json.js';
import { actorFrom } from './identity.js';
import type { SlackClients } from './clients.js';
import type { HomePublisher } from './home.js';
import { recordCardMessage } from '../../db/queries/cards.js';
import { AppError } from '../domain/errors.js';
import { type ClickedMessage, redrawAfterClick } from './card-delivery.js';
import { sendQueuedDirectMessagesFor } from './direct-messages.js';
import { handleOnce, RepeatedRequest } from './requests.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** A card button's value: typed JSON, re-parsed here because anyone can forge a payload. */
export const ZReferralButtonValue = z.object({ referral: z.number().int().positive() });

function parseButtonValue(value: string | undefined): number | null {
  return parseTypedJson(ZReferralButtonValue, value)?.referral ?? null;
}

/**
 * A crash between Slack storing a card and Liaison recording its ts leaves the card unknown to
 * Liaison. A click on it says where it is: record that, so the card is updated in place instead of
 * a second one being posted.
 */
async function adoptClickedCard(tx: Tx, body: BlockAction, referralId: number): Promise<void> {
  const clicked = clickedMessage(body);
  const referral = await findReferral(tx, referralId);
  if (!clicked || !referral || referral.cardTs || clicked.channel !== referral.intakeChannelId) return;
  await recordCardMessage(tx, referralId, { channelId: clicked.channel, teamId: referral.intakeTeamId, ts: clicked.ts });
}

/** The message a button was clicked on, when it was a message (not App Home). */
export function clickedMessage(body: BlockAction): ClickedMessage | undefined {
  const container = body.container as { type?: string; channel_id?: string; message_ts?: string } | undefined;
  if (container?.type !== 'message' || !container.channel_id || !container.message_ts) return undefined;
  return { channel: container.channel_id, ts: container.message_ts };
}

async function requestFor(deps: Deps, tx: Tx, body: BlockAction, msg: Messages): Promise<ReaderRequest> {
  const actor = actorFrom(body.user.id, body.user.team_id, body.enterprise?.id);
  return { deps, tx, principal: await resolvePrincipal(tx, actor, deps.config.bootstrapAdmins), msg };
}

type ButtonHandler = (args: ButtonArgs, referralId: number, msg: Messages) => Promise<void>;

export function registerActions(app: App, deps: Deps, clients: SlackClients, homes: HomePublisher): void {
  const onButton = (handler: ButtonHandler) => async (original: ButtonArgs) => {
    // Acknowledge exactly once, whether the handler got that far or failed first.
    let acked = false;
    const ack = async () => {
      if (acked) return;
      acked = true;
      await original.ack();
    };
    const args = { ...original, ack } as ButtonArgs;
    const { body, action, respond } = args;
    const actor = actorFrom(body.user.id, body.user.team_id, body.enterprise?.id);
    // The clicker reads the answers and forms in their own language; the card stays in its agency's.
    const msg = messagesFor(await clients.languageOf(actor.teamId, actor.userId));
    const referralId = parseButtonValue(action.value);
    const context = { action: action.action_id, team: actor.teamId, user: actor.userId };
    if (referralId === null) {
      await ack();
      deps.logger.warn('malformed button value', context);
      return;
    }
    try {
      await handler(args, referralId, msg);
    } catch (error) {
      await ack();
      if (error instanceof RepeatedRequest) {
        deps.logger.warn('repeated request dropped', context);
        return;
      }
      const text = userMessageFor(error, msg, deps.logger, { ...context, referral: referralId });
      // A click on App Home has no response_url: the answer goes to the person's DM with Liaison.
      if (body.container?.type === 'view') await args.client.chat.postMessage({ channel: body.user.id, text });
      else await respond({ response_type: 'ephemeral', replace_original: false, text });
      // A click on a state that has passed shows the card out of step: draw it as it is now.
      if (error instanceof AppError && error.code === 'already_handled') await redrawStaleCard(referralId, clickedMessage(body));
    }
  };

  const redrawStaleCard = async (referralId: number, clicked: ClickedMessage | undefined) => {
    const referral = await deps.db.read((tx) => findReferral(tx, referralId));
    if (referral) await redrawAfterClick(deps, clients, referral, clicked);
  };

  const accept = onButton(async ({ ack, body }, referralId, msg) => {
    const { referral } = await handleOnce(deps, body, async (tx) => {
      const request = await requestFor(deps, tx, body, msg);
      await transitionReferral(request, referralId, 'accept');
      // Only a click that was allowed to act on the referral may say where its card is.
      await adoptClickedCard(tx, body, referralId);
      return { referral: await requireReferral(tx, referralId) };
    });
    await ack();
    await redrawAfterClick(deps, clients, referral, clickedMessage(body));
    await sendQueuedDirectMessagesFor(deps, clients, referral.id);
    await homes.refreshForReferral(referral);
  });

  // Decline, Close and Withdraw ask for a reason or an outcome first; the click is checked before the form opens.
  const openForm = (build: typeof buildDeclineModal, transition: 'decline' | 'close' | 'withdraw') =>
    onButton(async ({ ack, client, body }, referralId, msg) => {
      const { referral } = await handleOnce(deps, body, async (tx) => {
        const request = await requestFor(deps, tx, body, msg);
        const found = await requireReferral(tx, referralId);
        checkCanTransition(request, found, transition);
        await adoptClickedCard(tx, body, referralId);
        return { referral: found };
      });
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: build(referral, msg, JSON.stringify({ referral: referral.id, card: clickedMessage(body) })) });
    });
  const handlers = new Map([
    [IDS.referralCard.accept, accept],
    [IDS.referralCard.decline, openForm(buildDeclineModal, 'decline')],
    [IDS.referralCard.close, openForm(buildCloseModal, 'close')],
    [IDS.referralCard.withdraw, openForm(buildWithdrawModal, 'withdraw')],
  ]);
  // One listener for the card's buttons: Bolt runs every listener's middleware for every request.
  app.action<BlockAction<ButtonAction>>(new RegExp(`^(${[...handlers.keys()].join('|')})$`), (args) =>
    handlers.get(args.action.action_id as (typeof IDS.referralCard)['accept'])!(args),
  );
}
