// A person's language from their Slack locale: asked once and kept, English when Slack does not
// answer in time or refuses, and asked again after a failure once its short wait has passed.
import { describe, expect, it } from 'vitest';
import type { WebClient } from '../../src/slack/effects.js';
import { languageOfLocale, PersonLanguages } from '../../src/slack/languages.js';

/** A stand-in Web API client whose users.info answers as told, counting the calls. */
function clientAnswering(answer: (user: string) => Promise<{ user?: { locale?: string } }>) {
  const calls: Array<Record<string, unknown>> = [];
  const client = {
    users: {
      info: (args: Record<string, unknown>) => {
        calls.push(args);
        return answer(String(args.user));
      },
    },
  } as unknown as WebClient;
  return { client, calls };
}

describe('a person’s language', () => {
  it('reads French from any fr locale and English from everything else', () => {
    expect(['fr-CA', 'fr-FR', 'FR'].map(languageOfLocale)).toEqual(['fr', 'fr', 'fr']);
    expect(['en-US', 'es-ES', '', undefined, null].map(languageOfLocale)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });

  it('asks Slack once, with include_locale, and keeps the answer', async () => {
    const { client, calls } = clientAnswering(async () => ({ user: { locale: 'fr-CA' } }));
    const languages = new PersonLanguages(async () => client);
    expect(await languages.languageOf('T1', 'U1')).toBe('fr');
    expect(await languages.languageOf('T1', 'U1')).toBe('fr');
    expect(calls).toEqual([{ user: 'U1', include_locale: true }]);
    // Another team's person with the same user ID is another person.
    expect(await languages.languageOf('T2', 'U1')).toBe('fr');
    expect(calls).toHaveLength(2);
  });

  it('answers English when Slack does not answer in time, and keeps the late answer for next time', async () => {
    let release: (value: { user: { locale: string } }) => void = () => {};
    const { client, calls } = clientAnswering(() => new Promise((resolve) => (release = resolve)));
    const languages = new PersonLanguages(async () => client);
    expect(await languages.languageOf('T1', 'U1')).toBe('en');
    release({ user: { locale: 'fr-CA' } });
    await expect.poll(() => languages.languageOf('T1', 'U1')).toBe('fr');
    expect(calls).toHaveLength(1);
  });

  it('answers English when Slack refuses, says so, and asks again only after a while', async () => {
    let now = 1_000_000;
    const failures: unknown[] = [];
    let refuse = true;
    const { client, calls } = clientAnswering(async () => {
      if (refuse) throw Object.assign(new Error('missing_scope'), { code: 'slack_webapi_platform_error', data: { error: 'missing_scope' } });
      return { user: { locale: 'fr-CA' } };
    });
    const languages = new PersonLanguages(async () => client, (error) => failures.push(error), () => now);
    expect(await languages.languageOf('T1', 'U1')).toBe('en');
    expect(failures).toHaveLength(1);
    refuse = false;
    expect(await languages.languageOf('T1', 'U1')).toBe('en');
    expect(calls).toHaveLength(1);
    now += 5 * 60_000 + 1;
    expect(await languages.languageOf('T1', 'U1')).toBe('fr');
    expect(calls).toHaveLength(2);
  });
});
