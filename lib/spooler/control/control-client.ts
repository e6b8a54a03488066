/** The client side of the control channel (control-protocol.ts), one request per call. */
import net from 'node:net';
import { Win32Error } from '../../common/errors';
import type { ControlRequest, ControlResponse } from './control-protocol';

export interface ControlCredentials {
  readonly user: string;
  readonly password: string;
}

export async function sendControlRequest(
  socketPath: string,
  request: ControlRequest,
  credentials?: ControlCredentials,
): Promise<unknown> {
  const socket = net.connect(socketPath);
  socket.setEncoding('utf8');
  const message = {
    id: 1,
    ...(credentials && { user: credentials.user, password: credentials.password }),
    ...request,
  };
  return new Promise<unknown>((resolve, reject) => {
    let buffered = '';
    socket.on('error', (err) => reject(err));
    socket.on('connect', () => socket.write(`${JSON.stringify(message)}\n`));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      socket.end();
      try {
        const response = JSON.parse(buffered.slice(0, nl)) as ControlResponse;
        if (response.ok) resolve(response.result);
        else reject(new Win32Error(response.error.code, response.error.message));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    socket.on('close', () => reject(new Error('control channel closed without an answer')));
  });
}
