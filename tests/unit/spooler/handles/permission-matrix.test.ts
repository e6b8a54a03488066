/**
 * Who may do what to whose job: the permission matrix of the printer's Security tab
 * (Print, Manage Documents, Manage Printer, deny entries), checked on the local provider that
 * every path (RPC, SMB printer share, CLI control channel) goes through.
 */
import { Win32Error } from '../../../../lib/common/errors';
import { AccessMask, JobControl, PrinterControl } from '../../../../lib/spoolss/constants';
import { DEFAULT_PRINTER_ACL, PrinterPermission } from '../../../../lib/spooler/handles/printer-security';
import type { CallerContext } from '../../../../lib/spoolss/types';
import { ADMIN, ALICE, BOB } from '../../../helpers/test-print-server';
import { createPrintingServer, submit, type PrintingServer } from '../../../helpers/printing-server';

const CAROL: CallerContext = {
  userName: 'carol',
  groups: ['Users', 'Operators'],
  isAdministrator: false,
  remote: true,
};
const DAVE: CallerContext = { userName: 'dave', groups: ['Users', 'Interns'], isAdministrator: false, remote: true };
const ERIN: CallerContext = { userName: 'erin', groups: ['Users', 'Helpdesk'], isAdministrator: false, remote: true };

type Outcome = 'ok' | 'denied';

async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof Win32Error && err.win32 === 5) return 'denied';
    throw err;
  }
}

describe('printer permission matrix', () => {
  let p: PrintingServer;
  beforeEach(async () => {
    p = await createPrintingServer();
    p.server.setPrinterAcl('Single', [
      ...DEFAULT_PRINTER_ACL,
      { type: 'allow', trustee: 'Operators', permissions: [PrinterPermission.MANAGE_DOCUMENTS] },
      { type: 'allow', trustee: 'Helpdesk', permissions: [PrinterPermission.MANAGE_PRINTER] },
      { type: 'deny', trustee: 'Interns', permissions: [PrinterPermission.PRINT] },
      { type: 'deny', trustee: 'erin', permissions: [PrinterPermission.MANAGE_DOCUMENTS] },
    ]);
    const admin = await p.server.openPrinter('Single', { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER }, ADMIN);
    await p.server.setPrinter(admin, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
  });
  afterEach(async () => {
    await p.server.close();
  });

  const open = (c: CallerContext, access = 0) =>
    p.server.openPrinter('\\\\NTPRINT\\Single', { desiredAccess: access }, c);

  it.each([
    ['alice (Print)', ALICE, 'ok'],
    ['carol (Print + Manage Documents)', CAROL, 'ok'],
    ['admin (Manage Printer)', ADMIN, 'ok'],
    ['dave (denied Print)', DAVE, 'denied'],
  ] as const)('submit a job: %s -> %s', async (_l, who, expected) => {
    expect(await outcome(submit(p.server, 'Single', who, 'doc'))).toBe(expected);
  });

  // [actor, own job?, command, expected]
  const jobCases: [string, CallerContext, JobControl, Outcome][] = [];
  type JobControl = number;
  for (const cmd of [
    JobControl.JOB_CONTROL_PAUSE,
    JobControl.JOB_CONTROL_RESUME,
    JobControl.JOB_CONTROL_RESTART,
    JobControl.JOB_CONTROL_CANCEL,
  ]) {
    jobCases.push(['alice on her own job', ALICE, cmd, 'ok']);
    jobCases.push(["bob on alice's job", BOB, cmd, 'denied']);
    jobCases.push(["carol (Manage Documents) on alice's job", CAROL, cmd, 'ok']);
    jobCases.push(["admin on alice's job", ADMIN, cmd, 'ok']);
    jobCases.push(["erin (Manage Printer, denied Manage Documents) on alice's job", ERIN, cmd, 'denied']);
  }
  it.each(jobCases)('SetJob: %s, command %i', async (_l, who, cmd, expected) => {
    const jobId = await submit(p.server, 'Single', ALICE, 'alice.doc');
    const h = await open(who);
    expect(await outcome(p.server.setJob(h, jobId, cmd))).toBe(expected);
    expect(p.server.queue.get(jobId) !== undefined).toBe(!(expected === 'ok' && cmd === JobControl.JOB_CONTROL_CANCEL));
  });

  it.each([
    ['alice (Print)', ALICE, 'denied'],
    ['carol (Manage Documents)', CAROL, 'denied'],
    ['erin (Manage Printer)', ERIN, 'ok'],
    ['admin', ADMIN, 'ok'],
  ] as const)('pause / resume / purge / change / secure the printer: %s', async (_l, who, expected) => {
    expect(await outcome(open(who, AccessMask.PRINTER_ACCESS_ADMINISTER))).toBe(expected);
    // SetPrinter needs a handle opened for PRINTER_ACCESS_ADMINISTER; a Print-only handle is refused too.
    const h = await open(who, expected === 'ok' ? AccessMask.PRINTER_ACCESS_ADMINISTER : 0);
    for (const command of [
      PrinterControl.PRINTER_CONTROL_RESUME,
      PrinterControl.PRINTER_CONTROL_PAUSE,
      PrinterControl.PRINTER_CONTROL_PURGE,
    ]) {
      expect(await outcome(p.server.setPrinter(h, { command }))).toBe(expected);
    }
    expect(await outcome(p.server.setPrinter(h, { fields: { location: 'Room 2' } }))).toBe(expected);
    expect(
      // A well-formed self-relative descriptor without DACL (owner/group change only): the ACL stays.
      await outcome(
        p.server.setPrinter(h, {
          fields: { securityDescriptor: Buffer.from([1, 0, 0, 0x80, ...Array<number>(16).fill(0)]) },
        }),
      ),
    ).toBe(expected);
    expect(await outcome(p.server.controlDevice('Single', undefined, { fault: 'jam' }, who))).toBe(expected);
  });
});
