// Slash commands: parse → domain → reply, acknowledged once the records are durable; then the
// effects (cards, digests, direct messages) run after the acknowledgement.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { COMMANDS, type CommandDefinition, type CommandResult } from '../../commands/index.js';
import type { Deps } from '../deps.js';
import { AppError } from '../domain/errors.js';
import { type RateLimit, rateLimitFor, spendCommand, takeCommand } from '../domain/rate-limit.js';
import { messagesFor } from '../i18n/index.js';
import type { SlackClients } from './clients.js';
import type { EffectRunner } from './effects.js';
import { userMessageFor } from './errors.js';
import { actorFrom } from './identity.js';
import { handleOnce, RepeatedRequest } from './requests.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function registerCommands(app: App, deps: Deps, runEffects: EffectRunner, clients: SlackClients): void {
  const limit = rateLimitFor(deps.config.commandRatePerMinute);
  const byName = new Map(COMMANDS.map((c) => [c.name, c]));
  // One listener for every command: Bolt runs each listener's middleware for every request, so
  // fewer listeners is less work per request on the hot path.
  const names = new RegExp(`^(${COMMANDS.map((c) => c.name).join('|')})$`);
  app.command(names, (args) => handleCommand(byName.get(args.command.command)!, args, deps, limit, runEffects, clients));
}

async function handleCommand(
  definition: CommandDefinition,
  { command, body, ack, client, respond }: CommandArgs,
  deps: Deps,
  limit: RateLimit,
  runEffects: EffectRunner,
  clients: SlackClients,
): Promise<void> {
  const actor = actorFrom(command.user_id, command.team_id, command.enterprise_id);
  const msg = messagesFor(await clients.languageOf(actor.teamId, actor.userId));
  const context = { command: definition.name, team: actor.teamId, user: actor.userId };
  let result: CommandResult;
  try {
    // The command's writes are durable when this resolves: only then is Slack answered.
    result = await handleOnce(deps, body, async (tx) => {
      await takeCommand({ tx }, actor, Date.now(), limit);
      return definition.run(command.text ?? '', { deps, tx, actor, channelId: command.channel_id, msg });
    });
  } catch (error) {
    if (error instanceof RepeatedRequest) {
      deps.logger.warn('repeated request dropped', context);
      await ack();
      return;
    }
    if (error instanceof AppError && error.code === 'rate_limited') deps.logger.warn('command rate limited', context);
    else if (error instanceof AppError) await spendRefusedCommand(deps, actor, limit);
    await ack({ response_type: 'ephemeral', text: userMessageFor(error, msg, deps.logger, context) });
    return;
  }
  if (result.kind === 'modal') {
    await ack();
    try {
      await client.views.open({ trigger_id: command.trigger_id, view: result.view });
    } catch (error) {
      deps.logger.error('could not open modal', { ...context, error });
    }
    return;
  }
  await ack({
    response_type: 'ephemeral',
    text: result.text,
    ...(result.blocks ? { blocks: result.blocks as never } : {}),
  });
  if (result.effects?.length) {
    await runEffects(result.effects, { actor, msg, respond: (text) => respond({ response_type: 'ephemeral', text }) });
  }
}

/**
 * A refused command rolled its unit of work back, the command it took from the person's budget
 * with it; it still counts, as it did work: a script sending bad commands is slowed like any other.
 */
async function spendRefusedCommand(deps: Deps, actor: { teamId: string; userId: string }, limit: RateLimit): Promise<void> {
  try {
    await deps.db.transaction((tx) => spendCommand(tx, actor, Date.now(), limit));
  } catch (error) {
    deps.logger.warn('refused command not counted against the rate limit', { team: actor.teamId, user: actor.userId, error });
  }
}
