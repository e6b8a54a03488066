/**
 * How a network command's spooler calls travel, as Windows' client chooses (`--rpc`): MS-PAR over
 * TCP through the server's endpoint mapper (Windows 11's default; `--rpc-port` as RpcTcpPort,
 * `--epm-port` where the mapper listens), or MS-RPRN over \pipe\spoolss
 * (RpcUseNamedPipeProtocol), what a server without RPC over TCP (Samba) needs.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { RemoteConnectorOptions } from '../client/providers/remote-connector';
import { parsePort } from './network-connector';

export interface RpcTransportOptions {
  rpc: 'tcp' | 'np';
  rpcPort?: number;
  epmPort?: number;
}

function parseRpcTransport(value: string): 'tcp' | 'np' {
  const v = value.toLowerCase();
  if (v !== 'tcp' && v !== 'np') throw new InvalidArgumentError('tcp or np');
  return v;
}

/** `--rpc <tcp|np>` (tcp by default), `--rpc-port`, `--epm-port`. */
export function addRpcTransportOptions(command: Command): Command {
  return command
    .option(
      '--rpc <tcp|np>',
      "how the spooler's calls travel: tcp (MS-PAR over TCP via the endpoint mapper, Windows 11's default) or np (\\pipe\\spoolss, RpcUseNamedPipeProtocol)",
      parseRpcTransport,
      'tcp',
    )
    .option(
      '--rpc-port <port>',
      "the server's RPC port over TCP, without asking its endpoint mapper (RpcTcpPort)",
      (v) => parsePort(v),
    )
    .option('--epm-port <port>', "where the server's endpoint mapper listens (default 135)", (v) => parsePort(v));
}

/** The remote connector's transport options the command line gave. */
export function rpcTransportOf(
  opts: RpcTransportOptions,
): Pick<RemoteConnectorOptions, 'rpcTransport' | 'rpcPort' | 'epmPort'> {
  return {
    rpcTransport: opts.rpc,
    ...(opts.rpcPort !== undefined && { rpcPort: opts.rpcPort }),
    ...(opts.epmPort !== undefined && { epmPort: opts.epmPort }),
  };
}
