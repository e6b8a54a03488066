/**
 * The security verification trailer — [MS-RPCE] 2.2.2.13: what a client appends to a request's
 * stub (inside the signed or sealed body, before the auth pad) so that the server can check the
 * parts of the PDU the security provider does not protect. Samba's clients send it on
 * authenticated binds; Windows servers check it.
 *
 *   at a 4-aligned offset of the stub:
 *     u8[8] signature 8a e3 13 71 02 f4 36 71                         (2.2.2.13.1)
 *   then commands, each:  u16 command | u16 length | value[length]
 *     command bits 0-13: SEC_VT_COMMAND_BITMASK_1 (1, u32 bits)       (2.2.2.13.2)
 *                        SEC_VT_COMMAND_PCONTEXT (2, interface and transfer syntax, 40 bytes) (2.2.2.13.4)
 *                        SEC_VT_COMMAND_HEADER2 (3: PTYPE, 3 reserved, drep[4], call_id, p_cont_id, opnum; 16)
 *     bit 14 SEC_VT_COMMAND_END (the last command), bit 15 SEC_VT_MUST_PROCESS_COMMAND
 *
 * The server searches for the signature after the stub data (2.2.2.13: it SHOULD NOT assume where
 * the stub ends). We do not know where an operation's stub ends before decoding it, so we look
 * from the end: the trailer is the signature at a 4-aligned offset whose commands run exactly to
 * the end of the stub, the last one marked END. Pure and bounds-checked.
 */
import { BufferReader } from '../../common/binary/buffer-reader';
import { MalformedPacketError } from '../../common/errors';
import type { SyntaxId } from '../constants';
import { decodeSyntaxId, sameSyntax } from './syntax-id';

export const SEC_VT_SIGNATURE = Buffer.from([0x8a, 0xe3, 0x13, 0x71, 0x02, 0xf4, 0x36, 0x71]);

export const SecVtCommand = {
  SEC_VT_COMMAND_BITMASK_1: 0x0001,
  SEC_VT_COMMAND_PCONTEXT: 0x0002,
  SEC_VT_COMMAND_HEADER2: 0x0003,
  SEC_VT_COMMAND_END: 0x4000,
  SEC_VT_MUST_PROCESS_COMMAND: 0x8000,
} as const;
const COMMAND_MASK = 0x3fff;
/** rpc_sec_vt_bitmask.bits: the client set PFC_SUPPORT_HEADER_SIGN on its bind. */
export const CLIENT_SUPPORT_HEADER_SIGNING = 0x00000001;
/** How far from the end of a stub the signature is looked for (the trailer is < 100 bytes in practice). */
const SEARCH_WINDOW = 1024;

export interface SecVtHeader2 {
  readonly packetType: number;
  readonly drep: Buffer;
  readonly callId: number;
  readonly contextId: number;
  readonly opnum: number;
}

export type SecVtCommandValue =
  | { readonly kind: 'bitmask1'; readonly mustProcess: boolean; readonly bits: number }
  | {
      readonly kind: 'pcontext';
      readonly mustProcess: boolean;
      readonly abstract: SyntaxId;
      readonly transfer: SyntaxId;
    }
  | ({ readonly kind: 'header2'; readonly mustProcess: boolean } & SecVtHeader2)
  | { readonly kind: 'unknown'; readonly mustProcess: boolean; readonly command: number };

export interface VerificationTrailer {
  /** Where the signature starts: the stub proper ends here. */
  readonly offset: number;
  readonly commands: readonly SecVtCommandValue[];
}

/** The trailer at the end of a request stub, if there is one. */
export function findVerificationTrailer(stub: Buffer): VerificationTrailer | undefined {
  const lowest = Math.max(0, stub.length - SEARCH_WINDOW);
  for (let at = (stub.length - SEC_VT_SIGNATURE.length) & ~3; at >= lowest; at -= 4) {
    if (!stub.subarray(at, at + SEC_VT_SIGNATURE.length).equals(SEC_VT_SIGNATURE)) continue;
    const commands = readCommands(stub.subarray(at + SEC_VT_SIGNATURE.length));
    if (commands !== undefined) return { offset: at, commands };
  }
  return undefined;
}

/** The commands when they run exactly to the end, the last marked END; undefined otherwise. */
function readCommands(body: Buffer): SecVtCommandValue[] | undefined {
  const r = new BufferReader(body);
  const out: SecVtCommandValue[] = [];
  try {
    for (;;) {
      const command = r.u16('command');
      const value = r.sub(r.u16('length'), 'value');
      out.push(readCommand(command, value));
      if ((command & SecVtCommand.SEC_VT_COMMAND_END) !== 0) return r.remaining === 0 ? out : undefined;
    }
  } catch (e) {
    if (e instanceof MalformedPacketError) return undefined;
    throw e;
  }
}

function readCommand(command: number, v: BufferReader): SecVtCommandValue {
  const mustProcess = (command & SecVtCommand.SEC_VT_MUST_PROCESS_COMMAND) !== 0;
  switch (command & COMMAND_MASK) {
    case SecVtCommand.SEC_VT_COMMAND_BITMASK_1:
      return { kind: 'bitmask1', mustProcess, bits: v.u32('bits') };
    case SecVtCommand.SEC_VT_COMMAND_PCONTEXT:
      return {
        kind: 'pcontext',
        mustProcess,
        abstract: decodeSyntaxId(v, 'InterfaceId'),
        transfer: decodeSyntaxId(v, 'TransferSyntax'),
      };
    case SecVtCommand.SEC_VT_COMMAND_HEADER2: {
      const packetType = v.u8('PTYPE');
      v.skip(3, 'Reserved');
      const drep = Buffer.from(v.bytes(4, 'drep'));
      return {
        kind: 'header2',
        mustProcess,
        packetType,
        drep,
        callId: v.u32('call_id'),
        contextId: v.u16('p_cont_id'),
        opnum: v.u16('opnum'),
      };
    }
    default:
      return { kind: 'unknown', mustProcess, command: command & COMMAND_MASK };
  }
}

export interface VerificationExpectations {
  /** The client set PFC_SUPPORT_HEADER_SIGN on its bind. */
  readonly clientHeaderSigning: boolean;
  readonly abstract: SyntaxId;
  readonly transfer: SyntaxId;
  readonly header2: SecVtHeader2;
}

/** Why the trailer disagrees with the PDU and the connection ([MS-RPCE] 2.2.2.13.2-4), or undefined. */
export function verificationTrailerMismatch(
  vt: VerificationTrailer,
  expected: VerificationExpectations,
): string | undefined {
  for (const c of vt.commands) {
    switch (c.kind) {
      case 'bitmask1':
        if ((c.bits & CLIENT_SUPPORT_HEADER_SIGNING) !== 0 && !expected.clientHeaderSigning)
          return 'BITMASK_1 says the bind offered header signing; it did not';
        break;
      case 'pcontext':
        if (!sameSyntax(c.abstract, expected.abstract) || !sameSyntax(c.transfer, expected.transfer))
          return `PCONTEXT names ${c.abstract.uuid} v${c.abstract.major}.${c.abstract.minor}, not the bound context`;
        break;
      case 'header2': {
        const h = expected.header2;
        if (
          c.packetType !== h.packetType ||
          !c.drep.equals(h.drep) ||
          c.callId !== h.callId ||
          c.contextId !== h.contextId ||
          c.opnum !== h.opnum
        )
          return `HEADER2 (call ${c.callId}, context ${c.contextId}, opnum ${c.opnum}) differs from the PDU header`;
        break;
      }
      case 'unknown':
        if (c.mustProcess) return `unknown command ${c.command} marked MUST_PROCESS`;
        break;
    }
  }
  return undefined;
}
