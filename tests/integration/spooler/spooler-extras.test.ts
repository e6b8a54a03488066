/**
 * The less common spooler methods on a real PrintServer (lib/spooler/spooler-extras-rooms.ts):
 * job named properties kept with the job and its shadow file (they survive a restart), per-machine
 * connections in the registry, directory publishing without a directory, branch office events,
 * information contexts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { AccessMask, PrinterAttribute } from '../../../lib/spoolss/constants';
import { CONNECTIONS_KEY } from '../../../lib/spooler/connections/per-machine-connections';
import { ADMIN, ALICE, createTestServer } from '../../helpers/test-print-server';

const w32 = (code: number): unknown => expect.objectContaining({ win32: code }) as unknown;

describe('job named properties', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'pp-jobprops-'));
  });
  afterEach(() => rm(stateDir, { recursive: true, force: true }));

  it('set, get, enumerate, delete; a restart keeps them with the job', async () => {
    const t = await createTestServer({ stateDir });
    const h = await t.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ALL_ACCESS },
      ADMIN,
    );
    await t.server.setPrinter(h, { command: 1 }); // pause: the job stays queued
    const jobId = await t.server.startDocPrinter(h, { documentName: 'doc', datatype: 'RAW' });
    const props = t.server.jobNamedProperties;
    await props.setJobNamedProperty(h, jobId, { name: 'n', value: { type: 'int64', value: -5n } });
    await props.setJobNamedProperty(h, jobId, { name: 'b', value: { type: 'buffer', value: Buffer.from('blob') } });
    await expect(props.getJobNamedPropertyValue(h, jobId, 'n')).resolves.toEqual({ type: 'int64', value: -5n });
    await expect(props.getJobNamedPropertyValue(h, jobId, 'constructor')).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_NOT_FOUND),
    );
    await expect(props.enumJobNamedProperties(h, 9999)).rejects.toEqual(w32(Win32ErrorCode.ERROR_INVALID_PARAMETER));
    await t.server.endDocPrinter(h);
    await t.server.close();

    const again = await createTestServer({ stateDir });
    const h2 = await again.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ALL_ACCESS },
      ADMIN,
    );
    const list = await again.server.jobNamedProperties.enumJobNamedProperties(h2, jobId);
    expect(list).toEqual([
      { name: 'n', value: { type: 'int64', value: -5n } },
      { name: 'b', value: { type: 'buffer', value: Buffer.from('blob') } },
    ]);
    await again.server.jobNamedProperties.deleteJobNamedProperty(h2, jobId, 'n');
    await expect(again.server.jobNamedProperties.deleteJobNamedProperty(h2, jobId, 'n')).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_NOT_FOUND),
    );
    await again.server.close();
  });
});

describe('per-machine connections', () => {
  it('are keys under Print\\Connections; smbtorture statuses; administrators only', async () => {
    const t = await createTestServer();
    const pmc = t.server.perMachineConnections;
    await expect(pmc.addPerMachineConnection(undefined, 'foo', '', '', ADMIN)).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME),
    );
    await expect(pmc.addPerMachineConnection('\\\\NTPRINT', 'foo', '', 'unknown', ADMIN)).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_FILE_NOT_FOUND),
    );
    await expect(pmc.addPerMachineConnection('\\\\NTPRINT', '\\\\srv\\p', 'srv', '', ALICE)).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_ACCESS_DENIED),
    );
    await pmc.addPerMachineConnection('\\\\NTPRINT', '\\\\srv\\p', 'srv', '', ADMIN);
    expect(t.registry.getKey(`${CONNECTIONS_KEY}\\,,srv,p`)?.getValue('Provider')?.value).toBe('win32spl.dll');
    await expect(pmc.enumPerMachineConnections(undefined, ALICE)).resolves.toEqual([
      { printerName: '\\\\srv\\p', serverName: 'srv', provider: 'win32spl.dll' },
    ]);
    await pmc.deletePerMachineConnection('\\\\NTPRINT', '\\\\srv\\p', ADMIN);
    await expect(pmc.deletePerMachineConnection('\\\\NTPRINT', '\\\\srv\\p', ADMIN)).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME),
    );
    await t.server.close();
  });
});

describe('directory publishing without a directory', () => {
  it('publish stays pending (ERROR_IO_PENDING), unpublish completes', async () => {
    const t = await createTestServer();
    const h = await t.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ALL_ACCESS },
      ADMIN,
    );
    expect((await t.server.getPrinter(h)).dsAction).toBe(4); // DSPRINT_UNPUBLISH
    await expect(t.server.publishing.setPrinterPublishing(h, 1)).resolves.toBe(Win32ErrorCode.ERROR_IO_PENDING);
    const published = await t.server.getPrinter(h);
    expect(published.attributes & PrinterAttribute.PRINTER_ATTRIBUTE_PUBLISHED).not.toBe(0);
    expect(published.dsAction >>> 0).toBe(0x80000001); // DSPRINT_PENDING | DSPRINT_PUBLISH
    await expect(t.server.publishing.setPrinterPublishing(h, 4)).resolves.toBe(0);
    expect((await t.server.getPrinter(h)).dsAction).toBe(4);
    await expect(t.server.publishing.setPrinterPublishing(h, 0)).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_INVALID_PARAMETER),
    );
    await t.server.close();
  });
});

describe('branch office logging and information contexts', () => {
  it('writes event 868 per entry; refuses an empty list; an IC lists the device fonts', async () => {
    const t = await createTestServer();
    const h = await t.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
      ALICE,
    );
    await expect(t.server.branchOfficeLog.logJobInfoForBranchOffice(h, [])).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_INVALID_PARAMETER),
    );
    await t.server.branchOfficeLog.logJobInfoForBranchOffice(h, [
      { event: 'offlineFileFull', jobId: 42, machineName: 'mthelena' },
    ]);
    expect(t.server.events.recent(1, 868)[0]?.data).toMatchObject({ machineName: 'mthelena', jobId: 42 });
    await expect(t.server.printerIcs.createPrinterIC(h, undefined)).resolves.toEqual({
      printerName: 'HpColor',
      deviceFonts: [],
    });
    await expect(t.server.printerIcs.createPrinterIC(h, Buffer.alloc(10))).rejects.toEqual(
      w32(Win32ErrorCode.ERROR_INVALID_PARAMETER),
    );
    await t.server.close();
  });
});
