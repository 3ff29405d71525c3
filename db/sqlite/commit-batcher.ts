// Group commit. A synchronous=FULL commit waits for the disk (about 0.2 ms here), so one commit per
// request caps the rate near 5,000/s before any other work. Units of work that arrive together run
// in ONE transaction, each in its own savepoint (a refusal or an error rolls back only its own
// writes), and every caller is answered only after that transaction — its own data — is durable.
// The disk wait stays on this thread: an fdatasync of the WAL on libuv's pool, answering after it,
// measured only +4.6 % at 10 connections (thread hand-offs cost nearly what the wait did), not
// enough to justify a second durability argument (README, "Performance").
//
// Units of work are async (the domain awaits its queries), but better-sqlite3 runs every statement
// synchronously, so a unit's awaits resolve within the same turn of the event loop: the units of a
// batch run one after the other, each to its end, and nothing else writes on this connection
// meanwhile. A unit must not await anything but the database (a Slack call inside would hold the
// write lock for as long as Slack takes).
import type Database from 'better-sqlite3';

interface Pending {
  work: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class CommitBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private flushing = false;
  // Prepared once: better-sqlite3's transaction() builds a new wrapper per call, and this runs per request.
  private readonly begin;
  private readonly commit;
  private readonly rollback;
  private readonly savepoint;
  private readonly release;
  private readonly rollbackToSavepoint;

  constructor(private readonly sqlite: Database.Database) {
    this.begin = sqlite.prepare('BEGIN IMMEDIATE');
    this.commit = sqlite.prepare('COMMIT');
    this.rollback = sqlite.prepare('ROLLBACK');
    this.savepoint = sqlite.prepare('SAVEPOINT liaison_unit');
    this.release = sqlite.prepare('RELEASE liaison_unit');
    this.rollbackToSavepoint = sqlite.prepare('ROLLBACK TO liaison_unit');
  }

  /** Runs `work` in the next group commit; resolves with its value once that commit is durable. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // After the I/O callbacks of this turn of the event loop: every request parsed in it joins.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const batch = this.queue;
    this.queue = [];
    let outcomes: Outcome[] | undefined;
    let failure: unknown;
    try {
      outcomes = await this.commitBatch(batch);
    } catch (error) {
      // The batch's transaction itself failed: nothing of it is stored, and everyone is told so.
      failure = error;
      this.abandonTransaction();
    }
    this.flushing = false;
    // Units that arrived while this batch ran make the next one.
    if (this.queue.length > 0) this.schedule();
    batch.forEach((item, i) => {
      const outcome = outcomes?.[i];
      if (!outcome) item.reject(failure);
      else if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  private abandonTransaction(): void {
    if (!this.sqlite.inTransaction) return;
    try {
      this.rollback.run();
    } catch {
      // Nothing more to undo: SQLite ends a transaction it cannot roll back, and it was never committed.
    }
  }

  /** One transaction for the batch, one savepoint per unit; throws if the transaction is lost. */
  private async commitBatch(batch: Pending[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    this.begin.run();
    for (const item of batch) {
      this.savepoint.run();
      try {
        const value = await item.work();
        this.release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction by
        // itself: then the batch is lost, not only this unit, and nothing may run outside it.
        if (!this.sqlite.inTransaction) throw error;
        this.rollbackToSavepoint.run();
        this.release.run();
        outcomes.push({ ok: false, error });
      }
    }
    this.commit.run();
    return outcomes;
  }
}
