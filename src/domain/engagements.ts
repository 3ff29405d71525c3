// Engagements (E-n): one person met during an operation, described without identifying them.
import { insertEngagement } from '../../db/queries/engagements.js';
import type { AGE_BANDS, GENDERS } from '../../db/vocabulary.js';
import { type Agency, requireAgency } from './agencies.js';
import { appendAudit } from './audit.js';
import { nowMs, type RequestContext } from './context.js';
import { AppError } from './errors.js';
import { checkFreeText } from './free-text.js';
import { type Operation, joinedAgencyIds, requireOpenOperation } from './operations.js';
import { authorize } from './permissions.js';
import { formatRef } from './references.js';
import { addDays, fromLocal } from './time.js';

export type AgeBand = (typeof AGE_BANDS)[number];
export type Gender = (typeof GENDERS)[number];

export interface LogEngagementInput {
  operationCode: string;
  ageBand: AgeBand;
  gender: Gender;
  offered: boolean;
  accepted: boolean;
  safetyEnsured?: boolean;
  agencyCode?: string;
  area?: string;
  language?: string;
  /** Local `YYYY-MM-DDTHH:MM` in the operation's zone; now when absent. */
  at?: string;
  note?: string;
}

export interface LoggedEngagement {
  id: number;
  ref: string;
  minor: boolean;
  /** The person accepted support: a referral is the natural next step. */
  accepted: boolean;
  operation: Operation;
  agency: Agency;
}

const GRACE_DAYS = 1;
/** Clocks on phones drift; a record a few minutes ahead is not an error, an hour is. */
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;

/** The agency a record is logged for: `agency=` or the caller's own, which must have joined. */
export async function recordingAgency(ctx: RequestContext, operation: Operation, agencyCode: string | undefined): Promise<Agency> {
  const { tx } = ctx;
  const code = agencyCode ?? ctx.principal.agencyCode;
  if (!code) {
    // Unregistered people are refused by the permission check; an admin without an agency must name one.
    authorize(ctx.principal, 'record', { agencyId: null, joinedAgencyIds: [] });
    throw new AppError('invalid_input', { problem: 'nameAgency' });
  }
  const agency = await requireAgency(tx, code);
  const joined = await joinedAgencyIds(tx, operation.id);
  authorize(ctx.principal, 'record', { agencyId: agency.id, joinedAgencyIds: joined });
  if (!joined.includes(agency.id)) throw new AppError('forbidden', { problem: 'notJoined', agencyCode: agency.code, operationCode: operation.code });
  return agency;
}

export async function logEngagement(ctx: RequestContext, input: LogEngagementInput): Promise<LoggedEngagement> {
  const { tx, principal } = ctx;
  const operation = await requireOpenOperation(tx, input.operationCode);
  const agency = await recordingAgency(ctx, operation, input.agencyCode);
  if (input.accepted && !input.offered) throw new AppError('invalid_input', { problem: 'acceptedNeedsOffered' });
  const area = await checkFreeText(ctx, 'area', input.area);
  const note = await checkFreeText(ctx, 'note', input.note);
  const now = nowMs(ctx);
  const occurredAt = input.at ? occurrenceTime(operation, input.at, now) : currentTime(operation, now);
  const minor = input.ageBand === 'under18';
  const id = await insertEngagement(tx, {
    operationId: operation.id,
    agencyId: agency.id,
    officerTeamId: principal.actor.teamId,
    officerUserId: principal.actor.userId,
    occurredAt,
    ageBand: input.ageBand,
    gender: input.gender,
    offered: input.offered,
    accepted: input.accepted,
    safetyEnsured: input.safetyEnsured ?? false,
    area: area ?? null,
    language: input.language ?? null,
    note: note ?? null,
    createdAt: now,
  });
  const ref = formatRef('E', id);
  await appendAudit(tx, {
    actor: principal.actor,
    action: 'engagement.log',
    ref,
    detail: { operation: operation.code, agency: agency.code, minor, accepted: input.accepted },
    at: now,
  });
  return { id, ref, minor, accepted: input.accepted, operation, agency };
}

/**
 * Without `at=` the engagement happened now, which must also fall within the operation's dates: a
 * record dated outside them would not count where it belongs, and past the retention period it
 * would lose its detail at once.
 */
function currentTime(operation: Operation, now: number): number {
  const [from, until] = recordingWindow(operation);
  if (now < from || now >= until) {
    throw new AppError('invalid_input', { problem: 'nowOutsideDates', operationCode: operation.code, startDate: operation.startDate, endDate: operation.endDate });
  }
  return now;
}

/** The instants the operation's days (with the day of grace each side) begin and end: cached, as
 * zone arithmetic is the costliest step of a request otherwise. */
const windows = new Map<string, [number, number]>();
function recordingWindow(operation: Operation): [number, number] {
  const key = `${operation.timezone}|${operation.startDate}|${operation.endDate}`;
  let window = windows.get(key);
  if (!window) {
    window = [
      fromLocal(addDays(operation.startDate, -GRACE_DAYS), '00:00', operation.timezone),
      fromLocal(addDays(operation.endDate, GRACE_DAYS + 1), '00:00', operation.timezone),
    ];
    if (windows.size > 1000) windows.clear();
    windows.set(key, window);
  }
  return window;
}

/** `at=` read in the operation's zone, within its dates with a day of grace, and not in the future. */
function occurrenceTime(operation: Operation, at: string, now: number): number {
  const [date, time] = at.split('T') as [string, string];
  const instant = fromLocal(date, time, operation.timezone);
  const earliest = addDays(operation.startDate, -GRACE_DAYS);
  const latest = addDays(operation.endDate, GRACE_DAYS);
  if (date < earliest || date > latest) {
    throw new AppError('invalid_input', { problem: 'atOutsideDates', operationCode: operation.code, startDate: operation.startDate, endDate: operation.endDate });
  }
  if (instant > now + FUTURE_TOLERANCE_MS) throw new AppError('invalid_input', { problem: 'atInFuture' });
  return instant;
}
