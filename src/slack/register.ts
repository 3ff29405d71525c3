// The listener registry: every kind of Slack request Liaison answers, registered in one place.
import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { registerCommands } from './commands.js';
import { registerActions } from './actions.js';
import type { SlackClients } from './clients.js';
import { createEffectRunner } from './effects.js';
import { HomePublisher, registerHome } from './home.js';
import { registerNextSteps } from './next-steps.js';
import { registerViews } from './views.js';

export function registerListeners(app: App, deps: Deps, clients: SlackClients): void {
  const homes = new HomePublisher(deps, clients);
  const runEffects = createEffectRunner(deps, clients, homes);
  registerCommands(app, deps, runEffects, clients);
  registerActions(app, deps, clients, homes);
  registerNextSteps(app, deps, clients);
  registerViews(app, deps, runEffects, clients, homes);
  registerHome(app, deps, homes);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a listener', { error });
  });
}
