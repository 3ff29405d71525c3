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
  /** The input field the problem is in, when there is one (a form shows the message under it). */
  readonly field: string | undefined;

  constructor(code: AppErrorCode, userMessage: string, options?: { cause?: unknown; field?: string }) {
    super(`${code}: ${userMessage}`, options);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.field = options?.field;
  }
}
