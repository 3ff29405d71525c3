// Group commit. A synchronous=FULL commit waits for the disk (about 0.2 ms here), so one commit per
// request caps the rate near 5,000/s before any other work. Requests that arrive together run in
// ONE transaction, each in its own savepoint (a refusal or an error rolls back only its own
// writes), and every caller is answered only after that transaction — its own data — is durable.
// The disk wait stays on this thread: an fdatasync of the WAL on libuv's pool, answering after it,
// measured only +4.6 % at 10 connections (thread hand-offs cost nearly what the wait did), not
// enough to justify a second durability argument (README, "Performance").
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
  // Prepared once: better-sqlite3's transaction() builds a new wrapper per call, and this runs per request.
  private readonly begin;
  private readonly commit;
  private readonly rollback;
  private readonly savepoint;
  private readonly release;
  private readonly rollbackToSavepoint;

  constructor(private readonly db: Db) {
    const sqlite = db.$client;
    this.begin = sqlite.prepare('BEGIN IMMEDIATE');
    this.commit = sqlite.prepare('COMMIT');
    this.rollback = sqlite.prepare('ROLLBACK');
    this.savepoint = sqlite.prepare('SAVEPOINT liaison_request');
    this.release = sqlite.prepare('RELEASE liaison_request');
    this.rollbackToSavepoint = sqlite.prepare('ROLLBACK TO liaison_request');
  }

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
    let outcomes: Outcome[];
    try {
      outcomes = this.commitBatch(batch);
    } catch (error) {
      // The batch's transaction itself failed: nothing of it is stored, and everyone is told so.
      this.abandonTransaction();
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  private abandonTransaction(): void {
    if (!this.db.$client.inTransaction) return;
    try {
      this.rollback.run();
    } catch {
      // Nothing more to undo: SQLite ends a transaction it cannot roll back, and it was never committed.
    }
  }

  /** One transaction for the batch, one savepoint per request; throws if the transaction is lost. */
  private commitBatch(batch: Pending[]): Outcome[] {
    const sqlite = this.db.$client;
    const outcomes: Outcome[] = [];
    this.begin.run();
    for (const item of batch) {
      this.savepoint.run();
      try {
        const value = item.work();
        this.release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction by
        // itself: then the batch is lost, not only this request, and nothing may run outside it.
        if (!sqlite.inTransaction) throw error;
        this.rollbackToSavepoint.run();
        this.release.run();
        outcomes.push({ ok: false, error });
      }
    }
    this.commit.run();
    return outcomes;
  }
}
