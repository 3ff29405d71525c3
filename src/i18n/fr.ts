// Messages en français : chaque phrase que l’on lit dans Slack, le bac à sable ou la CLI, comme la
// rédigerait un francophone canadien (terminologie de Termium Plus). Même structure qu’en.ts.
//
// Typographie. Les chaînes sont écrites ici avec des espaces ordinaires ; l’étiquette `t` les compose
// (dans le texte écrit ici seulement, jamais dans ce qui y est inséré : noms, notes, codes) :
// - espace insécable U+00A0 devant le deux-points et à l’intérieur des guillemets « » ;
// - espace fine insécable U+202F devant ; ! ? (usage recommandé par l’OQLF ; un seul choix partout) ;
// - espace insécable entre un nombre et son unité (18 ans, 24 h).
// Un code d’émoji (` :warning:`) n’est pas un deux-points : il reste tel quel.
// Les nombres dans les phrases passent par Intl.NumberFormat('fr-CA') (1 000, avec U+00A0) ; les dates
// et les heures en texte brut, par Intl.DateTimeFormat('fr-CA') (« 12 oct. 2017 », « 23 h 40 »).
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
import type { DigestFallback, HiddenInPost, Messages } from './en.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** French spacing of one piece of text written in this file (see the comment at the top). */
export const typeset = (text: string): string =>
  text
    .replace(/ :(?![a-z0-9_+-]+:)/g, `${NBSP}:`)
    .replace(/ ([;!?])/g, `${NNBSP}$1`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`)
    .replace(/(\d) (?=(?:h|s|ans|min|minutes|heures|jours)\b)/g, `$1${NBSP}`);

/** Template tag: typesets the literal parts, leaves what is inserted as it is. */
const t = (strings: TemplateStringsArray, ...values: unknown[]): string =>
  strings.reduce((out, part, i) => out + typeset(part) + (i < values.length ? String(values[i]) : ''), '');

const esc = escapeMrkdwn;
const NUMBER = new Intl.NumberFormat('fr-CA');
/** A figure inside a sentence: `1 000`. */
const num = (n: number) => NUMBER.format(n);
/** A figure already printed (`12`, `<5`, `x`): digits regrouped, anything else as it is. */
const fig = (figure: string) => (/^\d+$/.test(figure) ? num(Number(figure)) : figure);

/** French plurals: 0 and 1 (and anything below 2) take the singular. */
export const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${Math.abs(n) < 2 ? one : many}`;
/** A figure as printed (`12`, `<5`, `x`): singular for `0` and `1`. */
export const pluralOf = (figure: string, one: string, many = `${one}s`) => `${fig(figure)} ${figure === '0' || figure === '1' ? one : many}`;

const CARD_REPORT_MINUTES = CARD_REPORT_AFTER_MS / 60_000;
const CARD_RETRY_MAX_MINUTES = CARD_RETRY_MAX_MS / 60_000;

const nb = (text: string) => text.replace(/ /g, NBSP);
const DAY = new Intl.DateTimeFormat('fr-CA', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
/** A calendar day written YYYY-MM-DD, as « 12 oct. 2017 »; anything else as given. */
const day = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? nb(DAY.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) : iso;
};
const range = (start: string, end: string) => `du ${day(start)} au ${day(end)}`;
/** A clock time written HH:MM, as « 8 h 00 »; anything else as given. */
const clock = (hhmm: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return m ? `${Number(m[1])}${NBSP}h${NBSP}${m[2]}` : hhmm;
};

/** A moment as plain text in a zone, for places Slack's date formatting cannot reach (select options). */
const localTime = (ms: number, timeZone: string, withYear = false) => {
  const date = new Intl.DateTimeFormat('fr-CA', { timeZone, day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) }).format(ms);
  const time = new Intl.DateTimeFormat('fr-CA', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  return `${nb(date)} à ${nb(time)}`;
};
/** A time Slack shows in each reader's own zone (and, where it cannot, in UTC). */
const when = (ms: number) => `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} à {time}|${localTime(ms, 'UTC', true)} UTC>`;

const channel = (id: string | null) => (id ? `<#${id}>` : 'aucun');
/** Where a card goes, after « dans »: the channel, or the intake channel that is not set. */
const intake = (id: string | null) => (id ? `<#${id}>` : 'le canal d’accueil, qui n’est pas défini');
/** A value's French label, or the value itself if it has none. */
const labelOf = (labels: Readonly<Record<string, string>>, value: string) => labels[value] ?? value;

/** Labels used inside other sentences as well as in `labels` below: one label per value. */
const LABELS = {
  ageBand: {
    under18: t`Moins de 18 ans`,
    '18-24': t`18 à 24 ans`,
    '25-34': t`25 à 34 ans`,
    '35-44': t`35 à 44 ans`,
    '45plus': t`45 ans ou plus`,
    unknown: 'Âge inconnu',
  },
  need: {
    shelter: 'Hébergement',
    medical: 'Soins médicaux',
    legal: 'Aide juridique',
    immigration: 'Immigration',
    counselling: 'Soutien psychosocial',
    addiction: 'Dépendances',
    financial: 'Aide financière',
    translation: 'Interprétation',
    other: 'Autre',
  },
  urgency: { routine: 'Courante', urgent: 'Urgente', immediate: 'Immédiate' },
} as const;
const needs = (list: readonly string[]) => list.map((n) => labelOf(LABELS.need, n).toLowerCase()).join(', ');
const urgency = (u: string) => labelOf(LABELS.urgency, u).toLowerCase();
/** A referral's urgency in its title: nothing when routine. */
const urgent = (u: string) => (u === 'routine' ? '' : ` · ${labelOf(LABELS.urgency, u).toUpperCase()}`);

/** A referral's state, agreeing with « une orientation ». */
const STATUS: Record<string, string> = { pending: 'en attente', accepted: 'acceptée', declined: 'refusée', closed: 'close', withdrawn: 'retirée' };
const status = (s: string) => labelOf(STATUS, s);
const ROLES: Record<Role, string> = { officer: 'agent', intake: 'intervenant à l’accueil', coordinator: 'coordonnateur', admin: 'administrateur' };
const KINDS: Record<string, string> = {
  police: 'service de police',
  advocacy: 'organisme de défense des droits',
  victim_services: 'services aux victimes',
  health: 'santé',
  government: 'gouvernement',
  other: 'autre',
};
const kind = (k: string) => labelOf(KINDS, k);

const leftOutClause = (leftOut: LeftOut) =>
  leftOut === 'referralsColumn' ? t` ; les orientations par organisme sont omises` : leftOut === 'lists' ? t` ; les listes par organisme sont omises` : '';

const OUTCOMES = {
  connected: 'Mise en lien avec du soutien',
  could_not_contact: 'Impossible de joindre la personne',
  not_eligible: 'Non admissible',
  no_capacity: 'Aucune place disponible',
  person_withdrew: 'La personne s’est retirée',
  referred_elsewhere: 'Orientée ailleurs',
  other: 'Autre',
} as const;
const WITHDRAWAL_REASONS = {
  consent_withdrawn: 'Consentement retiré',
  duplicate: 'Doublon',
  entered_in_error: 'Saisie par erreur',
  other: 'Autre',
} as const;
/** What a Slack error code means for the person who can fix it. */
const slackProblem = (error: string, intakeChannelId: string | null) => {
  switch (error) {
    case 'not_in_channel':
      return t`Liaison n’est pas dans ce canal : invitez @Liaison dans ${channel(intakeChannelId)}`;
    case 'channel_not_found':
    case 'is_archived':
      return t`le canal est archivé ou n’existe plus : un administrateur indique un nouveau canal d’accueil avec \`/agency add … intake=#canal\``;
    case 'not_installed':
    case 'invalid_auth':
    case 'token_revoked':
      return t`Liaison n’est pas installée dans cet espace de travail : demandez à son administrateur de la réinstaller`;
    default:
      return t`réponse de Slack : ${error}`;
  }
};

const referralState = (r: Referral) => {
  const by = r.actor ? `<@${r.actor.userId}>` : '';
  switch (r.status) {
    case 'pending':
      return t`:hourglass_flowing_sand: En attente de réponse (${r.toAgencyCode}) · envoi : ${when(r.createdAt)}`;
    case 'accepted':
      return t`:white_check_mark: Acceptée par ${by} (${when(r.statusChangedAt)})`;
    case 'declined':
      return t`:x: Refusée par ${by} (${when(r.statusChangedAt)}) : ${esc(r.declineReason ?? '')}`;
    case 'closed':
      return t`:lock: Close par ${by} (${when(r.statusChangedAt)}) : ${r.closeOutcome ? OUTCOMES[r.closeOutcome] : ''}`;
    case 'withdrawn':
      return t`:leftwards_arrow_with_hook: Retirée par ${by} (${when(r.statusChangedAt)}) : ${r.withdrawalReason ? WITHDRAWAL_REASONS[r.withdrawalReason] : ''}`;
  }
};
const PERSONAL_DATA: Record<PersonalDataKind, string> = {
  phone: 'un numéro de téléphone',
  email: 'une adresse courriel',
  street_address: 'une adresse municipale',
  postal_code: 'un code postal',
  date_of_birth: 'une date de naissance',
  government_id: 'un numéro d’identification',
  social_handle: 'un pseudonyme de réseau social ou un lien vers un profil',
  personal_name: 'le nom d’une personne',
  licence_plate: 'une plaque d’immatriculation',
};
/** A free-text field at the start of a sentence, and the pronoun that stands for it. */
const FIELDS: Record<FreeTextField, { name: string; it: string }> = {
  note: { name: 'La note', it: 'la' },
  area: { name: 'Le secteur', it: 'le' },
  reason: { name: 'Le motif', it: 'le' },
};

export const fr: Messages = {
  usage: {
    agency: [
      '*/agency* — organismes partenaires',
      '`/agency add <CODE> "<Nom>" kind=<police|advocacy|victim_services|health|government|other> [intake=<canal>] [lang=<en|fr>]`',
      '`/agency list`',
      '`/agency show <CODE>`',
      '`/agency member <personne> [<personne> …] <CODE> role=<officer|intake|coordinator|admin>`',
    ].join('\n'),
    op: [
      '*/op* — opérations',
      '`/op create <CODE> "<Nom>" start=<AAAA-MM-JJ> end=<AAAA-MM-JJ> lead=<AGENCY> [parent=<OPCODE>] [tz=<fuseau IANA>] [digest=<canal>] [digest_time=<HH:MM>] [lang=<en|fr|en+fr|fr+en>] [hide_below=<n>]`',
      '`/op invite <OPCODE> <AGENCY>`',
      '`/op join <OPCODE> <AGENCY> [officers=<n>] [support_staff=<n>] [victim_services=<n>]`',
      '`/op list`',
      '`/op show <OPCODE>`',
      '`/op close <OPCODE>`',
    ].join('\n'),
    engage: [
      t`*/engage* — consigner une personne rencontrée (ni nom ni coordonnées)`,
      t`\`/engage\` ouvre un formulaire.`,
      '`/engage <OPCODE> age=<under18|18-24|25-34|35-44|45plus|unknown> gender=<female|male|nonbinary|unknown> offered=<yes|no> accepted=<yes|no> [safety_ensured=<yes|no>] [agency=<AGENCY>] [area="<secteur général>"] [language=<code>] [at=<AAAA-MM-JJTHH:MM>] [note="<texte>"]`',
      t`\`oui\` et \`non\` sont acceptés partout où \`yes\` ou \`no\` est demandé.`,
    ].join('\n'),
    refer: [
      t`*/refer* — orienter une rencontre vers un organisme de soutien`,
      t`\`/refer\` ouvre un formulaire.`,
      '`/refer <E-n> to=<AGENCY> needs=<besoin,besoin,…> urgency=<routine|urgent|immediate> consent=<yes|no> [note="<texte>"]`',
      t`besoins (needs) : shelter (hébergement), medical (soins médicaux), legal (aide juridique), immigration, counselling (soutien psychosocial), addiction (dépendances), financial (aide financière), translation (interprétation), other (autre) ; \`consent=oui\` est aussi accepté`,
      t`\`/refer withdraw <R-n> reason=<consent_withdrawn|duplicate|entered_in_error|other>\` retire une orientation en attente ou acceptée`,
    ].join('\n'),
    charge: [
      t`*/charge* — consigner une personne accusée`,
      '`/charge <OPCODE> offences=<article,article,…> [agency=<AGENCY>] [note="<texte>"]`',
      t`articles du Code criminel : 279.01, 279.011, 279.02, 279.03, 286.1, 286.2, 286.3, 286.4, other (autre)`,
    ].join('\n'),
    digest: [
      t`*/digest* — le sommaire quotidien commun aux organismes`,
      t`\`/digest <OPCODE>\` l’affiche en aperçu (vous seul le voyez).`,
      t`\`/digest <OPCODE> post\` le publie maintenant dans le canal du sommaire de l’opération.`,
    ].join('\n'),
  },
  common: { ok: 'OK', yes: 'oui', no: 'non' },
  labels: {
    ageBand: LABELS.ageBand,
    gender: { female: 'Femme', male: 'Homme', nonbinary: 'Non binaire', unknown: 'Inconnu' },
    need: LABELS.need,
    urgency: LABELS.urgency,
    outcome: OUTCOMES,
    withdrawalReason: WITHDRAWAL_REASONS,
  },
  agency: {
    unknown: (code: string) => t`Il n’existe aucun organisme *${code}*. Tapez \`/agency list\` pour voir les codes.`,
    exists: (code: string) => t`L’organisme *${code}* existe déjà. Tapez \`/agency show ${code}\` pour le consulter.`,
    added: (a: Agency) => t`Organisme *${a.code}* ajouté — ${esc(a.name)} (${kind(a.kind)}). Canal d’accueil : ${channel(a.intakeChannelId)}.`,
    list: (rows: AgencySummary[]) =>
      rows.length === 0
        ? t`Aucun organisme pour l’instant. Un administrateur en ajoute un avec \`/agency add <CODE> "<Nom>" kind=<kind>\`.`
        : [
            `*Organismes* (${num(rows.length)})`,
            ...rows.map(
              (a) => `• *${a.code}* ${esc(a.name)} · ${kind(a.kind)} · ${plural(a.members, 'membre')}${a.intakeChannelId ? ` · accueil ${channel(a.intakeChannelId)}` : ''}`,
            ),
          ].join('\n'),
    show: (d: AgencyDetail) =>
      [
        `*${d.agency.code}* — ${esc(d.agency.name)} (${kind(d.agency.kind)})`,
        t`Canal d’accueil : ${channel(d.agency.intakeChannelId)}`,
        t`Membres : ${plural(d.membersByRole.officer, 'agent')}, ${plural(d.membersByRole.intake, 'intervenant à l’accueil', 'intervenants à l’accueil')}, ${plural(d.membersByRole.coordinator, 'coordonnateur')}, ${plural(d.membersByRole.admin, 'administrateur')}`,
        t`Opérations : ${d.operations.length ? d.operations.join(', ') : 'aucune pour l’instant'}`,
      ].join('\n'),
    memberSet: (userId: string, code: string, role: Role, previous: Role | null) =>
      previous
        ? t`<@${userId}> a maintenant le rôle *${ROLES[role]}* au sein de *${code}* (auparavant : ${ROLES[previous]}).`
        : t`Inscription de <@${userId}> au rôle *${ROLES[role]}* au sein de *${code}*.`,
    /** One line per person of a `/agency member` naming several: what happened to each. */
    membersSet: (lines: readonly string[]) => lines.map((line) => `• ${line}`).join('\n'),
    tooManyMembers: (max: number) => t`Au plus ${num(max)} personnes par commande \`/agency member\` : envoyez les autres dans une autre commande.`,
    onlyAdminsGrantAdmin: t`Seul un administrateur peut donner le rôle d’administrateur. Choisissez role=officer, intake ou coordinator.`,
    memberElsewhere: (userId: string, code: string) =>
      t`<@${userId}> est inscrit auprès de *${code}* (ou est administrateur). Demandez à un administrateur ou à un coordonnateur de ${code} de faire la modification.`,
  },
  op: {
    unknown: (code: string) => t`Il n’existe aucune opération *${code}*. Tapez \`/op list\` pour voir les codes.`,
    unknownId: (id: number) => t`Il n’existe aucune opération dont l’identifiant est ${id}.`,
    exists: (code: string) => t`L’opération *${code}* existe déjà. Tapez \`/op show ${code}\` pour la consulter.`,
    closed: (code: string) => t`L’opération *${code}* est close ; on ne peut plus rien y consigner.`,
    endBeforeStart: t`La date \`end=\` précède la date \`start=\`. Veuillez corriger les dates.`,
    created: (o: Operation) =>
      [
        t`Opération *${o.code}* créée — ${esc(o.name)}, ${range(o.startDate, o.endDate)} (${o.timezone}), organisme responsable *${o.leadAgencyCode}*${o.parentCode ? `, sous *${o.parentCode}*` : ''}.`,
        o.digestChannelId ? t`Sommaire quotidien à ${clock(o.digestTime)} dans ${channel(o.digestChannelId)}.` : t`Aucun canal de sommaire pour l’instant.`,
        t`Chaque organisme s’y joint avec \`/op join ${o.code} <AGENCY> officers=<n>\`.`,
      ].join('\n'),
    joined: (agency: string, op: string, p: Participation, rejoined: boolean) =>
      t`*${agency}* ${rejoined ? 'a mis à jour ses effectifs dans' : 's’est joint à'} *${op}* : ${plural(p.officers, 'agent')}, ${plural(p.supportStaff, 'membre du personnel de soutien', 'membres du personnel de soutien')}, ${plural(p.victimServices, 'intervenant des services aux victimes', 'intervenants des services aux victimes')}.`,
    list: (rows: OperationSummary[]) =>
      rows.length === 0
        ? t`Aucune opération pour l’instant. Créez-en une avec \`/op create <CODE> "<Nom>" start=<AAAA-MM-JJ> end=<AAAA-MM-JJ> lead=<AGENCY>\`.`
        : [
            `*Opérations* (${num(rows.length)})`,
            ...rows.map(
              (o) =>
                `• *${o.code}* ${esc(o.name)} · ${range(o.startDate, o.endDate)} · responsable ${o.leadAgencyCode}${o.parentCode ? ` · sous ${o.parentCode}` : ''} · ${plural(o.agencies, 'organisme')}${o.closedAt ? ' · close' : ''}`,
            ),
          ].join('\n'),
    show: (o: Operation, d: Digest) =>
      [
        `*${o.code}* — ${esc(o.name)}${o.closedAt ? ' (close)' : ''}`,
        `${range(o.startDate, o.endDate)} · ${o.timezone} · organisme responsable *${o.leadAgencyCode}*${o.parentCode ? ` · sous *${o.parentCode}*` : ''}`,
        t`Sommaire : ${o.digestChannelId ? `${clock(o.digestTime)} dans ${channel(o.digestChannelId)}` : 'aucun canal'}`,
        t`${plural(d.agencies, 'organisme')} · effectif : ${num(d.personnel)}${d.operationCodes.length > 1 ? ` · comprend ${d.operationCodes.slice(1).join(', ')}` : ''}`,
        t`*Personnes rencontrées : ${num(d.totals.engaged)}* · aide acceptée : ${num(d.totals.accepted)} · moins de 18 ans : ${num(d.totals.minors)}`,
        t`Orientations : ${num(d.totals.referrals.pending)} en attente, ${plural(d.totals.referrals.accepted, 'acceptée')}, ${plural(d.totals.referrals.declined, 'refusée')}, ${plural(d.totals.referrals.closed, 'close')}, ${plural(d.totals.referrals.withdrawn, 'retirée')}`,
        t`Accusations : ${plural(d.totals.chargedPeople, 'personne accusée', 'personnes accusées')} de ${plural(d.totals.offences, 'infraction')}`,
      ].join('\n'),
    closedNow: (code: string) => t`Opération *${code}* close. Ses données sont conservées ; on ne peut plus rien y consigner.`,
    invited: (agency: string, op: string, already: boolean) =>
      already
        ? t`*${agency}* était déjà invité à *${op}*. Son coordonnateur s’y joint avec \`/op join ${op} ${agency} officers=<n>\`.`
        : t`*${agency}* est invité à *${op}*. Son coordonnateur s’y joint avec \`/op join ${op} ${agency} officers=<n>\`.`,
    notInvited: (agency: string, op: string, lead: string) =>
      t`*${agency}* n’a pas été invité à *${op}*. Seul un administrateur, ou un coordonnateur de l’organisme responsable (*${lead}*), peut l’inviter : \`/op invite ${op} ${agency}\`.`,
  },
  record: {
    nameAgency: t`Votre compte n’est associé à aucun organisme : ajoutez \`agency=<AGENCY>\` pour indiquer l’organisme visé.`,
    notJoined: (agency: string, op: string) =>
      t`*${agency}* ne s’est pas joint à *${op}*. Un coordonnateur doit d’abord exécuter \`/op join ${op} ${agency} officers=<n>\`.`,
  },
  engage: {
    logged: (ref: string, op: string, minorAgency: string | null) =>
      minorAgency
        ? t`Rencontre *${ref}* consignée dans ${op}. :warning: *Moins de 18 ans* : appliquez dès maintenant le protocole de protection de l’enfance (${minorAgency}).`
        : t`Rencontre *${ref}* consignée dans ${op}.`,
    /** Buttons under the answer to an engagement. */
    refer: 'Orienter',
    logAnother: 'Consigner une autre rencontre',
    referElsewhere: 'Orienter ailleurs',
    notRecentEngagement: (ref: string) =>
      t`${ref} ne fait pas partie de vos rencontres récentes. Orientez-la avec \`/refer ${ref} to=<AGENCY> needs=<besoin,…> urgency=<…> consent=yes\`.`,
    noOperations: t`Votre organisme ne participe à aucune opération en cours : il n’y a rien où consigner. Un coordonnateur l’inscrit à une opération avec \`/op join <OPCODE> <AGENCY>\`.`,
    acceptedNeedsOffered: t`\`accepted=yes\` exige \`offered=yes\` : l’aide doit être offerte avant d’être acceptée.`,
    atOutsideDates: (op: string, start: string, end: string) =>
      t`\`at=\` doit tomber pendant l’opération ${op} (${range(start, end)}, avec un jour de grâce de chaque côté).`,
    atInFuture: t`\`at=\` est dans le futur. Omettez-le pour utiliser l’heure actuelle.`,
    nowOutsideDates: (op: string, start: string, end: string) =>
      t`L’opération ${op} se déroule ${range(start, end)}, et nous sommes en dehors de ces dates. Rien n’a été enregistré. Ajoutez \`at=<AAAA-MM-JJTHH:MM>\` pour indiquer quand vous avez rencontré la personne, pendant l’opération.`,
    modal: {
      title: 'Consigner une rencontre',
      submit: 'Consigner',
      cancel: 'Annuler',
      yes: 'Oui',
      no: 'Non',
      privacy: t`Ni nom, ni coordonnées, ni adresse : décrivez sans identifier.`,
      operation: 'Opération',
      age: 'Tranche d’âge',
      gender: 'Genre',
      offered: t`Aide offerte ?`,
      accepted: t`Offre acceptée ?`,
      safety: 'Sécurité',
      safetyOption: 'Sécurité assurée',
      area: 'Secteur',
      areaHint: 'Un quartier ou une ville, jamais une adresse.',
      language: 'Langue',
      languageHint: 'Un code de langue comme fr, en ou es.',
      note: 'Note',
      noteHint: 'Ni nom, ni numéro de téléphone, ni pseudonyme, ni adresse.',
      required: 'Veuillez faire un choix.',
    },
  },
  charge: {
    logged: (ref: string, sections: string[]) =>
      t`Accusation *${ref}* consignée : une personne accusée de ${plural(sections.length, 'infraction')} (${sections.join(', ')}).`,
  },
  referral: {
    unknown: (ref: string) => t`Il n’existe aucune orientation ${ref}.`,
    unknownEngagement: (ref: string) => t`Il n’existe aucune rencontre ${ref}. Vérifiez le numéro E- que vous a donné la réponse à \`/engage\`.`,
    noConsent: t`Une orientation exige le consentement de la personne : \`consent=yes\` (ou \`consent=oui\`) une fois qu’elle a accepté. Rien n’a été enregistré.`,
    noIntake: (code: string) =>
      t`*${code}* n’a pas de canal d’accueil : il ne peut donc pas recevoir d’orientations. Un administrateur lui en attribue un avec \`/agency add\`.`,
    reasonRequired: 'Veuillez indiquer le motif du refus.',
    withdrawalReasonRequired: 'Veuillez indiquer pourquoi l’orientation est retirée.',
    duplicate: (engagement: string, to: string, open: string, state: string) =>
      t`${engagement} fait déjà l’objet d’une orientation ouverte vers *${to}* : *${open}* (${status(state)}). Rien n’a été enregistré. ${engagement} pourra être orientée de nouveau vers ${to} une fois ${open} refusée, close ou retirée (\`/refer withdraw ${open} reason=duplicate\`).`,
    withdrawn: (r: Referral) =>
      t`Orientation *${r.ref}* vers *${r.toAgencyCode}* retirée (${r.withdrawalReason ? WITHDRAWAL_REASONS[r.withdrawalReason] : ''}). Sa fiche dans leur canal d’accueil l’indique maintenant.`,
    withdrawnNotice: (r: Referral) =>
      t`:leftwards_arrow_with_hook: *${r.ref}* a été retirée par <@${r.actor?.userId ?? r.referrer.userId}> (${r.withdrawalReason ? WITHDRAWAL_REASONS[r.withdrawalReason] : ''}). Il n’y a plus rien à faire pour cette orientation.`,
    created: (r: Referral) => t`Orientation *${r.ref}* envoyée à *${r.toAgencyCode}* (${urgency(r.urgency)}). Vous recevrez un message quand l’organisme y donnera suite.`,
    cardQueued: (r: Referral, error: string) =>
      t`*${r.ref}* est enregistrée, mais sa fiche n’a pas encore pu être publiée dans le canal d’accueil de ${r.toAgencyCode} (${slackProblem(error, r.intakeChannelId)}). Liaison continue d’essayer et vous avisera, ainsi que les coordonnateurs de ${r.toAgencyCode}, si elle n’y arrive toujours pas d’ici ${plural(CARD_REPORT_MINUTES, 'minute')}.`,
    cardUndeliverable: (r: Referral, error: string | null) =>
      t`:warning: La fiche de l’orientation *${r.ref}* (${urgency(r.urgency)}) de *${r.fromAgencyCode}* vers *${r.toAgencyCode}* n’a pas pu être publiée dans ${intake(r.intakeChannelId)} : ${slackProblem(error ?? 'unknown_error', r.intakeChannelId)}. ` +
      t`D’ici là, les intervenants à l’accueil de ${r.toAgencyCode} peuvent l’accepter ou la refuser dans l’onglet Accueil (App Home) de Liaison. Liaison continue d’essayer : la fiche apparaîtra au plus ${plural(CARD_RETRY_MAX_MINUTES, 'minute')} après la correction du problème.`,
    overdueWithoutCard: (r: Referral, limitHours: number) =>
      t`:alarm_clock: L’orientation *${r.ref}* (${urgency(r.urgency)}) de *${r.fromAgencyCode}* vers *${r.toAgencyCode}* attend depuis plus de ${num(limitHours)}${NBSP}h, et sa fiche n’est toujours pas dans ${intake(r.intakeChannelId)}` +
      t` (${slackProblem(r.cardError ?? 'unknown_error', r.intakeChannelId)}). Les intervenants à l’accueil de ${r.toAgencyCode} peuvent l’accepter ou la refuser dans l’onglet Accueil (App Home) de Liaison ; l’orientation a été faite par <@${r.referrer.userId}>.`,
    alreadyHandled: (r: Referral) =>
      r.actor
        ? t`${r.ref} a déjà été ${status(r.status)} par <@${r.actor.userId}> (${when(r.statusChangedAt)}). Rien n’a changé.`
        : t`${r.ref} est ${status(r.status)}. Rien n’a changé.`,
    dm: (r: Referral) => t`Votre orientation *${r.ref}* vers *${r.toAgencyCode}* : ${referralState(r)}`,
    noEngagementsYet: t`Vous n’avez encore aucune rencontre à orienter. Consignez-en une d’abord avec \`/engage\`.`,
    noReceivingAgencies: t`Aucun organisme ne peut encore recevoir d’orientations : un administrateur attribue un canal d’accueil à un organisme avec \`/agency add … intake=#canal\`.`,
    card: {
      title: (ref: string, u: string) => `Orientation ${ref}${urgent(u)}`,
      needs: 'Besoins',
      urgency: 'Urgence',
      ageBand: 'Tranche d’âge',
      area: 'Secteur',
      language: 'Langue',
      operation: 'Opération',
      contact: (fromCode: string, userId: string) =>
        t`De *${fromCode}*. <@${userId}> organise le transfert avec vous : répondez-lui directement, pas dans ce canal.`,
      note: (note: string) => t`Note : ${esc(note)}`,
      status: referralState,
      accept: 'Accepter',
      decline: 'Refuser',
      close: 'Clore',
      withdraw: 'Retirer',
      fallback: (r: Referral) => t`Orientation ${r.ref} de ${r.fromAgencyCode} : ${needs(r.needs)} (${urgency(r.urgency)}) — ${status(r.status)}`,
      /** The card's first post, before its details and buttons are drawn into it. */
      arriving: (r: Referral) => `Orientation ${r.ref}${urgent(r.urgency)}, de ${r.fromAgencyCode}.`,
      /** On a copy of the card that is not the one Liaison keeps current. */
      olderCopy: t`Ancienne copie de cette fiche : la fiche à jour est l’autre fiche de cette orientation dans ce canal.`,
    },
    declineModal: {
      title: (ref: string) => `Refuser ${ref}`,
      submit: 'Refuser',
      explain: 'La personne qui a fait l’orientation verra votre motif. Ni nom ni coordonnées.',
      reason: 'Motif',
      hint: t`Par exemple : aucune place cette semaine ; hors de notre secteur.`,
    },
    closeModal: { title: (ref: string) => `Clore ${ref}`, submit: 'Clore l’orientation', outcome: 'Résultat' },
    withdrawModal: {
      title: (ref: string) => `Retirer ${ref}`,
      submit: 'Retirer',
      explain: 'La fiche de l’organisme destinataire indiquera que vous avez retiré l’orientation, et pourquoi. Rien d’autre ne lui est transmis.',
      reason: 'Motif',
    },
    referModal: {
      title: 'Nouvelle orientation',
      submit: 'Orienter',
      engagement: 'Rencontre',
      /** One engagement in the picker: when, who, where, and the referrals already made of it, so two people met minutes apart are told apart. */
      engagementOption: (e: ReferableEngagement) =>
        [
          `E-${e.id}`,
          e.operationCode,
          localTime(e.occurredAt, e.timezone),
          LABELS.ageBand[e.ageBand],
          ...(e.area ? [e.area] : []),
          e.referrals.length === 0 ? 'aucune orientation' : e.referrals.map((r) => `${r.toAgencyCode} ${status(r.status)}`).join(', '),
        ].join(' · '),
      to: 'Orienter vers',
      needs: 'Besoins',
      urgency: 'Urgence',
      consent: 'Consentement',
      consentOption: 'La personne a consenti à être orientée',
      note: 'Note',
    },
    reminderPending: (r: Referral, limitHours: number) =>
      t`:alarm_clock: ${r.ref} (${urgency(r.urgency)}) attend une réponse depuis plus de ${num(limitHours)}${NBSP}h. Veuillez l’accepter ou la refuser.`,
    reminderAccepted: (r: Referral, days: number) =>
      t`:alarm_clock: ${r.ref} a été acceptée il y a plus de ${plural(days, 'jour')} et n’est pas close. Veuillez la clore en indiquant son résultat.`,
  },
  digest: {
    title: (code: string, date: string) => `Sommaire ${code} · ${day(date)}`,
    engaged: 'Personnes rencontrées',
    accepted: 'Aide acceptée',
    minors: t`Moins de 18 ans`,
    safetyEnsured: 'Sécurité assurée',
    charged: 'Personnes accusées',
    chargedValue: (people: string, offences: string) => `${pluralOf(people, 'personne')}, ${pluralOf(offences, 'infraction')}`,
    agencies: 'Organismes',
    agenciesValue: (agencies: number, police: number, personnel: number) =>
      t`${num(agencies)} (dont ${plural(police, 'service de police', 'services de police')}) · effectif : ${num(personnel)}`,
    referrals: t`Orientations :`,
    referralStates: (r: Record<string, string>) =>
      `${fig(r['pending'] ?? '0')} en attente · ${pluralOf(r['accepted'] ?? '0', 'acceptée')} · ${pluralOf(r['declined'] ?? '0', 'refusée')} · ${pluralOf(r['closed'] ?? '0', 'close')} · ${pluralOf(r['withdrawn'] ?? '0', 'retirée')}`,
    last24h: t`24 dernières heures :`,
    needsAttention: ':rotating_light: Orientations en attente au-delà du délai',
    overdueLine: (agency: string, n: string) => t`• *${agency}* : ${fig(n)} en attente`,
    overdueRest: (agencies: number, n: string) => t`• ${plural(agencies, 'autre organisme', 'autres organismes')} : ${fig(n)} en attente`,
    byAgency: 'Par organisme',
    tableColumns: { engaged: 'renc.', accepted: 'aide', referrals: 'orie.', chargedPeople: 'accu.' },
    otherAgencies: (n: number) => `+${num(n)} autres`,
    footer: (codes: string[]) =>
      t`${codes.length > 1 ? `Comprend ${codes.slice(1).join(', ')}. ` : ''}Entre parenthèses : les 24 dernières heures. Données agrégées seulement ; aucun renseignement personnel.`,
    smallNumbersNote: (code: string, hideBelow: number, hidden: HiddenInPost) =>
      t`Les petits nombres sont masqués : de 1 à ${num(hideBelow - 1)}, ils s’affichent <${num(hideBelow)}` +
      `${hidden.withheld ? ', et x désigne un nombre retenu pour qu’aucun ne puisse être déduit' : ''}${leftOutClause(hidden.leftOut)}. ` +
      t`Chiffres exacts : \`/digest ${code}\` (coordonnateurs).`,
    previewNote: (mark: string, hideBelow: number, hidden: HiddenInPost) =>
      t`${mark} masqué dans la publication au canal : affiché <${num(hideBelow)}${hidden.withheld ? ', ou retenu pour qu’aucun petit nombre ne puisse être déduit' : ''}` +
      `${leftOutClause(hidden.leftOut)}.`,
    fallback: (code: string, date: string, f: DigestFallback) =>
      t`Sommaire ${code} du ${day(date)} : ${pluralOf(f.engaged, 'personne rencontrée', 'personnes rencontrées')} (+${fig(f.engagedToday)}), aide acceptée : ${fig(f.accepted)}, ` +
      t`moins de 18 ans : ${fig(f.minors)}, ${pluralOf(f.pending, 'orientation', 'orientations')} en attente, ${pluralOf(f.chargedPeople, 'personne accusée', 'personnes accusées')} de ${pluralOf(f.offences, 'infraction')}, ` +
      t`${plural(f.agencies, 'organisme')}, effectif : ${num(f.personnel)}.`,
    noChannel: (code: string) => t`*${code}* n’a pas de canal de sommaire : il n’y a nulle part où le publier. Affichez-en un aperçu avec \`/digest ${code}\`.`,
    posting: (code: string) => `Publication du sommaire ${code} en cours.`,
    posted: (code: string, channel: string) => `Sommaire ${code} publié dans <#${channel}>.`,
    postFailed: (code: string, error: string) =>
      t`Le sommaire ${code} n’a pas pu être publié (${error === 'not_in_channel' ? t`Liaison n’est pas dans le canal du sommaire : invitez @Liaison` : error}). Il reste à publier ; Liaison réessaie chaque minute.`,
    outcomeUnknown: (code: string, date: string, channel: string) =>
      t`:warning: Le sommaire ${code} du ${day(date)} est peut-être arrivé dans <#${channel}>, peut-être pas : Slack n’a pas répondu. Veuillez vérifier ; s’il manque, publiez-le avec \`/digest ${code} post\`.`,
  },
  cli: {
    usage: [
      t`utilisation : npm run cli -- <commande>`,
      '  migrate                   crée la base de données ou la met à niveau',
      '  digest <OPCODE> [--json]  affiche un sommaire',
      '  export <OPCODE> --csv     rencontres, orientations et accusations en CSV, sur la sortie standard',
      '  backup <fichier>          une copie cohérente de la base de données, faite à chaud',
      t`  audit verify              vérifie le journal d’audit ; code de sortie non nul s’il a été modifié`,
      '',
    ].join('\n'),
    migrated: (path: string, n: number) => t`${path} : ${plural(n, 'migration appliquée', 'migrations appliquées')} ; le schéma est à jour.\n`,
    unknownOperation: (code: string) => `Il n’existe aucune opération ${code.toUpperCase()}.\n`,
    digestText: (d: Digest) =>
      [
        `${d.operation.code} — ${d.operation.name} (${d.operationCodes.join(', ')})`,
        t`organismes : ${num(d.agencies)} (police : ${num(d.policeAgencies)}) · effectif : ${num(d.personnel)}`,
        t`rencontrées : ${num(d.totals.engaged)} · aide offerte : ${num(d.totals.offered)} · aide acceptée : ${num(d.totals.accepted)} · moins de 18 ans : ${num(d.totals.minors)} · sécurité assurée : ${num(d.totals.safetyEnsured)}`,
        t`orientations : ${num(d.totals.referrals.pending)} en attente, ${plural(d.totals.referrals.accepted, 'acceptée')}, ${plural(d.totals.referrals.declined, 'refusée')}, ${plural(d.totals.referrals.closed, 'close')}, ${plural(d.totals.referrals.withdrawn, 'retirée')}`,
        t`${plural(d.totals.chargedPeople, 'personne accusée', 'personnes accusées')} de ${plural(d.totals.offences, 'infraction')}`,
        t`24 dernières heures : rencontrées ${num(d.last24h.engaged)}, aide acceptée ${num(d.last24h.accepted)}, accusées ${num(d.last24h.chargedPeople)}`,
        '',
        ...d.byAgency.map(
          (a) =>
            t`${a.agency.padEnd(12)} rencontrées ${num(a.engaged)} · aide acceptée ${num(a.accepted)} · orientations ${num(a.referrals)} · accusées ${num(a.chargedPeople)} (${plural(a.offences, 'infraction')})`,
        ),
        '',
      ].join('\n'),
    backedUp: (file: string, engine: 'sqlite' | 'pg') =>
      engine === 'pg'
        ? t`Sauvegarde faite dans ${file} (archive pg_dump au format personnalisé ; restaurez-la avec pg_restore).\n`
        : t`Sauvegarde faite dans ${file} ; vérification d’intégrité réussie.\n`,
    backupBroken: (file: string, result: string) => t`La sauvegarde ${file} a échoué à la vérification d’intégrité : ${result}\n`,
    backupFailed: (file: string, detail: string) => t`La sauvegarde ${file} n’a pas pu être écrite : ${detail}\n`,
    pgDumpMissing:
      'Sauvegarder une base de données PostgreSQL exige pg_dump, qui n’est pas installé ici. Installez les outils clients de PostgreSQL (p. ex. `apt install postgresql-client`) ou utilisez les sauvegardes de votre fournisseur de base de données.\n',
    auditOk: (rows: number) => t`Journal d’audit intact : ${plural(rows, 'ligne')}, chaîne vérifiée.\n`,
    auditBroken: (row: number, problem: string) => t`Journal d’audit modifié à la ligne ${num(row)} : ${problem}.\n`,
  },
  home: {
    title: 'Liaison',
    logEngagement: 'Consigner une rencontre',
    refer: 'Orienter une personne',
    whoYouAre: (role: Role, code: string | null, name: string | null) =>
      code ? t`Votre rôle : *${ROLES[role]}* au sein de *${code}*${name ? ` — ${esc(name)}` : ''}.` : t`Votre rôle : *${ROLES[role]}* (aucun organisme).`,
    operations: 'Vos opérations',
    noOperations: 'Votre organisme ne participe encore à aucune opération.',
    operationLine: (o: HomeOperation) =>
      t`*${o.code}* ${esc(o.name)}${o.closed ? ' (close)' : ''} · ${range(o.startDate, o.endDate)}\nPersonnes rencontrées : ${num(o.engaged)} · aide acceptée : ${num(o.accepted)} · orientations en attente : ${num(o.pendingReferrals)} · personnes accusées : ${num(o.chargedPeople)}`,
    openReferrals: 'Orientations ouvertes vers votre organisme',
    noOpenReferrals: 'Rien en attente. Les nouvelles orientations s’affichent ici et dans votre canal d’accueil.',
    referralLine: (r: Referral) =>
      `*${r.ref}* · ${needs(r.needs)} · ${urgency(r.urgency)} · envoyée par ${r.fromAgencyCode} (<@${r.referrer.userId}>)\n${referralState(r)}`,
    yourReferrals: 'Vos orientations ouvertes',
    yourReferralLine: (r: Referral) => `*${r.ref}* · ${needs(r.needs)} · ${urgency(r.urgency)} · vers ${r.toAgencyCode}\n${referralState(r)}`,
    recentEngagements: 'Vos rencontres récentes',
    engagementLine: (e: { id: number; operationCode: string; ageBand: string; area: string | null; occurredAt: number }) =>
      `• E-${e.id} · ${e.operationCode} · ${labelOf(LABELS.ageBand, e.ageBand)}${e.area ? ` · ${esc(e.area)}` : ''} · ${when(e.occurredAt)}`,
  },
  install: {
    done: (team: string) => `L’application Liaison est installée${team ? ` dans ${team}` : ''}. Fermez cette page et tapez /agency help dans Slack.`,
    notAllowed:
      'Cet espace de travail ne fait pas partie des partenaires autorisés à utiliser ce déploiement de Liaison. Rien n’a été installé. Demandez à l’organisme responsable de l’opération d’ajouter l’identifiant de votre équipe à ALLOWED_TEAMS.',
    failed: 'L’installation n’a pas abouti et rien n’a été enregistré. Veuillez recommencer à partir du lien d’installation.',
  },
  dataGuard: {
    refused: (field: FreeTextField, found: PersonalDataKind) =>
      t`${FIELDS[field].name} semble contenir ${PERSONAL_DATA[found]}. Rien n’a été enregistré. Liaison ne conserve jamais de renseignements qui pourraient identifier la personne : décrivez sans eux et réessayez.`,
    tooLong: (field: FreeTextField, limit: number) =>
      t`${FIELDS[field].name} dépasse ${num(limit)} caractères. Rien n’a été enregistré ; veuillez ${FIELDS[field].it} raccourcir.`,
    /** One line of a refusal that lists every problem of a command. */
    listed: (label: string, found: PersonalDataKind | 'too_long', limit: number) =>
      found === 'too_long'
        ? t`${label} dépasse ${num(limit)} caractères : raccourcissez le texte`
        : t`${label} semble contenir ${PERSONAL_DATA[found]} : décrivez sans ce renseignement`,
  },
  forbidden: {
    help: () => 'Tout le monde peut consulter l’aide.',
    'agency.add': () => 'Seul un administrateur peut ajouter des organismes.',
    read: () => 'Seuls les membres inscrits peuvent consulter ceci.',
    'agency.member': (own: string) =>
      t`Seul un administrateur, ou un coordonnateur pour son propre organisme (le vôtre : ${own}), peut inscrire des membres, avec un rôle inférieur à celui d’administrateur.`,
    'op.create': (own: string) =>
      t`Seul un administrateur, ou un coordonnateur de l’organisme responsable, peut créer une opération (votre organisme : ${own} ; indiquez \`lead=${own}\`).`,
    'op.close': (own: string) => t`Seul un administrateur ou un coordonnateur de l’organisme responsable peut la clore (votre organisme : ${own}).`,
    'op.join': (own: string) =>
      t`Seul un administrateur, ou un coordonnateur pour son propre organisme (le vôtre : ${own}), peut inscrire un organisme à une opération.`,
    'op.invite': (own: string) =>
      t`Seul un administrateur, ou un coordonnateur de l’organisme responsable de l’opération, peut y inviter des organismes ou créer une opération rattachée à celle-ci (votre organisme : ${own}).`,
    record: (own: string) =>
      t`Seuls les agents et les coordonnateurs, pour leur propre organisme et dans les opérations auxquelles il participe (le vôtre : ${own}), ainsi que les administrateurs, peuvent consigner des données ; les intervenants à l’accueil ne le peuvent pas.`,
    'referral.act': (own: string) =>
      t`Seuls les intervenants à l’accueil et les coordonnateurs de l’organisme destinataire peuvent traiter cette orientation (votre organisme : ${own}).`,
    'referral.withdraw': (own: string) =>
      t`Seuls l’agent qui a fait cette orientation, un coordonnateur de l’organisme qui l’a faite ou un administrateur peuvent la retirer (votre organisme : ${own}).`,
    digest: (own: string) =>
      t`Seuls les coordonnateurs d’un organisme participant à cette opération (et les administrateurs) peuvent consulter ou publier son sommaire (votre organisme : ${own}).`,
  } satisfies Record<Action, (own: string) => string>,
  parse: {
    unknownSubcommand: (command: string, sub: string, usage: string) => `\`${command} ${truncate(sub, 30)}\` n’est pas une commande reconnue.\n\n${usage}`,
    openQuote: 'un guillemet `"` n’est pas fermé',
    repeatedKey: (key: string) => `\`${key}=\` est indiqué deux fois`,
    unexpected: (value: string) => t`élément inattendu : \`${value}\``,
    unknownKey: (key: string) => t`clé inconnue : \`${key}=\``,
    missing: (label: string) => `il manque ${label}`,
    badValue: (label: string, problem: string) => t`${label} : ${problem}`,
    notOneLine: (label: string) =>
      t`${label} doit tenir sur une seule ligne de texte brut, sans saut de ligne, tabulation ni caractère invisible (comme ceux qui inversent le sens du texte). Tapez de nouveau le nom, tout sur une ligne.`,
    reasons: {
      yesNo: () => 'doit être oui ou non (yes ou no)',
      oneOf: (values: string) => `doit être l’une des valeurs suivantes\u00a0: ${values}`,
      listOf: (values: string) => `doit être une liste, séparée par des virgules, parmi ${values}`,
      listAtLeastOne: (values: string) => `doit nommer au moins une valeur parmi ${values}`,
      atLeastCharacters: (n: string) => `doit compter au moins ${n}\u00a0caractères`,
      atMostCharacters: (n: string) => `doit compter au plus ${n}\u00a0caractères`,
      code: () => 'doit être un code de lettres, de chiffres et de tirets (30 au plus)',
      count: () => 'doit être un nombre entier de 0 à 10\u00a0000',
      channel: () => 'doit être un canal, p. ex. #accueil ou C0123456',
      person: () => 'doit être une personne, p. ex. @nom ou U0123456',
      team: () => 'doit être un identifiant d’équipe ou d’organisation Slack, p. ex. T0123456',
      date: () => 'doit être une date écrite AAAA-MM-JJ',
      timeZone: () => 'doit être un fuseau horaire IANA, comme America/Toronto',
      clockTime: () => 'doit être une heure écrite HH:MM (sur 24\u00a0heures)',
      hideBelow: () => 'doit être un nombre entier de 1 à 100',
      languageCode: () => 'doit être un code de langue comme en, fr ou es',
      dateTime: () => 'doit être écrit AAAA-MM-JJTHH:MM',
      realDateTime: () => 'n’est pas une date et une heure réelles',
      engagementRef: () => 'doit être une référence de rencontre comme E-12',
      referralRef: () => 'doit être une référence d’orientation comme R-7',
      onlyPost: () => 'ne peut être que `post`',
    },
    problems: (list: string[], usage: string) => t`Rien n’a été enregistré. Veuillez corriger :\n${list.map((p) => `• ${p}`).join('\n')}\n\n${usage}`,
  },
  errors: {
    rateLimited: (seconds: number) =>
      t`Vous envoyez des commandes plus vite que Liaison ne les accepte. Rien n’a été enregistré ; veuillez attendre ${num(seconds)}${NBSP}s, puis renvoyer la commande.`,
    title: 'Non enregistré',
    internal: 'Un problème est survenu de notre côté et rien n’a été enregistré. Veuillez réessayer dans une minute.',
    unavailable: t`Liaison ne peut pas joindre sa base de données pour le moment : rien n’a été enregistré. Veuillez réessayer dans un instant.`,
    notRegistered: t`Votre compte n’est encore associé à aucun organisme partenaire. Demandez au coordonnateur de votre organisme d’exécuter \`/agency member @vous <AGENCY> role=<role>\`.`,
  },
};
