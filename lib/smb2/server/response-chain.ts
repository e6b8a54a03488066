/**
 * The responses to one request frame, compounded into frames of bounded size — [MS-SMB2]
 * 3.3.4.1.3: a compounded response goes out as one submission, and the server SHOULD NOT send one
 * larger than Connection.MaxTransactSize + 256 bytes. Members are collected as the dispatcher
 * answers them; when the next one would take the frame past that size, the members before it go
 * out first as a frame of their own (3.2.5.1.9: a client takes responses however they are
 * compounded and matches them by MessageId; Samba's server sends the responses it has so far the
 * same way when a compound member goes asynchronous).
 *
 * So a compound of sixty 8 MiB READs is answered in sixty frames, one after the other as the
 * transport takes them, holding at most one frame and one member at a time: it never builds a
 * response that a 24-bit NetBIOS length cannot announce.
 */
import type { ResponseMember } from './compound';

/** Room above MaxTransactSize for the headers of a compounded response ([MS-SMB2] 3.3.4.1.3). */
export const COMPOUND_RESPONSE_SLACK = 256;

/** A member's size once padded to 8 bytes for the next one. */
function paddedSize(member: ResponseMember): number {
  return Math.ceil(member.bytes.length / 8) * 8;
}

export class ResponseChain {
  private members: ResponseMember[] = [];
  private bytes = 0;
  /** Frames sent so far. */
  frames = 0;

  constructor(
    /** The largest compounded frame: MaxTransactSize + 256. */
    private readonly limit: number,
    /** Signs, chains, encrypts if need be and sends `members` as one frame. */
    private readonly sendFrame: (members: ResponseMember[]) => Promise<void>,
  ) {}

  /** Adds a member, sending the ones before it first when the frame would grow past the limit. */
  async add(member: ResponseMember): Promise<void> {
    const size = paddedSize(member);
    if (this.members.length > 0 && this.bytes + size > this.limit) await this.flush();
    this.members.push(member);
    this.bytes += size;
  }

  /** Sends what is collected (nothing when empty). */
  async flush(): Promise<void> {
    if (this.members.length === 0) return;
    const members = this.members;
    this.members = [];
    this.bytes = 0;
    this.frames++;
    await this.sendFrame(members);
  }
}
