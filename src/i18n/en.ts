// English messages: every sentence a person reads in Slack, the sandbox or the CLI comes from here.
// Messages are short (people read them on a phone mid-shift) and every refusal says what to type.
import type { AgencyDetail, AgencySummary, Agency } from '../domain/agencies.js';
import type { Digest } from '../domain/digest.js';
import type { OperationSummary, Operation, Participation } from '../domain/operations.js';
import type { Action, Role } from '../domain/permissions.js';
import type { PersonalDataKind } from '../domain/data-guard.js';
import type { FreeTextField } from '../domain/free-text.js';
import type { ReferableEngagement, Referral } from '../domain/referrals.js';
import { escapeMrkdwn } from '../blocks/elements.js';
import { truncate } from '../domain/truncate.js';
import type { HomeOperation } from '../domain/home.js';
import type { LeftOut } from '../domain/small-numbers.js';
import { CARD_REPORT_AFTER_MS, CARD_RETRY_MAX_MS } from '../domain/cards.js';

const CARD_REPORT_MINUTES = CARD_REPORT_AFTER_MS / 60_000;
const CARD_RETRY_MAX_MINUTES = CARD_RETRY_MAX_MS / 60_000;

const esc = escapeMrkdwn;

/** Labels used inside other sentences as well as in `labels` below: one label per value. */
const LABELS = {
  ageBand: { under18: 'Under 18', '18-24': '18–24', '25-34': '25–34', '35-44': '35–44', '45plus': '45 or older', unknown: 'Unknown' },
  need: {
    shelter: 'Shelter',
    medical: 'Medical',
    legal: 'Legal',
    immigration: 'Immigration',
    counselling: 'Counselling',
    addiction: 'Addiction',
    financial: 'Financial',
    translation: 'Translation',
    other: 'Other',
  },
} as const;

const needsText = (needs: readonly string[]) => needs.map((n) => LABELS.need[n as keyof typeof LABELS.need] ?? n).join(', ');

/** A moment as plain text in a zone, for places Slack's date formatting cannot reach (select options). */
const localTime = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

/** What a channel post of the digest hides beyond `<5`: figures held back, parts left out. */
export interface HiddenInPost {
  withheld: boolean;
  leftOut: LeftOut;
}

const leftOutClause = (leftOut: LeftOut) =>
  leftOut === 'referralsColumn' ? '; referrals by agency are left out' : leftOut === 'lists' ? '; the lists by agency are left out' : '';

/** The digest's one-line text (notifications, screen readers), each figure as the reader may see it. */
export interface DigestFallback {
  engaged: string;
  engagedToday: string;
  accepted: string;
  minors: string;
  pending: string;
  chargedPeople: string;
  offences: string;
  agencies: number;
  personnel: number;
}
const channel = (id: string | null) => (id ? `<#${id}>` : 'none');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** A figure as printed (`12`, `<5`, `x`): singular only for `1`. */
const pluralOf = (figure: string, one: string, many = `${one}s`) => `${figure} ${figure === '1' ? one : many}`;
/** A time Slack shows in each reader's own zone. */
const when = (ms: number) => `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${new Date(ms).toISOString()}>`;
const OUTCOMES = {
  connected: 'Connected with support',
  could_not_contact: 'Could not contact',
  not_eligible: 'Not eligible',
  no_capacity: 'No capacity',
  person_withdrew: 'Person withdrew',
  referred_elsewhere: 'Referred elsewhere',
  other: 'Other',
} as const;
const WITHDRAWAL_REASONS = {
  consent_withdrawn: 'Consent withdrawn',
  duplicate: 'Duplicate',
  entered_in_error: 'Entered in error',
  other: 'Other',
} as const;
/** What a Slack error code means for the person who can fix it. */
const slackProblem = (error: string, intakeChannelId: string | null) => {
  switch (error) {
    case 'not_in_channel':
      return `Liaison is not in that channel: invite @Liaison to ${channel(intakeChannelId)}`;
    case 'channel_not_found':
    case 'is_archived':
      return `the channel is archived or gone: an admin sets a new intake channel with \`/agency add … intake=#channel\``;
    case 'not_installed':
    case 'invalid_auth':
    case 'token_revoked':
      return 'Liaison is not installed in that workspace: ask its admin to install it again';
    default:
      return `Slack answered ${error}`;
  }
};

const referralState = (r: Referral) => {
  const by = r.actor ? `<@${r.actor.userId}>` : '';
  switch (r.status) {
    case 'pending':
      return `:hourglass_flowing_sand: Waiting for ${r.toAgencyCode} · sent ${when(r.createdAt)}`;
    case 'accepted':
      return `:white_check_mark: Accepted by ${by} ${when(r.statusChangedAt)}`;
    case 'declined':
      return `:x: Declined by ${by} ${when(r.statusChangedAt)}: ${esc(r.declineReason ?? '')}`;
    case 'closed':
      return `:lock: Closed by ${by} ${when(r.statusChangedAt)}: ${r.closeOutcome ? OUTCOMES[r.closeOutcome] : ''}`;
    case 'withdrawn':
      return `:leftwards_arrow_with_hook: Withdrawn by ${by} ${when(r.statusChangedAt)}: ${r.withdrawalReason ? WITHDRAWAL_REASONS[r.withdrawalReason] : ''}`;
  }
};
const PERSONAL_DATA: Record<PersonalDataKind, string> = {
  phone: 'a phone number',
  email: 'an email address',
  street_address: 'a street address',
  postal_code: 'a postal code',
  date_of_birth: 'a date of birth',
  government_id: 'an ID number',
  social_handle: 'a social-media handle or profile link',
  personal_name: 'a person’s name',
  licence_plate: 'a licence plate',
};

export const en = {
  usage: {
    agency: [
      '*/agency* — partner agencies',
      '`/agency add <CODE> "<Name>" kind=<police|advocacy|victim_services|health|government|other> [intake=<channel>] [lang=<en|fr>]`',
      '`/agency list`',
      '`/agency show <CODE>`',
      '`/agency member <user> [<user> …] <CODE> role=<officer|intake|coordinator|admin>`',
    ].join('\n'),
    op: [
      '*/op* — operations',
      '`/op create <CODE> "<Name>" start=<YYYY-MM-DD> end=<YYYY-MM-DD> lead=<AGENCY> [parent=<OPCODE>] [tz=<IANA zone>] [digest=<channel>] [digest_time=<HH:MM>] [lang=<en|fr|en+fr|fr+en>] [hide_below=<n>]`',
      '`/op invite <OPCODE> <AGENCY>`',
      '`/op join <OPCODE> <AGENCY> [officers=<n>] [support_staff=<n>] [victim_services=<n>]`',
      '`/op list`',
      '`/op show <OPCODE>`',
      '`/op close <OPCODE>`',
    ].join('\n'),
    engage: [
      '*/engage* — log one person met (no names, no contact details)',
      '`/engage` opens a form.',
      '`/engage <OPCODE> age=<under18|18-24|25-34|35-44|45plus|unknown> gender=<female|male|nonbinary|unknown> offered=<yes|no> accepted=<yes|no> [safety_ensured=<yes|no>] [agency=<AGENCY>] [area="<coarse area>"] [language=<code>] [at=<YYYY-MM-DDTHH:MM>] [note="<text>"]`',
    ].join('\n'),
    refer: [
      '*/refer* — refer an engagement to a supporting agency',
      '`/refer` opens a form.',
      '`/refer <E-n> to=<AGENCY> needs=<need,need,…> urgency=<routine|urgent|immediate> consent=<yes|no> [note="<text>"]`',
      'needs: shelter, medical, legal, immigration, counselling, addiction, financial, translation, other',
      '`/refer withdraw <R-n> reason=<consent_withdrawn|duplicate|entered_in_error|other>` takes back a pending or accepted referral',
    ].join('\n'),
    charge: [
      '*/charge* — log one person charged',
      '`/charge <OPCODE> offences=<section,section,…> [agency=<AGENCY>] [note="<text>"]`',
      'sections: 279.01, 279.011, 279.02, 279.03, 286.1, 286.2, 286.3, 286.4, other',
    ].join('\n'),
    digest: [
      '*/digest* — the cross-agency digest',
      '`/digest <OPCODE>` previews it (only you see it).',
      '`/digest <OPCODE> post` posts it now to the operation’s digest channel.',
    ].join('\n'),
  },
  common: { ok: 'OK', yes: 'yes', no: 'no' },
  labels: {
    ageBand: LABELS.ageBand,
    gender: { female: 'Female', male: 'Male', nonbinary: 'Non-binary', unknown: 'Unknown' },
    need: LABELS.need,
    urgency: { routine: 'Routine', urgent: 'Urgent', immediate: 'Immediate' },
    outcome: OUTCOMES,
    withdrawalReason: WITHDRAWAL_REASONS,
  },
  agency: {
    unknown: (code: string) => `There is no agency *${code}*. Type \`/agency list\` to see the codes.`,
    exists: (code: string) => `Agency *${code}* already exists. Type \`/agency show ${code}\` to see it.`,
    added: (a: Agency) => `Added *${a.code}* — ${esc(a.name)} (${a.kind}). Intake channel: ${channel(a.intakeChannelId)}.`,
    list: (rows: AgencySummary[]) =>
      rows.length === 0
        ? 'No agencies yet. An admin adds one with `/agency add <CODE> "<Name>" kind=<kind>`.'
        : [`*Agencies* (${rows.length})`, ...rows.map((a) => `• *${a.code}* ${esc(a.name)} · ${a.kind} · ${plural(a.members, 'member')}${a.intakeChannelId ? ` · intake ${channel(a.intakeChannelId)}` : ''}`)].join('\n'),
    show: (d: AgencyDetail) =>
      [
        `*${d.agency.code}* — ${esc(d.agency.name)} (${d.agency.kind})`,
        `Intake channel: ${channel(d.agency.intakeChannelId)}`,
        `Members: ${d.membersByRole.officer} officers, ${d.membersByRole.intake} intake, ${d.membersByRole.coordinator} coordinators, ${d.membersByRole.admin} admins`,
        `Operations: ${d.operations.length ? d.operations.join(', ') : 'none yet'}`,
      ].join('\n'),
    memberSet: (userId: string, code: string, role: Role, previous: Role | null) =>
      previous ? `<@${userId}> is now *${role}* at *${code}* (was ${previous}).` : `Registered <@${userId}> as *${role}* at *${code}*.`,
    /** One line per person of a `/agency member` naming several: what happened to each. */
    membersSet: (lines: readonly string[]) => lines.map((line) => `• ${line}`).join('\n'),
    tooManyMembers: (max: number) => `At most ${max} people in one \`/agency member\`: send the rest in another.`,
    onlyAdminsGrantAdmin: 'Only an admin can make someone an admin. Choose role=officer, intake or coordinator.',
    memberElsewhere: (userId: string, code: string) =>
      `<@${userId}> is registered with *${code}* (or is an admin). Ask an admin or ${code}’s coordinator to change it.`,
  },
  op: {
    unknown: (code: string) => `There is no operation *${code}*. Type \`/op list\` to see the codes.`,
    unknownId: (id: number) => `There is no operation with id ${id}.`,
    exists: (code: string) => `Operation *${code}* already exists. Type \`/op show ${code}\` to see it.`,
    closed: (code: string) => `Operation *${code}* is closed; nothing more can be logged in it.`,
    endBeforeStart: '`end=` is before `start=`. Please fix the dates.',
    created: (o: Operation) =>
      [
        `Created *${o.code}* — ${esc(o.name)}, ${o.startDate} → ${o.endDate} (${o.timezone}), lead *${o.leadAgencyCode}*${o.parentCode ? `, under *${o.parentCode}*` : ''}.`,
        o.digestChannelId ? `Digest daily at ${o.digestTime} in ${channel(o.digestChannelId)}.` : 'No digest channel yet.',
        `Agencies join with \`/op join ${o.code} <AGENCY> officers=<n>\`.`,
      ].join('\n'),
    joined: (agency: string, op: string, p: Participation, rejoined: boolean) =>
      `*${agency}* ${rejoined ? 'updated its counts in' : 'joined'} *${op}*: ${plural(p.officers, 'officer')}, ${p.supportStaff} support staff, ${p.victimServices} victim services.`,
    list: (rows: OperationSummary[]) =>
      rows.length === 0
        ? 'No operations yet. Create one with `/op create <CODE> "<Name>" start=<YYYY-MM-DD> end=<YYYY-MM-DD> lead=<AGENCY>`.'
        : [`*Operations* (${rows.length})`, ...rows.map((o) => `• *${o.code}* ${esc(o.name)} · ${o.startDate} → ${o.endDate} · lead ${o.leadAgencyCode}${o.parentCode ? ` · under ${o.parentCode}` : ''} · ${plural(o.agencies, 'agency', 'agencies')}${o.closedAt ? ' · closed' : ''}`)].join('\n'),
    show: (o: Operation, d: Digest) =>
      [
        `*${o.code}* — ${esc(o.name)}${o.closedAt ? ' (closed)' : ''}`,
        `${o.startDate} → ${o.endDate} · ${o.timezone} · lead *${o.leadAgencyCode}*${o.parentCode ? ` · under *${o.parentCode}*` : ''}`,
        `Digest: ${o.digestChannelId ? `${o.digestTime} in ${channel(o.digestChannelId)}` : 'no channel'}`,
        `${plural(d.agencies, 'agency', 'agencies')} · ${d.personnel} personnel${d.operationCodes.length > 1 ? ` · includes ${d.operationCodes.slice(1).join(', ')}` : ''}`,
        `*Engaged ${d.totals.engaged}* · accepted ${d.totals.accepted} · under 18 ${d.totals.minors}`,
        `Referrals: ${d.totals.referrals.pending} pending, ${d.totals.referrals.accepted} accepted, ${d.totals.referrals.declined} declined, ${d.totals.referrals.closed} closed, ${d.totals.referrals.withdrawn} withdrawn`,
        `Charges: ${plural(d.totals.chargedPeople, 'person', 'people')} charged with ${plural(d.totals.offences, 'offence')}`,
      ].join('\n'),
    closedNow: (code: string) => `Closed *${code}*. Its figures stay; nothing more can be logged in it.`,
    invited: (agency: string, op: string, already: boolean) =>
      already
        ? `*${agency}* was already invited to *${op}*. Its coordinator joins with \`/op join ${op} ${agency} officers=<n>\`.`
        : `Invited *${agency}* to *${op}*. Its coordinator joins with \`/op join ${op} ${agency} officers=<n>\`.`,
    notInvited: (agency: string, op: string, lead: string) =>
      `*${agency}* has not been invited to *${op}*. Only an admin, or a coordinator of its lead agency (*${lead}*), can invite it: \`/op invite ${op} ${agency}\`.`,
  },
  record: {
    nameAgency: 'You are not registered with an agency: add `agency=<AGENCY>` to say which agency this is for.',
    notJoined: (agency: string, op: string) =>
      `*${agency}* has not joined *${op}*. A coordinator runs \`/op join ${op} ${agency} officers=<n>\` first.`,
  },
  engage: {
    logged: (ref: string, op: string, minorAgency: string | null) =>
      minorAgency
        ? `Logged *${ref}* in ${op}. :warning: *Under 18*: follow ${minorAgency}’s child-protection protocol now.`
        : `Logged *${ref}* in ${op}.`,
    /** Buttons under the answer to an engagement. */
    refer: 'Refer',
    logAnother: 'Log another',
    referElsewhere: 'Refer elsewhere',
    notRecentEngagement: (ref: string) => `${ref} is not among your recent engagements. Refer it with \`/refer ${ref} to=<AGENCY> needs=<need,…> urgency=<…> consent=yes\`.`,
    noOperations: 'Your agency has not joined an open operation, so there is nothing to log in. A coordinator joins one with `/op join <OPCODE> <AGENCY>`.',
    acceptedNeedsOffered: '`accepted=yes` needs `offered=yes`: support must be offered before it is accepted.',
    atOutsideDates: (op: string, start: string, end: string) =>
      `\`at=\` must fall within ${op}’s dates (${start} → ${end}, a day of grace at each end).`,
    atInFuture: '`at=` is in the future. Leave it out to use the current time.',
    nowOutsideDates: (op: string, start: string, end: string) =>
      `${op} runs ${start} → ${end}, and today is outside it. Nothing was stored. Add \`at=<YYYY-MM-DDTHH:MM>\` for when you met the person, within those dates.`,
    modal: {
      title: 'Log an engagement',
      submit: 'Log',
      cancel: 'Cancel',
      yes: 'Yes',
      no: 'No',
      privacy: 'No names, contact details or addresses: describe, don’t identify.',
      operation: 'Operation',
      age: 'Age band',
      gender: 'Gender',
      offered: 'Support offered?',
      accepted: 'Offer accepted?',
      safety: 'Safety',
      safetyOption: 'Safety ensured',
      area: 'Area',
      areaHint: 'A neighbourhood or town, never an address.',
      language: 'Language',
      languageHint: 'A language code such as en, fr or es.',
      note: 'Note',
      noteHint: 'No names, phone numbers, handles or addresses.',
      required: 'Please choose one.',
    },
  },
  charge: {
    logged: (ref: string, sections: string[]) =>
      `Logged *${ref}*: one person charged with ${plural(sections.length, 'offence')} (${sections.join(', ')}).`,
  },
  referral: {
    unknown: (ref: string) => `There is no referral ${ref}.`,
    unknownEngagement: (ref: string) => `There is no engagement ${ref}. Check the E-number your \`/engage\` answer gave.`,
    noConsent: 'A referral needs the person’s consent: `consent=yes` once they have agreed. Nothing was stored.',
    noIntake: (code: string) => `*${code}* has no intake channel, so it cannot receive referrals. An admin sets one with \`/agency add\`.`,
    reasonRequired: 'Please give a reason for declining.',
    withdrawalReasonRequired: 'Please choose why the referral is withdrawn.',
    duplicate: (engagement: string, to: string, open: string, status: string) =>
      `${engagement} already has an open referral to *${to}*: *${open}* (${status}). Nothing was stored. ${engagement} can be referred to ${to} again once ${open} is declined, closed or withdrawn (\`/refer withdraw ${open} reason=duplicate\`).`,
    withdrawn: (r: Referral) =>
      `Withdrew *${r.ref}* to *${r.toAgencyCode}* (${r.withdrawalReason ? WITHDRAWAL_REASONS[r.withdrawalReason] : ''}). Its card in their intake channel now says so.`,
    /** Threaded under the card, for the intake channel: the person no longer needs an answer. */
    withdrawnNotice: (r: Referral) =>
      `:leftwards_arrow_with_hook: *${r.ref}* was withdrawn by <@${r.actor?.userId ?? r.referrer.userId}> (${r.withdrawalReason ? WITHDRAWAL_REASONS[r.withdrawalReason] : ''}). Nothing more to do for it.`,
    created: (r: Referral) => `Referred *${r.ref}* to *${r.toAgencyCode}* (${r.urgency}). You will get a message when they act on it.`,
    cardQueued: (r: Referral, error: string) =>
      `*${r.ref}* is stored, but its card could not be posted to ${r.toAgencyCode}’s intake channel yet (${slackProblem(error, r.intakeChannelId)}). Liaison keeps trying, and tells you and ${r.toAgencyCode}’s coordinators if it still cannot in ${CARD_REPORT_MINUTES} minutes.`,
    cardUndeliverable: (r: Referral, error: string | null) =>
      `:warning: The card for referral *${r.ref}* (${r.urgency}) from *${r.fromAgencyCode}* to *${r.toAgencyCode}* could not be posted to ${channel(r.intakeChannelId)}: ${slackProblem(error ?? 'unknown_error', r.intakeChannelId)}. ` +
      `Until it is, ${r.toAgencyCode}’s intake workers can accept or decline it in Liaison’s App Home. Liaison keeps trying: the card appears within ${CARD_RETRY_MAX_MINUTES} minutes of that being fixed.`,
    overdueWithoutCard: (r: Referral, limitHours: number) =>
      `:alarm_clock: Referral *${r.ref}* (${r.urgency}) from *${r.fromAgencyCode}* to *${r.toAgencyCode}* has waited more than ${limitHours} h, and its card is still not in ${channel(r.intakeChannelId)}` +
      ` (${slackProblem(r.cardError ?? 'unknown_error', r.intakeChannelId)}). ${r.toAgencyCode}’s intake workers can accept or decline it in Liaison’s App Home; <@${r.referrer.userId}> made the referral.`,
    alreadyHandled: (r: Referral) =>
      r.actor ? `${r.ref} was already ${r.status} by <@${r.actor.userId}> ${when(r.statusChangedAt)}. Nothing changed.` : `${r.ref} is ${r.status}. Nothing changed.`,
    dm: (r: Referral) => `Your referral *${r.ref}* to *${r.toAgencyCode}*: ${referralState(r)}`,
    noEngagementsYet: 'You have no engagements to refer yet. Log one with `/engage` first.',
    noReceivingAgencies: 'No agency can receive referrals yet: an admin gives one an intake channel with `/agency add … intake=#channel`.',
    card: {
      title: (ref: string, urgency: string) => `Referral ${ref}${urgency === 'routine' ? '' : ` · ${urgency.toUpperCase()}`}`,
      needs: 'Needs',
      urgency: 'Urgency',
      ageBand: 'Age band',
      area: 'Area',
      language: 'Language',
      operation: 'Operation',
      contact: (fromCode: string, userId: string) =>
        `From *${fromCode}*. <@${userId}> arranges the hand-over with you: reply to them, not in this channel.`,
      note: (note: string) => `Note: ${esc(note)}`,
      status: referralState,
      accept: 'Accept',
      decline: 'Decline',
      close: 'Close',
      withdraw: 'Withdraw',
      fallback: (r: Referral) => `Referral ${r.ref} from ${r.fromAgencyCode}: ${needsText(r.needs)} (${r.urgency}) — ${r.status}`,
      /** The card's first post, before its details and buttons are drawn into it. */
      arriving: (r: Referral) => `Referral ${r.ref}${r.urgency === 'routine' ? '' : ` · ${r.urgency.toUpperCase()}`} from ${r.fromAgencyCode}.`,
      /** On a copy of the card that is not the one Liaison keeps current. */
      olderCopy: 'An older copy of this card: the current one is the other card for this referral in this channel.',
    },
    declineModal: {
      title: (ref: string) => `Decline ${ref}`,
      submit: 'Decline',
      explain: 'The referring officer sees your reason. No names or contact details.',
      reason: 'Reason',
      hint: 'For example: no capacity this week; outside our area.',
    },
    closeModal: { title: (ref: string) => `Close ${ref}`, submit: 'Close referral', outcome: 'Outcome' },
    withdrawModal: {
      title: (ref: string) => `Withdraw ${ref}`,
      submit: 'Withdraw',
      explain: 'The receiving agency’s card shows that you withdrew it, and why. Nothing else is sent to them.',
      reason: 'Reason',
    },
    referModal: {
      title: 'Refer to an agency',
      submit: 'Refer',
      engagement: 'Engagement',
      /** One engagement in the picker: when, who, where, and the referrals already made of it, so two people met minutes apart are told apart. */
      engagementOption: (e: ReferableEngagement) =>
        [
          `E-${e.id}`,
          e.operationCode,
          localTime(e.occurredAt, e.timezone),
          LABELS.ageBand[e.ageBand],
          ...(e.area ? [e.area] : []),
          e.referrals.length === 0 ? 'not referred' : e.referrals.map((r) => `${r.toAgencyCode} ${r.status}`).join(', '),
        ].join(' · '),
      to: 'Refer to',
      needs: 'Needs',
      urgency: 'Urgency',
      consent: 'Consent',
      consentOption: 'The person agreed to be referred',
      note: 'Note',
    },
    reminderPending: (r: Referral, limitHours: number) =>
      `:alarm_clock: ${r.ref} (${r.urgency}) has waited more than ${limitHours} h for an answer. Please accept or decline it.`,
    reminderAccepted: (r: Referral, days: number) =>
      `:alarm_clock: ${r.ref} was accepted more than ${days} days ago and is not closed. Please close it with its outcome.`,
  },
  digest: {
    title: (code: string, date: string) => `${code} digest · ${date}`,
    engaged: 'Engaged',
    accepted: 'Accepted support',
    minors: 'Under 18',
    safetyEnsured: 'Safety ensured',
    charged: 'Charged',
    chargedValue: (people: string, offences: string) => `${pluralOf(people, 'person', 'people')}, ${pluralOf(offences, 'offence')}`,
    agencies: 'Agencies',
    agenciesValue: (agencies: number, police: number, personnel: number) => `${agencies} (${police} police) · ${personnel} personnel`,
    referrals: 'Referrals:',
    referralStates: (r: Record<string, string>) =>
      `${r['pending'] ?? 0} pending · ${r['accepted'] ?? 0} accepted · ${r['declined'] ?? 0} declined · ${r['closed'] ?? 0} closed · ${r['withdrawn'] ?? 0} withdrawn`,
    last24h: 'Last 24 h:',
    needsAttention: ':rotating_light: Referrals waiting past their limit',
    overdueLine: (agency: string, n: string) => `• *${agency}*: ${n} pending`,
    overdueRest: (agencies: number, n: string) => `• ${plural(agencies, 'other agency', 'other agencies')}: ${n} pending`,
    byAgency: 'By agency',
    tableColumns: { engaged: 'eng', accepted: 'acc', referrals: 'ref', chargedPeople: 'chrg' },
    otherAgencies: (n: number) => `+${n} more`,
    footer: (codes: string[]) =>
      `${codes.length > 1 ? `Includes ${codes.slice(1).join(', ')}. ` : ''}Figures in brackets: last 24 hours. Aggregates only; no personal data.`,
    smallNumbersNote: (code: string, hideBelow: number, hidden: HiddenInPost) =>
      `Small numbers are hidden: 1 to ${hideBelow - 1} show as <${hideBelow}` +
      `${hidden.withheld ? ', and x is a figure held back so that none can be worked out' : ''}${leftOutClause(hidden.leftOut)}. ` +
      `Exact figures: \`/digest ${code}\` (coordinators).`,
    previewNote: (mark: string, hideBelow: number, hidden: HiddenInPost) =>
      `${mark} hidden in a channel post: shown as <${hideBelow}${hidden.withheld ? ', or held back so that no small number can be worked out' : ''}` +
      `${leftOutClause(hidden.leftOut)}.`,
    fallback: (code: string, date: string, f: DigestFallback) =>
      `${code} digest ${date}: ${f.engaged} engaged (+${f.engagedToday}), ${f.accepted} accepted, ` +
      `${f.minors} under 18, ${f.pending} referrals pending, ${f.chargedPeople} charged with ${f.offences} offences, ` +
      `${f.agencies} agencies, ${f.personnel} personnel.`,
    noChannel: (code: string) => `*${code}* has no digest channel, so there is nowhere to post. Preview it with \`/digest ${code}\`.`,
    posting: (code: string) => `Posting the ${code} digest now.`,
    posted: (code: string, channel: string) => `Posted the ${code} digest to <#${channel}>.`,
    postFailed: (code: string, error: string) =>
      `The ${code} digest could not be posted (${error === 'not_in_channel' ? 'Liaison is not in the digest channel: invite @Liaison' : error}). It stays due; Liaison tries again every minute.`,
    outcomeUnknown: (code: string, date: string, channel: string) =>
      `:warning: The ${code} digest for ${date} may or may not have reached <#${channel}>: Slack did not answer. Please look; if it is missing, post it with \`/digest ${code} post\`.`,
  },
  cli: {
    usage: [
      'usage: npm run cli -- <command>',
      '  migrate                   create or upgrade the database',
      '  digest <OPCODE> [--json]  print a digest',
      '  export <OPCODE> --csv     engagements, referrals and charges as CSV, to stdout',
      '  backup <file>             a consistent online copy of the database',
      '  audit verify              check the audit log; non-zero exit if it was altered',
      '',
    ].join('\n'),
    migrated: (path: string, n: number) => `${path}: ${plural(n, 'migration')} applied; the schema is current.\n`,
    unknownOperation: (code: string) => `There is no operation ${code.toUpperCase()}.\n`,
    digestText: (d: Digest) =>
      [
        `${d.operation.code} — ${d.operation.name} (${d.operationCodes.join(', ')})`,
        `agencies ${d.agencies} (police ${d.policeAgencies}) · personnel ${d.personnel}`,
        `engaged ${d.totals.engaged} · offered ${d.totals.offered} · accepted ${d.totals.accepted} · under 18 ${d.totals.minors} · safety ensured ${d.totals.safetyEnsured}`,
        `referrals: ${d.totals.referrals.pending} pending, ${d.totals.referrals.accepted} accepted, ${d.totals.referrals.declined} declined, ${d.totals.referrals.closed} closed, ${d.totals.referrals.withdrawn} withdrawn`,
        `charged ${d.totals.chargedPeople} people with ${d.totals.offences} offences`,
        `last 24 h: engaged ${d.last24h.engaged}, accepted ${d.last24h.accepted}, charged ${d.last24h.chargedPeople}`,
        '',
        ...d.byAgency.map((a) => `${a.agency.padEnd(12)} engaged ${a.engaged} · accepted ${a.accepted} · referrals ${a.referrals} · charged ${a.chargedPeople} (${a.offences} offences)`),
        '',
      ].join('\n'),
    backedUp: (file: string, engine: 'sqlite' | 'pg') =>
      engine === 'pg' ? `Backed up to ${file} (a pg_dump custom-format archive; restore it with pg_restore).\n` : `Backed up to ${file}; integrity check ok.\n`,
    backupBroken: (file: string, result: string) => `The backup ${file} failed its integrity check: ${result}\n`,
    backupFailed: (file: string, detail: string) => `The backup ${file} could not be written: ${detail}\n`,
    pgDumpMissing:
      'Backing up a PostgreSQL database needs pg_dump, which is not installed here. Install the PostgreSQL client tools (e.g. `apt install postgresql-client`), or use your database service’s own backups.\n',
    auditOk: (rows: number) => `Audit log intact: ${plural(rows, 'row')}, chain verified.\n`,
    auditBroken: (row: number, problem: string) => `Audit log altered at row ${row}: ${problem}.\n`,
  },
  home: {
    title: 'Liaison',
    logEngagement: 'Log an engagement',
    refer: 'Refer someone',
    whoYouAre: (role: Role, code: string | null, name: string | null) =>
      code ? `You are *${role}* at *${code}*${name ? ` — ${esc(name)}` : ''}.` : `You are *${role}* (no agency).`,
    operations: 'Your operations',
    noOperations: 'Your agency has not joined an operation yet.',
    operationLine: (o: HomeOperation) =>
      `*${o.code}* ${esc(o.name)}${o.closed ? ' (closed)' : ''} · ${o.startDate} → ${o.endDate}\nEngaged ${o.engaged} · accepted ${o.accepted} · referrals pending ${o.pendingReferrals} · charged ${o.chargedPeople}`,
    openReferrals: 'Open referrals to your agency',
    noOpenReferrals: 'Nothing waiting. New referrals appear here and in your intake channel.',
    referralLine: (r: Referral) =>
      `*${r.ref}* · ${needsText(r.needs)} · ${r.urgency} · from ${r.fromAgencyCode} (<@${r.referrer.userId}>)\n${referralState(r)}`,
    yourReferrals: 'Your open referrals',
    yourReferralLine: (r: Referral) => `*${r.ref}* · ${needsText(r.needs)} · ${r.urgency} · to ${r.toAgencyCode}\n${referralState(r)}`,
    recentEngagements: 'Your recent engagements',
    engagementLine: (e: { id: number; operationCode: string; ageBand: string; area: string | null; occurredAt: number }) =>
      `• E-${e.id} · ${e.operationCode} · ${LABELS.ageBand[e.ageBand as keyof typeof LABELS.ageBand] ?? e.ageBand}${e.area ? ` · ${esc(e.area)}` : ''} · ${when(e.occurredAt)}`,
  },
  install: {
    done: (team: string) => `Liaison is installed${team ? ` in ${team}` : ''}. Close this page and type /agency help in Slack.`,
    notAllowed: 'This workspace is not one of the partners allowed to use this Liaison deployment. Nothing was installed. Ask the operation’s lead agency to add your team ID to ALLOWED_TEAMS.',
    failed: 'The installation did not complete and nothing was stored. Please start again from the install link.',
  },
  dataGuard: {
    refused: (field: FreeTextField, kind: PersonalDataKind) =>
      `The ${field} looks like it contains ${PERSONAL_DATA[kind]}. Nothing was stored. Liaison never keeps details that could identify the person: describe without them and try again.`,
    tooLong: (field: FreeTextField, limit: number) => `The ${field} is longer than ${limit} characters. Nothing was stored; please shorten it.`,
    /** One line of a refusal that lists every problem of a command. */
    listed: (label: string, found: PersonalDataKind | 'too_long', limit: number) =>
      found === 'too_long' ? `${label} is longer than ${limit} characters: shorten it` : `${label} looks like it contains ${PERSONAL_DATA[found]}: describe without it`,
  },
  forbidden: {
    help: () => 'Everyone may read help.',
    'agency.add': () => 'Only an admin can add agencies.',
    read: () => 'Only registered members can read this.',
    'agency.member': (own: string) => `Only an admin, or a coordinator for their own agency (you are with ${own}), can register members, with roles below admin.`,
    'op.create': (own: string) => `Only an admin, or a coordinator of the lead agency, can create an operation (you are with ${own}: use \`lead=${own}\`).`,
    'op.close': (own: string) => `Only an admin or a coordinator of the lead agency can close it (you are with ${own}).`,
    'op.join': (own: string) => `Only an admin, or a coordinator for their own agency (you are with ${own}), can join an agency to an operation.`,
    'op.invite': (own: string) =>
      `Only an admin, or a coordinator of the operation’s lead agency, can invite agencies into it or create an operation under it (you are with ${own}).`,
    record: (own: string) =>
      `Only officers and coordinators, for their own agency in operations it joined (you are with ${own}), and admins can log records; intake workers cannot.`,
    'referral.act': (own: string) => `Only intake workers and coordinators of the receiving agency can act on this referral (you are with ${own}).`,
    'referral.withdraw': (own: string) =>
      `Only the officer who made this referral, a coordinator of the agency that made it, or an admin can withdraw it (you are with ${own}).`,
    digest: (own: string) => `Only coordinators of an agency that joined this operation (and admins) can see or post its digest (you are with ${own}).`,
  } satisfies Record<Action, (own: string) => string>,
  parse: {
    unknownSubcommand: (command: string, sub: string, usage: string) => `\`${command} ${truncate(sub, 30)}\` is not a command I know.\n\n${usage}`,
    openQuote: 'a quote `"` is not closed',
    repeatedKey: (key: string) => `\`${key}=\` is given twice`,
    unexpected: (value: string) => `unexpected \`${value}\``,
    unknownKey: (key: string) => `unknown key \`${key}=\``,
    missing: (label: string) => `${label} is missing`,
    badValue: (label: string, problem: string) => `${label} ${problem}`,
    notOneLine: (label: string) =>
      `${label} must be one line of plain text, without line breaks, tabs or invisible characters (such as those that reverse the direction of text). Type the name again, all on one line.`,
    /** Why a value was refused (see commands/shared/reasons.ts); `detail` is the allowed values, a limit, … */
    reasons: {
      yesNo: () => 'must be yes or no (oui or non)',
      oneOf: (values: string) => `must be one of ${values}`,
      listOf: (values: string) => `must be a comma-separated list of ${values}`,
      listAtLeastOne: (values: string) => `must list at least one of ${values}`,
      atLeastCharacters: (n: string) => `must be at least ${n} characters`,
      atMostCharacters: (n: string) => `must be at most ${n} characters`,
      code: () => 'must be a code of letters, digits and dashes (up to 30)',
      count: () => 'must be a whole number from 0 to 10,000',
      channel: () => 'must be a channel, e.g. #intake or C0123456',
      person: () => 'must be a person, e.g. @name or U0123456',
      team: () => 'must be a Slack team or enterprise ID, e.g. T0123456',
      date: () => 'must be a date written YYYY-MM-DD',
      timeZone: () => 'must be an IANA time zone such as America/Toronto',
      clockTime: () => 'must be a time written HH:MM (24-hour)',
      hideBelow: () => 'must be a whole number from 1 to 100',
      languageCode: () => 'must be a language code such as en, fr or es',
      dateTime: () => 'must be written YYYY-MM-DDTHH:MM',
      realDateTime: () => 'is not a real date and time',
      engagementRef: () => 'must be an engagement reference such as E-12',
      referralRef: () => 'must be a referral reference such as R-7',
      onlyPost: () => 'can only be `post`',
    },
    problems: (list: string[], usage: string) =>
      `Nothing was stored. Please fix:\n${list.map((p) => `• ${p}`).join('\n')}\n\n${usage}`,
  },
  errors: {
    rateLimited: (seconds: number) => `You are sending commands faster than Liaison accepts them. Nothing was stored; please wait ${seconds} s and send it again.`,
    title: 'Not stored',
    internal: 'Something went wrong on our side and nothing was stored. Please try again in a minute.',
    unavailable: 'Liaison cannot reach its database right now, so nothing was stored. Please try again in a moment.',
    notRegistered:
      'You are not registered with a partner agency yet. Ask your agency’s coordinator to run `/agency member @you <AGENCY> role=<role>`.',
  },
};

/** Every catalogue's shape: the English one's keys and functions, with any text where it has text. */
type Catalogue<T> = T extends string ? string : T extends (...args: never[]) => unknown ? T : { readonly [K in keyof T]: Catalogue<T[K]> };
export type Messages = Catalogue<typeof en>;
