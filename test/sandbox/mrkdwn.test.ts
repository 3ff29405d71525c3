// The page's mrkdwn reader: Slack's formatting becomes a tree of text, never markup, so nothing a
// person typed or Liaison sent can inject HTML; links are followed only when they are web links.
import { describe, expect, it } from 'vitest';
import { formatSlackDate, type MrkdwnNode, parseMrkdwn, safeHref } from '../../src/sandbox/public/app.js';

/** Every string a rendering would put on the page, in order. */
function texts(nodes: MrkdwnNode[]): string[] {
  return nodes.flatMap((n) => ('v' in n ? [n.v] : 'c' in n ? texts(n.c) : 'label' in n ? [n.label] : []));
}

describe('parseMrkdwn', () => {
  it('reads bold, italic, strike, code and pre', () => {
    expect(parseMrkdwn('*Needs* _soon_ ~old~ `code`')).toEqual([
      { t: 'b', c: [{ t: 'text', v: 'Needs' }] },
      { t: 'text', v: ' ' },
      { t: 'i', c: [{ t: 'text', v: 'soon' }] },
      { t: 'text', v: ' ' },
      { t: 's', c: [{ t: 'text', v: 'old' }] },
      { t: 'text', v: ' ' },
      { t: 'code', v: 'code' },
    ]);
    expect(parseMrkdwn('```WPS    5\nCKPS   4```')).toEqual([{ t: 'pre', v: 'WPS    5\nCKPS   4' }]);
  });

  it('leaves markers inside words and unmatched markers as text', () => {
    expect(parseMrkdwn('snake_case_name and 2*3*4')).toEqual([{ t: 'text', v: 'snake_case_name and 2*3*4' }]);
    expect(parseMrkdwn('a * b')).toEqual([{ t: 'text', v: 'a * b' }]);
    expect(parseMrkdwn('one ``` fence')).toEqual([{ t: 'text', v: 'one ``` fence' }]);
  });

  it('reads mentions, channel links, dates, broadcasts, links and emoji', () => {
    expect(parseMrkdwn('<@U0WPSOFF> in <#C0WEFIGHTIN|wefight-intake> <!here> :lock:')).toEqual([
      { t: 'user', id: 'U0WPSOFF' },
      { t: 'text', v: ' in ' },
      { t: 'channel', id: 'C0WEFIGHTIN', name: 'wefight-intake' },
      { t: 'text', v: ' ' },
      { t: 'broadcast', name: '@here' },
      { t: 'text', v: ' ' },
      { t: 'emoji', name: 'lock' },
    ]);
    expect(parseMrkdwn('<!date^1507780800^{date_short_pretty} at {time}|2017-10-12T04:00:00.000Z>')).toEqual([
      { t: 'date', ts: 1507780800, format: '{date_short_pretty} at {time}', fallback: '2017-10-12T04:00:00.000Z' },
    ]);
    expect(parseMrkdwn('<https://wefight.ca/who-we-are/|WEFiGHT>')).toEqual([{ t: 'link', url: 'https://wefight.ca/who-we-are/', label: 'WEFiGHT' }]);
  });

  it('breaks lines, and groups quoted lines into one block', () => {
    expect(parseMrkdwn('first\nsecond\n&gt; quoted\n&gt; on\nlast')).toEqual([
      { t: 'text', v: 'first' },
      { t: 'br' },
      { t: 'text', v: 'second' },
      { t: 'quote', c: [{ t: 'text', v: 'quoted' }, { t: 'br' }, { t: 'text', v: 'on' }] },
      { t: 'text', v: 'last' },
    ]);
  });

  it('turns escaped markup into plain text, never into tags', () => {
    const nodes = parseMrkdwn('&lt;script&gt;alert(1)&lt;/script&gt; &amp; <img src=x onerror=alert(1)>');
    expect(texts(nodes).join('')).toBe('<script>alert(1)</script> & img src=x onerror=alert(1)');
    expect(nodes.every((n) => n.t === 'text' || n.t === 'link')).toBe(true);
    expect(texts(parseMrkdwn('*&lt;b&gt;bold&lt;/b&gt;*'))).toEqual(['<b>bold</b>']);
    expect(parseMrkdwn('`&lt;i&gt;`')).toEqual([{ t: 'code', v: '<i>' }]);
  });

  it('follows only web and mail links', () => {
    const [link] = parseMrkdwn('<javascript:alert(1)|click me>');
    expect(link).toEqual({ t: 'link', url: 'javascript:alert(1)', label: 'click me' });
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('https://example.org/')).toBe('https://example.org/');
    expect(safeHref('mailto:intake@example.org')).toBe('mailto:intake@example.org');
  });
});

describe('formatSlackDate', () => {
  const at = Date.parse('2017-10-12T18:05:09Z') / 1000;
  const zone = { timeZone: 'America/Toronto' };

  it('formats Slack’s tokens in the reader’s zone', () => {
    expect(formatSlackDate(at, '{date_num} {time}', 'fallback', zone)).toBe('2017-10-12 2:05 PM');
    expect(formatSlackDate(at, '{date_short} · {date} · {date_long} · {time_secs}', 'x', zone)).toBe(
      'Oct 12, 2017 · October 12th, 2017 · Thursday, October 12th, 2017 · 2:05:09 PM',
    );
  });

  it('says Today, Yesterday and Tomorrow in the pretty forms', () => {
    const now = Date.parse('2017-10-12T23:00:00Z');
    expect(formatSlackDate(at, '{date_short_pretty} at {time}', 'x', { ...zone, now })).toBe('Today at 2:05 PM');
    expect(formatSlackDate(at, '{date_pretty}', 'x', { ...zone, now: now + 86_400_000 })).toBe('Yesterday');
    expect(formatSlackDate(at, '{date_pretty}', 'x', { ...zone, now: now + 3 * 86_400_000 })).toBe('October 12th, 2017');
  });

  it('shows the fallback for an unknown token or a bad timestamp', () => {
    expect(formatSlackDate(at, '{nonsense}', 'the fallback', zone)).toBe('the fallback');
    expect(formatSlackDate(Number.NaN, '{date}', 'the fallback', zone)).toBe('the fallback');
  });
});
