// The whole Liaison data model, SQLite's dialect. By design no column can hold a name, birth date,
// phone, email or address of a person engaged: engagements carry only categories, counts, times and
// who acted. Times are integer milliseconds since the epoch (UTC); calendar dates are ISO
// `YYYY-MM-DD` text. db/schema/pg.ts is the same model in PostgreSQL's dialect, with the same export
// names and the same TypeScript types (test/db/schema-parity.test.ts keeps the two in step); the
// queries are typed against this one.
import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import {
  AGE_BANDS,
  AGENCY_KINDS,
  CLOSE_OUTCOMES,
  DIGEST_LANGUAGES,
  DIRECT_MESSAGE_KINDS,
  DIRECT_MESSAGE_STATES,
  GENDERS, LANGUAGES, OFFENCE_SECTIONS, REFERRAL_STATUSES, ROLES, URGENCIES, WITHDRAWAL_REASONS } from '../vocabulary.js';
import { oneOf } from './checks.js';


export const agencies = sqliteTable(
  'agencies',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: AGENCY_KINDS }).notNull(),
    /** Private channel where the agency receives referral cards; null if it takes none. */
    intakeChannelId: text('intake_channel_id'),
    /** Team whose installation posts to the intake channel. */
    intakeTeamId: text('intake_team_id'),
    /** The language of the agency's referral cards (LANGUAGES; checked by the code: a new CHECK would rebuild the table on SQLite). */
    lang: text('lang', { enum: LANGUAGES }).notNull().default('en'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('agencies_code_unique').on(t.code), check('agencies_kind_check', oneOf('kind', AGENCY_KINDS))],
);

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey(),
    /** Enterprise or team ID of the person's home organisation: with userId, who they are. */
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('members_team_user_unique').on(t.teamId, t.userId),
    index('members_agency_idx').on(t.agencyId),
    check('members_role_check', oneOf('role', ROLES)),
  ],
);

export const operations = sqliteTable(
  'operations',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    leadAgencyId: integer('lead_agency_id')
      .notNull()
      .references(() => agencies.id),
    parentId: integer('parent_id').references((): AnySQLiteColumn => operations.id),
    timezone: text('timezone').notNull(),
    digestChannelId: text('digest_channel_id'),
    digestTeamId: text('digest_team_id'),
    /** Local `HH:MM` in the operation's zone. */
    digestTime: text('digest_time').notNull().default('08:00'),
    /** The language of the digest: one of DIGEST_LANGUAGES (`en+fr`: both in one message, English first). */
    lang: text('lang', { enum: DIGEST_LANGUAGES }).notNull().default('en'),
    /** A count of people from 1 to hideBelow − 1 is posted to a channel as `<hideBelow` (1 hides nothing). */
    hideBelow: integer('hide_below').notNull().default(5),
    closedAt: integer('closed_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('operations_code_unique').on(t.code),
    index('operations_parent_idx').on(t.parentId),
    check('operations_dates_check', sql`${t.startDate} <= ${t.endDate}`),
  ],
);

export const participations = sqliteTable(
  'participations',
  {
    operationId: integer('operation_id')
      .notNull()
      .references(() => operations.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    officers: integer('officers').notNull().default(0),
    supportStaff: integer('support_staff').notNull().default(0),
    victimServices: integer('victim_services').notNull().default(0),
    joinedAt: integer('joined_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.operationId, t.agencyId] }),
    check('participations_counts_check', sql`officers >= 0 AND support_staff >= 0 AND victim_services >= 0`),
  ],
);

export const engagements = sqliteTable(
  'engagements',
  {
    /** The `n` of `E-n`. */
    id: integer('id').primaryKey(),
    operationId: integer('operation_id')
      .notNull()
      .references(() => operations.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    officerTeamId: text('officer_team_id').notNull(),
    officerUserId: text('officer_user_id').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    ageBand: text('age_band', { enum: AGE_BANDS }).notNull(),
    gender: text('gender', { enum: GENDERS }).notNull(),
    offered: integer('offered', { mode: 'boolean' }).notNull(),
    accepted: integer('accepted', { mode: 'boolean' }).notNull(),
    safetyEnsured: integer('safety_ensured', { mode: 'boolean' }).notNull().default(false),
    /** Coarse area (a neighbourhood or town), checked by the data guard. */
    area: text('area'),
    language: text('language'),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('engagements_operation_idx').on(t.operationId, t.agencyId),
    index('engagements_officer_idx').on(t.officerTeamId, t.officerUserId, t.id),
    // The digest reads the edges of its 24-hour window from here (the whole hours come from digest_hourly).
    index('engagements_occurred_idx').on(t.occurredAt, t.operationId),
    check('engagements_age_check', oneOf('age_band', AGE_BANDS)),
    check('engagements_gender_check', oneOf('gender', GENDERS)),
    check('engagements_accepted_check', sql`NOT (accepted AND NOT offered)`),
  ],
);

export const referrals = sqliteTable(
  'referrals',
  {
    /** The `n` of `R-n`. */
    id: integer('id').primaryKey(),
    engagementId: integer('engagement_id')
      .notNull()
      .references(() => engagements.id),
    /** The engagement's operation, copied here (by a trigger) so the digest needs no join. */
    operationId: integer('operation_id'),
    fromAgencyId: integer('from_agency_id')
      .notNull()
      .references(() => agencies.id),
    toAgencyId: integer('to_agency_id')
      .notNull()
      .references(() => agencies.id),
    referrerTeamId: text('referrer_team_id').notNull(),
    referrerUserId: text('referrer_user_id').notNull(),
    /** Comma-separated list of NEEDS (db/vocabulary.ts). */
    needs: text('needs').notNull(),
    urgency: text('urgency', { enum: URGENCIES }).notNull(),
    /** Consent is recorded before a referral exists; the check makes a referral without it impossible. */
    consent: integer('consent', { mode: 'boolean' }).notNull(),
    note: text('note'),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull().default('pending'),
    createdAt: integer('created_at').notNull(),
    /** When the current state began (creation, acceptance, …): overdue reminders count from it. */
    statusChangedAt: integer('status_changed_at').notNull(),
    actorTeamId: text('actor_team_id'),
    actorUserId: text('actor_user_id'),
    declineReason: text('decline_reason'),
    closeOutcome: text('close_outcome', { enum: CLOSE_OUTCOMES }),
    /** Set when the referring side withdrew it (WITHDRAWAL_REASONS). */
    withdrawalReason: text('withdrawal_reason', { enum: WITHDRAWAL_REASONS }),
    /** Where the card lives once posted; null while its post is queued. */
    cardChannelId: text('card_channel_id'),
    cardTeamId: text('card_team_id'),
    cardTs: text('card_ts'),
    /** An instance posting the queued card holds it until then, so no other instance posts it too. */
    cardClaimedUntil: integer('card_claimed_until'),
    /** Reminders sent for the current state. */
    remindersSent: integer('reminders_sent').notNull().default(0),
    /** Counts the referral's states: each transition adds one, so a card can say which one it shows. */
    version: integer('version').notNull().default(1),
    /** Whether the card shows `version` (false: it is to be posted or redrawn, by the request or the card job). */
    cardSynced: integer('card_synced', { mode: 'boolean' }).notNull().default(false),
    /** The version the card last showed with its buttons; null while only its buttonless first post exists. */
    cardDrawnVersion: integer('card_drawn_version'),
    /** Failed attempts to post or redraw the card since it last succeeded, the last error, and when to try next. */
    cardAttempts: integer('card_attempts').notNull().default(0),
    cardError: text('card_error'),
    cardRetryAt: integer('card_retry_at'),
    /** When the referrer and the receiving coordinators were told the card could not be posted. */
    cardReportedAt: integer('card_reported_at'),
  },
  (t) => [
    index('referrals_engagement_idx').on(t.engagementId),
    index('referrals_to_agency_idx').on(t.toAgencyId, t.status),
    // App Home's open referrals a person made, which they may withdraw.
    index('referrals_referrer_idx').on(t.referrerTeamId, t.referrerUserId, t.status),
    // Covering for the reminders and the digest's overdue count: pending ones by age, read from the index alone.
    index('referrals_status_idx').on(t.status, t.statusChangedAt, t.urgency, t.operationId, t.toAgencyId),
    // Covering for the digest's last 24 hours: which referrals changed state in the window, where, to what.
    index('referrals_changed_idx').on(t.statusChangedAt, t.operationId, t.status),
    // The card job's queue: cards to post or redraw, read every minute.
    index('referrals_card_queue_idx').on(t.cardSynced, t.cardRetryAt),
    check('referrals_consent_check', sql`consent = 1`),
    check('referrals_urgency_check', oneOf('urgency', URGENCIES)),
    check('referrals_status_check', oneOf('status', REFERRAL_STATUSES)),
    check('referrals_withdrawal_reason_check', sql`withdrawal_reason IS NULL OR ${oneOf('withdrawal_reason', WITHDRAWAL_REASONS)}`),
  ],
);

/** Every transition of a referral, in order. Free text (the decline reason) stays on the referral. */
export const referralEvents = sqliteTable(
  'referral_events',
  {
    id: integer('id').primaryKey(),
    referralId: integer('referral_id')
      .notNull()
      .references(() => referrals.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorTeamId: text('actor_team_id').notNull(),
    actorUserId: text('actor_user_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('referral_events_referral_idx').on(t.referralId)],
);

export const charges = sqliteTable(
  'charges',
  {
    /** The `n` of `C-n`: one charged person. */
    id: integer('id').primaryKey(),
    operationId: integer('operation_id')
      .notNull()
      .references(() => operations.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    officerTeamId: text('officer_team_id').notNull(),
    officerUserId: text('officer_user_id').notNull(),
    /** Number of offences, kept beside the rows of charge_offences so the digest needs no join. */
    offenceCount: integer('offence_count').notNull(),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('charges_operation_idx').on(t.operationId, t.agencyId), index('charges_created_idx').on(t.createdAt, t.operationId)],
);

export const chargeOffences = sqliteTable(
  'charge_offences',
  {
    id: integer('id').primaryKey(),
    chargeId: integer('charge_id')
      .notNull()
      .references(() => charges.id),
    section: text('section', { enum: OFFENCE_SECTIONS }).notNull(),
  },
  (t) => [index('charge_offences_charge_idx').on(t.chargeId)],
);

/** One row per operation per local day: claimed before posting, so a digest is posted at most once. */
export const digestRuns = sqliteTable(
  'digest_runs',
  {
    id: integer('id').primaryKey(),
    operationId: integer('operation_id')
      .notNull()
      .references(() => operations.id),
    localDate: text('local_date').notNull(),
    /** claimed → posted | failed (nothing was posted; may be retried) | unknown (outcome lost). */
    status: text('status', { enum: ['claimed', 'posted', 'failed', 'unknown'] }).notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    claimedAt: integer('claimed_at').notNull(),
    finishedAt: integer('finished_at'),
    messageTs: text('message_ts'),
    error: text('error'),
  },
  (t) => [uniqueIndex('digest_runs_operation_day_unique').on(t.operationId, t.localDate)],
);

/**
 * Append-only, hash-chained log of every change: who, when, what, which record. Never the free text.
 * `hash` = sha256(prevHash + the row's canonical content); `audit verify` walks the chain.
 */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey(),
  at: integer('at').notNull(),
  actorTeamId: text('actor_team_id').notNull(),
  actorUserId: text('actor_user_id').notNull(),
  action: text('action').notNull(),
  ref: text('ref').notNull(),
  /** JSON of non-identifying detail (codes, categories, counts). */
  detail: text('detail').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * Distribution mode: one row per workspace (or enterprise) that installed Liaison. The whole
 * installation, tokens included, is stored encrypted with TOKEN_ENCRYPTION_KEY; only the IDs needed
 * to find it are in clear.
 */
export const installations = sqliteTable(
  'installations',
  {
    id: integer('id').primaryKey(),
    /** The team ID, or the enterprise ID for an org-wide install. */
    installKey: text('install_key').notNull(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: integer('is_enterprise_install', { mode: 'boolean' }).notNull().default(false),
    /** AES-256-GCM of the installation's JSON: `v1.<iv>.<tag>.<ciphertext>`, base64 parts. */
    installationEncrypted: text('installation_encrypted').notNull(),
    installedAt: integer('installed_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('installations_install_key_unique').on(t.installKey)],
);

/**
 * The digest's running totals per (operation, agency), kept by triggers in the transaction of every
 * insert and update (migration 0004), so a national digest reads a few hundred rows, not millions.
 */
export const digestTotals = sqliteTable(
  'digest_totals',
  {
    operationId: integer('operation_id').notNull(),
    agencyId: integer('agency_id').notNull(),
    engaged: integer('engaged').notNull().default(0),
    offered: integer('offered').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    minors: integer('minors').notNull().default(0),
    safetyEnsured: integer('safety_ensured').notNull().default(0),
    /** Referrals made by the agency from this operation's engagements. */
    referralsMade: integer('referrals_made').notNull().default(0),
    chargedPeople: integer('charged_people').notNull().default(0),
    offences: integer('offences').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.operationId, t.agencyId] })],
);

/**
 * An operation's lead inviting an agency to join it: without one, only the lead's own agency (and
 * admins) may join an agency to the operation.
 */
export const invitations = sqliteTable(
  'invitations',
  {
    operationId: integer('operation_id')
      .notNull()
      .references(() => operations.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    invitedByTeamId: text('invited_by_team_id').notNull(),
    invitedByUserId: text('invited_by_user_id').notNull(),
    invitedAt: integer('invited_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.operationId, t.agencyId] })],
);

/** Referrals per operation by current state, kept by triggers. */
export const digestReferralStates = sqliteTable(
  'digest_referral_states',
  {
    operationId: integer('operation_id').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.operationId, t.status] })],
);

/**
 * Engagement and charge counts per (operation, UTC hour), kept by triggers: the digest's last 24
 * hours sum the whole hours here and read only the partial hours at each edge from the base tables.
 */
export const digestHourly = sqliteTable(
  'digest_hourly',
  {
    operationId: integer('operation_id').notNull(),
    /** floor(ms / 3,600,000) of occurred_at (engagements) or created_at (charges). */
    hour: integer('hour').notNull(),
    engaged: integer('engaged').notNull().default(0),
    offered: integer('offered').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    minors: integer('minors').notNull().default(0),
    safetyEnsured: integer('safety_ensured').notNull().default(0),
    chargedPeople: integer('charged_people').notNull().default(0),
    offences: integer('offences').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.operationId, t.hour] })],
);

/**
 * Slack requests already handled, by their `trigger_id` or `event_id`: a retry or a replay that
 * reaches any instance, before or after a restart, is recognised and dropped. Rows older than the
 * signature window (after which Slack's signature check refuses a replay anyway) are removed.
 */
export const handledRequests = sqliteTable(
  'handled_requests',
  {
    requestId: text('request_id').primaryKey(),
    handledAt: integer('handled_at').notNull(),
  },
  (t) => [index('handled_requests_at_idx').on(t.handledAt)],
);

/** Each person's command budget (a token bucket), shared by every instance. */
export const rateBuckets = sqliteTable(
  'rate_buckets',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    tokens: real('tokens').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('rate_buckets_updated_idx').on(t.updatedAt)],
);

/** Who opened App Home recently: only they are sent a fresh Home after a change. */
export const homeViewers = sqliteTable(
  'home_viewers',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    openedAt: integer('opened_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('home_viewers_opened_idx').on(t.openedAt)],
);

/**
 * Direct messages Liaison owes people (the referrer at each transition; coordinators when a card
 * cannot be posted or a referral waits past its limit without one), stored in the same transaction
 * as the change they announce and sent until Slack confirms them. No text: the message is written
 * from the referral when it is sent, in the reader's words.
 */
export const directMessages = sqliteTable(
  'direct_messages',
  {
    id: integer('id').primaryKey(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    referralId: integer('referral_id')
      .notNull()
      .references(() => referrals.id),
    kind: text('kind', { enum: DIRECT_MESSAGE_KINDS }).notNull(),
    /** A Slack error code when the message is about one (never free text). */
    detail: text('detail'),
    state: text('state', { enum: DIRECT_MESSAGE_STATES }).notNull().default('queued'),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    retryAt: integer('retry_at'),
    claimedUntil: integer('claimed_until'),
    sentAt: integer('sent_at'),
    error: text('error'),
  },
  (t) => [
    index('direct_messages_queue_idx').on(t.state, t.retryAt),
    index('direct_messages_referral_idx').on(t.referralId),
    check('direct_messages_kind_check', oneOf('kind', DIRECT_MESSAGE_KINDS)),
    check('direct_messages_state_check', oneOf('state', DIRECT_MESSAGE_STATES)),
  ],
);
