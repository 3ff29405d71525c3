// The listener registry: every kind of Slack request Liaison answers, registered in one place.
import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { registerCommands } from './commands.js';
import type { EffectRunner } from './effects.js';

export function registerListeners(app: App, deps: Deps): { stopJobs: () => void } {
  const runEffects: EffectRunner = async () => {};
  registerCommands(app, deps, runEffects);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a listener', { error });
  });
  return { stopJobs: () => {} };
}
