// The fixed cast of the benchmark: credentials the servers accept, the people and codes the load
// uses, and where the project lives. Loopback only: nothing here ever names another host.
import { fileURLToPath } from 'node:url';

/** Every request the bench sends goes here, and every server it starts binds here. */
export const LOOPBACK = '127.0.0.1';

/** The project root: children run with it as their working directory so `--import tsx` resolves. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Shaped to pass Liaison's config validation (letters and digits; an `xoxb-` token).
export const SIGNING_SECRET = 'benchsigningsecret0123456789abcdef';
export const BOT_TOKEN = 'xoxb-bench-bot-token';

export const TEAM_ID = 'T0BENCH';
/** Named in BOOTSTRAP_ADMINS, so it can register the agency, the officer and the operation. */
export const ADMIN_USER = 'U0BENCHADMIN';
/** The registered officer every /engage of the load is sent as. */
export const OFFICER_USER = 'U0BENCHOFFICER';
export const AGENCY_CODE = 'BENCHPS';
export const OPERATION_CODE = 'BENCH-OP';

/** The command of issue 9: parse, validate, permission check, durable insert with its audit row, ack. */
export const ENGAGE_TEXT = `${OPERATION_CODE} age=18-24 gender=female offered=yes accepted=yes`;
/** What every successful Liaison answer to ENGAGE_TEXT carries. */
export const LOGGED_MARK = 'Logged *E-';
