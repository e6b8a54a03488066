/**
 * Issue 15's acceptance "a restart keeps every change; `pointprint export` output re-imports to
 * the same state, byte for byte in the .reg", end to end with real peers and a real process:
 * 1. `pointprint serve --state DIR` (the build, dist/bin/pointprint.js) is administered over the
 *    wire as admin: rpcclient adds a printer and its share, adds, changes and deletes forms, sets
 *    printer data, deletes one driver and adds another from files already in the store; Samba's
 *    spoolss client (../spooler/samba-admin-calls.py) sets and deletes data in a new key and a subkey, adds
 *    a Local Port through XcvData, makes a pool with SetPrinter level 2 and deletes a printer;
 *    impacket sets a security descriptor with SetPrinter level 3 (../spooler/impacket-setprinter-sd.py).
 * 2. The state is captured through the peers (rpcclient enumprinters, getprinter 2 and 3 of each
 *    printer, enumforms, enumports, enumdrivers, enumkey and enumdataex of every key, enumdata)
 *    with the state folder's registry.reg.
 * 3. SIGTERM, and the server is started again on the same state folder: the same capture.
 * 4. `pointprint export --state DIR OUT`, a server on `--fixture OUT` with a fresh state folder:
 *    the same capture, and its state exported again is the first export, byte for byte.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ACCESS_DENIED_ACE_TYPE,
  AceFlag,
  WellKnownSid,
  encodeSecurityDescriptor,
} from '../../../lib/common/security-descriptor';
import { machineSid } from '../../../lib/spooler/handles/printer-security-descriptor';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { ADMIN, rpcclient, run } from '../../helpers/rpc-stack';
import { requireBuild, spawnServer, type SpawnedServer } from '../../helpers/spawn-server';
import { impacketSetPrinterSd } from '../spooler/impacket-setprinter-sd';

jest.setTimeout(240_000);

const REG_SZ = 1;
const REG_DWORD = 4;
/** The Standard TCP/IP ports once administered: two of the fixture's and one added. */
const TCPMON_PORTS = ['IP_10.0.0.15', 'IP_10.0.0.16', 'LPR_10.0.0.77'];
/** tcpxcv.h dwProtocol. */
const PROTOCOL_LPR_TYPE = 2;
/** [MS-RPRN] 2.2.3.12 printer attributes. */
const PRINTER_ATTRIBUTE_SHARED = 0x00000008;
/** DEVMODE dmOrientation ([MS-RPRN] 2.2.2.1). */
const DMORIENT_LANDSCAPE = 2;
const REGISTRY_REG = 'registry.reg';
const GENERIC_ALL = 0x10000000;
/** The ACEs Windows gives a printer for the jobs it will hold ([MS-RPRN] 2.2.3.1): OI|IO. */
const INHERIT_ONLY_JOBS = AceFlag.OBJECT_INHERIT_ACE | AceFlag.INHERIT_ONLY_ACE;
const [ADMIN_USER = '', ADMIN_PASSWORD = ''] = ADMIN.split('%');

const utf16z = (s: string): string => Buffer.from(`${s}\0`, 'utf16le').toString('hex');
const dword = (n: number): string => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b.toString('hex');
};

async function pointprint(args: string[]): Promise<string> {
  const r = await run(process.execPath, [requireBuild(), ...args], 60_000);
  if (r.code !== 0) throw new Error(`pointprint ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** SIGTERM, then a bounded wait; SIGKILL when the server does not stop in time. */
async function stop(server: SpawnedServer): Promise<void> {
  server.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
  if ((await Promise.race([server.exited, timeout])) === 'timeout') {
    server.kill('SIGKILL');
    await server.exited;
    throw new Error(`pointprint serve did not stop on SIGTERM within 15 s; stderr:\n${server.stderr()}`);
  }
}

/** One rpcclient command as admin; a failure (exit code, stderr) fails the test. */
async function ok(port: number, cmd: string): Promise<string> {
  const r = await rpcclient(port, ADMIN, cmd);
  expect({ cmd, code: r.code, stderr: r.stderr }).toEqual({ cmd, code: 0, stderr: '' });
  // rpcclient exits 0 after some refusals: a WERROR or NTSTATUS in its output fails too.
  expect({ cmd, refused: /WERR_(?!OK\b)\w+|NT_STATUS_(?!OK\b)\w+/.exec(r.stdout)?.[0] }).toEqual({
    cmd,
    refused: undefined,
  });
  return r.stdout;
}

/** One argument of an rpcclient command: quoted (inside quotes rpcclient takes backslashes as they are). */
const arg = (s: string): string => `"${s}"`;

/**
 * PRINTER_INFO_STRESS (getprinter level 0, [MS-RPRN] 2.2.1.10.1) also reports the spooler's own
 * session: the time it started (stUpTime, rpcclient's date and time lines), its counters since then
 * (global, session, SetPrinter calls, jobs spooling now and at most, errors) and the printer's
 * status at run time. Windows keeps these in memory and a restart resets them; every other line
 * (ChangeID, the job and the total jobs, bytes and pages counts, which the registry keeps) is compared.
 */
const STRESS_RUN_TIME =
  /^\t(?::date|:time|global_counter|session_counter|c_setprinter|spooling|max_spooling|num_error_\w+|job_error|status|ref_ic)\b.*$/gm;

/** Every key under a printer, depth first ('' is the printer's key itself); bounded depth. */
async function keysOf(port: number, printer: string, key = '', depth = 0): Promise<string[]> {
  if (depth > 6) throw new Error(`keys nested too deep under ${printer}\\${key}`);
  const out = await ok(port, `enumkey ${arg(printer)}${key === '' ? '' : ` ${arg(key)}`}`);
  const subkeys = out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const all = [key];
  for (const sub of subkeys) all.push(...(await keysOf(port, printer, key === '' ? sub : `${key}\\${sub}`, depth + 1)));
  return all;
}

/** Calls of Samba's spoolss client (samba-admin-calls.py) as admin: a WERROR, or what a read returned, each. */
async function sambaCalls(port: number, calls: ReadonlyArray<Record<string, unknown>>): Promise<unknown[]> {
  const args = { port, user: ADMIN_USER, password: ADMIN_PASSWORD, calls };
  const r = await run(
    TOOLS.python3,
    [path.join(__dirname, '..', 'spooler', 'samba-admin-calls.py'), JSON.stringify(args)],
    60_000,
  );
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(r.stdout) as unknown[];
}

/** The state as the peers see it: one labelled rpcclient output per call. */
async function capture(port: number): Promise<Record<string, string>> {
  const c: Record<string, string> = {};
  // A refusal is state too (Marketing's CopyFiles\\Watermarks answers WERR_MOD_NOT_FOUND: its
  // module is not one the server loads): recorded, not a failure.
  const add = async (cmd: string): Promise<void> => {
    const r = await rpcclient(port, ADMIN, cmd);
    c[cmd] = `${r.code}\n${r.stdout}${r.stderr}`;
  };
  await add('enumprinters 2');
  const printers = [...(await ok(port, 'enumprinters 1')).matchAll(/name:\[\\\\[^\\]+\\([^\]]+)\]/g)].map(
    (m) => m[1] ?? '',
  );
  c.printers = printers.join(',');
  await add('enumports 2');
  await add('netshareenumall');
  await add('enumdrivers 3');
  await add('enumdrivers 8');
  await add('enumforms HpColor 2');
  for (const printer of printers) {
    c[`getprinter ${arg(printer)} 0`] = (await ok(port, `getprinter ${arg(printer)} 0`)).replace(
      STRESS_RUN_TIME,
      '<run time>',
    );
    await add(`getprinter ${arg(printer)} 2`);
    await add(`getprinter ${arg(printer)} 3`);
    await add(`getprinter ${arg(printer)} 5`);
    await add(`getprinter ${arg(printer)} 7`);
    await add(`enumdata ${arg(printer)}`);
    const keys = await keysOf(port, printer);
    c[`keys of ${printer}`] = keys.join('\n');
    for (const key of keys) {
      if (key !== '') await add(`enumdataex ${arg(printer)} ${arg(key)}`);
    }
  }
  // What rpcclient cannot show: each printer's DEVMODE, and the Standard TCP/IP ports' settings.
  const reads = [
    ...printers.map((printer) => ({ call: 'devmode', printer, of: printer })),
    ...TCPMON_PORTS.map((port) => ({ call: 'portConfig', port, of: port })),
    { call: 'getDataEx', printer: '', key: '', name: 'BeepEnabled', of: 'server BeepEnabled' },
  ];
  const results = await sambaCalls(port, reads);
  reads.forEach((read, i) => {
    c[`${read.call} ${read.of}`] = JSON.stringify(results[i]);
  });
  return c;
}

interface Server {
  readonly process: SpawnedServer;
  readonly port: number;
}

describeWithTools(
  ['rpcclient', 'python3', 'impacket'],
  'administered by real peers, restarted, exported and re-imported',
  () => {
    let dir: string;
    let server: SpawnedServer | undefined;
    beforeAll(async () => {
      requireBuild();
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-restart15-'));
    });
    afterAll(async () => {
      if (server) await stop(server).catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    });

    const start = async (args: string[]): Promise<Server> => {
      server = await spawnServer({ args: [...args, '--epm-port', 'off'] });
      return { process: server, port: server.port };
    };

    const setSecurity = (port: number, printer: string, sd: Buffer): Promise<number> =>
      impacketSetPrinterSd(port, ADMIN_USER, ADMIN_PASSWORD, printer, sd);

    async function administer(port: number): Promise<void> {
      expect(await ok(port, 'addprinter Annex AnnexShare "HP Color LaserJet 4500 PCL" IP_10.0.0.16')).toContain(
        'Printer Annex successfully installed.',
      );
      await ok(port, 'addform HpColor Label1');
      await ok(port, 'addform HpColor Label2 2');
      await ok(port, 'setform HpColor Label1');
      await ok(port, 'addform HpColor Gone');
      await ok(port, 'deleteform HpColor Gone');
      await ok(port, 'setprinterdata HpColor string Restart15Note "kept across restarts"');
      await ok(port, 'setprinterdata Annex dword Restart15Count 42');
      // A driver goes (its registration only: flags 0 keeps the store's files), another comes
      // from files already in the store.
      await ok(port, 'deldriverex "Contoso Proof Color PCL" "Windows NT x86" 3 0');
      await ok(
        port,
        'adddriver "Windows x64" "Restart15 Proof PCL:UNIDRV.DLL:CONTOSO.GPD:UNIDRVUI.DLL:UNIDRV.HLP:NULL:RAW:UNIRES.DLL,STDNAMES.GPD" 3',
      );
      expect(
        await sambaCalls(port, [
          { call: 'setDataEx', printer: 'Annex', key: 'Restart15', name: 'Note', type: REG_SZ, data: utf16z('kept') },
          { call: 'setDataEx', printer: 'Annex', key: 'Restart15', name: 'Gone', type: REG_DWORD, data: dword(1) },
          { call: 'deleteDataEx', printer: 'Annex', key: 'Restart15', name: 'Gone' },
          {
            call: 'setDataEx',
            printer: 'HpColor',
            key: 'CopyFiles\\Extra',
            name: 'Module',
            type: REG_SZ,
            data: utf16z('mscms.dll'),
          },
          {
            call: 'setDataEx',
            printer: 'HpColor',
            key: 'CopyFiles\\Extra',
            name: 'Count',
            type: REG_DWORD,
            data: dword(7),
          },
          { call: 'xcvAddPort', monitor: 'Local Port', port: 'LPT7:' },
          { call: 'xcvAddPort', monitor: 'Local Port', port: 'LPT8:' },
          { call: 'xcvDeletePort', port: 'LPT8:' },
          {
            call: 'setPrinter2',
            printer: 'HpColor',
            // A pool, other hours (minutes after midnight UTC), another priority and place.
            fields: {
              portname: 'IP_10.0.0.15,LPT7:',
              starttime: 60,
              untiltime: 1380,
              priority: 5,
              location: 'Floor 5',
            },
          },
          { call: 'setDataEx', printer: 'Annex', key: 'Restart15\\Temp', name: 'X', type: REG_DWORD, data: dword(2) },
          { call: 'deleteKey', printer: 'Annex', key: 'Restart15\\Temp' },
          {
            call: 'xcvAddPort',
            monitor: 'Standard TCP/IP Port',
            port: 'LPR_10.0.0.77',
            protocol: PROTOCOL_LPR_TYPE,
            host: '10.0.0.77',
            community: 'floor5',
            doubleSpool: 1,
            queue: 'lp5',
            portNumber: 515,
            snmpEnabled: 1,
            snmpDevIndex: 3,
          },
          // Moved to the new port and no longer shared.
          {
            call: 'setPrinter2',
            printer: 'Marketing',
            fields: { portname: 'LPR_10.0.0.77' },
            attributesClear: PRINTER_ATTRIBUTE_SHARED,
          },
          // The print server's own data ([MS-RPRN] 2.2.3.10): its handle, key "".
          { call: 'setDataEx', printer: '', key: '', name: 'BeepEnabled', type: REG_DWORD, data: dword(1) },
          { call: 'setDevmode', printer: 'Annex', orientation: DMORIENT_LANDSCAPE, copies: 3 },
          { call: 'deletePrinter', printer: 'HpColorPkg' },
        ]),
      ).toEqual(Array.from({ length: 16 }, () => 0));
      // A descriptor as Windows' Security tab writes one, with what an ACL of trustees cannot say:
      // an owner other than SYSTEM, CREATOR OWNER's inherit-only ACE for the jobs, generic rights.
      const windowsLike = encodeSecurityDescriptor({
        owner: WellKnownSid.BUILTIN_ADMINISTRATORS,
        group: WellKnownSid.LOCAL_SYSTEM,
        dacl: [
          { type: ACCESS_DENIED_ACE_TYPE, sid: `${machineSid('NTPRINT')}-1000`, mask: 0x00020008, flags: 0 },
          { sid: WellKnownSid.EVERYONE, mask: 0x00020008, flags: 0 },
          { sid: WellKnownSid.CREATOR_OWNER, mask: GENERIC_ALL, flags: INHERIT_ONLY_JOBS },
          { sid: WellKnownSid.BUILTIN_ADMINISTRATORS, mask: 0x000f000c, flags: 0 },
          { sid: WellKnownSid.BUILTIN_ADMINISTRATORS, mask: 0x000f0030, flags: INHERIT_ONLY_JOBS },
        ],
      });
      expect(await setSecurity(port, 'Annex', windowsLike)).toBe(0);
      await ok(port, 'setprinter Marketing "Proofing printer, moved to floor 5"');
      await ok(port, 'setprintername Annex "Annex Room 5"');
    }

    it('every change survives a restart and an export re-imported, and the .reg is the same bytes', async () => {
      const state = path.join(dir, 'state');
      const first = await start(['--state', state]);
      await administer(first.port);
      const administered = await capture(first.port);
      // The changes are there to lose: the capture shows them.
      expect(administered.printers).toBe('HpColor,Marketing,Annex Room 5');
      expect(administered['getprinter "HpColor" 2']).toContain('portname:[IP_10.0.0.15,LPT7:]');
      expect(administered['enumdataex "HpColor" "CopyFiles\\Extra"']).toContain('mscms.dll');
      expect(administered['enumdataex "Annex Room 5" "Restart15"']).toContain('kept');
      expect(administered['enumdataex "Annex Room 5" "Restart15"']).not.toContain('Gone');
      expect(administered['enumforms HpColor 2']).toContain('Label2');
      expect(administered['enumforms HpColor 2']).not.toContain('Gone');
      expect(administered['enumports 2']).toContain('LPT7:');
      expect(administered['enumdrivers 3']).toContain('Restart15 Proof PCL');
      expect(administered['enumdrivers 3']?.split('[Windows x64]')[0]).not.toContain('Contoso Proof Color PCL');
      expect(administered['getprinter "Annex Room 5" 3']).toMatch(/Owner SID:\s+S-1-5-32-544/);
      expect(administered['getprinter "Annex Room 5" 3']).toContain('S-1-3-0');
      expect(administered['enumdata "HpColor"']).toContain('kept across restarts');
      expect(administered['keys of Annex Room 5']?.split('\n')).toContain('Restart15');
      expect(administered['keys of Annex Room 5']).not.toContain('Temp');
      expect(administered['getprinter "Marketing" 2']).toContain('portname:[LPR_10.0.0.77]');
      expect(administered['getprinter "Marketing" 2']).toContain('comment:[Proofing printer, moved to floor 5]');
      expect(administered.netshareenumall).toContain('netname: AnnexShare');
      expect(administered.netshareenumall).not.toContain('HpColorPkg');
      expect(administered.netshareenumall).not.toContain('MktColor');
      expect(administered['enumports 2']).not.toContain('LPT8:');
      expect(administered['getprinter "HpColor" 2']).toContain('untiltime:[0x564]');
      expect(administered['portConfig LPR_10.0.0.77']).toContain(Buffer.from('lp5', 'utf16le').toString('hex'));
      expect(administered['getDataEx server BeepEnabled']).toBe('{"type":4,"data":"01000000"}');
      expect(administered['devmode Annex Room 5']).toMatch(/^"[0-9a-f]+"$/);
      await stop(first.process);
      const reg = await fs.readFile(path.join(state, REGISTRY_REG));

      const second = await start(['--state', state]);
      expect(await capture(second.port)).toEqual(administered);
      await stop(second.process);
      expect((await fs.readFile(path.join(state, REGISTRY_REG))).equals(reg)).toBe(true);

      const export1 = path.join(dir, 'export1');
      await pointprint(['export', '--state', state, export1]);
      const state2 = path.join(dir, 'state2');
      const third = await start(['--fixture', export1, '--state', state2]);
      expect(await capture(third.port)).toEqual(administered);
      await stop(third.process);
      const export2 = path.join(dir, 'export2');
      await pointprint(['export', '--state', state2, export2]);
      const [reg1, reg2] = await Promise.all([
        fs.readFile(path.join(export1, REGISTRY_REG)),
        fs.readFile(path.join(export2, REGISTRY_REG)),
      ]);
      expect(reg2.toString('utf16le')).toBe(reg1.toString('utf16le'));
      expect(reg2.equals(reg1)).toBe(true);
    });
  },
);
