// Referrals (R-n): the hand-over of a person who accepted help to a supporting agency, and its state
// machine: pending → accepted | declined; accepted → closed. Each transition is one conditional
// write, so a double click, two intake workers at once, or a retried request change it once.
import type { Tx } from '../../db/database.js';
import { insertDirectMessages } from '../../db/queries/direct-messages.js';
import { findEngagement, listRecentEngagementsOf, type RecentEngagement } from '../../db/queries/engagements.js';
import { listReceivingAgencies } from '../../db/queries/agencies.js';
import {
  type CloseOutcome,
  findOpenReferralOf,
  findReferralRow,
  insertReferral,
  insertReferralEvent,
  listReferralsOfEngagements,
  type Need,
  type ReferralRow,
  type ReferralStatus,
  transitionReferralRow,
  type Urgency,
  type WithdrawalReason,
} from '../../db/queries/referrals.js';
import type { Actor } from './actor.js';
import { requireAgency } from './agencies.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { AppError } from './errors.js';
import { checkFreeText } from './free-text.js';
import { joinedAgencyIds } from './operations.js';
import { type Action, authorize, type Target } from './permissions.js';
import { formatRef } from './references.js';

export type { CloseOutcome, Need, ReferralStatus, Urgency, WithdrawalReason } from '../../db/queries/referrals.js';

/** Everything the card, the DMs and the reminders show about a referral: its row, with people as actors. */
export interface Referral extends Omit<ReferralRow, 'needs' | 'referrerTeamId' | 'referrerUserId' | 'actorTeamId' | 'actorUserId'> {
  ref: string;
  needs: Need[];
  referrer: Actor;
  actor: Actor | null;
}

function toReferral(row: ReferralRow): Referral {
  const { referrerTeamId, referrerUserId, actorTeamId, actorUserId, needs, ...rest } = row;
  return {
    ...rest,
    ref: formatRef('R', row.id),
    needs: needs.split(',') as Need[],
    referrer: { teamId: referrerTeamId, userId: referrerUserId },
    actor: actorTeamId && actorUserId ? { teamId: actorTeamId, userId: actorUserId } : null,
  };
}

export async function findReferral(tx: Tx, id: number): Promise<Referral | undefined> {
  const row = await findReferralRow(tx, id);
  return row ? toReferral(row) : undefined;
}

export async function requireReferral(tx: Tx, id: number): Promise<Referral> {
  const referral = await findReferral(tx, id);
  if (!referral) throw new AppError('not_found', { problem: 'referralUnknown', ref: formatRef('R', id) });
  return referral;
}

export interface CreateReferralInput {
  engagementId: number;
  toAgencyCode: string;
  needs: Need[];
  urgency: Urgency;
  consent: boolean;
  note?: string;
}

export async function createReferral(ctx: RequestContext, input: CreateReferralInput): Promise<Referral> {
  const { tx, principal } = ctx;
  if (!input.consent) throw new AppError('invalid_input', { problem: 'noConsent' });
  const engagement = await findEngagement(tx, input.engagementId);
  if (!engagement) throw new AppError('not_found', { problem: 'engagementUnknown', ref: formatRef('E', input.engagementId) });
  // A referral is made by the agency that met the person, under the same rule as logging records.
  authorize(principal, 'record', { agencyId: engagement.agencyId, joinedAgencyIds: await joinedAgencyIds(tx, engagement.operationId) });
  const to = await requireAgency(tx, input.toAgencyCode);
  if (!to.intakeChannelId) throw new AppError('invalid_input', { problem: 'noIntake', agencyCode: to.code });
  await refuseDuplicate(ctx, engagement.id, to);
  const note = await checkFreeText(ctx, 'note', input.note);
  const now = nowMs(ctx);
  const id = await insertReferral(tx, {
    engagementId: engagement.id,
    operationId: engagement.operationId,
    fromAgencyId: engagement.agencyId,
    toAgencyId: to.id,
    referrerTeamId: principal.actor.teamId,
    referrerUserId: principal.actor.userId,
    needs: input.needs.join(','),
    urgency: input.urgency,
    note: note ?? null,
    createdAt: now,
  });
  await recordEvent(tx, id, null, 'pending', principal.actor, now);
  await appendAudit(tx, {
    actor: principal.actor,
    action: 'referral.create',
    ref: formatRef('R', id),
    detail: { engagement: formatRef('E', engagement.id), to: to.code, needs: input.needs, urgency: input.urgency, consent: true },
    at: now,
  });
  return (await findReferral(tx, id))!;
}

/**
 * One open referral per engagement and agency: a second would put the same person on the agency's
 * desk twice. The audit chain's lock (this transaction takes it anyway to append its audit row) is
 * taken before the check, so two instances referring at once cannot both find none.
 */
async function refuseDuplicate(ctx: RequestContext, engagementId: number, to: { id: number; code: string }): Promise<void> {
  await ctx.tx.serialize('audit');
  const open = await findOpenReferralOf(ctx.tx, engagementId, to.id);
  if (open) {
    throw new AppError('conflict', { problem: 'duplicateReferral', engagementRef: formatRef('E', engagementId), agencyCode: to.code, openRef: formatRef('R', open.id), status: open.status });
  }
}

function recordEvent(tx: Tx, referralId: number, from: ReferralStatus | null, to: ReferralStatus, actor: Actor, at: number): Promise<void> {
  return insertReferralEvent(tx, { referralId, fromStatus: from, toStatus: to, actorTeamId: actor.teamId, actorUserId: actor.userId, at });
}

/**
 * The transitions the state machine allows: the states each starts from, and who may make it. The
 * receiving agency answers a referral; the referring side may take back one that is still open.
 */
const TRANSITIONS = {
  accept: { from: ['pending'], to: 'accepted', right: 'referral.act' },
  decline: { from: ['pending'], to: 'declined', right: 'referral.act' },
  close: { from: ['accepted'], to: 'closed', right: 'referral.act' },
  withdraw: { from: ['pending', 'accepted'], to: 'withdrawn', right: 'referral.withdraw' },
} as const satisfies Record<string, { from: readonly ReferralStatus[]; to: ReferralStatus; right: Action }>;
export type Transition = keyof typeof TRANSITIONS;

/** What the permission table needs to know of a referral for a right. */
function targetOf(referral: Referral, right: Action): Target {
  return right === 'referral.withdraw' ? { agencyId: referral.fromAgencyId, madeBy: referral.referrer } : { agencyId: referral.toAgencyId };
}

/** Refuses people the permission table does not allow, and transitions that already happened. */
export function checkCanTransition(ctx: RequestContext, referral: Referral, transition: Transition): void {
  const { from, right } = TRANSITIONS[transition];
  authorize(ctx.principal, right, targetOf(referral, right));
  if (!(from as readonly ReferralStatus[]).includes(referral.status)) throw alreadyHandled(referral);
}

/** The referral as it is now carries who handled it, and when: the answer names them. */
function alreadyHandled(referral: Referral): AppError {
  return new AppError('already_handled', { problem: 'alreadyHandled', referral });
}

export interface TransitionDetail {
  reason?: string;
  outcome?: CloseOutcome;
  withdrawalReason?: WithdrawalReason;
}

export async function transitionReferral(ctx: RequestContext, referralId: number, transition: Transition, detail: TransitionDetail = {}): Promise<Referral> {
  const { tx, principal } = ctx;
  const referral = await requireReferral(tx, referralId);
  checkCanTransition(ctx, referral, transition);
  const reason = transition === 'decline' ? await checkFreeText(ctx, 'reason', detail.reason) : undefined;
  if (transition === 'decline' && !reason) throw new AppError('invalid_input', { problem: 'reasonRequired' }, { field: 'reason' });
  if (transition === 'withdraw' && !detail.withdrawalReason) throw new AppError('invalid_input', { problem: 'withdrawalReasonRequired' }, { field: 'reason' });
  const from = referral.status;
  const { to } = TRANSITIONS[transition];
  const now = nowMs(ctx);
  // The conditional write is the whole guarantee: of any number of concurrent clicks, one changes a
  // row (from the state just read, so the event records where it came from).
  const changed = await transitionReferralRow(tx, {
    id: referralId,
    from,
    to,
    at: now,
    actorTeamId: principal.actor.teamId,
    actorUserId: principal.actor.userId,
    ...(reason !== undefined ? { declineReason: reason } : {}),
    ...(detail.outcome !== undefined ? { closeOutcome: detail.outcome } : {}),
    ...(transition === 'withdraw' ? { withdrawalReason: detail.withdrawalReason } : {}),
  });
  if (!changed) throw alreadyHandled((await findReferral(tx, referralId))!);
  await recordEvent(tx, referralId, from, to, principal.actor, now);
  await appendAudit(tx, {
    actor: principal.actor,
    action: `referral.${transition}`,
    ref: referral.ref,
    detail: {
      to: referral.toAgencyCode,
      ...(detail.outcome ? { outcome: detail.outcome } : {}),
      ...(transition === 'withdraw' ? { from: referral.status, reason: detail.withdrawalReason } : {}),
    },
    at: now,
  });
  // The referrer is told, whatever Slack does afterwards: the message is owed from this commit on.
  await insertDirectMessages(tx, [{ ...referral.referrer, referralId, kind: 'referral_status', at: now }]);
  return (await findReferral(tx, referralId))!;
}

/** Whether the referral may still be withdrawn: what decides that its referrer is offered the button. */
export function isWithdrawable(referral: Referral): boolean {
  return (TRANSITIONS.withdraw.from as readonly ReferralStatus[]).includes(referral.status);
}

/** An engagement the /refer form offers, with the referrals already made of it (oldest first). */
export interface ReferableEngagement extends RecentEngagement {
  referrals: Array<{ toAgencyCode: string; status: ReferralStatus }>;
}

/** The engagements a person logged most recently, for the /refer form and App Home. */
export async function recentEngagementsOf(tx: Tx, actor: Actor, limit = 25): Promise<ReferableEngagement[]> {
  const engagements = await listRecentEngagementsOf(tx, actor, limit);
  const referrals = await listReferralsOfEngagements(
    tx,
    engagements.map((e) => e.id),
  );
  return engagements.map((e) => ({ ...e, referrals: referrals.filter((r) => r.engagementId === e.id) }));
}

/** Agencies that can receive referrals (they have an intake channel). */
export function receivingAgencies(tx: Tx): Promise<Array<{ code: string; name: string }>> {
  return listReceivingAgencies(tx, 100);
}
