// `npm run cli -- import …` on the engine the suite runs: the sample files in docs/ stored as the
// slash commands store them and audited as the CLI, the same file again changing nothing, a changed
// line updated, and a file with any wrong line refused whole, each wrong line named by the number
// a spreadsheet user sees.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { FakeClock, Harness } from './helpers/harness.js';
import { ADMIN_ENV, admin, ok, say, TEAM } from './helpers/world.js';

const SAMPLES = {
  agencies: 'docs/import-agencies.sample.csv',
  members: 'docs/import-members.sample.csv',
  participants: 'docs/import-participants.sample.csv',
};

describe('the operator CLI: import', () => {
  let h: Harness;
  let dir: string;
  let env: Record<string, string>;
  let files = 0;
  beforeAll(async () => {
    h = await Harness.start({ env: ADMIN_ENV, clock: new FakeClock('2025-03-03T09:00:00-05:00') });
    dir = mkdtempSync(join(tmpdir(), 'liaison-import-'));
    env = h.database.env;
  });
  afterAll(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(argv, env, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }
  /** Writes `text` to a file of its own and imports it. */
  function importText(kind: 'agencies' | 'members', text: string) {
    const file = join(dir, `${kind}-${++files}.csv`);
    writeFileSync(file, text);
    return cli('import', kind, file);
  }
  const auditRows = () => h.sql.value<number>('SELECT count(*) FROM audit_log');
  const agencyRows = () => h.sql.all('SELECT code, name, kind, intake_channel_id, intake_team_id, lang FROM agencies ORDER BY code');

  it('lists the import commands in its usage and exits 2 for one it does not know', async () => {
    for (const argv of [['import'], ['import', 'people', 'x.csv'], ['import', 'agencies'], ['import', 'participants', 'x.csv']]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('import participants <OPCODE> <file.csv>');
    }
  });

  it('imports the sample agencies as /agency add stores them, each audited as the CLI', async () => {
    const before = await auditRows();
    expect(await cli('import', 'agencies', SAMPLES.agencies)).toEqual({ code: 0, out: 'agencies: 5 added, 0 updated, 0 unchanged\n', err: '' });
    expect(await agencyRows()).toEqual([
      { code: 'CCEHT', name: 'Canadian Centre to End Human Trafficking', kind: 'advocacy', intake_channel_id: 'C0CCEHTINTAKE', intake_team_id: null, lang: 'en' },
      { code: 'RCMP', name: 'Royal Canadian Mounted Police', kind: 'police', intake_channel_id: null, intake_team_id: null, lang: 'en' },
      { code: 'SPVM', name: 'Service de police de la Ville de Montréal', kind: 'police', intake_channel_id: null, intake_team_id: null, lang: 'fr' },
      { code: 'TPS', name: 'Toronto Police Service', kind: 'police', intake_channel_id: null, intake_team_id: null, lang: 'en' },
      { code: 'VSTO', name: 'Victim Services Toronto, 24/7', kind: 'victim_services', intake_channel_id: 'C0VSTOINTAKE', intake_team_id: null, lang: 'en' },
    ]);
    const audited = await h.sql.all('SELECT actor_team_id, actor_user_id, action, ref, detail FROM audit_log WHERE id > ? ORDER BY id', before);
    expect(audited).toHaveLength(5);
    expect(audited[0]).toEqual({ actor_team_id: 'liaison', actor_user_id: 'cli', action: 'agency.add', ref: 'agency:RCMP', detail: '{"kind":"police","intake":false,"lang":"en"}' });
    expect(await say(h, admin, '/agency', 'show VSTO')).toContain('Victim Services Toronto, 24/7');
    expect((await cli('audit', 'verify')).code).toBe(0);
  });

  it('changes nothing, and audits nothing, when the same file comes again', async () => {
    const before = await auditRows();
    expect(await cli('import', 'agencies', SAMPLES.agencies)).toMatchObject({ code: 0, out: 'agencies: 0 added, 0 updated, 5 unchanged\n' });
    expect(await auditRows()).toBe(before);
  });

  it('updates a changed line and leaves the others alone', async () => {
    const before = await auditRows();
    const changed = readFileSync(SAMPLES.agencies, 'utf8').replace('TPS,Toronto Police Service,police,,', 'TPS,Toronto Police Service,police,C0TPSINTAKE,fr');
    expect(await importText('agencies', changed)).toMatchObject({ code: 0, out: 'agencies: 0 added, 1 updated, 4 unchanged\n' });
    expect(await h.sql.get("SELECT intake_channel_id, lang FROM agencies WHERE code = 'TPS'")).toEqual({ intake_channel_id: 'C0TPSINTAKE', lang: 'fr' });
    expect(await h.sql.all('SELECT action, ref, detail FROM audit_log WHERE id > ?', before)).toEqual([
      { action: 'agency.update', ref: 'agency:TPS', detail: '{"changed":["intakeChannelId","lang"],"kind":"police","intake":true,"lang":"fr"}' },
    ]);
    // A cell left empty keeps what is stored: the sample again changes nothing.
    expect(await cli('import', 'agencies', SAMPLES.agencies)).toMatchObject({ out: 'agencies: 0 added, 0 updated, 5 unchanged\n' });
  });

  it('stores nothing when one line is wrong among good ones, and names it', async () => {
    const agencies = await agencyRows();
    const before = await auditRows();
    const text = ['code,name,kind', 'NEWA,New Agency A,police', 'NEWB,New Agency B,spaceship', 'TPS,Toronto Police Service (renamed),police', ''].join('\n');
    const result = await importText('agencies', text);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      'line 3: kind must be one of police, advocacy, victim_services, health, government, other\n' +
        'Nothing was stored: 1 problem. Correct the lines above and import the file again.\n',
    );
    expect(await agencyRows()).toEqual(agencies);
    expect(await auditRows()).toBe(before);
  });

  it('counts the lines of a quoted field that spans several, reads quotes, a BOM and CRLF, and names every wrong line', async () => {
    const text = [
      '\uFEFFname,code,kind,lang', // any order; intake_channel left out
      '"Centre ""Le Phare"", Gatineau",PHARE,advocacy,fr',
      '"Two',
      'lines",TWOL,police,en', // a name must be one line: line 3, where the record starts
      'Bad code,BAD CODE,police,en',
      'X,SHORT,police,de',
      'Again,PHARE,police,',
      '',
    ].join('\r\n');
    const result = await importText('agencies', text);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      'line 2: PHARE appears on lines 2, 7; keep one line for it',
      'line 3: name must be one line of plain text, without line breaks, tabs or invisible characters (such as those that reverse the direction of text)',
      'line 5: code must be a code of letters, digits and dashes (up to 30)',
      'line 6: name must be at least 2 characters',
      'line 6: lang must be one of en, fr',
      'line 7: PHARE appears on lines 2, 7; keep one line for it',
      'Nothing was stored: 6 problems. Correct the lines above and import the file again.',
      '',
    ]);
    // Without the wrong lines, the quoted name is stored as a spreadsheet shows it.
    expect(await importText('agencies', '\uFEFFname,code,kind,lang\r\n"Centre ""Le Phare"", Gatineau",PHARE,advocacy,fr\r\n')).toMatchObject({ code: 0, out: 'agencies: 1 added, 0 updated, 0 unchanged\n' });
    expect(await h.sql.value("SELECT name FROM agencies WHERE code = 'PHARE'")).toBe('Centre "Le Phare", Gatineau');
  });

  it('refuses a name with a bidi override, as /agency add does', async () => {
    const result = await importText('agencies', 'code,name,kind\nBIDI,Evil \u202Eecivres,police\n');
    expect(result.err).toContain('line 2: name must be one line of plain text');
    expect(await h.sql.value("SELECT count(*) FROM agencies WHERE code = 'BIDI'")).toBe(0);
  });

  it.each([
    ['an unknown column', 'code,name,kind,colour\nA1,Agency,police,red\n', 'line 1: unknown column "colour"; the columns are code, name, kind, intake_channel, lang'],
    ['a required column missing', 'code,name\nA1,Agency\n', 'line 1: column kind is missing; add it to the first line'],
    ['a column named twice', 'code,name,kind,name\nA1,Agency,police,Agency\n', 'line 1: column name is named twice; keep one'],
    ['a line with a field too many', 'code,name,kind\nA1,Agency, Inc.,police\n', 'line 2: 4 fields where the first line names 3 columns; a comma inside a value needs the value in quotes'],
    ['an unclosed quote', 'code,name,kind\nA1,"Agency,police\n', 'line 2: a quoted field starts here and its closing quote " is missing'],
    ['an empty file', '', 'line 1: the file is empty; its first line must name the columns: code, name, kind, intake_channel, lang'],
    ['a required value left empty', 'code,name,kind\nA1,,police\n', 'line 2: name is missing; every line needs one'],
  ])('refuses %s, saying what to write instead', async (_name, text, problem) => {
    const result = await importText('agencies', text);
    expect(result.code).toBe(1);
    expect(result.err).toContain(problem);
    expect(await h.sql.value("SELECT count(*) FROM agencies WHERE code = 'A1'")).toBe(0);
  });

  it('refuses a file that is not UTF-8, and one that cannot be read', async () => {
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.from('code,name,kind\nMTL,Montr\xe9al,police\n', 'latin1'));
    expect(await cli('import', 'agencies', file)).toMatchObject({ code: 1, err: expect.stringContaining('the file is not UTF-8 text; save it again as "CSV UTF-8"') });
    expect(await cli('import', 'agencies', join(dir, 'missing.csv'))).toMatchObject({ code: 1, err: expect.stringContaining('ENOENT') });
  });

  it('imports the sample members, in their own teams, and each can use Liaison', async () => {
    const before = await auditRows();
    expect(await cli('import', 'members', SAMPLES.members)).toEqual({ code: 0, out: 'members: 6 added, 0 updated, 0 unchanged\n', err: '' });
    expect(await h.sql.all("SELECT team_id, user_id, role FROM members WHERE user_id IN ('U0SPVMOFF1', 'U0TPSCOORD') ORDER BY user_id")).toEqual([
      { team_id: 'T0MONTREAL', user_id: 'U0SPVMOFF1', role: 'officer' },
      { team_id: 'T0NATIONAL', user_id: 'U0TPSCOORD', role: 'coordinator' },
    ]);
    expect(await h.sql.all('SELECT actor_user_id, action, ref, detail FROM audit_log WHERE id > ? ORDER BY id LIMIT 1', before)).toEqual([
      { actor_user_id: 'cli', action: 'member.add', ref: 'member:T0NATIONAL:U0RCMPCOORD', detail: '{"agency":"RCMP","role":"coordinator"}' },
    ]);
    expect(await cli('import', 'members', SAMPLES.members)).toMatchObject({ out: 'members: 0 added, 0 updated, 6 unchanged\n' });
    // A coordinator imported into the harness's workspace registers a colleague with the slash command.
    expect(await importText('members', `team_id,user_id,agency,role\n${TEAM},U0IMPCOORD,RCMP,coordinator\n`)).toMatchObject({ code: 0 });
    expect(await ok(h, { teamId: TEAM, userId: 'U0IMPCOORD' }, '/agency', 'member U0IMPOFF RCMP role=officer')).toContain('U0IMPOFF');
  });

  it('moves a person to another agency or role, and refuses the whole file for an agency that does not exist', async () => {
    expect(await importText('members', 'role,agency,user_id,team_id\nintake,VSTO,U0TPSOFF1,T0NATIONAL\n')).toMatchObject({ code: 0, out: 'members: 0 added, 1 updated, 0 unchanged\n' });
    const before = await auditRows();
    const result = await importText('members', 'team_id,user_id,agency,role\nT0NATIONAL,U0NEWPERSON,TPS,officer\nT0NATIONAL,U0OTHER,NOPE,officer\nT0NATIONAL,bob,TPS,chief\n');
    expect(result.code).toBe(1);
    expect(result.err).toContain('line 4: user_id must be a person, e.g. @name or U0123456\nline 4: role must be one of officer, intake, coordinator, admin\n');
    // What refers to the database is checked once every line reads well; still nothing is stored.
    expect((await importText('members', 'team_id,user_id,agency,role\nT0NATIONAL,U0NEWPERSON,TPS,officer\nT0NATIONAL,U0OTHER,NOPE,officer\n')).err).toBe(
      'line 3: there is no agency NOPE; import it first (npm run cli -- import agencies), or correct the code\n' +
        'Nothing was stored: 1 problem. Correct the lines above and import the file again.\n',
    );
    expect(await h.sql.value("SELECT count(*) FROM members WHERE user_id = 'U0NEWPERSON'")).toBe(0);
    expect(await auditRows()).toBe(before);
  });

  it('imports the sample participants into an operation, and the digest counts their personnel', async () => {
    await ok(h, admin, '/op', 'create NSC-25 "National Spotlight Canada" start=2025-03-01 end=2025-03-31 lead=RCMP');
    const before = await auditRows();
    // RCMP leads, so it takes part already (with no personnel): its line updates it.
    expect(await cli('import', 'participants', 'nsc-25', SAMPLES.participants)).toEqual({ code: 0, out: 'participants: 3 added, 1 updated, 0 unchanged\n', err: '' });
    const digest = JSON.parse((await cli('digest', 'NSC-25', '--json')).out);
    expect(digest.personnel).toBe(40 + 6 + 25 + 4 + 2 + 18 + 3 + 0 + 8);
    expect(digest.agencies).toBe(4);
    expect(await h.sql.all('SELECT action, ref, detail FROM audit_log WHERE id > ? ORDER BY id LIMIT 2', before)).toEqual([
      { action: 'op.join.update', ref: 'op:NSC-25', detail: '{"agency":"RCMP","officers":40,"supportStaff":6,"victimServices":0}' },
      { action: 'op.join', ref: 'op:NSC-25', detail: '{"agency":"TPS","officers":25,"supportStaff":4,"victimServices":2}' },
    ]);
    expect(await cli('import', 'participants', 'NSC-25', SAMPLES.participants)).toMatchObject({ out: 'participants: 0 added, 0 updated, 4 unchanged\n' });
    // A count left out keeps the one stored.
    const file = join(dir, 'participants-change.csv');
    writeFileSync(file, 'agency,victim_services\nVSTO,9\nRCMP,\n');
    expect(await cli('import', 'participants', 'NSC-25', file)).toMatchObject({ out: 'participants: 0 added, 1 updated, 1 unchanged\n' });
    expect(JSON.parse((await cli('digest', 'NSC-25', '--json')).out).personnel).toBe(digest.personnel + 1);
  });

  it('refuses participants for an operation that does not exist or is closed, and counts out of range', async () => {
    expect(await cli('import', 'participants', 'NOPE', SAMPLES.participants)).toMatchObject({ code: 1, err: expect.stringContaining('There is no operation NOPE') });
    const file = join(dir, 'participants-bad.csv');
    writeFileSync(file, 'agency,officers\nTPS,10001\nCCEHT,-1\nNOPE,1\n');
    const result = await cli('import', 'participants', 'NSC-25', file);
    expect(result.err).toBe(
      'line 2: officers must be a whole number from 0 to 10,000\n' +
        'line 3: officers must be a whole number from 0 to 10,000\n' +
        'Nothing was stored: 2 problems. Correct the lines above and import the file again.\n',
    );
    await ok(h, admin, '/op', 'create OLD-24 "Old operation" start=2024-03-01 end=2024-03-02 lead=RCMP');
    await ok(h, admin, '/op', 'close OLD-24');
    expect(await cli('import', 'participants', 'OLD-24', SAMPLES.participants)).toMatchObject({ code: 1, err: 'Operation OLD-24 is closed; its participants can no longer change.\n' });
  });
});
