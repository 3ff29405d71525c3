// The one place an error becomes words for a person: AppErrors carry their own message; anything
// else is logged with its context and answered with the generic apology.
import { AppError } from '../domain/errors.js';
import type { Messages } from '../i18n/index.js';
import type { LogFields, Logger } from '../logger.js';

export function userMessageFor(error: unknown, msg: Messages, logger: Logger, context: LogFields): string {
  if (error instanceof AppError) {
    logger.info('request refused', { ...context, code: error.code });
    return error.userMessage;
  }
  logger.error('request failed', { ...context, error });
  return msg.errors.internal;
}
