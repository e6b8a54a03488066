/**
 * What a client says to the SMB2 server on the way to \pipe\spoolss, one message per step, each
 * built from what the server answered so far ([MS-SMB2] 3.2): NEGOTIATE, SESSION_SETUP (SPNEGO
 * NTLM, two legs), TREE_CONNECT IPC$, CREATE spoolss, IOCTL FSCTL_PIPE_TRANSCEIVE with a DCE/RPC
 * bind and an RpcOpenPrinterEx request, WRITE and READ on the pipe, QUERY_INFO, CLOSE,
 * TREE_DISCONNECT, LOGOFF. The fuzzer mutates one of them and sends the rest as they are.
 */
import { GssInitiator } from '../../lib/auth/gss-initiator';
import { BufferReader } from '../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../lib/common/binary/buffer-writer';
import { NDR20_SYNTAX, PacketType, PfcFlags } from '../../lib/rpc/constants';
import { encodeBind } from '../../lib/rpc/pdu/bind';
import { encodeRequest } from '../../lib/rpc/pdu/request';
import { Smb2Command } from '../../lib/smb2/constants';
import { decodeSmb2Header, encodeSmb2Header, type Smb2Header } from '../../lib/smb2/header';
import { encodeCloseRequest } from '../../lib/smb2/messages/close';
import { type FileId, encodeEmptyBody } from '../../lib/smb2/messages/common';
import { decodeCreateResponse, encodeCreateRequest } from '../../lib/smb2/messages/create';
import { decodeIoctlResponse, encodeIoctlRequest } from '../../lib/smb2/messages/ioctl';
import { decodeNegotiateResponse, encodeNegotiateRequest } from '../../lib/smb2/messages/negotiate';
import { encodeQueryInfoRequest } from '../../lib/smb2/messages/query-info';
import { encodeReadRequest } from '../../lib/smb2/messages/read';
import { decodeSessionSetupResponse, encodeSessionSetupRequest } from '../../lib/smb2/messages/session-setup';
import { encodeTreeConnectRequest } from '../../lib/smb2/messages/tree-connect';
import { encodeWriteRequest } from '../../lib/smb2/messages/write';
import { rprnRequestSeeds } from './targets/rprn-seeds';

export const FUZZ_USER = { name: 'fuzz', password: 'Fuzz!pass1', groups: ['Users'] } as const;
const SPOOLSS = { uuid: '12345678-1234-abcd-ef00-0123456789ab', major: 1, minor: 0 };
const FSCTL_PIPE_TRANSCEIVE = 0x0011c017;
const FIRST_LAST = PfcFlags.PFC_FIRST_FRAG | PfcFlags.PFC_LAST_FRAG;

export class Smb2ClientState {
  messageId = 0n;
  sessionId = 0n;
  treeId = 0;
  fileId: FileId = { persistent: 0n, volatile: 0n };
  serverToken: Buffer | undefined;
  /** The printer handle RpcOpenPrinterEx returned (zeros until then). */
  printerHandle = Buffer.alloc(20);
  readonly gss = new GssInitiator({
    user: FUZZ_USER.name,
    password: FUZZ_USER.password,
    domain: 'WORKGROUP',
    workstation: 'FUZZ',
    useSpnego: true,
  });

  /** A message for `command` with the next MessageId and the session and tree known so far. */
  message(command: number, body: (w: BufferWriter, base: number) => void): Buffer {
    const w = new BufferWriter(256);
    encodeSmb2Header(w, {
      command,
      messageId: this.messageId++,
      creditCharge: 1,
      credits: 64,
      treeId: this.treeId,
      sessionId: this.sessionId,
    });
    body(w, 0);
    return w.finish();
  }

  /** Learns what a reply tells: the session, the tree, the file, the next security token. */
  learn(reply: Buffer): Smb2Header {
    const header = decodeSmb2Header(new BufferReader(reply));
    if (header.status !== 0 && header.status !== 0xc0000016) return header;
    const body = new BufferReader(reply, 64);
    switch (header.command) {
      case Smb2Command.NEGOTIATE:
        this.serverToken = decodeNegotiateResponse(body, 0).securityBuffer;
        break;
      case Smb2Command.SESSION_SETUP:
        this.sessionId = header.sessionId;
        this.serverToken = decodeSessionSetupResponse(body, 0).securityBuffer;
        break;
      case Smb2Command.TREE_CONNECT:
        this.treeId = header.treeId;
        break;
      case Smb2Command.CREATE:
        this.fileId = decodeCreateResponse(body, 0).fileId;
        break;
      case Smb2Command.IOCTL: {
        // An RPC response to the RpcOpenPrinterEx call (call_id 2): its stub starts with the handle.
        const pdu = decodeIoctlResponse(body, 0).output;
        if (pdu.length >= 24 + 20 && pdu[2] === PacketType.RESPONSE && pdu.readUInt32LE(12) === 2)
          this.printerHandle = Buffer.from(pdu.subarray(24, 44));
        break;
      }
      default:
        break;
    }
    return header;
  }
}

function transceive(s: Smb2ClientState, pdu: Buffer): Buffer {
  return s.message(Smb2Command.IOCTL, (w, base) =>
    encodeIoctlRequest(w, base, {
      ctlCode: FSCTL_PIPE_TRANSCEIVE,
      fileId: s.fileId,
      input: pdu,
      maxInputResponse: 0,
      maxOutputResponse: 4280,
      flags: 1,
    }),
  );
}

function rpcRequest(opnum: number, stub: Buffer, callId: number): Buffer {
  return encodeRequest({ callId, flags: FIRST_LAST, allocHint: stub.length, contextId: 0, opnum, stub });
}

/** A request stub for a call on the printer: the seed's stub with the handle the server gave. */
function onPrinter(s: Smb2ClientState, name: string): Buffer {
  const stub = Buffer.from(rprnRequestSeeds().get(name)?.[0] ?? Buffer.alloc(20));
  s.printerHandle.copy(stub, 0);
  return stub;
}

const sessionSetup = (s: Smb2ClientState): Buffer => {
  const token = s.gss.step(s.serverToken).token;
  return s.message(Smb2Command.SESSION_SETUP, (w, base) =>
    encodeSessionSetupRequest(w, base, {
      flags: 0,
      securityMode: 1,
      capabilities: 1,
      channel: 0,
      previousSessionId: 0n,
      securityBuffer: token,
    }),
  );
};

/** The steps, in order; a step that cannot be built (the exchange went elsewhere) ends the sequence. */
export const SMB2_STEPS: readonly { readonly name: string; readonly build: (s: Smb2ClientState) => Buffer }[] = [
  {
    name: 'NEGOTIATE',
    build: (s) =>
      s.message(Smb2Command.NEGOTIATE, (w, base) =>
        encodeNegotiateRequest(w, base, {
          securityMode: 1,
          capabilities: 0x7f,
          clientGuid: Buffer.alloc(16, 0x42),
          dialects: [0x0202, 0x0210, 0x0300, 0x0302],
          negotiateContexts: [],
        }),
      ),
  },
  { name: 'SESSION_SETUP negotiate', build: sessionSetup },
  { name: 'SESSION_SETUP authenticate', build: sessionSetup },
  {
    name: 'TREE_CONNECT',
    build: (s) =>
      s.message(Smb2Command.TREE_CONNECT, (w, base) =>
        encodeTreeConnectRequest(w, base, { flags: 0, path: '\\\\127.0.0.1\\IPC$' }),
      ),
  },
  {
    name: 'CREATE spoolss',
    build: (s) =>
      s.message(Smb2Command.CREATE, (w, base) =>
        encodeCreateRequest(w, base, {
          securityFlags: 0,
          requestedOplockLevel: 0,
          impersonationLevel: 2,
          smbCreateFlags: 0n,
          desiredAccess: 0x0012019f,
          fileAttributes: 0,
          shareAccess: 7,
          createDisposition: 1,
          createOptions: 0x400040,
          name: 'spoolss',
          createContexts: [],
        }),
      ),
  },
  {
    name: 'IOCTL bind',
    build: (s) =>
      transceive(
        s,
        encodeBind(PacketType.BIND, {
          callId: 1,
          maxXmitFrag: 4280,
          maxRecvFrag: 4280,
          assocGroupId: 0,
          contexts: [{ contextId: 0, abstractSyntax: SPOOLSS, transferSyntaxes: [NDR20_SYNTAX] }],
        }),
      ),
  },
  {
    name: 'IOCTL RpcOpenPrinterEx',
    build: (s) => transceive(s, rpcRequest(69, rprnRequestSeeds().get('RpcOpenPrinterEx')?.[0] ?? Buffer.alloc(0), 2)),
  },
  ...(
    [
      [78, 'RpcGetPrinterDataEx'],
      [79, 'RpcEnumPrinterDataEx'],
      [80, 'RpcEnumPrinterKey'],
      [53, 'RpcGetPrinterDriver2'],
      [8, 'RpcGetPrinter'],
      [17, 'RpcStartDocPrinter'],
      [19, 'RpcWritePrinter'],
      [29, 'RpcClosePrinter'],
    ] as const
  ).map(([opnum, name], i) => ({
    name: `IOCTL ${name}`,
    build: (s: Smb2ClientState) => transceive(s, rpcRequest(opnum, onPrinter(s, name), 10 + i)),
  })),
  {
    name: 'WRITE RpcEnumPrinters',
    build: (s) =>
      s.message(Smb2Command.WRITE, (w, base) =>
        encodeWriteRequest(w, base, {
          offset: 0n,
          fileId: s.fileId,
          channel: 0,
          remainingBytes: 0,
          flags: 0,
          data: rpcRequest(0, rprnRequestSeeds().get('RpcEnumPrinters')?.[0] ?? Buffer.alloc(0), 3),
        }),
      ),
  },
  {
    name: 'READ',
    build: (s) =>
      s.message(Smb2Command.READ, (w) =>
        encodeReadRequest(w, {
          padding: 0x50,
          flags: 0,
          length: 4280,
          offset: 0n,
          fileId: s.fileId,
          minimumCount: 0,
          channel: 0,
          remainingBytes: 0,
        }),
      ),
  },
  {
    name: 'QUERY_INFO',
    build: (s) =>
      s.message(Smb2Command.QUERY_INFO, (w, base) =>
        encodeQueryInfoRequest(w, base, {
          infoType: 1,
          fileInfoClass: 5,
          outputBufferLength: 4096,
          input: Buffer.alloc(0),
          additionalInformation: 0,
          flags: 0,
          fileId: s.fileId,
        }),
      ),
  },
  {
    name: 'CLOSE',
    build: (s) => s.message(Smb2Command.CLOSE, (w) => encodeCloseRequest(w, { flags: 0, fileId: s.fileId })),
  },
  { name: 'TREE_DISCONNECT', build: (s) => s.message(Smb2Command.TREE_DISCONNECT, (w) => encodeEmptyBody(w)) },
  { name: 'LOGOFF', build: (s) => s.message(Smb2Command.LOGOFF, (w) => encodeEmptyBody(w)) },
];
