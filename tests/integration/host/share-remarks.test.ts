/**
 * A printer share's remark (srvsvc NetShareEnum, `smbclient -L`, `net view`) is its printer's
 * comment now, not the comment it had when the server started: SetPrinter changes it at run time,
 * as on Windows, and a restart must not be the only way to see the change.
 */
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { AccessMask } from '../../../lib/spoolss/constants';
import type { CallerContext } from '../../../lib/spoolss/types';
import { until } from '../../helpers/until';

const ADMIN: CallerContext = { userName: 'admin', groups: ['Administrators'], isAdministrator: true, remote: true };

describe('printer share remarks follow the printer comment', () => {
  let host: PrintServerHost;
  beforeAll(async () => {
    host = await PrintServerHost.create({ logger: createSilentLogger() });
  });
  afterAll(() => host.close());

  const remarkOf = (share: string): string | undefined => host.smb2.shares().find((s) => s.name === share)?.comment;

  it('SetPrinter level 2 with a new comment changes the share remark', async () => {
    expect(remarkOf('HpColor')).toBe('Colour laser for everyone');
    const h = await host.printServer.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ALL_ACCESS }, ADMIN);
    await host.printServer.setPrinter(h, { fields: { comment: 'Moved to floor 5' } });
    await host.printServer.closePrinter(h);
    await until(
      'the remark to follow',
      () => Promise.resolve(remarkOf('HpColor') === 'Moved to floor 5' || undefined),
      {
        timeoutMs: 5000,
      },
    );
    // The other shares keep theirs.
    expect(remarkOf('IPC$')).toBe('Remote IPC');
    expect(remarkOf('MktColor')).toBe('Proofing printer of the marketing team');
  });
});
