/**
 * Our DCE/RPC client's security against Samba's smbd as the oracle: SPNEGO (with its mechListMIC
 * and alter_context leg) and raw NTLMSSP (rpc_auth_3), at PKT_INTEGRITY and PKT_PRIVACY, on
 * \pipe\spoolss. Samba checks every signature and unseals every stub we send, and we check and
 * unseal its answers: an EnumPrinters through each combination must come back whole.
 */
import path from 'node:path';
import { findPackageRoot } from '../../../lib/spooler/fixture';
import { spnegoInitiatorMechanism } from '../../../lib/rpc/auth/spnego-mechanism';
import { ntlmInitiatorMechanism } from '../../../lib/rpc/auth/ntlm-mechanism';
import { RpcClient } from '../../../lib/rpc/client/rpc-client';
import { MSRPC_UUID_RPRN, RpcAuthnLevel } from '../../../lib/rpc/constants';
import { RprnClient } from '../../../lib/rpc/rprn/client/rprn-client';
import { Smb2Client } from '../../../lib/smb2/client/smb2-client';
import { describeWithTools } from '../../helpers/interop-tools';
import { startSamba, type SambaServer } from '../../helpers/samba-server';

jest.setTimeout(120_000);
const DRIVERS = path.join(findPackageRoot(), 'drivers-store');

describeWithTools(['smbd', 'smbpasswd'], 'our authenticated DCE/RPC client against Samba smbd', () => {
  let samba: SambaServer;
  beforeAll(async () => {
    samba = await startSamba({ printDollar: DRIVERS, copyPrintDollar: true, printers: ['HpColor'] });
  }, 60_000);
  afterAll(() => samba?.stop());

  it.each([
    ['SPNEGO', 'PKT_INTEGRITY'],
    ['SPNEGO', 'PKT_PRIVACY'],
    ['NTLMSSP', 'PKT_INTEGRITY'],
    ['NTLMSSP', 'PKT_PRIVACY'],
  ] as const)('%s at %s: three EnumPrinters calls come back whole', async (provider, level) => {
    const client = await Smb2Client.connect({ host: '127.0.0.1', port: samba.port, serverName: '127.0.0.1' });
    try {
      const session = await client.login({ user: samba.user, password: samba.password });
      const pipe = await (await session.treeConnect('IPC$')).openPipe('spoolss');
      const creds = { user: samba.user, password: samba.password, domain: '', workstation: 'POINTPRINT' };
      const mechanism = provider === 'SPNEGO' ? spnegoInitiatorMechanism(creds) : ntlmInitiatorMechanism(creds);
      const rpc = await RpcClient.bind(
        pipe,
        { uuid: MSRPC_UUID_RPRN.uuid, version: 1 },
        { security: { mechanism, authLevel: RpcAuthnLevel[`RPC_C_AUTHN_LEVEL_${level}`] } },
      );
      expect(rpc.authLevel).toBe(RpcAuthnLevel[`RPC_C_AUTHN_LEVEL_${level}`]);
      const rprn = new RprnClient(rpc);
      for (let i = 0; i < 3; i++) {
        const printers = await rprn.enumPrinters(2, undefined, 2);
        expect(printers.map((p) => p.printerName)).toContain('HpColor');
      }
      await rpc.close();
    } finally {
      await client.close();
    }
  });
});
