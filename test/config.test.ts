// The environment's rules: a bad value stops the start with one line naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';
import { isValidTimeZone } from '../src/domain/time.js';

const http = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef' };

describe('parseConfig', () => {
  it('applies the contract defaults', () => {
    const c = parseConfig(http);
    expect(c).toMatchObject({ port: 3000, database: { engine: 'sqlite', path: 'data/liaison.db' }, defaultTimezone: 'America/Toronto', logLevel: 'info', bootstrapAdmins: [] });
    expect(c.slack.kind).toBe('http');
    // The default is not checked at start (that would load ICU's zone data every time): it is checked here.
    expect(isValidTimeZone(c.defaultTimezone)).toBe(true);
    // A process outlives whoever started it unless asked not to (src/shutdown.ts).
    expect(c.exitWithParent).toBe(false);
    expect(parseConfig({ ...http, EXIT_WITH_PARENT: '1' }).exitWithParent).toBe(true);
  });

  it('chooses PostgreSQL when DATABASE_URL is set, over DATABASE_PATH, with pool and timeout defaults', () => {
    const c = parseConfig({ ...http, DATABASE_PATH: 'data/other.db', DATABASE_URL: 'postgresql://liaison:pw@db.example.org:5432/liaison' });
    expect(c.database).toEqual({ engine: 'pg', url: 'postgresql://liaison:pw@db.example.org:5432/liaison', poolSize: 10, statementTimeoutMs: 5000 });
    expect(parseConfig({ ...http, DATABASE_URL: 'postgres://db/liaison', DATABASE_POOL_SIZE: '25', DATABASE_STATEMENT_TIMEOUT_MS: '2000' }).database).toMatchObject({
      poolSize: 25,
      statementTimeoutMs: 2000,
    });
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, naming the variable and never echoing the value', () => {
    for (const url of ['mysql://u:secret-pw@h/db', 'not a url secret-pw', 'postgres://']) {
      expect(() => parseConfig({ ...http, DATABASE_URL: url })).toThrow(/^Configuration error: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
      try {
        parseConfig({ ...http, DATABASE_URL: url });
      } catch (error) {
        expect((error as Error).message).not.toContain('secret-pw');
      }
    }
    expect(() => parseConfig({ ...http, DATABASE_URL: 'postgres://h/db', DATABASE_POOL_SIZE: '0' })).toThrow(/^Configuration error: DATABASE_POOL_SIZE must be at least 1\.$/);
  });

  it('chooses Socket Mode with an app token, and no mode without credentials', () => {
    expect(parseConfig({ ...http, SLACK_APP_TOKEN: 'xapp-1-A-1-abc' }).slack.kind).toBe('socket');
    expect(parseConfig({}).slack.kind).toBe('none');
  });

  describe('distribution mode', () => {
    const oauth = {
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef',
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef',
      SLACK_STATE_SECRET: 'a-long-state-secret',
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      ALLOWED_TEAMS: 'T01,E02',
    };
    it('is chosen by the client settings, with the allowed teams', () => {
      const slack = parseConfig(oauth).slack;
      expect(slack.kind).toBe('distribution');
      expect(slack.kind === 'distribution' && slack.allowedTeams).toEqual(['T01', 'E02']);
    });
    it.each([
      ['SLACK_STATE_SECRET', { SLACK_STATE_SECRET: undefined }],
      ['TOKEN_ENCRYPTION_KEY', { TOKEN_ENCRYPTION_KEY: undefined }],
      ['TOKEN_ENCRYPTION_KEY', { TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }],
      ['SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'xoxb-1-2' }],
      ['ALLOWED_TEAMS', { ALLOWED_TEAMS: 'partner-one' }],
    ])('names %s when it is missing or wrong', (variable, overrides) => {
      expect(() => parseConfig({ ...oauth, ...overrides })).toThrow(variable);
    });
  });

  it('reads BOOTSTRAP_ADMINS with and without a team', () => {
    expect(parseConfig({ ...http, BOOTSTRAP_ADMINS: 'U01, T02:U03' }).bootstrapAdmins).toEqual([
      { teamId: null, userId: 'U01' },
      { teamId: 'T02', userId: 'U03' },
    ]);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DEFAULT_TIMEZONE', { DEFAULT_TIMEZONE: 'Mars/Olympus' }],
    ['SLACK_BOT_TOKEN', { SLACK_BOT_TOKEN: 'xoxp-user-token' }],
    ['SLACK_APP_TOKEN', { SLACK_APP_TOKEN: 'not-a-token' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['BOOTSTRAP_ADMINS', { BOOTSTRAP_ADMINS: 'alice' }],
    ['SLACK_API_URL', { SLACK_API_URL: 'ftp://slack' }],
    ['SLACK_SIGNING_SECRET', { SLACK_SIGNING_SECRET: undefined }],
    ['EXIT_WITH_PARENT', { EXIT_WITH_PARENT: 'yes' }],
  ])('names %s in one line when it is wrong', (variable, overrides) => {
    let message = '';
    try {
      parseConfig({ ...http, ...overrides });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain(variable);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('xoxp-user-token');
  });
});
