// The page's emoji: the codes Liaison writes are drawn as emoji, in mrkdwn and in plain_text; a code
// the sandbox does not know stays as typed, as Slack shows one.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emojiFor, emojify } from '../../src/sandbox/public/emoji.js';

/** Every `:code:` in Liaison's message catalogue. */
function codesLiaisonWrites(): string[] {
  const dir = new URL('../../src/i18n/', import.meta.url);
  const source = readdirSync(dir).map((file) => readFileSync(new URL(file, dir), 'utf8')).join('\n');
  return [...new Set([...source.matchAll(/:([a-z0-9_+-]+):/g)].map((m) => m[1]!))];
}

describe('emoji', () => {
  it('knows every code Liaison writes', () => {
    const codes = codesLiaisonWrites();
    expect(codes).toEqual(expect.arrayContaining(['hourglass_flowing_sand', 'white_check_mark', 'x', 'lock', 'warning', 'alarm_clock']));
    expect(codes.filter((code) => emojiFor(code) === null)).toEqual([]);
  });

  it('draws known codes and leaves the rest as typed', () => {
    expect(emojify(':white_check_mark: Accept :+1: :not_an_emoji:')).toBe('✅ Accept 👍 :not_an_emoji:');
    expect(emojify('at 10:45:00, ratio 2:1')).toBe('at 10:45:00, ratio 2:1');
    // Names are looked up as data, never as properties of an object.
    expect(emojiFor('constructor')).toBeNull();
    expect(emojiFor('__proto__')).toBeNull();
  });
});
