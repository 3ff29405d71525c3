// Which language a person reads Liaison in: their Slack locale (`users.info` with
// `include_locale`), French when it starts with `fr`, English otherwise. Slash commands and clicks
// carry no locale, so it is asked once and kept; a lookup that takes longer than LOOKUP_BUDGET_MS is
// answered in English this time (the acknowledgement cannot wait) and lands in the cache for the next.
import type { Language } from '../../db/queries/referrals.js';
import type { WebClient } from './effects.js';

export type { Language };

/** Slack's locale (`fr-CA`, `en-US`, …) as one of Liaison's languages. */
export function languageOfLocale(locale: string | undefined | null): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Long enough that a person changing their Slack language sees Liaison follow within the shift. */
const KNOWN_FOR_MS = 6 * 3_600_000;
/** A failed lookup (no scope, Slack down) is tried again after this long, not on every request. */
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;
/** What a request may wait for a lookup: well inside Slack's three seconds for an answer. */
const LOOKUP_BUDGET_MS = 800;
/** People remembered at most; the oldest are forgotten first. */
const MAX_PEOPLE = 20_000;

export class PersonLanguages {
  private readonly known = new Map<string, { language: Language; until: number }>();
  private readonly pending = new Map<string, Promise<Language>>();

  constructor(
    private readonly forTeam: (teamId: string) => Promise<WebClient>,
    private readonly onLookupFailed: (error: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  async languageOf(teamId: string, userId: string): Promise<Language> {
    const key = `${teamId}/${userId}`;
    const entry = this.known.get(key);
    if (entry && entry.until > this.now()) return entry.language;
    let lookup = this.pending.get(key);
    if (!lookup) {
      lookup = this.lookUp(teamId, userId, key).finally(() => this.pending.delete(key));
      this.pending.set(key, lookup);
    }
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<Language>((resolve) => {
      timer = setTimeout(() => resolve(entry?.language ?? 'en'), LOOKUP_BUDGET_MS);
      timer.unref();
    });
    try {
      return await Promise.race([lookup, budget]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async lookUp(teamId: string, userId: string, key: string): Promise<Language> {
    let language: Language = 'en';
    let knownFor = KNOWN_FOR_MS;
    try {
      const client = await this.forTeam(teamId);
      const answer = (await client.users.info({ user: userId, include_locale: true })) as { user?: { locale?: string } };
      language = languageOfLocale(answer.user?.locale);
    } catch (error) {
      this.onLookupFailed(error);
      knownFor = RETRY_AFTER_FAILURE_MS;
    }
    this.remember(key, language, knownFor);
    return language;
  }

  private remember(key: string, language: Language, knownFor: number): void {
    this.known.delete(key);
    if (this.known.size >= MAX_PEOPLE) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, { language, until: this.now() + knownFor });
  }
}
