// A domain problem in the reader's words: one renderer per problem, each a sentence of the reader's
// catalogue. The mapped type makes TypeScript refuse a problem without a rendering; every catalogue
// has the same keys (fr is `Messages`), so each problem renders in every language.
import type { Problem, ProblemName, ProblemOf } from '../domain/errors.js';
import type { Messages } from './en.js';

const RENDERERS: { readonly [P in ProblemName]: (p: ProblemOf<P>, msg: Messages) => string } = {
  notRegistered: (_, msg) => msg.errors.notRegistered,
  forbidden: (p, msg) => msg.forbidden[p.action](p.own),
  rateLimited: (p, msg) => msg.errors.rateLimited(p.seconds),
  internal: (_, msg) => msg.errors.internal,
  agencyUnknown: (p, msg) => msg.agency.unknown(p.code),
  agencyExists: (p, msg) => msg.agency.exists(p.code),
  onlyAdminsGrantAdmin: (_, msg) => msg.agency.onlyAdminsGrantAdmin,
  memberElsewhere: (p, msg) => msg.agency.memberElsewhere(p.userId, p.agencyCode),
  operationUnknown: (p, msg) => msg.op.unknown(p.code),
  operationUnknownId: (p, msg) => msg.op.unknownId(p.id),
  operationExists: (p, msg) => msg.op.exists(p.code),
  operationClosed: (p, msg) => msg.op.closed(p.code),
  endBeforeStart: (_, msg) => msg.op.endBeforeStart,
  notInvited: (p, msg) => msg.op.notInvited(p.agencyCode, p.operationCode, p.leadAgencyCode),
  nameAgency: (_, msg) => msg.record.nameAgency,
  notJoined: (p, msg) => msg.record.notJoined(p.agencyCode, p.operationCode),
  acceptedNeedsOffered: (_, msg) => msg.engage.acceptedNeedsOffered,
  nowOutsideDates: (p, msg) => msg.engage.nowOutsideDates(p.operationCode, p.startDate, p.endDate),
  atOutsideDates: (p, msg) => msg.engage.atOutsideDates(p.operationCode, p.startDate, p.endDate),
  atInFuture: (_, msg) => msg.engage.atInFuture,
  noOperations: (_, msg) => msg.engage.noOperations,
  notRecentEngagement: (p, msg) => msg.engage.notRecentEngagement(p.ref),
  referralUnknown: (p, msg) => msg.referral.unknown(p.ref),
  engagementUnknown: (p, msg) => msg.referral.unknownEngagement(p.ref),
  noConsent: (_, msg) => msg.referral.noConsent,
  noIntake: (p, msg) => msg.referral.noIntake(p.agencyCode),
  duplicateReferral: (p, msg) => msg.referral.duplicate(p.engagementRef, p.agencyCode, p.openRef, p.status),
  alreadyHandled: (p, msg) => msg.referral.alreadyHandled(p.referral),
  reasonRequired: (_, msg) => msg.referral.reasonRequired,
  withdrawalReasonRequired: (_, msg) => msg.referral.withdrawalReasonRequired,
  noEngagementsYet: (_, msg) => msg.referral.noEngagementsYet,
  noReceivingAgencies: (_, msg) => msg.referral.noReceivingAgencies,
  noDigestChannel: (p, msg) => msg.digest.noChannel(p.operationCode),
  personalData: (p, msg) => msg.dataGuard.refused(p.field, p.kind),
  tooLong: (p, msg) => msg.dataGuard.tooLong(p.field, p.limit),
  badArguments: (p, msg) => msg.parse.problems(p.problems, p.usage),
};

/** The problem's sentence in the reader's catalogue. */
export function renderProblem(problem: Problem, msg: Messages): string {
  return (RENDERERS[problem.problem] as (p: Problem, msg: Messages) => string)(problem, msg);
}

/** The names of every problem (for the test that renders each in every catalogue). */
export const PROBLEM_NAMES = Object.keys(RENDERERS) as ProblemName[];
