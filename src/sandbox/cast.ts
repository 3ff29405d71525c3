// The sandbox workspace's fixed cast: its team, the Liaison app's identity in it, the people one can
// switch between, and the channels they sit in. Who these people are *to Liaison* (their agency and
// role) is not decided here: seeding registers them through Liaison's own slash commands.

export const SANDBOX_TEAM = { id: 'T0SANDBOX', domain: 'liaison-sandbox', name: 'Northern Spotlight (sandbox)' } as const;

/** The installed app as Slack would know it. The token is fake and only this sandbox accepts it. */
export const SANDBOX_APP = {
  appId: 'A0LIAISON',
  botId: 'B0LIAISON',
  botUserId: 'U0LIAISON',
  botToken: 'xoxb-sandbox-0000000000-liaison',
} as const;

/** Slack's own system user, which speaks when a command fails to reach the app. */
export const SLACKBOT_USER_ID = 'USLACKBOT';

export interface Person {
  id: string;
  name: string;
  /** What `@handle` in the message box resolves to. */
  handle: string;
  /** Shown beside the name in the person switcher (sandbox chrome, not Liaison's data). */
  title: string;
  /** Their Slack language, as `users.info` gives it (en-US when absent). */
  locale?: string;
}

export const PEOPLE = {
  admin: { id: 'U0ADMIN', name: 'Sam Rivera', handle: 'sam', title: 'Liaison admin' },
  oppCoordinator: { id: 'U0OPPCOORD', name: 'Dana Okafor', handle: 'dana', title: 'OPP · coordinator (provincial lead)' },
  wpsCoordinator: { id: 'U0WPSCOORD', name: 'Morgan Tremblay', handle: 'morgan', title: 'WPS · coordinator' },
  wpsOfficer: { id: 'U0WPSOFF', name: 'Jordan Lee', handle: 'jordan', title: 'WPS · officer' },
  ckpsOfficer: { id: 'U0CKPSOFF', name: 'Casey Nguyen', handle: 'casey', title: 'CKPS · officer' },
  intakeWorker: { id: 'U0WFINTAKE', name: 'Riley Martin', handle: 'riley', title: 'WEFIGHT · intake' },
  wefightCoordinator: { id: 'U0WFCOORD', name: 'Avery Chen', handle: 'avery', title: 'WEFIGHT · coordinator' },
  // French-speaking: their Slack is in French, so Liaison answers them in French.
  sqOfficer: { id: 'U0SQOFF', name: 'Camille Gagnon', handle: 'camille', title: 'SQ · agente (français)', locale: 'fr-CA' },
  cavacIntake: { id: 'U0CAVACIN', name: 'Léa Bouchard', handle: 'lea', title: 'CAVAC Montréal · accueil (français)', locale: 'fr-CA' },
} as const satisfies Record<string, Person>;

export const EVERYONE: readonly Person[] = Object.values(PEOPLE);

/** Whom the page shows first: the officer, whose day starts the referral loop. */
export const DEFAULT_PERSON: Person = PEOPLE.wpsOfficer;

export interface ChannelSpec {
  id: string;
  name: string;
  isPrivate: boolean;
  /** People in the channel, and whether the Liaison bot was invited. */
  members: readonly string[];
  bot: boolean;
}

export const CHANNELS = {
  general: { id: 'C0GENERAL', name: 'general', isPrivate: false, members: EVERYONE.map((p) => p.id), bot: false },
  wefightIntake: {
    id: 'C0WEFIGHTIN',
    name: 'wefight-intake',
    isPrivate: true,
    members: [PEOPLE.intakeWorker.id, PEOPLE.wefightCoordinator.id],
    bot: true,
  },
  cavacIntake: { id: 'C0CAVACIN', name: 'accueil-cavac', isPrivate: true, members: [PEOPLE.cavacIntake.id], bot: true },
  onsDigest: { id: 'C0ONSDIGEST', name: 'ons-digest', isPrivate: false, members: EVERYONE.map((p) => p.id), bot: true },
} as const satisfies Record<string, ChannelSpec>;

/** The IM between the app and a person, as conversations.open would name it. */
export function dmChannelId(userId: string): string {
  return `D${userId.replace(/^[UW]/, '')}`;
}
