// The sandbox's Slack workspace, held in memory: channels and their members, messages with threads,
// ephemeral messages per person, how far each person has read each conversation, each person's stack
// of open modals and published Home tab, and the short-lived trigger IDs and response URLs Slack
// hands to an app. Every change is announced as a
// `change` event, which the server turns into Server-Sent Events for the people who can see it.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { CHANNELS, type ChannelSpec, dmChannelId, EVERYONE, type Person, SANDBOX_APP, SANDBOX_TEAM, SLACKBOT_USER_ID } from './cast.js';

export type Json = Record<string, unknown>;

export interface Channel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** People in the channel; the bot is listed by its user ID when it was invited. */
  members: Set<string>;
}

export interface Message {
  channel: string;
  ts: string;
  /** Who wrote it: a person, the bot user, or Slackbot. */
  user: string;
  text: string;
  blocks: Json[];
  threadTs?: string;
  /** Set for ephemeral messages: only this person sees it, and only until a restart. */
  ephemeralFor?: string;
  edited?: boolean;
}

/** A view as Slack stores it: what the app sent, plus the ids and hash Slack adds. */
export type View = Json & { id: string; type: 'modal' | 'home'; hash: string; blocks: Json[] };

export type Change =
  | { kind: 'message'; message: Message; deleted?: boolean }
  | { kind: 'modal'; userId: string; view: View | null }
  | { kind: 'home'; userId: string; view: View }
  | { kind: 'notice'; userId: string; text: string };

/** Where a response_url's posts go: who asked, where, and the message they acted on (if any). */
export interface ResponseContext {
  userId: string;
  channelId: string;
  original?: { ts: string; ephemeral: boolean };
  /** Ephemeral answers are dropped (seeding: nobody is looking, and Slack forgets them on reload). */
  quiet?: boolean;
}

/** Slack lets an app use a trigger ID once, within three seconds. */
export const TRIGGER_LIFETIME_MS = 3_000;
/** Slack allows two views pushed above the root view. */
export const MAX_MODAL_STACK = 3;

export class Workspace extends EventEmitter<{ change: [Change] }> {
  readonly team = SANDBOX_TEAM;
  readonly app = SANDBOX_APP;
  readonly people: ReadonlyMap<string, Person>;
  private readonly channels = new Map<string, Channel>();
  private readonly messages = new Map<string, Message[]>();
  private readonly modals = new Map<string, View[]>();
  private readonly homes = new Map<string, View>();
  private readonly triggers = new Map<string, { userId: string; issuedAt: number }>();
  private readonly responseUrls = new Map<string, ResponseContext>();
  /** person → conversation → the ts read up to (Slack's `last_read`). */
  private readonly readUpTo = new Map<string, Map<string, string>>();
  private lastTs = 0;
  private viewCounter = 0;

  constructor(
    people: readonly Person[] = EVERYONE,
    channels: readonly ChannelSpec[] = Object.values(CHANNELS),
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.people = new Map(people.map((p) => [p.id, p]));
    for (const spec of channels) {
      const members = new Set(spec.members);
      if (spec.bot) members.add(this.app.botUserId);
      this.channels.set(spec.id, { id: spec.id, name: spec.name, isPrivate: spec.isPrivate, isIm: false, members });
    }
  }

  // ── channels ──────────────────────────────────────────────────────────────────────────────────

  channel(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  /** The IM between the app and a person, opened on first use as Slack does. */
  imWith(userId: string): Channel | undefined {
    if (!this.people.has(userId)) return undefined;
    const id = dmChannelId(userId);
    let im = this.channels.get(id);
    if (!im) {
      im = { id, name: this.people.get(userId)!.handle, isPrivate: true, isIm: true, members: new Set([userId, this.app.botUserId]) };
      this.channels.set(id, im);
    }
    return im;
  }

  /** Channels (not IMs) a person sits in, in the sidebar's order. */
  channelsOf(userId: string): Channel[] {
    return [...this.channels.values()].filter((c) => !c.isIm && c.members.has(userId));
  }

  /** Every channel name, for showing `<#C…>` links to any reader. */
  channelDirectory(): Record<string, string> {
    return Object.fromEntries([...this.channels.values()].filter((c) => !c.isIm).map((c) => [c.id, c.name]));
  }

  // ── messages ──────────────────────────────────────────────────────────────────────────────────

  /** A Slack timestamp: seconds and a six-digit sequence, unique and increasing. */
  nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  post(message: Omit<Message, 'ts'>): Message {
    const stored: Message = { ...message, ts: this.nextTs() };
    const list = this.messages.get(stored.channel) ?? [];
    list.push(stored);
    this.messages.set(stored.channel, list);
    this.announce({ kind: 'message', message: stored });
    return stored;
  }

  find(channel: string, ts: string): Message | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  update(channel: string, ts: string, patch: { text: string; blocks: Json[] }): Message | undefined {
    const message = this.find(channel, ts);
    if (!message) return undefined;
    message.text = patch.text;
    message.blocks = patch.blocks;
    message.edited = true;
    this.announce({ kind: 'message', message });
    return message;
  }

  remove(channel: string, ts: string): boolean {
    const list = this.messages.get(channel);
    const index = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    const [message] = list.splice(index, 1);
    this.announce({ kind: 'message', message: message!, deleted: true });
    return true;
  }

  /** Messages in a channel as `userId` sees them: everyone's, plus their own ephemerals. */
  messagesFor(userId: string, channel: string): Message[] {
    return (this.messages.get(channel) ?? []).filter((m) => m.ephemeralFor === undefined || m.ephemeralFor === userId);
  }

  canSee(userId: string, message: Message): boolean {
    if (message.ephemeralFor !== undefined) return message.ephemeralFor === userId;
    return this.channels.get(message.channel)?.members.has(userId) ?? false;
  }

  /** A person has seen a conversation up to `ts`; a read position only moves forward. */
  markRead(userId: string, channel: string, ts: string): void {
    const positions = this.readUpTo.get(userId) ?? new Map<string, string>();
    const previous = positions.get(channel);
    if (previous !== undefined && compareTs(previous, ts) >= 0) return;
    positions.set(channel, ts);
    this.readUpTo.set(userId, positions);
  }

  /** How far a person has read each conversation; one never opened is absent (nothing read). */
  readPositions(userId: string): Record<string, string> {
    return Object.fromEntries(this.readUpTo.get(userId) ?? []);
  }

  /** Slackbot's word to one person (a command that failed to reach the app, and the like). */
  slackbotSays(userId: string, channel: string, text: string): Message {
    return this.post({ channel, user: SLACKBOT_USER_ID, text, blocks: [], ephemeralFor: userId });
  }

  // ── views ─────────────────────────────────────────────────────────────────────────────────────

  /** Stores a view as Slack would return it: ids, hash and empty state added, block ids filled in. */
  makeView(view: Json, previous?: View): View {
    const id = previous?.id ?? `V${String(++this.viewCounter).padStart(8, '0')}`;
    return {
      private_metadata: '',
      callback_id: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      ...structuredClone(view),
      id,
      team_id: this.team.id,
      app_id: this.app.appId,
      bot_id: this.app.botId,
      app_installed_team_id: this.team.id,
      root_view_id: previous?.root_view_id ?? id,
      previous_view_id: previous?.previous_view_id ?? null,
      hash: `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      state: { values: {} },
      blocks: withBlockIds(Array.isArray(view.blocks) ? (structuredClone(view.blocks) as Json[]) : []),
    } as unknown as View;
  }

  modalStack(userId: string): readonly View[] {
    return this.modals.get(userId) ?? [];
  }

  topModal(userId: string): View | null {
    return this.modalStack(userId).at(-1) ?? null;
  }

  openModal(userId: string, view: Json): View {
    const stored = this.makeView(view);
    this.modals.set(userId, [stored]);
    this.announce({ kind: 'modal', userId, view: stored });
    return stored;
  }

  pushModal(userId: string, view: Json): View | 'no_modal' | 'push_limit_reached' {
    const stack = this.modals.get(userId);
    if (!stack?.length) return 'no_modal';
    if (stack.length >= MAX_MODAL_STACK) return 'push_limit_reached';
    const stored = this.makeView(view);
    stored.root_view_id = stack[0]!.id;
    stored.previous_view_id = stack.at(-1)!.id;
    stack.push(stored);
    this.announce({ kind: 'modal', userId, view: stored });
    return stored;
  }

  /** Finds an open modal or a published Home tab by view ID or external ID. */
  findView(by: { viewId?: string; externalId?: string }): { userId: string; view: View; surface: 'modal' | 'home' } | undefined {
    const matches = (v: View) => (by.viewId ? v.id === by.viewId : by.externalId !== undefined && v.external_id === by.externalId);
    for (const [userId, stack] of this.modals) {
      const view = stack.find(matches);
      if (view) return { userId, view, surface: 'modal' };
    }
    for (const [userId, view] of this.homes) if (matches(view)) return { userId, view, surface: 'home' };
    return undefined;
  }

  /** views.update: the same view ID, new content and hash; the page re-renders it if it is on top. */
  replaceView(viewId: string, view: Json): View | undefined {
    const found = this.findView({ viewId });
    if (!found) return undefined;
    const stored = this.makeView(view, found.view);
    if (found.surface === 'home') {
      this.homes.set(found.userId, stored);
      this.announce({ kind: 'home', userId: found.userId, view: stored });
    } else {
      const stack = this.modals.get(found.userId)!;
      stack[stack.indexOf(found.view)] = stored;
      if (stack.at(-1) === stored) this.announce({ kind: 'modal', userId: found.userId, view: stored });
    }
    return stored;
  }

  /** Closes the top view (an empty acknowledgement, or Cancel); the one below shows again. */
  popModal(userId: string): void {
    const stack = this.modals.get(userId);
    if (!stack?.length) return;
    stack.pop();
    this.announce({ kind: 'modal', userId, view: stack.at(-1) ?? null });
  }

  clearModals(userId: string): void {
    if (!this.modals.get(userId)?.length) return;
    this.modals.delete(userId);
    this.announce({ kind: 'modal', userId, view: null });
  }

  home(userId: string): View | undefined {
    return this.homes.get(userId);
  }

  publishHome(userId: string, view: Json): View {
    const stored = this.makeView(view, this.homes.get(userId));
    this.homes.set(userId, stored);
    this.announce({ kind: 'home', userId, view: stored });
    return stored;
  }

  // ── what Slack hands the app with each interaction ────────────────────────────────────────────

  issueTrigger(userId: string): string {
    const id = `${Math.floor(this.now() / 1000)}.${randomBytes(6).toString('hex')}`;
    this.triggers.set(id, { userId, issuedAt: this.now() });
    return id;
  }

  /** The person a trigger ID was issued for, once; an error code as Slack names it otherwise. */
  redeemTrigger(triggerId: string): { userId: string } | { error: 'invalid_trigger_id' | 'expired_trigger_id' } {
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return { error: 'invalid_trigger_id' };
    this.triggers.delete(triggerId);
    if (this.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return { error: 'expired_trigger_id' };
    return { userId: trigger.userId };
  }

  registerResponseUrl(context: ResponseContext): string {
    const id = randomBytes(9).toString('hex');
    this.responseUrls.set(id, context);
    return id;
  }

  responseContext(id: string): ResponseContext | undefined {
    return this.responseUrls.get(id);
  }

  notice(userId: string, text: string): void {
    this.announce({ kind: 'notice', userId, text });
  }

  private announce(change: Change): void {
    this.emit('change', change);
  }
}

/**
 * Orders two Slack timestamps exactly. They are `seconds.micros` with six digits of micros (nextTs),
 * so as strings they order by length, then by character; a double would round the micros.
 */
export function compareTs(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Slack fills in a block_id for every block (and an action_id for every element) left without one. */
export function withBlockIds(blocks: Json[]): Json[] {
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null) continue;
    if (block.block_id === undefined) block.block_id = randomBytes(3).toString('base64url');
    for (const element of [...elementsOf(block), block.element]) {
      if (isInteractive(element) && element.action_id === undefined) element.action_id = randomBytes(3).toString('base64url');
    }
  }
  return blocks;
}

/** The elements a click can come from in a block: its accessory and an actions block's elements. */
export function elementsOf(block: Json): Json[] {
  const candidates = [block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])];
  return candidates.filter((e): e is Json => typeof e === 'object' && e !== null);
}

function isInteractive(element: unknown): element is Json {
  if (typeof element !== 'object' || element === null) return false;
  const type = (element as Json).type;
  return typeof type === 'string' && !['mrkdwn', 'plain_text', 'image'].includes(type);
}
