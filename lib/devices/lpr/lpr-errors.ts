/** LPR failures on the sending side, each with a stable code. */
import { PointPrintError } from '../../common/errors';

/** The LPD answered a step with a non-zero octet (unknown queue, no room for the file, ...). */
export class LprRefusedError extends PointPrintError {
  override readonly code = 'ERR_LPR_REFUSED';
  constructor(
    readonly step: string,
    readonly answer: number,
  ) {
    super(`LPD refused ${step} (answered 0x${answer.toString(16).padStart(2, '0')})`);
  }
}

/** The connection failed, closed early, or went silent past the timeout. */
export class LprConnectionError extends PointPrintError {
  override readonly code = 'ERR_LPR_CONNECTION';
}
