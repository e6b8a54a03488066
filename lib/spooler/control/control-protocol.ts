/**
 * The spooler's local control channel: what `pointprint status|print|printer|job|device` send
 * to a running `pointprint serve --state DIR`. Windows' spooler answers local management tools
 * on a local RPC endpoint (ncalrpc); pointprint's equivalent is a Unix domain socket in the
 * state directory (`<stateDir>/spooler.sock`, mode 0600) carrying one JSON object per line:
 *
 *   request:  {"id":1,"op":"job","user":"alice","password":"...","args":{...}}\n
 *   response: {"id":1,"ok":true,"result":...}\n  or  {"id":1,"ok":false,"error":{"code":5,"message":"..."}}\n
 *
 * `user`/`password` name an account of the server's config; the caller then has that account's
 * rights and the printer's security applies as on the network. Without them the caller is the
 * local administrator: only the server's own OS user can open the socket.
 */
import path from 'node:path';

export const CONTROL_SOCKET_NAME = 'spooler.sock';

export function controlSocketPath(stateDir: string): string {
  return path.join(path.resolve(stateDir), CONTROL_SOCKET_NAME);
}

export type ControlRequest =
  | { readonly op: 'status'; readonly args: { readonly events?: number } }
  | {
      readonly op: 'print';
      readonly args: { readonly printer: string; readonly documentName: string; readonly data: string };
    }
  | {
      readonly op: 'printer';
      readonly args: { readonly printer: string; readonly action: 'pause' | 'resume' | 'purge' };
    }
  | {
      readonly op: 'job';
      readonly args: {
        readonly printer: string;
        readonly jobId: number;
        readonly action: 'pause' | 'resume' | 'cancel' | 'restart';
      };
    }
  | {
      readonly op: 'device';
      readonly args: {
        readonly printer: string;
        readonly port?: string;
        readonly action: 'fault' | 'clear' | 'ppm' | 'snmp';
        readonly value: string;
      };
    };

export interface ControlEnvelope {
  readonly id: number;
  readonly user?: string;
  readonly password?: string;
}

export type ControlMessage = ControlEnvelope & ControlRequest;

export type ControlResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly code: number; readonly message: string } };

/** Largest request line accepted (a print job travels base64 in one line). */
export const MAX_CONTROL_LINE = 64 * 1024 * 1024;
