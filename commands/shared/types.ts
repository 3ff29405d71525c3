// What a slash command is to the rest of Liaison: a name, a usage, and a `run` that turns the
// typed text into a reply value. No Bolt here: the Slack adapter in src/slack does the transport.
import type { View } from '@slack/types';
import type { Tx } from '../../db/database.js';
import type { Deps } from '../../src/deps.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Effect } from '../../src/domain/effects.js';
import type { Messages } from '../../src/i18n/index.js';

export interface CommandContext {
  deps: Deps;
  /** The request's unit of work: everything the command reads and writes goes through it. */
  tx: Tx;
  actor: Actor;
  /** Channel the command was typed in. */
  channelId: string;
  msg: Messages;
}

export type CommandResult =
  | {
      kind: 'reply';
      text: string;
      blocks?: unknown[];
      /** Work for after the acknowledgement: posting cards, digests, direct messages. */
      effects?: Effect[];
    }
  | { kind: 'modal'; view: View };

export interface CommandDefinition {
  /** As typed in Slack, with the slash: `/agency`. */
  name: string;
  usage(msg: Messages): string;
  run(text: string, ctx: CommandContext): Promise<CommandResult>;
}
