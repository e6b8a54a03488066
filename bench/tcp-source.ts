/**
 * The ceiling of the throughput benchmark: a plain TCP server (its own process, like the SMB
 * servers) that sends a file to each connection and closes. Usage: node tcp-source.js FILE;
 * prints `listening on 127.0.0.1:PORT`, stops on SIGTERM.
 */
import { createReadStream } from 'node:fs';
import { createServer } from 'node:net';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: tcp-source FILE\n');
  process.exit(2);
}
const server = createServer((socket) => {
  socket.on('error', () => socket.destroy());
  createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(socket);
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening on 127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
