import { Smb2ProtocolError } from '../../../../lib/smb2/client/client-errors';
import { responseMembers } from '../../../../lib/smb2/client/response-members';
import { ECHO_BODY, header } from './wire-builder';

const ECHO = 0x000d;

describe('the responses in a frame ([MS-SMB2] 3.2.5.1.9)', () => {
  it('yields nothing for a keep-alive and refuses other NetBIOS types and protocol ids', () => {
    expect([...responseMembers({ type: 0x85, payload: Buffer.alloc(0) })]).toEqual([]);
    expect(() => [...responseMembers({ type: 0x82, payload: Buffer.alloc(0) })]).toThrow(Smb2ProtocolError);
    const encrypted = Buffer.concat([header({ command: ECHO, messageId: 1n }), ECHO_BODY]);
    encrypted[0] = 0xfd;
    expect(() => [...responseMembers({ type: 0, payload: encrypted })]).toThrow(/protocol id 0x424d53fd/);
    expect(() => [...responseMembers({ type: 0, payload: Buffer.from('fe53', 'hex') })]).toThrow(/shorter/);
  });

  it('splits a compound on NextCommand, padding included in each member', () => {
    const first = Buffer.concat([
      header({ command: ECHO, messageId: 1n, nextCommand: 72 }),
      ECHO_BODY,
      Buffer.alloc(4),
    ]);
    const second = Buffer.concat([header({ command: ECHO, messageId: 2n }), ECHO_BODY]);
    const members = [...responseMembers({ type: 0, payload: Buffer.concat([first, second]) })];
    expect(members.map((m) => m.header.messageId)).toEqual([1n, 2n]);
    expect(members[0]!.message).toEqual(first);
    expect(members[1]!.message).toEqual(second);
  });

  it('gives the members before a bad NextCommand, then fails', () => {
    const first = Buffer.concat([
      header({ command: ECHO, messageId: 1n, nextCommand: 72 }),
      ECHO_BODY,
      Buffer.alloc(4),
    ]);
    const bad = Buffer.concat([header({ command: ECHO, messageId: 2n, nextCommand: 70 }), ECHO_BODY, Buffer.alloc(8)]);
    const seen: bigint[] = [];
    expect(() => {
      for (const m of responseMembers({ type: 0, payload: Buffer.concat([first, bad]) })) seen.push(m.header.messageId);
    }).toThrow(/bad NextCommand 70/);
    expect(seen).toEqual([1n]);
    const truncated = Buffer.concat([
      header({ command: ECHO, messageId: 1n, nextCommand: 72 }),
      ECHO_BODY,
      Buffer.alloc(10),
    ]);
    expect(() => [...responseMembers({ type: 0, payload: truncated })]).toThrow(/truncated SMB2 header/);
  });
});
