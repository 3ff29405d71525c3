// What every bench server does as a child of the bench: stop cleanly on SIGTERM (so `--cpu-prof`
// can write its profile), exit with the bench, and answer the bench's memory probe.
export function serveTheBench(stop: () => Promise<unknown>): void {
  process.once('SIGTERM', () => {
    stop().then(
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
}
