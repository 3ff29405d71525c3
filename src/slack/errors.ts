// The one place an error becomes words for a person: an AppError's problem in the reader's words; a database
// out of reach asks them to try again in a moment; anything else is logged with its context and
// answered with the generic apology.
import { DatabaseUnavailableError } from '../../db/database.js';
import { AppError } from '../domain/errors.js';
import type { Messages } from '../i18n/index.js';
import { renderProblem } from '../i18n/problems.js';
import type { LogFields, Logger } from '../logger.js';

export function userMessageFor(error: unknown, msg: Messages, logger: Logger, context: LogFields): string {
  if (error instanceof AppError) {
    logger.info('request refused', { ...context, code: error.code });
    return renderProblem(error.problem, msg);
  }
  if (error instanceof DatabaseUnavailableError) {
    logger.warn('database unavailable; request answered with try again', { ...context, error: codeOf(error.cause) });
    return msg.errors.unavailable;
  }
  logger.error('request failed', { ...context, error });
  return msg.errors.internal;
}

/** The driver's error code alone: its message can carry the server's address. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
}
