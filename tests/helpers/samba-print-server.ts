/**
 * Samba's smbd set up as the print server of the Point and Print example: printer HpColor with
 * the driver "HP Color LaserJet 4500 PCL" (uploaded to print$\x64, installed by
 * `rpcclient adddriver`, bound by `setdriver`), Hpclrlsr.icm in print$\color, and the seed's
 * CopyFiles\ICM key (Directory "Color", Files ["Hpclrlsr.icm"], Module "mscms.dll") written by
 * SetPrinterDataEx through Samba's Python bindings (rpcclient has no setprinterdataex, and
 * Samba 4.17's `net registry setvalue ... multi_sz` stores wrong data).
 *
 * Samba stores the key as given and never adds SourceDir/TargetDir
 * (reference/protocol-anchors.md 2.3): it is the oracle for a server that does not.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import tmp from 'tmp';
import { TOOLS } from './interop-tools';
import { startSamba, type SambaServer } from './samba-server';

const execFileAsync = promisify(execFile);

export const SAMBA_PRINTER = 'HpColor';
export const SAMBA_DRIVER = {
  name: 'HP Color LaserJet 4500 PCL',
  environment: 'Windows x64',
  archDir: 'x64',
  version: 3,
  driver: 'UNIDRV.DLL',
  dataFile: 'HPC4500.GPD',
  configFile: 'UNIDRVUI.DLL',
  helpFile: 'UNIDRV.HLP',
  dependentFiles: ['UNIRES.DLL', 'STDNAMES.GPD', 'STDDTYPE.GDL'],
} as const;
export const SAMBA_COPY_FILES = {
  key: 'CopyFiles\\ICM',
  directory: 'Color',
  files: ['Hpclrlsr.icm'],
  module: 'mscms.dll',
} as const;

export interface SambaPrintServer extends SambaServer {
  readonly printer: string;
  /** The print$ tree smbd serves (its own copy). */
  readonly printDollar: string;
  /** Runs rpcclient commands against the server as root; returns stdout. */
  rpcclient(command: string): Promise<string>;
}

export interface SambaPrintServerOptions {
  /**
   * A drivers store laid out like drivers-store/ (x64/3/<driver files>, color/Hpclrlsr.icm).
   * Its x64/3 files are moved to x64/ in smbd's copy: AddPrinterDriver takes uploads from the
   * architecture folder and moves them to the version folder itself.
   */
  readonly driversStore: string;
  /** More [global] lines (an `addprinter command`, say). */
  readonly extraGlobal?: readonly string[];
}

export async function startSambaPrintServer(options: SambaPrintServerOptions): Promise<SambaPrintServer> {
  // The print$ tree before any driver is installed: the uploads in x64\, the profile in color\.
  const staging = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-smbd-print-' });
  let samba: SambaServer;
  try {
    uploadDriverFiles(options.driversStore, staging.name);
    const color = join(staging.name, 'color');
    mkdirSync(color, { recursive: true });
    for (const f of SAMBA_COPY_FILES.files) copyFileSync(join(options.driversStore, 'color', f), join(color, f));
    samba = await startSamba({
      printDollar: staging.name,
      printers: [SAMBA_PRINTER],
      ...(options.extraGlobal && { extraGlobal: options.extraGlobal }),
    });
  } finally {
    staging.removeCallback();
  }
  try {
    const printDollar = join(samba.dir, 'print$');
    const rpcclient = async (command: string): Promise<string> => {
      const { stdout } = await execFileAsync(
        TOOLS.rpcclient,
        ['-p', String(samba.port), '-U', `${samba.user}%${samba.password}`, '-c', command, '127.0.0.1'],
        { timeout: 30000 },
      );
      return stdout;
    };
    const d = SAMBA_DRIVER;
    const spec = [d.name, d.driver, d.dataFile, d.configFile, d.helpFile, 'NULL', 'RAW', d.dependentFiles.join(',')];
    const added = await rpcclient(`adddriver "${d.environment}" "${spec.join(':')}" ${d.version}`);
    if (!/successfully installed/i.test(added)) throw new Error(`rpcclient adddriver: ${added}`);
    const set = await rpcclient(`setdriver ${SAMBA_PRINTER} "${d.name}"`);
    if (!/successfully set/i.test(set)) throw new Error(`rpcclient setdriver: ${set}`);
    await setCopyFilesKey(samba);
    return { ...samba, printer: SAMBA_PRINTER, printDollar, rpcclient };
  } catch (err) {
    await samba.stop();
    throw err;
  }
}

/**
 * A copy of `store` in a new temporary folder whose x64 driver files end with a line naming
 * `server` (`UNIDRV.DLL as smbd serves it`): what arrives elsewhere is seen to come from there.
 */
export function markedDriversStore(store: string, server: string): string {
  const copy = mkdtempSync(join(os.tmpdir(), `pointprint-${server}-store-`));
  cpSync(store, copy, { recursive: true });
  for (const f of readdirSync(join(copy, 'x64', '3')))
    appendFileSync(join(copy, 'x64', '3', f), `\n${f} as ${server} serves it\n`);
  return copy;
}

/** The driver's files into print$\x64\, as a client uploads them before AddPrinterDriver. */
function uploadDriverFiles(store: string, printDollar: string): void {
  const d = SAMBA_DRIVER;
  const from = join(store, d.archDir, String(d.version));
  const to = join(printDollar, d.archDir);
  mkdirSync(to, { recursive: true });
  const present = new Map(readdirSync(from).map((f) => [f.toUpperCase(), f]));
  for (const f of [d.driver, d.dataFile, d.configFile, d.helpFile, ...d.dependentFiles]) {
    const actual = present.get(f.toUpperCase());
    if (actual === undefined) throw new Error(`${f} is not in ${from}`);
    copyFileSync(join(from, actual), join(to, f));
  }
}

/** Where samba_spoolss.py lives: the bind and SPLCLIENT_INFO_1 every such script shares. */
const SAMBA_SPOOLSS_PY_DIR = join(__dirname, '..', 'interop', 'spooler');

/**
 * The start of a script run against smbd through samba.dcerpc.spoolss: `a` the JSON argument
 * (port, user, password, printer), `conn` the spoolss client, `h` the printer opened for
 * PRINTER_ALL_ACCESS.
 */
export const SAMBA_SPOOLSS_PY_PRELUDE = String.raw`
import json, sys
sys.path.insert(0, ${JSON.stringify(SAMBA_SPOOLSS_PY_DIR)})
from samba_spoolss import connect
from samba.dcerpc import spoolss, misc
a = json.loads(sys.argv[1])
conn, ulc = connect(a["port"], a["user"], a["password"])
# PRINTER_ALL_ACCESS
h = conn.OpenPrinterEx("\\\\127.0.0.1\\" + a["printer"], None, spoolss.DevmodeContainer(), 0x000F000C, ulc)
`;

/** OpenPrinterEx + SetPrinterDataEx x3 + ClosePrinter. */
const SET_COPY_FILES_PY =
  SAMBA_SPOOLSS_PY_PRELUDE +
  String.raw`
def sz(s):
    return list((s + "\0").encode("utf-16-le"))
def multi_sz(items):
    return list(("".join(i + "\0" for i in items) + "\0").encode("utf-16-le"))
conn.SetPrinterDataEx(h, a["key"], "Directory", misc.REG_SZ, sz(a["directory"]))
conn.SetPrinterDataEx(h, a["key"], "Files", misc.REG_MULTI_SZ, multi_sz(a["files"]))
conn.SetPrinterDataEx(h, a["key"], "Module", misc.REG_SZ, sz(a["module"]))
conn.ClosePrinter(h)
`;

async function setCopyFilesKey(samba: SambaServer): Promise<void> {
  const args = {
    port: samba.port,
    user: samba.user,
    password: samba.password,
    printer: SAMBA_PRINTER,
    ...SAMBA_COPY_FILES,
  };
  await execFileAsync(TOOLS.python3, ['-c', SET_COPY_FILES_PY, JSON.stringify(args)], { timeout: 30000 });
}
