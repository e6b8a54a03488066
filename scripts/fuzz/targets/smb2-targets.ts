/**
 * SMB2 decoders ([MS-SMB2] 2.1, 2.2): the transport framing, the header, every request body the
 * server reads (negotiate contexts included), the SMB1 NEGOTIATE that upgrades, the
 * TRANSFORM_HEADER and decryption (the responses our client reads: smb2-response-targets.ts).
 * Seeds are the project's own encodings of ordinary messages (what smbclient and Windows send).
 */
import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { FileInformationClass, Smb2Command, Smb2NegotiateContextType } from '../../../lib/smb2/constants';
import { FrameDecoder, encodeFrame } from '../../../lib/smb2/framing';
import { decodeSmb2Header, encodeSmb2Header } from '../../../lib/smb2/header';
import { decodeCloseRequest, encodeCloseRequest } from '../../../lib/smb2/messages/close';
import type { FileId } from '../../../lib/smb2/messages/common';
import { decodeEmptyBody, encodeEmptyBody } from '../../../lib/smb2/messages/common';
import { decodeCreateRequest, encodeCreateRequest } from '../../../lib/smb2/messages/create';
import { decodeFlushRequest, encodeFlushRequest } from '../../../lib/smb2/messages/flush';
import { decodeIoctlRequest, encodeIoctlRequest } from '../../../lib/smb2/messages/ioctl';
import { decodeLogoffRequest } from '../../../lib/smb2/messages/logoff';
import {
  decodeNegotiateRequest,
  decodePreauthIntegrityCapabilities,
  decodeU16List,
  encodeNegotiateRequest,
  encodePreauthIntegrityCapabilities,
  encodeU16List,
} from '../../../lib/smb2/messages/negotiate';
import { decodeQueryDirectoryRequest, encodeQueryDirectoryRequest } from '../../../lib/smb2/messages/query-directory';
import { decodeQueryInfoRequest, encodeQueryInfoRequest } from '../../../lib/smb2/messages/query-info';
import { decodeReadRequest, encodeReadRequest } from '../../../lib/smb2/messages/read';
import { decodeSessionSetupRequest, encodeSessionSetupRequest } from '../../../lib/smb2/messages/session-setup';
import { decodeSetInfoRequest, encodeSetInfoRequest } from '../../../lib/smb2/messages/set-info';
import { decodeSmb1NegotiateRequest, encodeSmb1NegotiateRequest } from '../../../lib/smb2/messages/smb1-negotiate';
import { decodeTreeConnectRequest, encodeTreeConnectRequest } from '../../../lib/smb2/messages/tree-connect';
import {
  decodeValidateNegotiateInfoRequest,
  encodeValidateNegotiateInfoRequest,
} from '../../../lib/smb2/messages/validate-negotiate-info';
import { decodeWriteRequest, encodeWriteRequest } from '../../../lib/smb2/messages/write';
import { Smb2Cipher, decryptMessage, encryptMessage } from '../../../lib/smb2/signing/encryption';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';

export const FILE_ID: FileId = { persistent: 0x11n, volatile: 0x2222n };
export const GUID = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

export type BodyEncoder = (w: BufferWriter, base: number) => void;

/** An SMB2 message: a header for `command`, then its body (offsets relative to the header). */
export function smb2Message(command: number, body: BodyEncoder, flags = 0): Buffer {
  const w = new BufferWriter(256);
  encodeSmb2Header(w, { command, messageId: 1n, treeId: 1, sessionId: 0x1234n, flags, creditCharge: 1, credits: 1 });
  body(w, 0);
  return w.finish();
}

export function negotiateContexts(): { type: number; data: Buffer }[] {
  const preauth = new BufferWriter(64);
  encodePreauthIntegrityCapabilities(preauth, { hashAlgorithms: [1], salt: Buffer.alloc(32, 7) });
  const ciphers = new BufferWriter(16);
  encodeU16List(ciphers, [4, 3, 2, 1]);
  const signing = new BufferWriter(16);
  encodeU16List(signing, [2, 1, 0]);
  return [
    { type: Smb2NegotiateContextType.SMB2_PREAUTH_INTEGRITY_CAPABILITIES, data: preauth.finish() },
    { type: Smb2NegotiateContextType.SMB2_ENCRYPTION_CAPABILITIES, data: ciphers.finish() },
    { type: Smb2NegotiateContextType.SMB2_SIGNING_CAPABILITIES, data: signing.finish() },
    { type: Smb2NegotiateContextType.SMB2_NETNAME_NEGOTIATE_CONTEXT_ID, data: Buffer.from('NTPRINT', 'utf16le') },
  ];
}

const REQUEST_BODIES: readonly [number, BodyEncoder][] = [
  [
    Smb2Command.NEGOTIATE,
    (w, base) =>
      encodeNegotiateRequest(w, base, {
        securityMode: 1,
        capabilities: 0x7f,
        clientGuid: GUID,
        dialects: [0x0202, 0x0210, 0x0300, 0x0302, 0x0311],
        negotiateContexts: negotiateContexts(),
      }),
  ],
  [
    Smb2Command.SESSION_SETUP,
    (w, base) =>
      encodeSessionSetupRequest(w, base, {
        flags: 0,
        securityMode: 1,
        capabilities: 1,
        channel: 0,
        previousSessionId: 0n,
        securityBuffer: Buffer.from(
          '604806062b0601050502a03e303ca00e300c060a2b06010401823702020aa22a04284e544c4d5353500001000000',
          'hex',
        ),
      }),
  ],
  [Smb2Command.LOGOFF, (w) => encodeEmptyBody(w)],
  [Smb2Command.TREE_CONNECT, (w, base) => encodeTreeConnectRequest(w, base, { flags: 0, path: '\\\\127.0.0.1\\IPC$' })],
  [Smb2Command.TREE_DISCONNECT, (w) => encodeEmptyBody(w)],
  [
    Smb2Command.CREATE,
    (w, base) =>
      encodeCreateRequest(w, base, {
        securityFlags: 0,
        requestedOplockLevel: 0,
        impersonationLevel: 2,
        smbCreateFlags: 0n,
        desiredAccess: 0x0012019f,
        fileAttributes: 0,
        shareAccess: 7,
        createDisposition: 1,
        createOptions: 0x40,
        name: 'spoolss',
        createContexts: [
          { name: 'MxAc', data: Buffer.alloc(0) },
          { name: 'QFid', data: Buffer.alloc(0) },
          { name: 'DH2Q', data: Buffer.alloc(32) },
        ],
      }),
  ],
  [Smb2Command.CLOSE, (w) => encodeCloseRequest(w, { flags: 1, fileId: FILE_ID })],
  [Smb2Command.FLUSH, (w) => encodeFlushRequest(w, { fileId: FILE_ID })],
  [
    Smb2Command.READ,
    (w) =>
      encodeReadRequest(w, {
        padding: 0x50,
        flags: 0,
        length: 4280,
        offset: 0n,
        fileId: FILE_ID,
        minimumCount: 0,
        channel: 0,
        remainingBytes: 0,
      }),
  ],
  [
    Smb2Command.WRITE,
    (w, base) =>
      encodeWriteRequest(w, base, {
        offset: 0n,
        fileId: FILE_ID,
        channel: 0,
        remainingBytes: 0,
        flags: 0,
        data: Buffer.from('050000030100000010000000'.padEnd(48, '0'), 'hex'),
      }),
  ],
  [
    Smb2Command.IOCTL,
    (w, base) =>
      encodeIoctlRequest(w, base, {
        ctlCode: 0x0011c017,
        fileId: FILE_ID,
        input: Buffer.from('05000b0310000000480000000100000000000000', 'hex'),
        maxInputResponse: 0,
        maxOutputResponse: 4280,
        flags: 1,
      }),
  ],
  [
    Smb2Command.IOCTL,
    (w, base) => {
      const vni = new BufferWriter(64);
      encodeValidateNegotiateInfoRequest(vni, {
        capabilities: 0x7f,
        guid: GUID,
        securityMode: 1,
        dialects: [0x0300, 0x0302],
      });
      encodeIoctlRequest(w, base, {
        ctlCode: 0x00140204,
        fileId: { persistent: 0xffffffffffffffffn, volatile: 0xffffffffffffffffn },
        input: vni.finish(),
        maxInputResponse: 0,
        maxOutputResponse: 24,
        flags: 1,
      });
    },
  ],
  [Smb2Command.CANCEL, (w) => encodeEmptyBody(w)],
  [Smb2Command.ECHO, (w) => encodeEmptyBody(w)],
  [
    Smb2Command.QUERY_DIRECTORY,
    (w, base) =>
      encodeQueryDirectoryRequest(w, base, {
        fileInformationClass: FileInformationClass.FileIdBothDirectoryInformation,
        flags: 0,
        fileIndex: 0,
        fileId: FILE_ID,
        fileName: '*',
        outputBufferLength: 65536,
      }),
  ],
  [
    Smb2Command.QUERY_INFO,
    (w, base) =>
      encodeQueryInfoRequest(w, base, {
        infoType: 1,
        fileInfoClass: 5,
        outputBufferLength: 4096,
        input: Buffer.alloc(0),
        additionalInformation: 0,
        flags: 0,
        fileId: FILE_ID,
      }),
  ],
  [
    Smb2Command.SET_INFO,
    (w, base) =>
      encodeSetInfoRequest(w, base, {
        infoType: 1,
        fileInfoClass: 0x14,
        additionalInformation: 0,
        fileId: FILE_ID,
        buffer: Buffer.alloc(8, 1),
      }),
  ],
];

type RequestDecoder = (r: BufferReader, base: number) => unknown;

/** The server's request decoders by command (each as its handler calls it). */
const REQUEST_DECODERS: ReadonlyMap<number, RequestDecoder> = new Map<number, RequestDecoder>([
  [Smb2Command.NEGOTIATE, decodeNegotiateRequest],
  [Smb2Command.SESSION_SETUP, decodeSessionSetupRequest],
  [Smb2Command.LOGOFF, (r) => decodeLogoffRequest(r)],
  [Smb2Command.TREE_CONNECT, decodeTreeConnectRequest],
  [Smb2Command.TREE_DISCONNECT, (r) => decodeEmptyBody(r, 'TREE_DISCONNECT')],
  [Smb2Command.CREATE, decodeCreateRequest],
  [Smb2Command.CLOSE, (r) => decodeCloseRequest(r)],
  [Smb2Command.FLUSH, (r) => decodeFlushRequest(r)],
  [Smb2Command.READ, (r) => decodeReadRequest(r)],
  [Smb2Command.WRITE, decodeWriteRequest],
  [Smb2Command.IOCTL, decodeIoctlRequest],
  [Smb2Command.CANCEL, (r) => decodeEmptyBody(r, 'CANCEL')],
  [Smb2Command.ECHO, (r) => decodeEmptyBody(r, 'ECHO')],
  [Smb2Command.QUERY_DIRECTORY, decodeQueryDirectoryRequest],
  [Smb2Command.QUERY_INFO, decodeQueryInfoRequest],
  [Smb2Command.SET_INFO, decodeSetInfoRequest],
]);

/** What the server reads of one request: the header, the body, and what lies inside the body. */
function decodeRequestMessage(input: Buffer): void {
  const header = decodeSmb2Header(new BufferReader(input));
  const decode = REQUEST_DECODERS.get(header.command);
  if (decode === undefined) return;
  const body = decode(new BufferReader(input, 64), 0);
  if (header.command === Smb2Command.NEGOTIATE) {
    const contexts = (body as ReturnType<typeof decodeNegotiateRequest>).negotiateContexts;
    for (const c of contexts) {
      if (c.type === Smb2NegotiateContextType.SMB2_PREAUTH_INTEGRITY_CAPABILITIES)
        decodePreauthIntegrityCapabilities(new BufferReader(c.data));
      else if (c.type === Smb2NegotiateContextType.SMB2_ENCRYPTION_CAPABILITIES)
        decodeU16List(new BufferReader(c.data), 'Cipher');
      else if (c.type === Smb2NegotiateContextType.SMB2_SIGNING_CAPABILITIES)
        decodeU16List(new BufferReader(c.data), 'SigningAlgorithm');
    }
  } else if (header.command === Smb2Command.IOCTL) {
    const ioctl = body as ReturnType<typeof decodeIoctlRequest>;
    if (ioctl.ctlCode === 0x00140204) decodeValidateNegotiateInfoRequest(new BufferReader(ioctl.input));
  }
}

const KEY = Buffer.alloc(16, 0x42);

export const SMB2_TARGETS: readonly DecoderTarget[] = [
  {
    name: 'smb2/request',
    decode: decodeRequestMessage,
    seeds: memoSeeds(() => REQUEST_BODIES.map(([command, body]) => smb2Message(command, body))),
  },
  {
    name: 'smb2/framing',
    // Two pushes, split where the first byte says, as a socket may deliver them.
    decode: (input) => {
      const framer = new FrameDecoder(0x10000);
      const cut = input.length === 0 ? 0 : (input[0] ?? 0) % (input.length + 1);
      framer.push(input.subarray(0, cut));
      framer.push(input.subarray(cut));
    },
    seeds: memoSeeds(() => [
      Buffer.concat(REQUEST_BODIES.slice(0, 4).map(([command, body]) => encodeFrame(smb2Message(command, body)))),
      encodeFrame(Buffer.alloc(0), 0x85),
    ]),
  },
  {
    name: 'smb2/smb1-negotiate',
    decode: (input) => decodeSmb1NegotiateRequest(new BufferReader(input)),
    seeds: memoSeeds(() => {
      const w = new BufferWriter(128);
      encodeSmb1NegotiateRequest(w, { dialects: ['NT LM 0.12', 'SMB 2.002', 'SMB 2.???'] });
      return [w.finish()];
    }),
  },
  {
    name: 'smb2/transform',
    decode: (input) => decryptMessage(Smb2Cipher.AES_128_GCM, KEY, input),
    seeds: memoSeeds(() =>
      REQUEST_BODIES.slice(2, 6).map(([command, body]) =>
        encryptMessage(Smb2Cipher.AES_128_GCM, KEY, 0x1234n, smb2Message(command, body), Buffer.alloc(12, 1)),
      ),
    ),
  },
];
