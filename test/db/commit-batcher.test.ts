// Group commit on SQLite: units of work that arrive together share one durable commit, each keeps
// its own all-or-nothing (awaits and all), and nobody is answered before their data is on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommitBatcher } from '../../db/sqlite/commit-batcher.js';

describe('CommitBatcher', () => {
  let dir: string;
  let sqlite: Database.Database;
  let observer: Database.Database;
  let batcher: CommitBatcher;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'liaison-batch-'));
    sqlite = new Database(join(dir, 'b.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('CREATE TABLE t (n INTEGER NOT NULL CHECK (n >= 0))');
    observer = new Database(join(dir, 'b.db'));
    batcher = new CommitBatcher(sqlite);
  });
  afterEach(() => {
    observer.close();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const commitsSeenByObserver = () => observer.pragma('data_version', { simple: true }) as number;
  /** One statement, awaited as the domain awaits drizzle's. */
  const insert = async (n: number) => Number(sqlite.prepare('INSERT INTO t (n) VALUES (?)').run(n).lastInsertRowid);
  const rows = () => observer.prepare('SELECT n FROM t ORDER BY rowid').pluck().all();

  it('commits fifty concurrent units of work once, and each caller sees its own result', async () => {
    const before = commitsSeenByObserver();
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => batcher.run(() => insert(i))));
    expect(new Set(ids).size).toBe(50);
    expect(commitsSeenByObserver() - before).toBe(1);
    expect(observer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(50);
  });

  it('rolls back only the unit that failed, awaits and all, and rejects only its caller', async () => {
    const results = await Promise.allSettled([
      batcher.run(() => insert(1)),
      batcher.run(async () => {
        await insert(2);
        await insert(-1); // violates the CHECK: this unit's two rows go, the others stay
      }),
      batcher.run(() => insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(rows()).toEqual([1, 3]);
  });

  it('runs each unit to its end before the next, however many awaits it has', async () => {
    const unit = (first: number) => async () => {
      await insert(first);
      await Promise.resolve();
      await insert(first + 1);
    };
    await Promise.all([batcher.run(unit(10)), batcher.run(unit(20)), batcher.run(unit(30))]);
    expect(rows()).toEqual([10, 11, 20, 21, 30, 31]);
  });

  it('puts units that arrive while a batch commits into the next one', async () => {
    const late: Array<Promise<number>> = [];
    await Promise.all([
      batcher.run(async () => {
        // Asked for from inside a running batch: it cannot join it, and must not wait for ever.
        late.push(batcher.run(() => insert(2)));
        return insert(1);
      }),
    ]);
    // The first batch is committed, with only its own unit, before the late one runs.
    expect(rows()).toEqual([1]);
    await Promise.all(late);
    expect(rows()).toEqual([1, 2]);
  });

  it('loses the whole batch, and runs nothing outside it, when SQLite itself ends the transaction', async () => {
    // As SQLite does after a full disk or an I/O error: the transaction is gone mid-batch.
    const results = await Promise.allSettled([
      batcher.run(() => insert(1)),
      batcher.run(async () => {
        sqlite.exec('ROLLBACK');
        throw new Error('disk I/O error');
      }),
      batcher.run(() => insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(observer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    // And the connection is usable again for the next batch.
    await expect(batcher.run(() => insert(4))).resolves.toBeDefined();
  });

  it('answers only once the data is visible to another connection (durable)', async () => {
    const seen = await batcher.run(() => insert(7)).then(() => observer.prepare('SELECT count(*) FROM t').pluck().get());
    expect(seen).toBe(1);
  });

  it('rejects every caller when the commit itself fails, and stores nothing', async () => {
    // Another connection holds the write lock past the busy timeout: the batch cannot begin.
    sqlite.pragma('busy_timeout = 50');
    observer.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([batcher.run(() => insert(1)), batcher.run(() => insert(2))]);
    observer.exec('ROLLBACK');
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(observer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});
