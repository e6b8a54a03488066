// A print server for your tests: real SMB2 on 127.0.0.1 (port 0), the NTPRINT fixture, and two
// clients — pointprint's own AddPrinterConnection, and @marsaud/smb2 reading PRINT$.
// @marsaud/smb2 speaks only NTLMv1, so this server allows it, and Node 20 needs
// NODE_OPTIONS=--openssl-legacy-provider for that client's DES/MD4.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const SMB2 = require('@marsaud/smb2');
const { startFixtureServer, addPrinterConnection, createRemoteConnector } = require('pointprint');

const bob = { name: 'bob', password: 'B0b!pass', groups: ['Users'] };

describe('printing to \\\\NTPRINT\\HpColor', () => {
  let server;
  let clientRoot;

  beforeAll(async () => {
    server = await startFixtureServer({ users: [bob], settings: { allowNtlmV1: true } });
    clientRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'client-'));
  });

  afterAll(async () => {
    await server.close();
    fs.rmSync(clientRoot, { recursive: true, force: true });
  });

  test('AddPrinterConnection downloads the driver and the colour profile', async () => {
    const result = await addPrinterConnection('\\\\NTPRINT\\HpColor', {
      clientRoot,
      connector: createRemoteConnector({ address: { host: server.host, port: server.port } }),
      credentials: { userName: bob.name, password: bob.password },
    });
    expect(result.connection.copyFiles[0].sourceDir).toBe('\\\\NTPRINT\\PRINT$\\Color');
    expect(fs.existsSync(path.join(clientRoot, 'System32/spool/drivers/color/Hpclrlsr.icm'))).toBe(true);
  });

  test('@marsaud/smb2 lists and reads PRINT$', async () => {
    const smb = new SMB2({
      share: `\\\\${server.host}\\PRINT$`,
      port: server.port,
      domain: 'WORKGROUP',
      username: bob.name,
      password: bob.password,
      autoCloseTimeout: 0,
    });
    try {
      const names = await new Promise((resolve, reject) =>
        smb.readdir('color', (err, files) => (err ? reject(err) : resolve(files))),
      );
      expect(names).toContain('Hpclrlsr.icm');
      const icm = await new Promise((resolve, reject) =>
        smb.readFile('color\\Hpclrlsr.icm', (err, data) => (err ? reject(err) : resolve(data))),
      );
      expect(icm.subarray(36, 40).toString('latin1')).toBe('acsp'); // an ICC profile
    } finally {
      smb.disconnect();
    }
  });
});
