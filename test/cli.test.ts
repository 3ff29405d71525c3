// The operator CLI: usage and exit codes, a consistent backup taken while the app writes, the
// audit chain catching each kind of tampering, and the CSV export.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { FakeClock, Harness } from './helpers/harness.js';
import { ADMIN_ENV, ok, seedWorld, wpsOfficer } from './helpers/world.js';

async function cli(env: Record<string, string>, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, env, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('the operator CLI', () => {
  let h: Harness;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2017-10-11T20:00:00-04:00') });
    await seedWorld(h);
    await ok(h, wpsOfficer, '/engage', 'ONS-WE age=18-24 gender=female offered=yes accepted=yes area="Windsor, east" language=en note="shelter info, follow up"');
    await ok(h, wpsOfficer, '/charge', 'ONS-WE offences=279.01,286.2');
    dir = mkdtempSync(join(tmpdir(), 'liaison-cli-'));
    env = { DATABASE_PATH: h.databasePath };
  });
  afterAll(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains its usage and exits 2 for a command it does not know', async () => {
    for (const argv of [[], ['frobnicate'], ['digest'], ['export', 'ONS-WE'], ['audit'], ['backup']]) {
      const result = await cli(env, ...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('usage: npm run cli -- <command>');
    }
  });

  it('names a bad environment variable and exits 2', async () => {
    const result = await cli({ ...env, LOG_LEVEL: 'loud' }, 'migrate');
    expect(result).toMatchObject({ code: 2, err: 'Configuration error: LOG_LEVEL must be one of debug, info, warn, error.\n' });
  });

  it('migrates a new database and says so', async () => {
    const result = await cli({ DATABASE_PATH: join(dir, 'new.db') }, 'migrate');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/new\.db: \d+ migrations applied; the schema is current\./);
  });

  it('exits 1 for an operation that does not exist', async () => {
    expect(await cli(env, 'digest', 'NOPE', '--json')).toMatchObject({ code: 1, err: 'There is no operation NOPE.\n' });
  });

  it('exports engagements, referrals and charges as RFC 4180 CSV', async () => {
    // A quote inside a field (the slash-command parser keeps quotes out of values, so set it directly).
    h.db.$client.prepare(`UPDATE charges SET note = 'said "ok", follow up' WHERE id = 1`).run();
    const result = await cli(env, 'export', 'ONS-ON', '--csv');
    expect(result.code).toBe(0);
    const lines = result.out.split('\r\n');
    expect(lines[0]).toBe('record,ref,operation,agency,at,age_band,gender,offered,accepted,safety_ensured,area,language,engagement,to_agency,needs,urgency,status,outcome,offences,note');
    expect(result.out).toContain('engagement,E-1,ONS-WE,WPS,2017-10-12T00:00:00.000Z,18-24,female,yes,yes,no,"Windsor, east",en,,,,,,,,"shelter info, follow up"');
    expect(result.out).toContain('charge,C-1,ONS-WE,WPS,2017-10-12T00:00:00.000Z,,,,,,,,,,,,,,279.01;286.2,"said ""ok"", follow up"');
  });

  it('withholds free text the data guard would refuse today', async () => {
    // Written behind the app's back, as an older version might have stored it.
    h.db.$client.prepare("UPDATE engagements SET note = 'her cell is 519-555-0100' WHERE id = 1").run();
    const result = await cli(env, 'export', 'ONS-WE', '--csv');
    expect(result.out).not.toContain('519-555-0100');
    expect(result.out).toContain('[withheld]');
  });

  it('takes a consistent backup while the app keeps writing', async () => {
    const file = join(dir, 'backup.db');
    const writes = (async () => {
      for (let i = 0; i < 60; i++) await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=male offered=no accepted=no');
    })();
    const result = await cli(env, 'backup', file);
    await writes;
    expect(result).toMatchObject({ code: 0, out: `Backed up to ${file}; integrity check ok.\n` });
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const engagements = copy.prepare('SELECT count(*) FROM engagements').pluck().get() as number;
    const audited = copy.prepare("SELECT count(*) FROM audit_log WHERE action = 'engagement.log'").pluck().get() as number;
    // A snapshot: each engagement in the copy has its audit row, whatever moment it was taken.
    expect(audited).toBe(engagements);
    copy.close();
    expect((await cli({ DATABASE_PATH: file }, 'audit', 'verify')).code).toBe(0);
  });

  describe('audit verify', () => {
    /** A copy of the live database, tampered with behind the triggers' back. */
    async function tampered(name: string, tamper: (db: Database.Database) => void) {
      const file = join(dir, `${name}.db`);
      await h.db.$client.backup(file);
      const db = new Database(file);
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      tamper(db);
      db.close();
      return cli({ DATABASE_PATH: file }, 'audit', 'verify');
    }

    it('passes an untouched log', async () => {
      const result = await cli(env, 'audit', 'verify');
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/Audit log intact: \d+ rows, chain verified\./);
    });

    it.each([
      ['an altered row', (db: Database.Database) => db.prepare("UPDATE audit_log SET actor_user_id = 'U0SOMEONE' WHERE id = 5").run(), 5, 'its content was altered'],
      ['a deleted row', (db: Database.Database) => db.prepare('DELETE FROM audit_log WHERE id = 5').run(), 6, 'row 5 is missing before row 6'],
      [
        'an inserted row',
        (db: Database.Database) => {
          const row = db.prepare('SELECT * FROM audit_log WHERE id = 5').get() as Record<string, unknown>;
          db.prepare('UPDATE audit_log SET id = id + 1000').run();
          db.prepare('UPDATE audit_log SET id = id - 999 WHERE id > 1005').run();
          db.prepare('UPDATE audit_log SET id = id - 1000 WHERE id > 1000').run();
          db.prepare('INSERT INTO audit_log (id, at, actor_team_id, actor_user_id, action, ref, detail, prev_hash, hash) VALUES (6, @at, @actor_team_id, @actor_user_id, @action, @ref, @detail, @hash, @hash)').run(row);
        },
        6,
        'its content was altered',
      ],
      ['a re-hashed row without its successors', (db: Database.Database) => db.prepare("UPDATE audit_log SET hash = 'x' WHERE id = 3").run(), 3, 'its content was altered'],
    ])('catches %s and names the first bad row', async (name, tamper, badRow, problem) => {
      const result = await tampered(name.replace(/\W+/g, '-'), tamper);
      expect(result.code).toBe(1);
      expect(result.err).toBe(`Audit log altered at row ${badRow}: ${problem}.\n`);
    });
  });
});
