/**
 * A file name longer than an SMB2 CREATE can carry (NameLength is 16 bits: 32767 UTF-16 units
 * at most) must be refused by the client, never truncated on the wire into the name of another
 * file. A CopyFiles Files entry is such a name, and the server chooses it.
 */
import type { PrintServerConnection } from '../../../lib/client/print-server-connection';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';

describe('PRINT$ reads of over-long names', () => {
  let server: FixtureServer;
  let connection: PrintServerConnection;

  beforeAll(async () => {
    server = await startFixtureServer();
    connection = await createRemoteConnector({ address: { host: server.host, port: server.port } })('127.0.0.1', {
      credentials: { userName: 'alice', password: 'Passw0rd!' },
    });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.close();
  });

  it('refuses a name whose UTF-16 length overflows NameLength instead of opening its 64 KiB-truncated prefix', async () => {
    // `color\Hpclrlsr.icm\` is 19 characters; 32768 more make the name 65574 bytes, which a
    // 16-bit NameLength truncates to 38 bytes: exactly `color\Hpclrlsr.icm\`.
    const crafted = `\\\\127.0.0.1\\PRINT$\\color\\Hpclrlsr.icm\\${'X'.repeat(32768)}`;
    const outcome = await connection.files.openRead(crafted).then(
      (opened) => `opened a file of ${opened.size} bytes`,
      (err: unknown) => (err instanceof Error ? err.name : String(err)),
    );
    expect(outcome).not.toMatch(/^opened/);
  });

  it('still reports a plain missing long name as not found', async () => {
    await expect(connection.files.openRead(`\\\\127.0.0.1\\PRINT$\\color\\${'N'.repeat(200)}.icm`)).rejects.toThrow();
  });
});
