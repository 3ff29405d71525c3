// Modal submissions: validate the state and private_metadata with zod, call the domain, answer on
// the modal itself. A refusal tied to one field is shown under that field; any other refusal
// replaces the form with the explanation. Nothing is half-stored; slow work runs after the answer.
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { engagementReply, ZLanguage } from '../../commands/engage.js';
import { AGE_BANDS, CLOSE_OUTCOMES, GENDERS, NEEDS, URGENCIES, WITHDRAWAL_REASONS } from '../../db/vocabulary.js';
import { buildDoneModal } from '../blocks/engage-modal.js';
import { engagementNextSteps } from '../blocks/next-steps.js';
import type { Deps } from '../deps.js';
import type { ReaderRequest } from '../../commands/shared/context.js';
import { logEngagement } from '../domain/engagements.js';
import { AppError } from '../domain/errors.js';
import { resolvePrincipal } from '../domain/permissions.js';
import { createReferral, type Referral, transitionReferral } from '../domain/referrals.js';
import { type Messages, messagesFor } from '../i18n/index.js';
import type { SlackClients } from './clients.js';
import type { EffectRunner } from './effects.js';
import { userMessageFor } from './errors.js';
import { IDS } from './ids.js';
import { parseTypedJson } from './typed-json.js';
import { actorFrom } from './identity.js';
import type { HomePublisher } from './home.js';
import { redrawAfterClick } from './card-delivery.js';
import { tellIntakeOfWithdrawal } from './reminder-delivery.js';
import { sendQueuedDirectMessagesFor } from './direct-messages.js';
import { handleOnce, RepeatedRequest } from './requests.js';
import { fieldValue, fieldValues, type TViewState, ZViewState } from './view-state.js';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

interface Submission {
  request: ReaderRequest;
  state: TViewState;
  privateMetadata: string;
}

type Outcome =
  /** Problems shown under the named blocks; the form stays open. */
  | { errors: Record<string, string> }
  /** The form is replaced by a confirmation; `after` runs once Slack has its answer. */
  | { done: { title: string; text: string; next?: KnownBlock }; after?: () => Promise<void> }
  /** The form closes; `after` runs once Slack has its answer. */
  | { close: true; after?: () => Promise<void> };

type Submit = (submission: Submission) => Promise<Outcome>;

const ZYesNoField = z.enum(['yes', 'no']).transform((v) => v === 'yes');
// Built once: zod compiles a schema on its first parse.
const ZEngageForm = z.object({
  operation: z.string().min(1),
  age: z.enum(AGE_BANDS),
  gender: z.enum(GENDERS),
  offered: ZYesNoField,
  accepted: ZYesNoField,
  language: ZLanguage.optional(),
});
const ZReferForm = z.object({
  engagement: z.coerce.number().int().positive(),
  to: z.string().min(1),
  needs: z.array(z.enum(NEEDS)).min(1),
  urgency: z.enum(URGENCIES),
  consent: z.literal(true),
});
const ZReferralMetadata = z.object({
  referral: z.number().int().positive(),
  /** The copy of the card the form was opened from, updated too. */
  card: z.object({ channel: z.string().max(30), ts: z.string().max(30) }).optional(),
});

/** The first missing or bad field of a zod result, as an error under its block. */
function fieldError(error: z.ZodError, blocks: Record<string, string>, msg: Messages): { errors: Record<string, string> } {
  const field = String(error.issues[0]?.path[0] ?? '');
  const block = blocks[field] ?? Object.values(blocks)[0]!;
  return { errors: { [block]: field === 'language' ? msg.engage.modal.languageHint : msg.engage.modal.required } };
}

export function registerViews(app: App, deps: Deps, runEffects: EffectRunner, clients: SlackClients, homes: HomePublisher): void {
  const handlers = new Map<string, (args: ViewArgs) => Promise<void>>();
  const register = (callbackId: string, blockForField: Record<string, string>, submit: Submit) =>
    handlers.set(callbackId, submissionHandler(deps, clients, callbackId, blockForField, submit));
  const F = IDS.engageModal;
  register(F.callbackId, { area: F.area, note: F.note }, async ({ request, state }) => {
    const blocks = { operation: F.operation, age: F.age, gender: F.gender, offered: F.offered, accepted: F.accepted, language: F.language };
    const parsed = ZEngageForm.safeParse({
      operation: fieldValue(state, F.operation),
      age: fieldValue(state, F.age),
      gender: fieldValue(state, F.gender),
      offered: fieldValue(state, F.offered),
      accepted: fieldValue(state, F.accepted),
      language: fieldValue(state, F.language) || undefined,
    });
    if (!parsed.success) return fieldError(parsed.error, blocks, request.msg);
    const logged = await logEngagement(request, {
      operationCode: parsed.data.operation,
      ageBand: parsed.data.age,
      gender: parsed.data.gender,
      offered: parsed.data.offered,
      accepted: parsed.data.accepted,
      safetyEnsured: fieldValues(state, F.safety).includes('yes'),
      area: fieldValue(state, F.area),
      language: parsed.data.language,
      note: fieldValue(state, F.note),
    });
    const reply = engagementReply(logged, request.msg, request.principal.actor);
    return {
      done: { title: logged.ref, text: reply.text, next: engagementNextSteps(logged, request.msg) },
      after: () => homes.refresh([request.principal.actor]),
    };
  });

  const R = IDS.referModal;
  register(R.callbackId, { note: R.note }, async ({ request, state }) => {
    const blocks = { engagement: R.engagement, to: R.to, needs: R.needs, urgency: R.urgency, consent: R.consent };
    const parsed = ZReferForm.safeParse({
      engagement: fieldValue(state, R.engagement),
      to: fieldValue(state, R.to),
      needs: fieldValues(state, R.needs),
      urgency: fieldValue(state, R.urgency),
      consent: fieldValues(state, R.consent).includes('yes'),
    });
    if (!parsed.success) return fieldError(parsed.error, blocks, request.msg);
    const referral = await createReferral(request, {
      engagementId: parsed.data.engagement,
      toAgencyCode: parsed.data.to,
      needs: parsed.data.needs,
      urgency: parsed.data.urgency,
      consent: parsed.data.consent,
      note: fieldValue(state, R.note),
    });
    return {
      done: { title: referral.ref, text: request.msg.referral.created(referral) },
      after: () =>
        runEffects([{ type: 'post_referral_card', referralId: referral.id }], {
          actor: request.principal.actor,
          msg: request.msg,
          respond: async (text) => (await clients.forTeam(request.principal.actor.teamId)).chat.postMessage({ channel: request.principal.actor.userId, text }),
        }),
    };
  });

  const transitionForm = (callbackId: string, build: (s: Submission, referralId: number) => Promise<{ errors: Record<string, string> } | Referral>) =>
    register(callbackId, { reason: IDS.declineModal.reason }, async (submission) => {
      const metadata = parseTypedJson(ZReferralMetadata, submission.privateMetadata);
      if (!metadata) throw new AppError('invalid_input', { problem: 'internal' });
      const result = await build(submission, metadata.referral);
      if ('errors' in result) return result;
      const referral = result;
      return {
        close: true,
        after: async () => {
          await redrawAfterClick(deps, clients, referral, metadata.card);
          await tellIntakeOfWithdrawal(deps, clients, referral.id);
          await sendQueuedDirectMessagesFor(deps, clients, referral.id);
          await homes.refreshForReferral(referral);
        },
      };
    });

  transitionForm(IDS.declineModal.callbackId, async ({ request, state }, referralId) =>
    transitionReferral(request, referralId, 'decline', { reason: fieldValue(state, IDS.declineModal.reason) }),
  );
  transitionForm(IDS.closeModal.callbackId, async ({ request, state }, referralId) => {
    const outcome = z.enum(CLOSE_OUTCOMES).safeParse(fieldValue(state, IDS.closeModal.outcome));
    if (!outcome.success) return { errors: { [IDS.closeModal.outcome]: request.msg.engage.modal.required } };
    return transitionReferral(request, referralId, 'close', { outcome: outcome.data });
  });
  transitionForm(IDS.withdrawModal.callbackId, async ({ request, state }, referralId) => {
    const reason = z.enum(WITHDRAWAL_REASONS).safeParse(fieldValue(state, IDS.withdrawModal.reason));
    if (!reason.success) return { errors: { [IDS.withdrawModal.reason]: request.msg.referral.withdrawalReasonRequired } };
    return transitionReferral(request, referralId, 'withdraw', { withdrawalReason: reason.data });
  });

  // One listener for every form: Bolt runs every listener's middleware for every request.
  app.view<ViewSubmitAction>(new RegExp(`^(${[...handlers.keys()].join('|')})$`), (args) => handlers.get(args.view.callback_id)!(args));
}

/** One submission handler: parse, run, answer once, then the work that may wait. */
function submissionHandler(
  deps: Deps,
  clients: SlackClients,
  callbackId: string,
  blockForField: Record<string, string>,
  submit: Submit,
): (args: ViewArgs) => Promise<void> {
  return async ({ ack, body, view }: ViewArgs) => {
    const actor = actorFrom(body.user.id, body.user.team_id, body.enterprise?.id);
    const msg = messagesFor(await clients.languageOf(actor.teamId, actor.userId));
    const context = { view: callbackId, team: actor.teamId, user: actor.userId };
    const failed = (text: string) => ack({ response_action: 'update', view: buildDoneModal(msg.errors.title, text, msg) });
    const state = ZViewState.safeParse(view.state?.values ?? {});
    if (!state.success) {
      deps.logger.warn('malformed view state', context);
      await failed(msg.errors.internal);
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await handleOnce(deps, body, async (tx) => {
        const request = { deps, tx, principal: await resolvePrincipal(tx, actor, deps.config.bootstrapAdmins), msg };
        return submit({ request, state: state.data, privateMetadata: view.private_metadata ?? '' });
      });
    } catch (error) {
      if (error instanceof RepeatedRequest) {
        deps.logger.warn('repeated request dropped', context);
        await ack();
        return;
      }
      const text = userMessageFor(error, msg, deps.logger, context);
      const block = error instanceof AppError && error.field ? blockForField[error.field] : undefined;
      if (block) await ack({ response_action: 'errors', errors: { [block]: text.slice(0, 150) } });
      else await failed(text);
      return;
    }
    if ('errors' in outcome) {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    if ('done' in outcome) await ack({ response_action: 'update', view: buildDoneModal(outcome.done.title, outcome.done.text, msg, outcome.done.next) });
    else await ack();
    try {
      await outcome.after?.();
    } catch (error) {
      deps.logger.error('work after a submission failed', { ...context, error });
    }
  };
}
