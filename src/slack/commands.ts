// Slash commands: parse → domain → reply, acknowledged once the records are durable; then the
// effects (cards, digests, direct messages) run after the acknowledgement.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { COMMANDS, type CommandDefinition, type CommandResult } from '../../commands/index.js';
import type { Deps } from '../deps.js';
import { CommandRateLimiter } from '../domain/rate-limit.js';
import { messagesFor } from '../i18n/index.js';
import type { EffectRunner } from './effects.js';
import { userMessageFor } from './errors.js';
import { actorFrom } from './identity.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function registerCommands(app: App, deps: Deps, runEffects: EffectRunner): void {
  const perMinute = deps.config.commandRatePerMinute;
  const limiter = new CommandRateLimiter({ perMinute, burst: Math.max(5, Math.ceil(perMinute / 3)) });
  const byName = new Map(COMMANDS.map((c) => [c.name, c]));
  // One listener for every command: Bolt runs each listener's middleware for every request, so
  // fewer listeners is less work per request on the hot path.
  const names = new RegExp(`^(${COMMANDS.map((c) => c.name).join('|')})$`);
  app.command(names, (args) => handleCommand(byName.get(args.command.command)!, args, deps, limiter, runEffects));
}

async function handleCommand(
  definition: CommandDefinition,
  { command, ack, client, respond }: CommandArgs,
  deps: Deps,
  limiter: CommandRateLimiter,
  runEffects: EffectRunner,
): Promise<void> {
  const msg = messagesFor(command.locale as string | undefined);
  const actor = actorFrom(command.user_id, command.team_id, command.enterprise_id);
  const context = { command: definition.name, team: actor.teamId, user: actor.userId };
  const wait = limiter.take(actor, Date.now());
  if (wait > 0) {
    deps.logger.warn('command rate limited', context);
    await ack({ response_type: 'ephemeral', text: msg.errors.rateLimited(wait) });
    return;
  }
  let result: CommandResult;
  try {
    // The command's writes are durable when this resolves: only then is Slack answered.
    result = await deps.commits.run(() => definition.run(command.text ?? '', { deps, actor, channelId: command.channel_id, msg }));
  } catch (error) {
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
