// Group commit. A synchronous=FULL commit waits for the disk (about 0.2 ms here), so one commit per
// request caps the rate near 5,000/s before any other work. Requests that arrive together run in
// ONE transaction, each in its own savepoint (a refusal or an error rolls back only its own
// writes), and every caller is answered only after that transaction — its own data — is durable.
import type { Db } from './client.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class CommitBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

  /** Runs `work` (synchronous: reads and writes) in the next group commit; resolves once durable. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn of the event loop: every request parsed in it joins.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const sqlite = this.db.$client;
    const outcomes: Outcome[] = [];
    try {
      sqlite
        .transaction(() => {
          for (const item of batch) {
            try {
              // Nested inside the batch, better-sqlite3 runs this as a savepoint.
              outcomes.push({ ok: true, value: sqlite.transaction(item.work)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      // The commit itself failed: nothing of this batch is stored, and everyone is told so.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
