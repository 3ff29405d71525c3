// Liaison itself, as `npm start` runs it (startLiaison with the environment's config and the JSON
// logger; the minute scheduler on), bound to loopback and reporting its port to the bench.
import { parseConfig } from '../../src/config.js';
import { startLiaison } from '../../src/liaison.js';
import { createLogger } from '../../src/logger.js';

const config = parseConfig(process.env);
const logger = createLogger(config.logLevel);
const liaison = await startLiaison(config, logger, { host: '127.0.0.1' });
process.send?.({ type: 'ready', port: liaison.port });
// A clean exit also lets `--cpu-prof` write its profile.
process.once('SIGTERM', () => {
  liaison.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

// If the bench dies, the IPC channel closes: go with it rather than linger.
process.on('disconnect', () => process.exit(0));
// The bench asks for the heap breakdown behind the RSS it reads from /proc.
process.on('message', (message: { type?: string }) => {
  if (message?.type !== 'memory') return;
  // A full collection first (the bench starts servers with --expose-gc): the reading then shows what
  // is live, not garbage that happens not to have been collected yet.
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ type: 'memory', usage: process.memoryUsage() });
});
