/**
 * The ceiling of the throughput benchmark: a plain TCP server (its own process, like the SMB
 * servers) that sends a file to each connection and closes. Usage: node tcp-source.js FILE;
 * prints `listening on 127.0.0.1:PORT`, stops on SIGTERM.
 *
 * It moves the file as an SMB2 server's READ path does at best, without SMB2: the file is read
 * into two buffers of MaxReadSize (8 MiB) that take turns, each written whole to the socket, so
 * that the figure bounds the downloads instead of measuring a stream's allocations (a read stream
 * allocates a fresh buffer per chunk, and its 64 KiB reads capped the first ceiling below what
 * smbclient reached over SMB2).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';

/** The downloads' READ size: both clients read 8 MiB at a time (MaxReadSize). */
const CHUNK_BYTES = 8 * 1024 * 1024;

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: tcp-source FILE\n');
  process.exit(2);
}
const path: string = file;

function write(socket: Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
}

/** Reads the next chunk while the previous one is being written: one write in flight at a time. */
async function send(socket: Socket): Promise<void> {
  const buffers: readonly [Buffer, Buffer] = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    let position = 0;
    let pending: Promise<void> = Promise.resolve();
    for (let turn = 0; ; turn ^= 1) {
      const buffer = turn === 0 ? buffers[0] : buffers[1];
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      await pending;
      if (bytesRead === 0) break;
      position += bytesRead;
      pending = write(socket, buffer.subarray(0, bytesRead));
    }
    socket.end();
  } catch {
    socket.destroy();
  } finally {
    await handle?.close();
  }
}

const server = createServer((socket) => {
  socket.on('error', () => socket.destroy());
  void send(socket);
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening on 127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
