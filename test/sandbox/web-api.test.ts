// The sandbox's Web API stand-in answers as Slack does: the same shapes and error codes, Block Kit
// limits enforced, and what each call changes kept in the workspace the page shows.
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { CHANNELS, PEOPLE, SANDBOX_APP } from '../../src/sandbox/cast.js';
import { escapeAsSlack, slackSignature } from '../../src/sandbox/dispatcher.js';
import { createWebApi, decodeWebApiArgs, type WebApi } from '../../src/sandbox/web-api.js';
import { type Change, TRIGGER_LIFETIME_MS, Workspace } from '../../src/sandbox/workspace.js';
import { sign } from '../helpers/harness.js';

const TOKEN = SANDBOX_APP.botToken;
const INTAKE = CHANNELS.wefightIntake.id;
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (title: string, extra: Record<string, unknown> = {}) => ({ type: 'modal', title: { type: 'plain_text', text: title }, blocks: [section('x')], ...extra });

describe('the Web API stand-in', () => {
  let now: number;
  let ws: Workspace;
  let api: WebApi;
  let logs: string[];
  let changes: Change[];
  const call = (method: string, args: Record<string, unknown>) => api.call(method, args, TOKEN);

  beforeEach(() => {
    now = Date.parse('2017-10-11T20:00:00Z');
    ws = new Workspace(undefined, undefined, () => now);
    logs = [];
    api = createWebApi(ws, createLogger('debug', (line) => logs.push(line)), TOKEN);
    changes = [];
    ws.on('change', (c) => changes.push(c));
  });

  it('answers auth.test as the bot, and refuses a wrong or missing token', () => {
    expect(call('auth.test', {})).toMatchObject({ ok: true, user_id: SANDBOX_APP.botUserId, bot_id: SANDBOX_APP.botId });
    expect(api.call('auth.test', {}, 'xoxb-someone-else')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(api.call('auth.test', {}, undefined)).toEqual({ ok: false, error: 'not_authed' });
  });

  it('posts to a channel the bot is in, and refuses one it is not in', () => {
    const posted = call('chat.postMessage', { channel: INTAKE, text: 'Referral R-1', blocks: [section('*R-1*')] });
    expect(posted).toMatchObject({ ok: true, channel: INTAKE, message: { text: 'Referral R-1', bot_id: SANDBOX_APP.botId } });
    const stored = ws.find(INTAKE, String(posted.ts))!;
    expect(stored.blocks[0]).toMatchObject({ type: 'section', block_id: expect.any(String) });
    expect(call('chat.postMessage', { channel: CHANNELS.general.id, text: 'hello' })).toEqual({ ok: false, error: 'not_in_channel' });
    expect(call('chat.postMessage', { channel: 'C0NOWHERE', text: 'hello' })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(call('chat.postMessage', { channel: INTAKE })).toEqual({ ok: false, error: 'no_text' });
  });

  it('takes a user ID as the channel for that person’s DM with the app', () => {
    const officer = PEOPLE.wpsOfficer.id;
    const posted = call('chat.postMessage', { channel: officer, text: 'Your referral *R-1*' });
    expect(posted).toMatchObject({ ok: true, channel: 'D0WPSOFF' });
    expect(call('conversations.open', { users: officer })).toEqual({ ok: true, channel: { id: 'D0WPSOFF' } });
    expect(ws.messagesFor(officer, 'D0WPSOFF').map((m) => m.text)).toEqual(['Your referral *R-1*']);
    expect(ws.messagesFor(PEOPLE.intakeWorker.id, 'D0WPSOFF')).toHaveLength(1); // an IM is one conversation…
    expect(ws.canSee(PEOPLE.intakeWorker.id, ws.messagesFor(officer, 'D0WPSOFF')[0]!)).toBe(false); // …that only its members see
  });

  it('threads a reply under its parent, even when given a reply’s ts', () => {
    const card = call('chat.postMessage', { channel: INTAKE, text: 'card' });
    const first = call('chat.postMessage', { channel: INTAKE, text: 'reminder 1', thread_ts: card.ts });
    call('chat.postMessage', { channel: INTAKE, text: 'reminder 2', thread_ts: first.ts });
    const replies = ws.messagesFor(PEOPLE.intakeWorker.id, INTAKE).filter((m) => m.threadTs === card.ts);
    expect(replies.map((m) => m.text)).toEqual(['reminder 1', 'reminder 2']);
    expect(first).toMatchObject({ message: { thread_ts: card.ts } });
  });

  it('shows an ephemeral message to one person only', () => {
    const answer = call('chat.postEphemeral', { channel: INTAKE, user: PEOPLE.intakeWorker.id, text: 'only you' });
    expect(answer).toMatchObject({ ok: true, message_ts: expect.any(String) });
    expect(ws.messagesFor(PEOPLE.intakeWorker.id, INTAKE).map((m) => m.text)).toEqual(['only you']);
    expect(ws.messagesFor(PEOPLE.wefightCoordinator.id, INTAKE)).toEqual([]);
    expect(call('chat.postEphemeral', { channel: INTAKE, user: PEOPLE.wpsOfficer.id, text: 'x' })).toEqual({ ok: false, error: 'user_not_in_channel' });
  });

  it('updates the bot’s own messages in place, and no one else’s', () => {
    const card = call('chat.postMessage', { channel: INTAKE, text: 'pending', blocks: [section('pending')] });
    const updated = call('chat.update', { channel: INTAKE, ts: card.ts, text: 'accepted', blocks: [section('accepted')] });
    expect(updated).toMatchObject({ ok: true, channel: INTAKE, ts: card.ts, text: 'accepted' });
    expect(ws.find(INTAKE, String(card.ts))).toMatchObject({ text: 'accepted', edited: true });
    expect(changes.filter((c) => c.kind === 'message')).toHaveLength(2);
    const human = ws.post({ channel: INTAKE, user: PEOPLE.intakeWorker.id, text: 'hi', blocks: [] });
    expect(call('chat.update', { channel: INTAKE, ts: human.ts, text: 'x' })).toEqual({ ok: false, error: 'cant_update_message' });
    expect(call('chat.update', { channel: INTAKE, ts: '1.000000', text: 'x' })).toEqual({ ok: false, error: 'message_not_found' });
  });

  it('refuses blocks Slack would refuse, pointing at the problem', () => {
    const long = 'x'.repeat(151);
    const answer = call('chat.postMessage', { channel: INTAKE, text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: long } }] });
    expect(answer).toMatchObject({ ok: false, error: 'invalid_blocks', errors: ['must be less than 151 characters [json-pointer:/blocks/0/text/text]'] });
    const buttons = Array.from({ length: 26 }, (_, i) => ({ type: 'button', text: { type: 'plain_text', text: `b${i}` }, action_id: `a${i}` }));
    expect(call('chat.postMessage', { channel: INTAKE, text: 'x', blocks: [{ type: 'actions', elements: buttons }] })).toMatchObject({ error: 'invalid_blocks' });
    const fields = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' }));
    expect(call('chat.postMessage', { channel: INTAKE, text: 'x', blocks: [{ type: 'section', fields }] })).toMatchObject({ error: 'invalid_blocks' });
    // A type the sandbox cannot draw is Slack's to judge: it is kept, and the page shows an error box.
    expect(call('chat.postMessage', { channel: INTAKE, text: 'x', blocks: [{ type: 'rich_text', elements: [] }] })).toMatchObject({ ok: true });
  });

  describe('views', () => {
    it('opens a modal once per trigger, within three seconds, for the person who acted', () => {
      const trigger = ws.issueTrigger(PEOPLE.wpsOfficer.id);
      const opened = call('views.open', { trigger_id: trigger, view: modal('Log an engagement', { callback_id: 'engage_modal' }) });
      expect(opened).toMatchObject({ ok: true, view: { id: expect.stringMatching(/^V/), hash: expect.any(String), callback_id: 'engage_modal', state: { values: {} } } });
      expect(ws.topModal(PEOPLE.wpsOfficer.id)?.callback_id).toBe('engage_modal');
      expect(call('views.open', { trigger_id: trigger, view: modal('Again') })).toEqual({ ok: false, error: 'invalid_trigger_id' });
      const late = ws.issueTrigger(PEOPLE.wpsOfficer.id);
      now += TRIGGER_LIFETIME_MS + 1;
      expect(call('views.open', { trigger_id: late, view: modal('Late') })).toEqual({ ok: false, error: 'expired_trigger_id' });
    });

    it('refuses a modal Slack would refuse', () => {
      const answer = call('views.open', { trigger_id: ws.issueTrigger(PEOPLE.wpsOfficer.id), view: modal('A title longer than twenty-four') });
      expect(answer).toMatchObject({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] } });
      const input = { type: 'input', label: { type: 'plain_text', text: 'Reason' }, element: { type: 'plain_text_input' } };
      const noSubmit = call('views.open', { trigger_id: ws.issueTrigger(PEOPLE.wpsOfficer.id), view: { ...modal('Decline'), blocks: [input] } });
      expect(noSubmit).toMatchObject({ error: 'invalid_arguments' });
      const radios = { type: 'radio_buttons', options: Array.from({ length: 11 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `o${i}` })) };
      const tooMany = call('views.open', { trigger_id: ws.issueTrigger(PEOPLE.wpsOfficer.id), view: { ...modal('Close'), submit: { type: 'plain_text', text: 'OK' }, blocks: [{ ...input, element: radios }] } });
      expect(tooMany).toMatchObject({ response_metadata: { messages: ['[ERROR] must contain at most 10 items [json-pointer:/view/blocks/0/element/options]'] } });
    });

    it('updates a view by id with its hash, pushes above it, and publishes each person’s Home', () => {
      const user = PEOPLE.intakeWorker.id;
      const opened = call('views.open', { trigger_id: ws.issueTrigger(user), view: modal('First') }).view as { id: string; hash: string };
      expect(call('views.update', { view_id: opened.id, hash: 'stale', view: modal('Second') })).toEqual({ ok: false, error: 'hash_conflict' });
      const updated = call('views.update', { view_id: opened.id, hash: opened.hash, view: modal('Second') });
      expect(updated).toMatchObject({ ok: true, view: { id: opened.id, title: { text: 'Second' } } });
      expect(call('views.push', { trigger_id: ws.issueTrigger(user), view: modal('Pushed') })).toMatchObject({ ok: true });
      expect(ws.modalStack(user).map((v) => (v.title as { text: string }).text)).toEqual(['Second', 'Pushed']);
      ws.popModal(user);
      expect(ws.topModal(user)?.id).toBe(opened.id);

      const home = { type: 'home', blocks: [section('Open referrals')] };
      expect(call('views.publish', { user_id: user, view: home })).toMatchObject({ ok: true, view: { type: 'home' } });
      expect(ws.home(user)?.blocks[0]).toMatchObject({ text: { text: 'Open referrals' } });
      expect(changes.at(-1)).toMatchObject({ kind: 'home', userId: user });
      expect(call('views.publish', { user_id: 'U0NOBODY', view: home })).toEqual({ ok: false, error: 'user_not_found' });
    });
  });

  it('answers a method it does not know with ok:true, and says so in the log', () => {
    expect(call('reactions.add', { name: 'eyes' })).toEqual({ ok: true });
    expect(logs.some((l) => l.includes('reactions.add') && l.includes('does not know'))).toBe(true);
  });

  describe('response URLs', () => {
    it('show an ephemeral answer to the person who asked, by default', () => {
      const id = ws.registerResponseUrl({ userId: PEOPLE.wpsOfficer.id, channelId: CHANNELS.general.id });
      expect(api.respond(id, { response_type: 'ephemeral', text: 'Logged *E-1*' })).toEqual({ status: 200, body: { ok: true } });
      expect(ws.messagesFor(PEOPLE.wpsOfficer.id, CHANNELS.general.id)).toMatchObject([{ text: 'Logged *E-1*', ephemeralFor: PEOPLE.wpsOfficer.id }]);
      expect(ws.messagesFor(PEOPLE.admin.id, CHANNELS.general.id)).toEqual([]);
    });

    it('replace or delete the message acted on, or post in the channel', () => {
      const card = call('chat.postMessage', { channel: INTAKE, text: 'card' });
      const id = ws.registerResponseUrl({ userId: PEOPLE.intakeWorker.id, channelId: INTAKE, original: { ts: String(card.ts), ephemeral: false } });
      api.respond(id, { replace_original: true, text: 'replaced' });
      expect(ws.find(INTAKE, String(card.ts))?.text).toBe('replaced');
      api.respond(id, { response_type: 'in_channel', text: 'for everyone' });
      expect(ws.messagesFor(PEOPLE.wefightCoordinator.id, INTAKE).map((m) => m.text)).toEqual(['replaced', 'for everyone']);
      api.respond(id, { delete_original: true });
      expect(ws.find(INTAKE, String(card.ts))).toBeUndefined();
      expect(api.respond('nope', { text: 'x' }).status).toBe(404);
    });
  });
});

describe('what the sandbox sends Liaison', () => {
  it('signs as Slack signs', () => {
    const body = 'command=%2Fengage&text=';
    expect(slackSignature('testsigningsecret0123456789abcdef', 1_507_780_800, body)).toBe(sign(body, 1_507_780_800));
  });

  it('escapes typed text as Slack does, linking known people and channels', () => {
    const ws = new Workspace();
    expect(escapeAsSlack('/agency add X "A & B <x>" intake=#wefight-intake', ws)).toBe('/agency add X "A &amp; B &lt;x&gt;" intake=<#C0WEFIGHTIN|wefight-intake>');
    expect(escapeAsSlack('/agency member @jordan WPS role=officer @nobody', ws)).toBe('/agency member <@U0WPSOFF|jordan> WPS role=officer @nobody');
    expect(escapeAsSlack('@jordan #general', ws, false)).toBe('@jordan #general');
  });

  it('reads the Web API client’s form bodies, JSON arguments included', () => {
    const raw = new URLSearchParams({ channel: 'C1', text: '[not json] {either}', blocks: JSON.stringify([section('x')]) }).toString();
    expect(decodeWebApiArgs(raw, 'application/x-www-form-urlencoded')).toEqual({ channel: 'C1', text: '[not json] {either}', blocks: [section('x')] });
    expect(decodeWebApiArgs('{"channel":"C1"}', 'application/json; charset=utf-8')).toEqual({ channel: 'C1' });
  });
});
