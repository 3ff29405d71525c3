// The fixed vocabularies of the data model: what a command, a form and a CHECK constraint accept.
// Kept apart from db/schema.ts so the running app reads them without loading drizzle's schema
// builder (drizzle describes the schema for migrations; the app queries with prepared SQL).
export const AGENCY_KINDS = ['police', 'advocacy', 'victim_services', 'health', 'government', 'other'] as const;
export const ROLES = ['officer', 'intake', 'coordinator', 'admin'] as const;
export const AGE_BANDS = ['under18', '18-24', '25-34', '35-44', '45plus', 'unknown'] as const;
export const GENDERS = ['female', 'male', 'nonbinary', 'unknown'] as const;
export const NEEDS = [
  'shelter',
  'medical',
  'legal',
  'immigration',
  'counselling',
  'addiction',
  'financial',
  'translation',
  'other',
] as const;
export const URGENCIES = ['routine', 'urgent', 'immediate'] as const;
export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'closed', 'withdrawn'] as const;
/** Why the referring side took back a pending or accepted referral. */
export const WITHDRAWAL_REASONS = ['consent_withdrawn', 'duplicate', 'entered_in_error', 'other'] as const;
export const CLOSE_OUTCOMES = [
  'connected',
  'could_not_contact',
  'not_eligible',
  'no_capacity',
  'person_withdrew',
  'referred_elsewhere',
  'other',
] as const;
export const OFFENCE_SECTIONS = [
  '279.01',
  '279.011',
  '279.02',
  '279.03',
  '286.1',
  '286.2',
  '286.3',
  '286.4',
  'other',
] as const;
/** The languages Liaison speaks: a person's, an agency's cards'. */
export const LANGUAGES = ['en', 'fr'] as const;
/** A digest's: one language, or both in one message, the first named first. */
export const DIGEST_LANGUAGES = ['en', 'fr', 'en+fr', 'fr+en'] as const;
/**
 * What a queued direct message says: a referral's new state to its referrer; that its card could not
 * be posted, or that it waits past its limit with no card to remind under, to the receiving agency.
 */
export const DIRECT_MESSAGE_KINDS = ['referral_status', 'card_undeliverable', 'overdue_without_card'] as const;
export const DIRECT_MESSAGE_STATES = ['queued', 'sent', 'abandoned'] as const;
