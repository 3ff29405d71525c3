// Referrals (R-n): the hand-over of a person who accepted help to a supporting agency, and its state
// machine: pending → accepted | declined; accepted → closed. Each transition is one conditional
// write, so a double click, two intake workers at once, or a retried request change it once.
import type { Db } from '../../db/client.js';
import { inTransaction, prepared } from '../../db/prepared.js';
import type { CLOSE_OUTCOMES, NEEDS, REFERRAL_STATUSES, URGENCIES } from '../../db/vocabulary.js';
import type { Actor } from './actor.js';
import { requireAgency } from './agencies.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { AppError } from './errors.js';
import { checkFreeText } from './free-text.js';
import { joinedAgencyIds } from './operations.js';
import { authorize } from './permissions.js';
import { formatRef } from './references.js';

export type Need = (typeof NEEDS)[number];
export type Urgency = (typeof URGENCIES)[number];
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** Everything the card, the DMs and the reminders show about a referral. */
export interface Referral {
  id: number;
  ref: string;
  engagementId: number;
  status: ReferralStatus;
  needs: Need[];
  urgency: Urgency;
  note: string | null;
  ageBand: string;
  area: string | null;
  language: string | null;
  operationCode: string;
  operationTimezone: string;
  fromAgencyCode: string;
  fromAgencyName: string;
  toAgencyId: number;
  toAgencyCode: string;
  intakeChannelId: string | null;
  intakeTeamId: string | null;
  referrer: Actor;
  createdAt: number;
  statusChangedAt: number;
  actor: Actor | null;
  declineReason: string | null;
  closeOutcome: CloseOutcome | null;
  cardChannelId: string | null;
  cardTeamId: string | null;
  cardTs: string | null;
  remindersSent: number;
}

interface ReferralRow extends Omit<Referral, 'ref' | 'needs' | 'referrer' | 'actor'> {
  needs: string;
  referrerTeamId: string;
  referrerUserId: string;
  actorTeamId: string | null;
  actorUserId: string | null;
}

const REFERRAL_SELECT = `
  SELECT r.id, r.engagement_id AS engagementId, r.status, r.needs, r.urgency, r.note,
         e.age_band AS ageBand, e.area, e.language, o.code AS operationCode, o.timezone AS operationTimezone,
         fa.code AS fromAgencyCode, fa.name AS fromAgencyName,
         r.to_agency_id AS toAgencyId, ta.code AS toAgencyCode,
         ta.intake_channel_id AS intakeChannelId, ta.intake_team_id AS intakeTeamId,
         r.referrer_team_id AS referrerTeamId, r.referrer_user_id AS referrerUserId,
         r.created_at AS createdAt, r.status_changed_at AS statusChangedAt,
         r.actor_team_id AS actorTeamId, r.actor_user_id AS actorUserId,
         r.decline_reason AS declineReason, r.close_outcome AS closeOutcome,
         r.card_channel_id AS cardChannelId, r.card_team_id AS cardTeamId, r.card_ts AS cardTs,
         r.reminders_sent AS remindersSent
  FROM referrals r
  JOIN engagements e ON e.id = r.engagement_id
  JOIN operations o ON o.id = e.operation_id
  JOIN agencies fa ON fa.id = r.from_agency_id
  JOIN agencies ta ON ta.id = r.to_agency_id`;

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

export function findReferral(db: Db, id: number): Referral | undefined {
  const row = prepared<[number], ReferralRow>(db, `${REFERRAL_SELECT} WHERE r.id = ?`).get(id);
  return row ? toReferral(row) : undefined;
}

export function requireReferral(db: Db, id: number, ctx: Pick<RequestContext, 'msg'>): Referral {
  const referral = findReferral(db, id);
  if (!referral) throw new AppError('not_found', ctx.msg.referral.unknown(formatRef('R', id)));
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

export function createReferral(ctx: RequestContext, input: CreateReferralInput): Referral {
  const { db } = ctx.deps;
  const { msg, principal } = ctx;
  if (!input.consent) throw new AppError('invalid_input', msg.referral.noConsent);
  const engagement = prepared<[number], { id: number; operation_id: number; agency_id: number }>(
    db,
    'SELECT id, operation_id, agency_id FROM engagements WHERE id = ?',
  ).get(input.engagementId);
  if (!engagement) throw new AppError('not_found', msg.referral.unknownEngagement(formatRef('E', input.engagementId)));
  // A referral is made by the agency that met the person, under the same rule as logging records.
  authorize(principal, 'record', { agencyId: engagement.agency_id, joinedAgencyIds: joinedAgencyIds(db, engagement.operation_id) }, msg);
  const to = requireAgency(db, input.toAgencyCode, msg);
  if (!to.intakeChannelId) throw new AppError('invalid_input', msg.referral.noIntake(to.code));
  const note = checkFreeText('note', input.note, msg);
  const now = nowMs(ctx);
  const id = inTransaction(db, () => {
    const { lastInsertRowid } = prepared(
      db,
      `INSERT INTO referrals (engagement_id, from_agency_id, to_agency_id, referrer_team_id, referrer_user_id, needs, urgency,
         consent, note, status, created_at, status_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 'pending', ?, ?)`,
    ).run(engagement.id, engagement.agency_id, to.id, principal.actor.teamId, principal.actor.userId, input.needs.join(','), input.urgency, note ?? null, now, now);
    const referralId = Number(lastInsertRowid);
    recordEvent(db, referralId, null, 'pending', principal.actor, now);
    appendAudit(db, {
      actor: principal.actor,
      action: 'referral.create',
      ref: formatRef('R', referralId),
      detail: { engagement: formatRef('E', engagement.id), to: to.code, needs: input.needs, urgency: input.urgency, consent: true },
      at: now,
    });
    return referralId;
  });
  return findReferral(db, id)!;
}

function recordEvent(db: Db, referralId: number, from: ReferralStatus | null, to: ReferralStatus, actor: Actor, at: number): void {
  prepared(
    db,
    'INSERT INTO referral_events (referral_id, from_status, to_status, actor_team_id, actor_user_id, at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(referralId, from, to, actor.teamId, actor.userId, at);
}

/** The transitions the state machine allows, and which state each starts from. */
const TRANSITIONS = {
  accept: { from: 'pending', to: 'accepted' },
  decline: { from: 'pending', to: 'declined' },
  close: { from: 'accepted', to: 'closed' },
} as const satisfies Record<string, { from: ReferralStatus; to: ReferralStatus }>;
export type Transition = keyof typeof TRANSITIONS;

/** Refuses people outside the receiving agency and transitions that already happened. */
export function checkCanTransition(ctx: RequestContext, referral: Referral, transition: Transition): void {
  authorize(ctx.principal, 'referral.act', { agencyId: referral.toAgencyId }, ctx.msg);
  if (referral.status !== TRANSITIONS[transition].from) throw alreadyHandled(ctx, referral);
}

function alreadyHandled(ctx: RequestContext, referral: Referral): AppError {
  return new AppError('already_handled', ctx.msg.referral.alreadyHandled(referral));
}

export function transitionReferral(
  ctx: RequestContext,
  referralId: number,
  transition: Transition,
  detail: { reason?: string; outcome?: CloseOutcome } = {},
): Referral {
  const { db } = ctx.deps;
  const { principal, msg } = ctx;
  const referral = requireReferral(db, referralId, ctx);
  checkCanTransition(ctx, referral, transition);
  const reason = transition === 'decline' ? checkFreeText('reason', detail.reason, msg) : undefined;
  if (transition === 'decline' && !reason) throw new AppError('invalid_input', msg.referral.reasonRequired, { field: 'reason' });
  const { from, to } = TRANSITIONS[transition];
  const now = nowMs(ctx);
  inTransaction(db, () => {
    // The conditional write is the whole guarantee: of any number of concurrent clicks, one changes a row.
    const { changes } = prepared(
      db,
      `UPDATE referrals SET status = @to, status_changed_at = @now, actor_team_id = @team, actor_user_id = @user,
         decline_reason = coalesce(@reason, decline_reason), close_outcome = coalesce(@outcome, close_outcome), reminders_sent = 0
       WHERE id = @id AND status = @from`,
    ).run({
      to,
      from,
      now,
      team: principal.actor.teamId,
      user: principal.actor.userId,
      reason: reason ?? null,
      outcome: detail.outcome ?? null,
      id: referralId,
    });
    if (changes !== 1) throw alreadyHandled(ctx, findReferral(db, referralId)!);
    recordEvent(db, referralId, from, to, principal.actor, now);
    appendAudit(db, {
      actor: principal.actor,
      action: `referral.${transition}`,
      ref: referral.ref,
      detail: { to: referral.toAgencyCode, ...(detail.outcome ? { outcome: detail.outcome } : {}) },
      at: now,
    });
  });
  return findReferral(db, referralId)!;
}

/** Records where the card was posted, so later transitions update it in place. */
export function recordCardPosted(db: Db, referralId: number, channelId: string, teamId: string | null, ts: string): void {
  prepared(db, 'UPDATE referrals SET card_channel_id = ?, card_team_id = ?, card_ts = ? WHERE id = ? AND card_ts IS NULL').run(
    channelId,
    teamId,
    ts,
    referralId,
  );
}

/** Referrals whose card has not been posted yet (the post failed, or the process stopped first). */
export function referralsAwaitingCard(db: Db, limit = 20): number[] {
  return prepared<[number], number>(db, 'SELECT id FROM referrals WHERE card_ts IS NULL ORDER BY id LIMIT ?').pluck().all(limit);
}

/** The engagements a person logged most recently, for the /refer form. */
export function recentEngagementsOf(db: Db, actor: Actor, limit = 25): Array<{ id: number; operationCode: string; ageBand: string; area: string | null; occurredAt: number }> {
  return prepared<[string, string, number], { id: number; operationCode: string; ageBand: string; area: string | null; occurredAt: number }>(
    db,
    `SELECT e.id, o.code AS operationCode, e.age_band AS ageBand, e.area, e.occurred_at AS occurredAt
     FROM engagements e JOIN operations o ON o.id = e.operation_id
     WHERE e.officer_team_id = ? AND e.officer_user_id = ? ORDER BY e.id DESC LIMIT ?`,
  ).all(actor.teamId, actor.userId, limit);
}

/** Agencies that can receive referrals (they have an intake channel). */
export function receivingAgencies(db: Db): Array<{ code: string; name: string }> {
  return prepared<[], { code: string; name: string }>(
    db,
    'SELECT code, name FROM agencies WHERE intake_channel_id IS NOT NULL ORDER BY code LIMIT 100',
  ).all();
}
