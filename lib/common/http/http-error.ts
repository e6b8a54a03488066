/**
 * An HTTP failure with its status code, thrown by request handlers and turned into the
 * response in one place (HttpListener).
 */
import { PointPrintError } from '../errors';

export class HttpError extends PointPrintError {
  override readonly code = 'ERR_HTTP';
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (WWW-Authenticate for a 401, Allow for a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
