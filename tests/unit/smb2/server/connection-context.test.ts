import { InvalidStateError, NtStatusError } from '../../../../lib/common/errors';
import { createSilentLogger } from '../../../../lib/common/logger';
import { NtStatus } from '../../../../lib/common/status/ntstatus';
import { Smb2Command } from '../../../../lib/smb2/constants';
import type { NegotiatedParameters } from '../../../../lib/smb2/server/connection-context';
import { Smb2ConnectionContext } from '../../../../lib/smb2/server/connection-context';
import { ConnectionStateMachine } from '../../../../lib/smb2/server/connection-state';
import { ResponseBufferPool } from '../../../../lib/smb2/server/response-buffer-pool';
import { IpcShare } from '../../../../lib/smb2/server/shares/ipc-share';
import { TreeConnect } from '../../../../lib/smb2/server/tree';
import { LIMITS, RecordingOpen, newSession, serverContext } from './server-fixtures';

function negotiated(dialect: NegotiatedParameters['dialect']): NegotiatedParameters {
  return {
    dialect,
    clientGuid: Buffer.alloc(16),
    clientSecurityMode: 1,
    clientCapabilities: 0,
    clientDialects: [dialect],
    serverCapabilities: 0,
    serverSecurityMode: 1,
    preauth: undefined,
    signingAlgorithm: undefined,
    cipher: undefined,
  };
}

function setup(): { ctx: Smb2ConnectionContext; states: ConnectionStateMachine; established: bigint[] } {
  const states = new ConnectionStateMachine(createSilentLogger());
  const established: bigint[] = [];
  const ctx = new Smb2ConnectionContext({
    id: 'c1',
    remoteAddress: 'memory',
    server: serverContext(),
    logger: createSilentLogger(),
    states,
    responseBuffers: new ResponseBufferPool(8, 1 << 20),
    onSessionEstablished: (session) => established.push(session.sessionId),
  });
  return { ctx, states, established };
}

describe('ConnectionStateMachine ([MS-SMB2] 3.3.5.2: the command gate of each state)', () => {
  it('admits only NEGOTIATE before it, everything but NEGOTIATE after it, nothing once closed', () => {
    const states = new ConnectionStateMachine(createSilentLogger());
    expect(states.admits(Smb2Command.NEGOTIATE)).toBe(true);
    expect(states.admits(Smb2Command.SESSION_SETUP)).toBe(false);
    states.transitionTo('awaiting-smb2-negotiate');
    expect(states.admits(Smb2Command.NEGOTIATE)).toBe(true);
    expect(states.admits(Smb2Command.ECHO)).toBe(false);
    states.transitionTo('negotiated');
    expect(states.admits(Smb2Command.NEGOTIATE)).toBe(false);
    expect(states.admits(Smb2Command.READ)).toBe(true);
    states.transitionTo('closed', 'test');
    expect(states.closed).toBe(true);
    expect(states.admits(Smb2Command.ECHO)).toBe(false);
  });
});

describe('Smb2ConnectionContext (what handlers see of their connection)', () => {
  it('has no dialect before NEGOTIATE, and NEGOTIATE moves the connection to negotiated', () => {
    const { ctx, states } = setup();
    expect(ctx.dialect).toBeUndefined();
    expect(() => ctx.negotiated()).toThrow(InvalidStateError);
    ctx.completeNegotiate(negotiated(0x0311));
    expect(states.state).toBe('negotiated');
    expect(ctx.negotiated().dialect).toBe(0x0311);
    expect(ctx.maxReadSize).toBe(LIMITS.maxReadSize);
  });

  it('limits 2.0.2 to 64 KiB transfers, as Windows announces', () => {
    const { ctx } = setup();
    ctx.completeNegotiate(negotiated(0x0202));
    expect([ctx.maxTransactSize, ctx.maxReadSize, ctx.maxWriteSize]).toEqual([65536, 65536, 65536]);
  });

  it('starts sessions until the table is full, then refuses with STATUS_INSUFFICIENT_RESOURCES', () => {
    const { ctx } = setup();
    let created = 0;
    const create = () => newSession(BigInt(++created));
    ctx.startSession(create);
    ctx.startSession(create);
    let refused: unknown;
    try {
      ctx.startSession(create);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(NtStatusError);
    expect((refused as NtStatusError).status).toBe(NtStatus.STATUS_INSUFFICIENT_RESOURCES);
    // Refused before a SessionId is allocated.
    expect(created).toBe(2);
    expect(ctx.findSession(2n)?.sessionId).toBe(2n);
  });

  it('tells the connection when a session is established', () => {
    const { ctx, established } = setup();
    ctx.sessionEstablished(newSession(9n));
    expect(established).toEqual([9n]);
  });

  it('LOGOFF and TREE_DISCONNECT take their opens with them', async () => {
    const { ctx } = setup();
    const session = ctx.startSession(() => newSession(7n));
    const ipc = new IpcShare(undefined, 'Remote IPC');
    const t1 = new TreeConnect(1, ipc);
    const t2 = new TreeConnect(2, ipc);
    session.trees.set(1, t1).set(2, t2);
    const a = new RecordingOpen('a');
    const b = new RecordingOpen('b');
    const c = new RecordingOpen('c');
    await ctx.registerOpen(a, session, t1);
    await ctx.registerOpen(b, session, t2);
    const cId = await ctx.registerOpen(c, session, t2);
    await ctx.disconnectTree(session, t1);
    expect(session.trees.has(1)).toBe(false);
    expect(a.abandons).toBe(1);
    await ctx.closeOpen(ctx.opens.find(cId, session, t2));
    expect(c.closes).toBe(1);
    await ctx.logoff(session);
    expect(b.abandons).toBe(1);
    expect(session.state).toBe('expired');
    expect(ctx.findSession(7n)).toBeUndefined();
  });
});
