// Every problem the domain can answer with renders, in every catalogue, as a non-empty sentence; an
// AppError is rendered by the adapter in the reader's language.
import { describe, expect, it } from 'vitest';
import { AppError, type ProblemName, type ProblemOf } from '../../src/domain/errors.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { PROBLEM_NAMES, renderProblem } from '../../src/i18n/problems.js';
import { createLogger } from '../../src/logger.js';
import { userMessageFor } from '../../src/slack/errors.js';
import { referral } from '../helpers/sample-referral.js';

const REFERRAL = referral({ status: 'accepted', actor: { teamId: 'T0TEAM', userId: 'U0INTAKE' } });

/** One sample per problem: the mapped type makes a new problem without a sample a type error. */
const SAMPLES: { [P in ProblemName]: ProblemOf<P> } = {
  notRegistered: { problem: 'notRegistered' },
  forbidden: { problem: 'forbidden', action: 'op.close', own: 'SPVM' },
  rateLimited: { problem: 'rateLimited', seconds: 30 },
  internal: { problem: 'internal' },
  agencyUnknown: { problem: 'agencyUnknown', code: 'NOPE' },
  agencyExists: { problem: 'agencyExists', code: 'SPVM' },
  onlyAdminsGrantAdmin: { problem: 'onlyAdminsGrantAdmin' },
  memberElsewhere: { problem: 'memberElsewhere', userId: 'U0OFFICER', agencyCode: 'SPVM' },
  operationUnknown: { problem: 'operationUnknown', code: 'NS17' },
  operationUnknownId: { problem: 'operationUnknownId', id: 999 },
  operationExists: { problem: 'operationExists', code: 'NS17' },
  operationClosed: { problem: 'operationClosed', code: 'NS17' },
  endBeforeStart: { problem: 'endBeforeStart' },
  notInvited: { problem: 'notInvited', agencyCode: 'CAVAC', operationCode: 'NS17', leadAgencyCode: 'GRC' },
  nameAgency: { problem: 'nameAgency' },
  notJoined: { problem: 'notJoined', agencyCode: 'CAVAC', operationCode: 'NS17' },
  acceptedNeedsOffered: { problem: 'acceptedNeedsOffered' },
  nowOutsideDates: { problem: 'nowOutsideDates', operationCode: 'NS17', startDate: '2017-10-10', endDate: '2017-10-16' },
  atOutsideDates: { problem: 'atOutsideDates', operationCode: 'NS17', startDate: '2017-10-10', endDate: '2017-10-16' },
  atInFuture: { problem: 'atInFuture' },
  noOperations: { problem: 'noOperations' },
  notRecentEngagement: { problem: 'notRecentEngagement', ref: 'E-12' },
  referralUnknown: { problem: 'referralUnknown', ref: 'R-5' },
  engagementUnknown: { problem: 'engagementUnknown', ref: 'E-12' },
  noConsent: { problem: 'noConsent' },
  noIntake: { problem: 'noIntake', agencyCode: 'CAVAC' },
  duplicateReferral: { problem: 'duplicateReferral', engagementRef: 'E-12', agencyCode: 'CAVAC', openRef: 'R-5', status: 'pending' },
  alreadyHandled: { problem: 'alreadyHandled', referral: REFERRAL },
  reasonRequired: { problem: 'reasonRequired' },
  withdrawalReasonRequired: { problem: 'withdrawalReasonRequired' },
  noEngagementsYet: { problem: 'noEngagementsYet' },
  noReceivingAgencies: { problem: 'noReceivingAgencies' },
  noDigestChannel: { problem: 'noDigestChannel', operationCode: 'NS17' },
  personalData: { problem: 'personalData', field: 'note', kind: 'phone' },
  tooLong: { problem: 'tooLong', field: 'area', limit: 60 },
  badArguments: { problem: 'badArguments', problems: ['`age=` is missing'], usage: '*/engage* — log an engagement' },
};

describe('every AppError problem', () => {
  it('has a sample here for every problem there is, and no other', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...PROBLEM_NAMES].sort());
  });

  for (const [lang, msg] of [['en', en], ['fr', fr]] as const) {
    it(`renders as a non-empty sentence in ${lang}`, () => {
      for (const sample of Object.values(SAMPLES)) {
        const text = renderProblem(sample, msg);
        expect(typeof text, sample.problem).toBe('string');
        expect(text.trim().length, sample.problem).toBeGreaterThan(0);
      }
    });
  }

  it('renders in the reader’s language, the same words the catalogue has', () => {
    expect(renderProblem(SAMPLES.agencyUnknown, en)).toBe(en.agency.unknown('NOPE'));
    expect(renderProblem(SAMPLES.agencyUnknown, fr)).toBe(fr.agency.unknown('NOPE'));
    expect(renderProblem(SAMPLES.forbidden, fr)).toBe(fr.forbidden['op.close']('SPVM'));
    expect(renderProblem(SAMPLES.alreadyHandled, en)).toBe(en.referral.alreadyHandled(REFERRAL));
  });

  it('reaches the person through userMessageFor, which keeps the code and the field', () => {
    const error = new AppError('data_guard', SAMPLES.personalData, { field: 'note' });
    expect(error.code).toBe('data_guard');
    expect(error.field).toBe('note');
    const logger = createLogger('error');
    expect(userMessageFor(error, fr, logger, {})).toBe(fr.dataGuard.refused('note', 'phone'));
    expect(userMessageFor(error, en, logger, {})).toBe(en.dataGuard.refused('note', 'phone'));
  });
});
