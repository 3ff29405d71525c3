// The listener registry: every kind of Slack request Liaison answers, registered in one place.
import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { registerCommands } from './commands.js';
import { registerActions } from './actions.js';
import { createEffectRunner, type WebClient } from './effects.js';
import { registerHome } from './home.js';
import { registerViews } from './views.js';

export function registerListeners(app: App, deps: Deps, clients: { app: WebClient; digest: WebClient }): void {
  const runEffects = createEffectRunner(deps, clients);
  registerCommands(app, deps, runEffects);
  registerActions(app, deps);
  registerViews(app, deps, runEffects);
  registerHome(app, deps);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a listener', { error });
  });
}
