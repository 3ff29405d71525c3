// Starting the sandbox without a browser: a new database is seeded through Liaison, a known one is
// reused as it is, and the workspace answers only on this computer.
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { CHANNELS, PEOPLE } from '../../src/sandbox/cast.js';
import { DEFAULT_SANDBOX_DATABASE, sandboxDatabasePath, startSandbox } from '../../src/sandbox/index.js';
import { SEED_FIGURES } from '../../src/sandbox/seed.js';
import { sqlOf } from '../helpers/sql.js';

describe('starting the sandbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-sandbox-start-'));
  const env = { PORT: '0', DATABASE_PATH: join(dir, 'sandbox.db') };
  const logs: string[] = [];
  const logger = createLogger('warn', (line) => logs.push(line));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its own database unless DATABASE_PATH names one', () => {
    expect(sandboxDatabasePath({})).toBe(DEFAULT_SANDBOX_DATABASE);
    expect(sandboxDatabasePath({ DATABASE_PATH: '  ' })).toBe('data/sandbox.db');
    expect(sandboxDatabasePath({ DATABASE_PATH: '/tmp/elsewhere.db' })).toBe('/tmp/elsewhere.db');
  });

  it('seeds a new database through Liaison, then reuses it without seeding again', async () => {
    const first = await startSandbox({ env, logger, cron: false });
    try {
      expect(first.seeded).toBe(true);
      expect(first.url).toMatch(/^http:\/\/localhost:\d+$/);
      const cards = first.workspace.messagesFor(PEOPLE.intakeWorker.id, CHANNELS.wefightIntake.id);
      expect(cards.map((m) => /R-\d+/.exec(m.text)?.[0])).toEqual(['R-1', 'R-2', 'R-3']);
      expect(first.workspace.messagesFor(PEOPLE.oppCoordinator.id, CHANNELS.onsDigest.id)).toHaveLength(1);
      const engaged = await sqlOf(first.liaison.db).value('SELECT count(*) FROM engagements');
      expect(engaged).toBe(SEED_FIGURES.engaged);
      // The French corner: a French-speaking agency (its cards in French) in a bilingual operation.
      const sql = sqlOf(first.liaison.db);
      expect(await sql.get("SELECT lang FROM agencies WHERE code = 'CAVAC'")).toEqual({ lang: 'fr' });
      expect(await sql.value("SELECT count(*) FROM participations p JOIN operations o ON o.id = p.operation_id WHERE o.code = 'ONS-QC' AND o.lang = 'fr+en'")).toBe(2);
      // The page is not served to another host name (a DNS-rebinding page cannot reach it).
      const status = await new Promise<number | undefined>((resolve, reject) => {
        get({ host: '127.0.0.1', port: first.port, path: '/', headers: { host: 'attacker.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on('error', reject);
      });
      expect(status).toBe(421);
    } finally {
      await first.stop();
    }

    const second = await startSandbox({ env, logger, cron: false });
    try {
      expect(second.seeded).toBe(false);
      expect(second.workspace.messagesFor(PEOPLE.intakeWorker.id, CHANNELS.wefightIntake.id)).toEqual([]);
      expect(await sqlOf(second.liaison.db).value('SELECT count(*) FROM engagements')).toBe(SEED_FIGURES.engaged);
    } finally {
      await second.stop();
    }
    expect(logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });
});
