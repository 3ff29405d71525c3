// The process in test/shutdown.test.ts: run as `node --import tsx test/helpers/stuck-stop.ts
// hang|block`, it ends on signals as Liaison does (src/shutdown.ts) but its stop never finishes:
// `hang` waits for ever, `block` keeps the event loop busy.
import { createLogger } from '../../src/logger.js';
import { exitOnSignals } from '../../src/shutdown.js';

const stuck = process.argv[2] === 'block';
exitOnSignals(
  createLogger('info'),
  async () => {
    if (stuck) for (;;);
    await new Promise(() => setInterval(() => {}, 1_000));
  },
  { exitWithParent: false, limitMs: 500 },
);
// Something to keep the process alive until the signal, as a server would.
setInterval(() => {}, 1_000);
process.stdout.write('ready\n');
