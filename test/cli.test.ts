// The operator CLI, on the engine the suite runs: usage and exit codes, a consistent backup taken
// while the app writes (a checked SQLite file; a pg_dump archive, or exit 2 without pg_dump), the
// audit chain catching each kind of tampering, and the CSV export.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.js';
import { appendAudit } from '../src/domain/audit.js';
import { runCli } from '../src/cli.js';
import { FakeClock, Harness } from './helpers/harness.js';
import { sqlOf, type TestSql } from './helpers/sql.js';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './helpers/test-database.js';
import { ADMIN_ENV, ok, seedWorld, wpsOfficer } from './helpers/world.js';

const execFileAsync = promisify(execFile);

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
    env = h.database.env;
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
    const fresh = TEST_ENGINE === 'sqlite' ? { DATABASE_PATH: join(dir, 'new.db') } : (await createTestDatabase()).env;
    const result = await cli(fresh, 'migrate');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/: \d+ migrations applied; the schema is current\./);
    // Never the password of the URL.
    expect(result.out).not.toContain('liaison-test');
  });

  it('names DATABASE_URL, without its password, when the server cannot be reached', async () => {
    const result = await cli({ DATABASE_URL: 'postgres://liaison:s3cret-pw@127.0.0.1:1/liaison' }, 'migrate');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^Configuration error: DATABASE_URL \(postgres:\/\/liaison@127\.0\.0\.1:1\/liaison\) could not be reached: .*ECONNREFUSED/);
    expect(result.err).not.toContain('s3cret-pw');
  });

  it('exits 1 for an operation that does not exist', async () => {
    expect(await cli(env, 'digest', 'NOPE', '--json')).toMatchObject({ code: 1, err: 'There is no operation NOPE.\n' });
  });

  it('prints the digest JSON with referrals by state, withdrawn among them', async () => {
    const before = JSON.parse((await cli(env, 'digest', 'ONS-WE', '--json')).out);
    expect(Object.keys(before.referrals)).toEqual(['pending', 'accepted', 'declined', 'closed', 'withdrawn']);
    const ref = /R-\d+/.exec(await ok(h, wpsOfficer, '/refer', 'E-1 to=WEFIGHT needs=shelter urgency=routine consent=yes'))![0];
    expect(JSON.parse((await cli(env, 'digest', 'ONS-WE', '--json')).out).referrals).toEqual({ ...before.referrals, pending: before.referrals.pending + 1 });
    await ok(h, wpsOfficer, '/refer', `withdraw ${ref} reason=entered_in_error`);
    const after = await cli(env, 'digest', 'ONS-WE', '--json');
    expect(after.code).toBe(0);
    expect(JSON.parse(after.out).referrals).toEqual({ ...before.referrals, withdrawn: before.referrals.withdrawn + 1 });
  });

  it('exports engagements, referrals and charges as RFC 4180 CSV', async () => {
    // A quote inside a field (the slash-command parser keeps quotes out of values, so set it directly).
    await h.sql.run(`UPDATE charges SET note = 'said "ok", follow up' WHERE id = 1`);
    const result = await cli(env, 'export', 'ONS-ON', '--csv');
    expect(result.code).toBe(0);
    const lines = result.out.split('\r\n');
    expect(lines[0]).toBe('record,ref,operation,agency,at,age_band,gender,offered,accepted,safety_ensured,area,language,engagement,to_agency,needs,urgency,status,outcome,offences,note');
    expect(result.out).toContain('engagement,E-1,ONS-WE,WPS,2017-10-12T00:00:00.000Z,18-24,female,yes,yes,no,"Windsor, east",en,,,,,,,,"shelter info, follow up"');
    expect(result.out).toContain('charge,C-1,ONS-WE,WPS,2017-10-12T00:00:00.000Z,,,,,,,,,,,,,,279.01;286.2,"said ""ok"", follow up"');
  });

  it('neutralises spreadsheet formulas in text cells, through the real CLI', async () => {
    // Text the data guard accepts but a spreadsheet would run: each text cell that starts with
    // = + - @ (or a tab or carriage return) gets a leading ' inside its quotes, as OWASP advises.
    const engaged = await ok(h, wpsOfficer, '/engage', 'ONS-WE age=25-34 gender=male offered=yes accepted=yes area="=1+1" note="+ hydration"');
    const e = /E-(\d+)/.exec(engaged)!;
    const referred = await ok(h, wpsOfficer, '/refer', `${e[0]} to=WEFIGHT needs=shelter urgency=routine consent=yes note="-ok"`);
    const r = /R-(\d+)/.exec(referred)!;
    const charged = await ok(h, wpsOfficer, '/charge', 'ONS-WE offences=279.01 note="@shelter"');
    const c = /C-(\d+)/.exec(charged)!;
    // The app folds whitespace, so a leading tab or carriage return only arrives behind its back.
    await h.sql.run(`UPDATE engagements SET language = '\t=cmd' WHERE id = ${e[1]}`);
    await h.sql.run(`UPDATE charges SET note = '\r=cmd' WHERE id = 1`);
    const run = await execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'export', 'ONS-ON', '--csv'], {
      env: { ...env, PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    const lines = run.stdout.split('\r\n');
    const line = (ref: string) => lines.find((l) => l.split(',')[1] === ref)!;
    expect(line(e[0])).toContain(`,"'=1+1","'\t=cmd",`);
    expect(line(e[0]).endsWith(`,"'+ hydration"`)).toBe(true);
    expect(line(r[0]).endsWith(`,"'-ok"`)).toBe(true);
    expect(line(c[0]).endsWith(`,"'@shelter"`)).toBe(true);
    expect(run.stdout).toContain(`,"'\r=cmd"\r\n`);
    // No cell of the export starts with a formula character outside its quote.
    for (const l of lines) expect(l, l).not.toMatch(/(?:^|,)[=+\-@\t\r]/);
  });

  it('withholds free text the data guard would refuse today', async () => {
    // Written behind the app's back, as an older version might have stored it.
    await h.sql.run("UPDATE engagements SET note = 'her cell is 519-555-0100' WHERE id = 1");
    const result = await cli(env, 'export', 'ONS-WE', '--csv');
    expect(result.out).not.toContain('519-555-0100');
    expect(result.out).toContain('[withheld]');
  });

  if (TEST_ENGINE === 'sqlite') {
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
  } else {
    it('says so and exits 2 when pg_dump is not installed', async () => {
      // As an operator runs it, with a PATH on which there is no pg_dump.
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup', join(dir, 'backup.dump')], {
        env: { ...env, PATH: dir },
        encoding: 'utf8',
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('needs pg_dump, which is not installed here');
    });

    it('writes a pg_dump archive, or says why pg_dump could not', async () => {
      const file = join(dir, 'backup.dump');
      const result = await cli(env, 'backup', file);
      if (result.code === 0) {
        expect(result.out).toBe(`Backed up to ${file} (a pg_dump custom-format archive; restore it with pg_restore).\n`);
        expect(existsSync(file)).toBe(true);
      } else {
        // Installed but unable (an older client than the server, say): its own last line says why.
        expect(result.code === 2 || result.code === 1).toBe(true);
        expect(result.err).toMatch(/pg_dump/);
      }
    });
  }

  describe('audit verify', () => {
    /**
     * A database of its own with a chain of ten audit rows, tampered with once the append-only
     * triggers are out of the way (as someone with direct database access could).
     */
    async function tampered(tamper: (sql: TestSql) => Promise<void>) {
      const database: TestDatabase = await createTestDatabase();
      const db = openDatabase(database.settings);
      try {
        await db.migrate();
        for (let i = 1; i <= 10; i++) {
          await db.transaction((tx) => appendAudit(tx, { actor: { teamId: 'T0', userId: `U${i}` }, action: 'test.append', ref: `E-${i}`, detail: { i }, at: 1000 + i }));
        }
        const sql = sqlOf(db);
        if (TEST_ENGINE === 'sqlite') await sql.run('DROP TRIGGER audit_log_no_update').then(() => sql.run('DROP TRIGGER audit_log_no_delete'));
        else await sql.run('DROP TRIGGER audit_log_no_change ON audit_log');
        await tamper(sql);
      } finally {
        await db.close();
      }
      const result = await cli(database.env, 'audit', 'verify');
      await database.drop();
      return result;
    }

    it('passes an untouched log', async () => {
      const result = await cli(env, 'audit', 'verify');
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/Audit log intact: \d+ rows, chain verified\./);
    });

    it.each([
      ['an altered row', (sql: TestSql) => sql.run("UPDATE audit_log SET actor_user_id = 'U0SOMEONE' WHERE id = 5"), 5, 'its content was altered'],
      ['a deleted row', (sql: TestSql) => sql.run('DELETE FROM audit_log WHERE id = 5'), 6, 'row 5 is missing before row 6'],
      [
        'an inserted row',
        async (sql: TestSql) => {
          const row = (await sql.get<Record<string, unknown>>('SELECT * FROM audit_log WHERE id = 5'))!;
          await sql.run('UPDATE audit_log SET id = id + 1000');
          await sql.run('UPDATE audit_log SET id = id - 999 WHERE id > 1005');
          await sql.run('UPDATE audit_log SET id = id - 1000 WHERE id > 1000');
          await sql.run(
            'INSERT INTO audit_log (id, at, actor_team_id, actor_user_id, action, ref, detail, prev_hash, hash) VALUES (6, ?, ?, ?, ?, ?, ?, ?, ?)',
            row.at, row.actor_team_id, row.actor_user_id, row.action, row.ref, row.detail, row.hash, row.hash,
          );
        },
        6,
        'its content was altered',
      ],
      ['a re-hashed row without its successors', (sql: TestSql) => sql.run("UPDATE audit_log SET hash = 'x' WHERE id = 3"), 3, 'its content was altered'],
    ])('catches %s and names the first bad row', async (_name, tamper, badRow, problem) => {
      const result = await tampered(tamper);
      expect(result.code).toBe(1);
      expect(result.err).toBe(`Audit log altered at row ${badRow}: ${problem}.\n`);
    });
  });
});
