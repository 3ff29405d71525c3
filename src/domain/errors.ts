// The one error type the domain throws: a code for logs and tests, and the message the person sees.
export type AppErrorCode =
  | 'invalid_input'
  | 'forbidden'
  | 'not_registered'
  | 'not_found'
  | 'conflict'
  | 'data_guard'
  | 'already_handled'
  | 'rate_limited'
  | 'unavailable';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;

  constructor(code: AppErrorCode, userMessage: string, options?: { cause?: unknown }) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
  }
}
