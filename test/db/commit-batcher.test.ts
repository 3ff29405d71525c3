// Group commit: requests that arrive together share one durable commit, each keeps its own
// all-or-nothing, and nobody is answered before their data is on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/client.js';
import { CommitBatcher } from '../../db/commit-batcher.js';
import { inTransaction } from '../../db/prepared.js';

describe('CommitBatcher', () => {
  let dir: string;
  let db: Db;
  let observer: Database.Database;
  let batcher: CommitBatcher;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'liaison-batch-'));
    db = openDatabase(join(dir, 'b.db'));
    db.$client.exec('CREATE TABLE t (n INTEGER NOT NULL CHECK (n >= 0))');
    observer = new Database(join(dir, 'b.db'));
    batcher = new CommitBatcher(db);
  });
  afterEach(() => {
    observer.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const commitsSeenByObserver = () => observer.pragma('data_version', { simple: true }) as number;
  const insert = (n: number) => () => db.$client.prepare('INSERT INTO t (n) VALUES (?)').run(n).lastInsertRowid;

  it('commits fifty concurrent pieces of work once, and each caller sees its own result', async () => {
    const before = commitsSeenByObserver();
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => batcher.run(insert(i))));
    expect(new Set(ids).size).toBe(50);
    expect(commitsSeenByObserver() - before).toBe(1);
    expect(observer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(50);
  });

  it('rolls back only the work that failed, and rejects only its caller', async () => {
    const results = await Promise.allSettled([
      batcher.run(insert(1)),
      batcher.run(() => {
        insert(2)();
        insert(-1)(); // violates the CHECK: this work's two rows go, the others stay
      }),
      batcher.run(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(observer.prepare('SELECT n FROM t ORDER BY n').pluck().all()).toEqual([1, 3]);
  });

  it('keeps a domain transaction inside a request all-or-nothing with the rest of that request', async () => {
    const results = await Promise.allSettled([
      batcher.run(() => {
        inTransaction(db, insert(1)); // runs inside the request's savepoint, not a savepoint of its own
        insert(-1)();
      }),
      batcher.run(() => inTransaction(db, insert(2))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(observer.prepare('SELECT n FROM t ORDER BY n').pluck().all()).toEqual([2]);
  });

  it('loses the whole batch, and runs nothing outside it, when SQLite itself ends the transaction', async () => {
    // As SQLite does after a full disk or an I/O error: the transaction is gone mid-batch.
    const results = await Promise.allSettled([
      batcher.run(insert(1)),
      batcher.run(() => {
        db.$client.exec('ROLLBACK');
        throw new Error('disk I/O error');
      }),
      batcher.run(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(observer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    // And the connection is usable again for the next batch.
    await expect(batcher.run(insert(4))).resolves.toBeDefined();
  });

  it('answers only once the data is visible to another connection (durable)', async () => {
    const seen = await batcher.run(insert(7)).then(() => observer.prepare('SELECT count(*) FROM t').pluck().get());
    expect(seen).toBe(1);
  });

  it('rejects every caller when the commit itself fails, and stores nothing', async () => {
    // Another connection holds the write lock past the busy timeout: the batch cannot begin.
    db.$client.pragma('busy_timeout = 50');
    observer.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([batcher.run(insert(1)), batcher.run(insert(2))]);
    observer.exec('ROLLBACK');
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(observer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });
});
