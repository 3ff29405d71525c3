// What a node-postgres error means for a unit of work: the server is out of reach (tell the person
// to try again; the pool reconnects by itself), or a race another attempt will win (try again at
// once), or anything else (a bug or a refusal: let it through).

/** SQLSTATE classes and codes for a lost or refused connection, and the driver's own messages for one. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  // admin_shutdown, crash_shutdown, cannot_connect_now: a restart or a failover.
  '57P01',
  '57P02',
  '57P03',
  // query_canceled by statement_timeout: the server is too busy to answer in time.
  '57014',
]);
const UNREACHABLE_MESSAGES = /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|not queryable/i;

/** deadlock_detected, serialization_failure, unique_violation (two instances inserting the same key). */
const RETRYABLE_CODES = new Set(['40P01', '40001', '23505']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Drizzle wraps the driver's error in a DrizzleQueryError whose `cause` is the original. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

export function isUnreachable(error: unknown): boolean {
  return causes(error).some((e) => {
    const code = codeOf(e);
    if (code && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
    return e instanceof Error && UNREACHABLE_MESSAGES.test(e.message);
  });
}

export function isRetryable(error: unknown): boolean {
  return causes(error).some((e) => RETRYABLE_CODES.has(codeOf(e) ?? ''));
}
