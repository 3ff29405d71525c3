// The page's actions as the sandbox answers them: what became of a typed line (so the message box
// knows whether to keep it), and each person's read positions, kept across reconnections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { CHANNELS, PEOPLE } from '../../src/sandbox/cast.js';
import { readsAsRefusal } from '../../src/sandbox/dispatcher.js';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js';
import { messagesFor } from '../../src/i18n/index.js';

const msg = messagesFor();

describe('Liaison’s refusals, as the sandbox reads them', () => {
  it('reads the words that say nothing happened', () => {
    expect(readsAsRefusal(msg.parse.problems(['gender is missing'], msg.usage.engage))).toBe(true);
    expect(readsAsRefusal(msg.dataGuard.refused('note', 'phone'))).toBe(true);
    expect(readsAsRefusal(msg.errors.internal)).toBe(true);
    expect(readsAsRefusal(msg.parse.unknownSubcommand('/agency', 'lsit', msg.usage.agency))).toBe(true);
    expect(readsAsRefusal(msg.agency.unknown('NOPE'))).toBe(true);
  });

  it('takes anything else for an answer', () => {
    expect(readsAsRefusal(msg.usage.agency)).toBe(false);
    expect(readsAsRefusal(msg.engage.logged('E-12', 'ONS-WE', null))).toBe(false);
    expect(readsAsRefusal(msg.digest.posting('ONS-ON'))).toBe(false);
  });
});

describe('the page’s actions', () => {
  let sandbox: RunningSandbox;
  const officer = PEOPLE.wpsOfficer.id;
  const general = CHANNELS.general.id;

  beforeAll(async () => {
    sandbox = await startSandbox({ env: { PORT: '0', DATABASE_PATH: ':memory:' }, logger: createLogger('error'), cron: false });
  });
  afterAll(() => sandbox?.stop());

  async function act(action: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${sandbox.url}/sandbox/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const send = (text: string, as = officer) => act('send', { as, channel: general, text });

  it('says whether a typed line went through, was refused, or never reached Liaison', async () => {
    expect((await send('hello, all')).body).toEqual({ ok: true, outcome: 'posted' });
    expect((await send('/agency help')).body).toEqual({ ok: true, outcome: 'answered' });
    expect((await send('/engage ONS-WE age=18-24')).body).toEqual({ ok: true, outcome: 'refused' });
    expect((await send('/engag')).body).toEqual({ ok: true, outcome: 'failed' });
    // The refusal was shown all the same, only to the officer.
    const answers = sandbox.workspace.messagesFor(officer, general).filter((m) => m.ephemeralFor === officer);
    expect(answers.map((m) => m.text)).toEqual([msg.usage.agency, expect.stringContaining('Nothing was stored'), expect.stringContaining('/engag is not a valid command')]);
  });

  it('keeps each person’s read position, for the next snapshot', async () => {
    const last = sandbox.workspace.messagesFor(officer, general).at(-1)!;
    expect((await act('mark', { as: officer, channel: general, ts: last.ts })).body).toEqual({ ok: true });
    expect(sandbox.workspace.readPositions(officer)).toEqual({ [general]: last.ts });
    expect(sandbox.workspace.readPositions(PEOPLE.intakeWorker.id)).toEqual({});
    // Only a member marks a conversation, and only with a Slack timestamp.
    expect((await act('mark', { as: officer, channel: CHANNELS.wefightIntake.id, ts: last.ts })).status).toBe(403);
    expect((await act('mark', { as: officer, channel: general, ts: 'latest' })).status).toBe(400);
  });
});
