// The environment, read once through one zod schema. A bad value stops the start with one line
// that names the variable; secrets are never echoed back.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { DatabaseSettings } from '../db/client.js';
import { DEFAULT_OVERDUE_LIMITS, type OverdueLimits } from './domain/reminders.js';
import { isValidTimeZone } from './domain/time.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A person named in BOOTSTRAP_ADMINS: a user ID, optionally bound to a team (`T…:U…`). */
export interface BootstrapAdmin {
  teamId: string | null;
  userId: string;
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const ZEnvironment = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with xoxb-')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9]{16,}$/, 'must be the app’s signing secret (letters and digits)')
      .optional(),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a number')
      .transform(Number)
      .pipe(z.number().int().min(0).max(65535, 'must be between 0 and 65535'))
      .default(3000),
  ),
  DATABASE_PATH: optionalText.pipe(z.string().default('data/liaison.db')),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine(isPostgresUrl, 'must be a postgres:// or postgresql:// URL, e.g. postgres://liaison:secret@db.example.org:5432/liaison')
      .optional(),
  ),
  DATABASE_POOL_SIZE: optionalText.pipe(
    z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().min(1, 'must be at least 1').max(200, 'must be at most 200')).default(10),
  ),
  DATABASE_STATEMENT_TIMEOUT_MS: optionalText.pipe(
    z.string().regex(/^\d+$/, 'must be a number of milliseconds').transform(Number).pipe(z.number().min(100, 'must be at least 100')).default(5_000),
  ),
  BOOTSTRAP_ADMINS: optionalText.pipe(
    z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^([TE][A-Z0-9]+:)?[UW][A-Z0-9]+$/, 'must list Slack user IDs (U… or T…:U…)'))),
  ),
  // The default is not run through the check (zod's default short-circuits): checking a zone loads
  // ICU's time zone data, a sixtieth of a second at every start, for a constant test/config.test.ts checks once.
  DEFAULT_TIMEZONE: optionalText.pipe(
    z.string().refine(isValidTimeZone, 'must be an IANA time zone such as America/Toronto').default('America/Toronto'),
  ),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, 'must be one of debug, info, warn, error').default('info')),
  SLACK_CLIENT_ID: optionalText.pipe(z.string().regex(/^\d+\.\d+$/, 'must be the app’s client ID (digits.digits)').optional()),
  SLACK_CLIENT_SECRET: optionalText.pipe(z.string().regex(/^[A-Za-z0-9]{16,}$/, 'must be the app’s client secret').optional()),
  SLACK_STATE_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  TOKEN_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
      .optional(),
  ),
  ALLOWED_TEAMS: optionalText.pipe(
    z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[TE][A-Z0-9]+$/, 'must list team or enterprise IDs (T… or E…)'))),
  ),
  COMMAND_RATE_PER_MINUTE: optionalText.pipe(
    z.string().regex(/^\d+$/, 'must be a whole number (0 turns the limit off)').transform(Number).default(60),
  ),
  SLACK_API_TIMEOUT_MS: optionalText.pipe(
    z.string().regex(/^\d+$/, 'must be a number of milliseconds').transform(Number).pipe(z.number().min(100, 'must be at least 100')).default(10_000),
  ),
  RETENTION_DAYS: optionalText.pipe(z.string().regex(/^\d+$/, 'must be a whole number of days').transform(Number).default(365)),
  BACKUP_DIR: optionalText,
  BACKUP_KEEP: optionalText.pipe(
    z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().min(1, 'must be at least 1')).default(7),
  ),
  EXIT_WITH_PARENT: optionalText.pipe(
    z
      .enum(['0', '1'], 'must be 1 (end when the parent process is gone) or 0')
      .default('0')
      .transform((v) => v === '1'),
  ),
  /** Hours before an overdue reminder: `immediate=1,urgent=4,routine=24,accepted=168` (any subset). */
  OVERDUE_HOURS: optionalText.pipe(
    z
      .string()
      .regex(/^((immediate|urgent|routine|accepted)=\d+(\.\d+)?)(,(immediate|urgent|routine|accepted)=\d+(\.\d+)?)*$/, 'must look like immediate=1,urgent=4,routine=24,accepted=168')
      .optional(),
  ),
});

export type SlackMode =
  | { kind: 'http'; botToken: string; signingSecret: string }
  | { kind: 'socket'; botToken: string; appToken: string; signingSecret: string | undefined }
  | {
      kind: 'distribution';
      signingSecret: string;
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      /** 32-byte key for the installation tokens at rest. */
      encryptionKey: Buffer;
      /** Teams (or enterprises) allowed to install and use this deployment. */
      allowedTeams: string[];
    }
  | { kind: 'none' };

export interface Config {
  slack: SlackMode;
  slackApiUrl: string | undefined;
  port: number;
  /** PostgreSQL when DATABASE_URL is set (it wins over DATABASE_PATH), the SQLite file otherwise. */
  database: DatabaseSettings;
  bootstrapAdmins: BootstrapAdmin[];
  defaultTimezone: string;
  logLevel: LogLevel;
  overdueLimits: OverdueLimits;
  /** Sustained commands per minute per person (a burst of a third of a minute's worth); 0 is off. */
  commandRatePerMinute: number;
  slackApiTimeoutMs: number;
  /** Days after an operation's end when free text and engagement detail are removed. */
  retentionDays: number;
  /** Where the daily online backup goes (off when unset), and how many to keep. */
  backup: { dir: string; keep: number } | null;
  /** End when the process that started this one is gone (for supervisors and test runners). */
  exitWithParent: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment into a Config, or throws a ConfigError whose message is one line. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = ZEnvironment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Configuration error: ${variable} ${issue.message}.`);
  }
  const e = parsed.data;
  return {
    slack: slackMode(e),
    slackApiUrl: e.SLACK_API_URL && (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`),
    port: e.PORT,
    database: e.DATABASE_URL
      ? { engine: 'pg', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS }
      : { engine: 'sqlite', path: e.DATABASE_PATH },
    bootstrapAdmins: e.BOOTSTRAP_ADMINS.map((entry) => {
      const [first, second] = entry.split(':');
      return second ? { teamId: first!, userId: second } : { teamId: null, userId: first! };
    }),
    defaultTimezone: e.DEFAULT_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    overdueLimits: overdueLimits(e.OVERDUE_HOURS),
    commandRatePerMinute: e.COMMAND_RATE_PER_MINUTE,
    slackApiTimeoutMs: e.SLACK_API_TIMEOUT_MS,
    retentionDays: e.RETENTION_DAYS,
    backup: e.BACKUP_DIR ? { dir: e.BACKUP_DIR, keep: e.BACKUP_KEEP } : null,
    exitWithParent: e.EXIT_WITH_PARENT,
  };
}

/** Whether the URL names a PostgreSQL server: its scheme, and a host. The password is never echoed. */
function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function overdueLimits(spec: string | undefined): OverdueLimits {
  const hours = Object.fromEntries((spec ?? '').split(',').filter(Boolean).map((pair) => pair.split('=')));
  // Whole milliseconds, at least one: the databases compare them with integer times.
  const ms = (key: string, fallback: number) => (hours[key] ? Math.max(1, Math.round(Number(hours[key]) * 3_600_000)) : fallback);
  const d = DEFAULT_OVERDUE_LIMITS;
  return {
    pending: { immediate: ms('immediate', d.pending.immediate), urgent: ms('urgent', d.pending.urgent), routine: ms('routine', d.pending.routine) },
    accepted: ms('accepted', d.accepted),
  };
}

function slackMode(e: z.infer<typeof ZEnvironment>): SlackMode {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = e;
  const oauth = { SLACK_CLIENT_ID: e.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: e.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: e.SLACK_STATE_SECRET };
  if (Object.values(oauth).some(Boolean)) {
    const missing = Object.entries(oauth).find(([, value]) => !value)?.[0];
    if (missing) throw new ConfigError(`Configuration error: ${missing} is required with the other SLACK_CLIENT_* settings (distribution mode).`);
    if (botToken) throw new ConfigError('Configuration error: SLACK_BOT_TOKEN must not be set in distribution mode (SLACK_CLIENT_ID is set).');
    if (appToken) throw new ConfigError('Configuration error: SLACK_APP_TOKEN must not be set: distribution mode runs over HTTP only.');
    if (!signingSecret) throw new ConfigError('Configuration error: SLACK_SIGNING_SECRET is required in distribution mode.');
    if (!e.TOKEN_ENCRYPTION_KEY) throw new ConfigError('Configuration error: TOKEN_ENCRYPTION_KEY is required in distribution mode.');
    return {
      kind: 'distribution',
      signingSecret,
      clientId: e.SLACK_CLIENT_ID!,
      clientSecret: e.SLACK_CLIENT_SECRET!,
      stateSecret: e.SLACK_STATE_SECRET!,
      encryptionKey: Buffer.from(e.TOKEN_ENCRYPTION_KEY, 'base64'),
      allowedTeams: e.ALLOWED_TEAMS,
    };
  }
  if (!botToken && !signingSecret && !appToken) return { kind: 'none' };
  if (!botToken) throw new ConfigError('Configuration error: SLACK_BOT_TOKEN is required with the other Slack settings.');
  if (appToken) return { kind: 'socket', botToken, appToken, signingSecret };
  if (!signingSecret) {
    throw new ConfigError(
      'Configuration error: SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  }
  return { kind: 'http', botToken, signingSecret };
}

/** Reads `.env` from the working directory when present; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
