// What the page keeps for each person: how far they have read each conversation (counted as Slack
// counts unread messages), and the lines they sent, walked with ↑ and ↓ as in a shell.
import { describe, expect, it } from 'vitest';
import { countUnread, createLineHistory } from '../../src/sandbox/public/app.js';
import { compareTs, Workspace } from '../../src/sandbox/workspace.js';

const ME = 'U0WPSOFF';
const OTHER = 'U0WFINTAKE';

describe('countUnread', () => {
  const messages = [
    { ts: '1507752000.000001', user: OTHER },
    { ts: '1507752000.000002', user: ME },
    { ts: '1507752000.000003', user: OTHER, threadTs: '1507752000.000001' },
    { ts: '1507752000.000010', user: OTHER },
  ];

  it('counts what others wrote in the channel after the read position', () => {
    expect(countUnread(messages, undefined, ME)).toBe(2);
    expect(countUnread(messages, '1507752000.000001', ME)).toBe(1);
    expect(countUnread(messages, '1507752000.000010', ME)).toBe(0);
  });

  it('orders timestamps exactly, where a double would round the micros', () => {
    const close = [{ ts: '1507752000.123457', user: OTHER }];
    expect(countUnread(close, '1507752000.123456', ME)).toBe(1);
    expect(countUnread([{ ts: '99.000000', user: OTHER }], '100.000000', ME)).toBe(0);
  });
});

describe('the workspace’s read positions', () => {
  it('keeps one per person and conversation, moving forward only', () => {
    const ws = new Workspace();
    ws.markRead(ME, 'C0GENERAL', '1507752000.000005');
    ws.markRead(ME, 'C0GENERAL', '1507752000.000004');
    ws.markRead(OTHER, 'C0GENERAL', '1507752000.000001');
    expect(ws.readPositions(ME)).toEqual({ C0GENERAL: '1507752000.000005' });
    expect(ws.readPositions(OTHER)).toEqual({ C0GENERAL: '1507752000.000001' });
    expect(ws.readPositions('U0ADMIN')).toEqual({});
  });

  it('orders timestamps as Slack writes them', () => {
    expect(compareTs('1507752000.000010', '1507752000.000009')).toBeGreaterThan(0);
    expect(compareTs('999999999.999999', '1000000000.000000')).toBeLessThan(0);
    expect(compareTs('1507752000.000001', '1507752000.000001')).toBe(0);
  });
});

describe('the message box’s history', () => {
  it('walks back with ↑ and forward with ↓, to the line being typed', () => {
    const lines = createLineHistory();
    lines.add('/agency help');
    lines.add('/engage');
    expect(lines.move(-1, 'half-typed')).toBe('/engage');
    expect(lines.move(-1, '/engage')).toBe('/agency help');
    expect(lines.move(-1, '/agency help')).toBeNull();
    expect(lines.move(1, '/agency help')).toBe('/engage');
    expect(lines.move(1, '/engage')).toBe('half-typed');
    expect(lines.move(1, 'half-typed')).toBeNull();
  });

  it('passes over the line already in the box, and starts again once the person types', () => {
    const lines = createLineHistory();
    lines.add('/digest ONS-ON');
    lines.add('/engage ONS-WE age=18-24');
    // A refused line stays in the box: ↑ goes straight to the one before it.
    expect(lines.move(-1, '/engage ONS-WE age=18-24')).toBe('/digest ONS-ON');
    lines.restart();
    expect(lines.move(-1, '/dig')).toBe('/engage ONS-WE age=18-24');
  });

  it('keeps a line sent twice in a row once, and no more lines than its limit', () => {
    const lines = createLineHistory(2);
    for (const line of ['a', 'b', 'b', 'c']) lines.add(line);
    expect(lines.move(-1, '')).toBe('c');
    expect(lines.move(-1, 'c')).toBe('b');
    expect(lines.move(-1, 'b')).toBeNull();
  });
});
