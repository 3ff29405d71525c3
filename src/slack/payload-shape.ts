// What every Slack payload of its kind has, checked before Bolt reads it. Bolt's App.processEvent
// works out a payload's kind and who sent it (getTypeAndConversation, buildSource) by reading
// fields without checking them: a correctly signed block_actions with `user: null`, a
// view_submission with `view: null` or an event_callback with `event: null` throws a TypeError
// there, before any middleware or app.error() handler runs, and the HTTP receiver answers 500
// (slackapi/bolt-js#729 is one such case). Such a payload is dropped here instead: acknowledged
// (Slack does not retry it), logged by what it lacks, never by what it says.
import type { App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../logger.js';

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => value !== null && typeof value === 'object' && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
/** A field that may be absent but, when present, must be an object (Bolt reads inside it). */
const absentOrRecord = (body: Fields, key: string) => !(key in body) || body[key] === undefined || isRecord(body[key]);

/** What an event of each type Liaison listens to must carry for its listener. */
const EVENT_NEEDS: Record<string, (event: Fields) => string | undefined> = {
  app_home_opened: (event) => (isString(event.user) ? undefined : 'event.user'),
  tokens_revoked: (event) => (isRecord(event.tokens) ? undefined : 'event.tokens'),
};

/**
 * The first part a payload lacks, named by its path ('user', 'view', 'event.user'), or undefined
 * when it has the shape of its kind. Kinds are told apart exactly as Bolt tells them apart; a body
 * of no kind Bolt knows passes (Bolt drops it with a warning of its own).
 */
export function missingPart(body: unknown): string | undefined {
  if (!isRecord(body)) return 'body';
  if (body.event !== undefined) return missingFromEvent(body);
  if (body.command !== undefined) {
    if (!isString(body.command)) return 'command';
    return isString(body.user_id) ? undefined : 'user_id';
  }
  // Interactivity: block actions, options, shortcuts and views all name who acted and may name a
  // channel and response URLs, which Bolt reads when they are there.
  const interactive =
    body.actions !== undefined ||
    body.name !== undefined ||
    ['block_actions', 'block_suggestion', 'dialog_submission', 'shortcut', 'message_action', 'view_submission', 'view_closed'].includes(body.type as string);
  if (!interactive) return undefined;
  if (!isRecord(body.user) || !isString(body.user.id)) return 'user';
  if (!absentOrRecord(body, 'channel')) return 'channel';
  if (body.response_urls !== undefined && !(Array.isArray(body.response_urls) && body.response_urls.every(isRecord))) return 'response_urls';
  const actions = body.actions;
  if (actions !== undefined && !(Array.isArray(actions) && actions.every(isRecord))) return 'actions';
  if (body.type === 'block_actions') {
    if (!Array.isArray(actions) || actions.length === 0) return 'actions';
    if (!actions.every((action: Fields) => isString(action.action_id))) return 'actions.action_id';
  }
  if (body.type === 'view_submission' || body.type === 'view_closed') {
    if (!isRecord(body.view)) return 'view';
    if (!isString(body.view.callback_id)) return 'view.callback_id';
    if (!absentOrRecord(body.view, 'state')) return 'view.state';
  }
  return undefined;
}

function missingFromEvent(body: Fields): string | undefined {
  const event = body.event;
  if (!isRecord(event) || !isString(event.type)) return 'event';
  if (body.authorizations !== undefined && !(Array.isArray(body.authorizations) && body.authorizations.every(isRecord))) return 'authorizations';
  if ('channel' in event && !isString(event.channel) && !isRecord(event.channel)) return 'event.channel';
  if (!absentOrRecord(event, 'item')) return 'event.item';
  if (!absentOrRecord(event, 'subteam')) return 'event.subteam';
  return EVENT_NEEDS[event.type]?.(event);
}

/** A type as Slack spells one (`block_actions`, `app_home_opened`); anything else is not logged. */
const typeName = (value: unknown) => (isString(value) && /^[a-z_]{1,40}$/.test(value) ? value : undefined);

/**
 * Puts the shape check in front of Bolt: every receiver (HTTP, Socket Mode) hands each signed
 * payload to app.processEvent, so a payload that lacks a part is acknowledged and dropped there
 * before Bolt reads it. Nothing else changes for a well-formed one.
 */
export function dropMalformedPayloads(app: App, logger: Logger): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    const missing = missingPart(event.body);
    if (missing === undefined) return processEvent(event);
    const body = isRecord(event.body) ? event.body : {};
    logger.warn('malformed Slack payload acknowledged and dropped', {
      missing,
      kind: typeName(body.type),
      ...(isRecord(body.event) ? { event: typeName(body.event.type) } : {}),
    });
    await event.ack();
  };
}
