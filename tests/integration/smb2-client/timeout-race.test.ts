/**
 * A response that arrived in time is taken, even when the client's event loop was too busy to
 * read it before the call's timer expired (Node runs expired timers before it reads sockets). The
 * peer is a bare TCP server that answers ECHO ([MS-SMB2] 2.2.29) with bytes written out here,
 * then blocks the process for longer than the call's time limit.
 *
 * And the time limit counts from the request, not from the start of the event loop's turn: a
 * timer takes its start from the loop's cached time, which in a turn that ran long (a starved
 * process serving thousands of sockets) is far behind the moment the request is written.
 */
import * as net from 'node:net';
import { createSilentLogger } from '../../../lib/common/logger';
import { Smb2ClientConnection } from '../../../lib/smb2/client/client-connection';
import { connectTcp } from '../../../lib/smb2/client/tcp-connect';

const SMB2_ECHO = 0x000d;

function echoResponse(messageId: Buffer): Buffer {
  const m = Buffer.alloc(64 + 4);
  Buffer.from([0xfe, 0x53, 0x4d, 0x42]).copy(m, 0);
  m.writeUInt16LE(64, 4); // StructureSize
  m.writeUInt16LE(SMB2_ECHO, 12);
  m.writeUInt16LE(1, 14); // CreditResponse
  m.writeUInt32LE(0x00000001, 16); // SMB2_FLAGS_SERVER_TO_REDIR
  messageId.copy(m, 24);
  m.writeUInt16LE(4, 64); // ECHO response StructureSize
  const frame = Buffer.alloc(4);
  frame.writeUInt32BE(m.length, 0);
  return Buffer.concat([frame, m]);
}

function busyWait(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // blocks the event loop, as a starved process is blocked
  }
}

let server: net.Server;
let port = 0;
let block = 0;
let delay = 0;

beforeAll(async () => {
  server = net.createServer((socket) => {
    socket.on('data', (d: Buffer) => {
      if (d.length < 4 + 64) return;
      const response = echoResponse(d.subarray(4 + 24, 4 + 32));
      if (delay > 0) setTimeout(() => socket.write(response), delay);
      else socket.write(response);
      busyWait(block);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function echo(timeoutMs: number, blockMs: number, before = 0, answerAfter = 0): Promise<unknown> {
  block = blockMs;
  delay = answerAfter;
  const c = await Smb2ClientConnection.open('127.0.0.1', port, {
    timeoutMs,
    logger: createSilentLogger(),
    maxCreditsWanted: 8,
  });
  // The turn that opened the connection runs long before the request is sent.
  busyWait(before);
  try {
    return await c.call({ command: SMB2_ECHO, encodeBody: (w) => void w.u16(4).u16(0) }).then(
      (r) => r.status,
      (e: unknown) => e,
    );
  } finally {
    c.close();
  }
}

it('takes a response that waited unread in the socket past the time limit', async () => {
  expect(await echo(100, 400)).toBe(0);
});

it('counts the time limit from the request, not from the start of a long turn', async () => {
  expect(await echo(200, 0, 600, 50)).toBe(0);
});

it('still times out a request whose answer comes too late', async () => {
  const result = await echo(100, 0, 0, 400);
  expect(result).toBeInstanceOf(Error);
  expect((result as Error).message).toMatch(/ECHO got no response .* within 100 ms/);
});

it('takes a connect the kernel completed in time although the process was too busy to see it', async () => {
  const connecting = connectTcp('127.0.0.1', port, 100);
  busyWait(400);
  const socket = await connecting;
  expect(socket.remoteAddress).toBe('127.0.0.1');
  socket.destroy();
});
