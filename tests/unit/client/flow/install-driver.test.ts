import { promises as fs } from 'node:fs';
import path from 'node:path';
import { installDriver } from '../../../../lib/client/flow/install-driver';
import { createTestServer, DRIVER_NAME, type TestServer } from '../../../helpers/test-print-server';
import { openFlow } from './flow-steps';

describe('step 4: the driver', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });

  async function step4(clientRoot?: string) {
    const opened = await openFlow(t, 'HpColor', clientRoot !== undefined ? { clientRoot } : {});
    try {
      const driver = await installDriver(opened.flow, opened.connection, opened.target, opened.printer, opened.client);
      return { ...opened, driver };
    } finally {
      await opened.flow.exit();
    }
  }

  it('copies the driver files into spool\\drivers\\x64\\3 and logs event 316', async () => {
    const { driver, client, clientRoot, events, flow } = await step4();
    expect(driver.name).toBe(DRIVER_NAME);
    const v3 = path.join(clientRoot, 'System32', 'spool', 'drivers', 'x64', '3');
    expect((await fs.readdir(v3)).sort()).toEqual(
      ['hpc4500.gpd', 'stdnames.gpd', 'unidrv.dll', 'unidrv.hlp', 'unidrvui.dll', 'unires.dll'].sort(),
    );
    expect(flow.written.every((f) => f.startsWith(v3 + path.sep))).toBe(true);
    expect(events.filter((e) => e.kind === 'download').length).toBe(flow.written.length);
    expect(client.state.data.eventLog.map((e) => e.eventId)).toEqual([316]);
    expect(client.state.findDriver(DRIVER_NAME, 'Windows x64', 3)?.files).toContain('x64\\3\\unidrv.dll');
  });

  it('does not download a driver the client already has', async () => {
    const first = await step4();
    await first.client.state.save();
    const again = await step4(first.clientRoot);
    expect(again.events.filter((e) => e.kind === 'download')).toEqual([]);
    expect(again.events.find((e) => e.kind === 'policy')).toMatchObject({
      allowed: true,
      reason: 'the driver is already installed on the client: nothing to install',
    });
  });
});
