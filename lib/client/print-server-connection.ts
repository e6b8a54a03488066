/**
 * What the client needs of a print server: a PrintProvider (MS-RPRN calls) and read access to
 * its shares (PRINT$ downloads), behind one connection. The local connector serves an in-process
 * PrintServer; the remote one (SMB2: IPC$ + \pipe\spoolss, PRINT$ reads) implements the same
 * interface. Windows' client does the same through win32spl (the remote provider) and the SMB
 * redirector.
 */
import type { Logger } from '../common/logger';
import type { PrintProvider } from '../spoolss/print-provider';

export interface PrintServerConnection {
  /** The server name as the client wrote it (`NTPRINT`, `127.0.0.1`, ...). */
  readonly serverName: string;
  /**
   * The server's spooler. The identity is the connection's (the session's): the `caller`
   * arguments the interface carries are ignored by connections, as on the wire.
   */
  readonly provider: PrintProvider;
  readonly files: {
    /** Opens `\\SERVER\SHARE\path` for reading; Win32Error ERROR_FILE_NOT_FOUND, ERROR_BAD_NET_NAME ... */
    openRead(uncPath: string): Promise<{ size: number; stream: NodeJS.ReadableStream }>;
    /** Creates or replaces `\\SERVER\SHARE\path` with `data` (remote connections); the bytes written. */
    writeFile?(uncPath: string, data: Buffer): Promise<number>;
  };
  /** How the calls and the files travel, for the trace (remote connections). */
  readonly transport?: ConnectionTransport;
  close(): Promise<void>;
}

/** What a remote connection says about itself: which transport and auth level each part uses. */
export interface ConnectionTransport {
  /** e.g. `MS-PAR IRemoteWinspool over ncacn_ip_tcp 10.0.0.5:49668 (endpoint mapper ...), SPNEGO(NTLMSSP) at RPC_C_AUTHN_LEVEL_PKT_PRIVACY`. */
  readonly rpc: string;
  /** e.g. `PRINT$ over SMB2 3.1.1` (`, encrypted` when the session encrypts). */
  readonly files: string;
  /** A short tag for each step: e.g. `MS-PAR over TCP at PKT_PRIVACY, files over SMB2 3.1.1`. */
  readonly label: string;
}

export interface ClientCredentials {
  readonly userName: string;
  readonly password: string;
  readonly domain?: string;
}

export interface PrintServerConnectOptions {
  /** Undefined: connect as guest / anonymously when the server allows it. */
  readonly credentials?: ClientCredentials;
  /** The client machine's name, as NTLM and SPLCLIENT_INFO_1 carry it. */
  readonly clientMachineName?: string;
  readonly logger?: Logger;
}

export type PrintServerConnector = (
  serverName: string,
  options: PrintServerConnectOptions,
) => Promise<PrintServerConnection>;
