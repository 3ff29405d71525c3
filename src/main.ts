// The composition root for `npm start`: config → Liaison → signals (src/shutdown.ts).
import { ConfigError, loadDotEnv, parseConfig } from './config.js';
import { startLiaison } from './liaison.js';
import { createLogger } from './logger.js';
import { exitOnSignals } from './shutdown.js';

async function main(): Promise<void> {
  loadDotEnv();
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config.slack.kind === 'none') {
    // No Slack credentials: the same Liaison behind a local stand-in workspace (see src/sandbox).
    // Loaded only here: a deployment with credentials never pays for the sandbox at start.
    const { runSandbox } = await import('./sandbox/index.js');
    await runSandbox(config, process.env);
    return;
  }
  const logger = createLogger(config.logLevel);
  // Last line of defence: an error nobody awaited is logged, not allowed to stop every request.
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }));
  let liaison: Awaited<ReturnType<typeof startLiaison>>;
  try {
    liaison = await startLiaison(config, logger);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  exitOnSignals(logger, () => liaison.stop(), { exitWithParent: config.exitWithParent });
}

main().catch((error) => {
  process.stderr.write(`Liaison could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
