// The parent in test/reliability/orphan-exit.test.ts: run as `node --import tsx
// test/reliability/orphan-parent.ts ipc|pid` with the app's environment, it starts the app as the
// tests do (test/helpers/app-process.ts), prints the app's pid, and waits to be killed.
import { AppProcess } from '../helpers/app-process.js';

const app = AppProcess.start({}, { ipc: process.argv[2] !== 'pid' });
process.stdout.write(`${app.child.pid}\n`);
void app.exited.then(({ code, signal }) => process.stderr.write(`the app exited before its parent: ${code ?? signal}\n${app.output.join('\n')}\n`));
