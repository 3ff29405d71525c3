// The one error type the domain throws: a code for logs and tests, and the problem as data (which
// problem, with what parameters). The domain has no words: whoever answers the person (the Slack
// adapter, the CLI, the sandbox) renders the problem in the reader's language (the catalogue's problem renderers).
import type { PersonalDataKind } from './data-guard.js';
import type { FreeTextField } from './free-text.js';
import type { Action } from './permissions.js';
import type { Referral } from './referrals.js';

export type AppErrorCode =
  | 'invalid_input'
  | 'forbidden'
  | 'not_registered'
  | 'not_found'
  | 'conflict'
  | 'data_guard'
  | 'already_handled'
  | 'rate_limited'
  | 'unavailable';

/** Every problem a person can be told of, with what its sentence needs. */
export type Problem =
  | { problem: 'notRegistered' }
  | { problem: 'forbidden'; action: Action; own: string }
  | { problem: 'rateLimited'; seconds: number }
  | { problem: 'internal' }
  | { problem: 'agencyUnknown'; code: string }
  | { problem: 'agencyExists'; code: string }
  | { problem: 'onlyAdminsGrantAdmin' }
  | { problem: 'memberElsewhere'; userId: string; agencyCode: string }
  | { problem: 'operationUnknown'; code: string }
  | { problem: 'operationUnknownId'; id: number }
  | { problem: 'operationExists'; code: string }
  | { problem: 'operationClosed'; code: string }
  | { problem: 'endBeforeStart' }
  | { problem: 'notInvited'; agencyCode: string; operationCode: string; leadAgencyCode: string }
  | { problem: 'nameAgency' }
  | { problem: 'notJoined'; agencyCode: string; operationCode: string }
  | { problem: 'acceptedNeedsOffered' }
  | { problem: 'nowOutsideDates'; operationCode: string; startDate: string; endDate: string }
  | { problem: 'atOutsideDates'; operationCode: string; startDate: string; endDate: string }
  | { problem: 'atInFuture' }
  | { problem: 'noOperations' }
  | { problem: 'notRecentEngagement'; ref: string }
  | { problem: 'referralUnknown'; ref: string }
  | { problem: 'engagementUnknown'; ref: string }
  | { problem: 'noConsent' }
  | { problem: 'noIntake'; agencyCode: string }
  | { problem: 'duplicateReferral'; engagementRef: string; agencyCode: string; openRef: string; status: string }
  | { problem: 'alreadyHandled'; referral: Referral }
  | { problem: 'reasonRequired' }
  | { problem: 'withdrawalReasonRequired' }
  | { problem: 'noEngagementsYet' }
  | { problem: 'noReceivingAgencies' }
  | { problem: 'noDigestChannel'; operationCode: string }
  | { problem: 'personalData'; field: FreeTextField; kind: PersonalDataKind }
  | { problem: 'tooLong'; field: FreeTextField; limit: number }
  /** A command's arguments refused: the commands layer lists the problems and the usage, in the reader's words. */
  | { problem: 'badArguments'; problems: string[]; usage: string };

export type ProblemName = Problem['problem'];
export type ProblemOf<P extends ProblemName> = Extract<Problem, { problem: P }>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly problem: Problem;
  /** The input field the problem is in, when there is one (a form shows the message under it). */
  readonly field: string | undefined;

  constructor(code: AppErrorCode, problem: Problem, options?: { cause?: unknown; field?: string }) {
    super(`${code}: ${problem.problem}`, options);
    this.name = 'AppError';
    this.code = code;
    this.problem = problem;
    this.field = options?.field;
  }
}
