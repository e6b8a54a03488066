/**
 * The SMB2 response bodies our client reads ([MS-SMB2] 2.2.4 to 2.2.38): a hostile server chooses
 * these bytes. Seeds are the server's own encodings of ordinary answers.
 */
import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { decodeFileIdBothDirectoryInformation } from '../../../lib/smb2/client/directory-entries';
import { FileInformationClass, Smb2Command } from '../../../lib/smb2/constants';
import { decodeSmb2Header } from '../../../lib/smb2/header';
import { decodeCloseResponse, encodeCloseResponse } from '../../../lib/smb2/messages/close';
import { decodeCreateResponse, encodeCreateResponse } from '../../../lib/smb2/messages/create';
import { decodeErrorResponse, encodeErrorResponse } from '../../../lib/smb2/messages/error-response';
import { encodeDirectoryEntry } from '../../../lib/smb2/messages/file-information';
import { decodeIoctlResponse, encodeIoctlResponse } from '../../../lib/smb2/messages/ioctl';
import { decodeNegotiateResponse, encodeNegotiateResponse } from '../../../lib/smb2/messages/negotiate';
import { decodeQueryDirectoryResponse, encodeQueryDirectoryResponse } from '../../../lib/smb2/messages/query-directory';
import { decodeQueryInfoResponse, encodeQueryInfoResponse } from '../../../lib/smb2/messages/query-info';
import { decodeReadResponse, encodeReadResponse } from '../../../lib/smb2/messages/read';
import { decodeSessionSetupResponse, encodeSessionSetupResponse } from '../../../lib/smb2/messages/session-setup';
import { decodeTreeConnectResponse, encodeTreeConnectResponse } from '../../../lib/smb2/messages/tree-connect';
import { decodeWriteResponse, encodeWriteResponse } from '../../../lib/smb2/messages/write';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';
import { type BodyEncoder, FILE_ID, GUID, negotiateContexts, smb2Message } from './smb2-targets';

const RESPONSE_BODIES: readonly [number, BodyEncoder][] = [
  [
    Smb2Command.NEGOTIATE,
    (w, base) =>
      encodeNegotiateResponse(w, base, {
        securityMode: 1,
        dialectRevision: 0x0311,
        serverGuid: GUID,
        capabilities: 0x2f,
        maxTransactSize: 8 << 20,
        maxReadSize: 8 << 20,
        maxWriteSize: 8 << 20,
        systemTime: 0n,
        serverStartTime: 0n,
        securityBuffer: Buffer.from('601c06062b0601050502a0123010a00e300c060a2b06010401823702020a', 'hex'),
        negotiateContexts: negotiateContexts().slice(0, 3),
      }),
  ],
  [
    Smb2Command.SESSION_SETUP,
    (w, base) => encodeSessionSetupResponse(w, base, { sessionFlags: 0, securityBuffer: Buffer.alloc(9, 0xa1) }),
  ],
  [
    Smb2Command.TREE_CONNECT,
    (w) => encodeTreeConnectResponse(w, { shareType: 2, shareFlags: 0x30, capabilities: 0, maximalAccess: 0x1f01ff }),
  ],
  [
    Smb2Command.CREATE,
    (w, base) =>
      encodeCreateResponse(w, base, {
        oplockLevel: 0,
        flags: 0,
        createAction: 1,
        creationTime: 1n,
        lastAccessTime: 2n,
        lastWriteTime: 3n,
        changeTime: 4n,
        allocationSize: 4096n,
        endOfFile: 10n,
        fileAttributes: 0x80,
        fileId: FILE_ID,
        createContexts: [{ name: 'MxAc', data: Buffer.alloc(8) }],
      }),
  ],
  [
    Smb2Command.CLOSE,
    (w) =>
      encodeCloseResponse(w, {
        flags: 1,
        creationTime: 1n,
        lastAccessTime: 2n,
        lastWriteTime: 3n,
        changeTime: 4n,
        allocationSize: 0n,
        endOfFile: 0n,
        fileAttributes: 0x80,
      }),
  ],
  [Smb2Command.READ, (w, base) => encodeReadResponse(w, base, { data: Buffer.alloc(40, 5), dataRemaining: 0 })],
  [Smb2Command.WRITE, (w) => encodeWriteResponse(w, { count: 40, remaining: 0 })],
  [
    Smb2Command.IOCTL,
    (w, base) =>
      encodeIoctlResponse(w, base, { ctlCode: 0x0011c017, fileId: FILE_ID, output: Buffer.alloc(24, 3), flags: 0 }),
  ],
  [
    Smb2Command.QUERY_DIRECTORY,
    (w, base) =>
      encodeQueryDirectoryResponse(w, base, {
        output: encodeDirectoryEntry(FileInformationClass.FileIdBothDirectoryInformation, {
          creationTime: 1n,
          lastAccessTime: 2n,
          lastWriteTime: 3n,
          changeTime: 4n,
          endOfFile: 5n,
          allocationSize: 8n,
          fileAttributes: 0x20,
          fileName: 'Hpclrlsr.icm',
          shortName: 'HPCLRL~1.ICM',
          fileIndex: 0,
          fileId: 9n,
          eaSize: 0,
        }),
      }),
  ],
  [Smb2Command.QUERY_INFO, (w, base) => encodeQueryInfoResponse(w, base, { output: Buffer.alloc(24, 1) })],
  [Smb2Command.ECHO, (w) => encodeErrorResponse(w)],
];

type ResponseDecoder = (r: BufferReader, base: number) => unknown;

/** The client's response decoders (a hostile server chooses these bytes). */
const RESPONSE_DECODERS: ReadonlyMap<number, ResponseDecoder> = new Map<number, ResponseDecoder>([
  [Smb2Command.NEGOTIATE, decodeNegotiateResponse],
  [Smb2Command.SESSION_SETUP, decodeSessionSetupResponse],
  [Smb2Command.TREE_CONNECT, (r) => decodeTreeConnectResponse(r)],
  [Smb2Command.CREATE, decodeCreateResponse],
  [Smb2Command.CLOSE, (r) => decodeCloseResponse(r)],
  [Smb2Command.READ, decodeReadResponse],
  [Smb2Command.WRITE, (r) => decodeWriteResponse(r)],
  [Smb2Command.IOCTL, decodeIoctlResponse],
  [
    Smb2Command.QUERY_DIRECTORY,
    (r, base) => decodeFileIdBothDirectoryInformation(decodeQueryDirectoryResponse(r, base).output),
  ],
  [Smb2Command.QUERY_INFO, decodeQueryInfoResponse],
  [Smb2Command.ECHO, (r) => decodeErrorResponse(r)],
]);

function decodeResponseMessage(input: Buffer): void {
  const header = decodeSmb2Header(new BufferReader(input));
  const decode = RESPONSE_DECODERS.get(header.command);
  decode?.(new BufferReader(input, 64), 0);
}

export const SMB2_RESPONSE_TARGETS: readonly DecoderTarget[] = [
  {
    name: 'smb2/response',
    decode: decodeResponseMessage,
    seeds: memoSeeds(() => RESPONSE_BODIES.map(([command, body]) => smb2Message(command, body, 1))),
  },
];
