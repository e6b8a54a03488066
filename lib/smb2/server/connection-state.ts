/**
 * The state machine of one SMB2 connection — [MS-SMB2] 3.3.5.1, 3.3.5.2, 3.3.5.3, 3.3.5.4.
 *
 *   awaiting-negotiate --SMB1 NEGOTIATE "SMB 2.???"--> awaiting-smb2-negotiate --NEGOTIATE--> negotiated
 *   awaiting-negotiate --NEGOTIATE (or SMB1 "SMB 2.002")--> negotiated
 *   any --protocol violation / transport end / idle timeout--> closed
 *
 * Each state admits a fixed set of commands; anything else drops the connection, as Windows does.
 * Every transition is logged.
 */
import type { Logger } from '../../common/logger';
import { Smb2Command } from '../constants';

export type ConnectionState = 'awaiting-negotiate' | 'awaiting-smb2-negotiate' | 'negotiated' | 'closed';

const ALL_BUT_NEGOTIATE: ReadonlySet<number> = new Set(
  Object.values(Smb2Command).filter((c) => c !== Smb2Command.NEGOTIATE),
);

/** The commands each state admits ([MS-SMB2] 3.3.5.2: before NEGOTIATE only NEGOTIATE; NEGOTIATE only once). */
const COMMAND_GATE: Readonly<Record<ConnectionState, ReadonlySet<number>>> = {
  'awaiting-negotiate': new Set([Smb2Command.NEGOTIATE]),
  'awaiting-smb2-negotiate': new Set([Smb2Command.NEGOTIATE]),
  negotiated: ALL_BUT_NEGOTIATE,
  closed: new Set(),
};

export class ConnectionStateMachine {
  private current: ConnectionState = 'awaiting-negotiate';

  constructor(private readonly logger: Logger) {}

  get state(): ConnectionState {
    return this.current;
  }

  get closed(): boolean {
    return this.current === 'closed';
  }

  /** Whether the current state admits `command` (a known SMB2 command). */
  admits(command: number): boolean {
    return COMMAND_GATE[this.current].has(command);
  }

  transitionTo(next: ConnectionState, reason?: string): void {
    this.logger.info(`state ${this.current} -> ${next}`, reason === undefined ? {} : { reason });
    this.current = next;
  }
}
