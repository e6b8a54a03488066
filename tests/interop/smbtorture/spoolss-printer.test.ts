/**
 * Samba's smbtorture `rpc.spoolss.printer` suite (written against Windows) at the NTPRINT fixture
 * on 127.0.0.1, as the administrator: two cases (AddPrinter and AddPrinterEx) of 27 tests, each
 * adding `torture_printer` on LPT1: with the "Microsoft XPS Document Writer" driver and deleting
 * it afterwards. Each remaining failure is listed, with its reason, in docs/smbtorture-spoolss.md;
 * this test fails if a listed one starts passing (update the doc) or if anything else fails.
 *
 * Each test runs in its own smbtorture process: smbtorture 4.17 crashes in `dm`
 * (test_devicemode_full), which would otherwise end the run and count every later test as lost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, run } from '../../helpers/rpc-stack';
import { startTorturePrinterStack } from '../../helpers/torture-printer-stack';
import type { RpcStack } from '../../helpers/rpc-stack';
import { TOOLS, describeWithTools } from '../../helpers/interop-tools';

jest.setTimeout(600000);

const TESTS = [
  'openprinter',
  'csetprinter',
  'print_test',
  'print_test_extended',
  'print_test_smbd',
  'print_test_properties',
  'print_test_purge',
  'printer_info',
  'sd',
  'dm',
  'printer_info_winreg',
  'change_id',
  'keys',
  'printerdata_consistency',
  'printerdata_keys',
  'printerdata_values',
  'printerdata_set',
  'printerdata_winreg',
  'printerdata_dsspooler',
  'driver_info_winreg',
  'printer_rename',
  'printer_ic',
  'bidi',
  'publish_toggle',
  'print_job_enum',
  'log_jobinfo',
  'os_versions',
];
const CASES = ['addprinter', 'addprinterex'];

/** The test names docs/smbtorture-spoolss.md lists as known failures of this suite. */
function documentedFailures(): string[] {
  const doc = readFileSync(join(__dirname, '../../../docs/smbtorture-spoolss.md'), 'utf8');
  const section = doc.split('## rpc.spoolss.printer\n')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].flatMap((m) =>
    CASES.map((c) => `${c}.${(m[1] ?? '').replace(/^printer\./, '')}`),
  );
}

describeWithTools(['smbtorture', 'rpcclient'], 'smbtorture rpc.spoolss.printer against pointprint', () => {
  let stack: RpcStack;
  beforeAll(async () => {
    stack = await startTorturePrinterStack();
  });
  afterAll(() => stack.close());

  it('passes at least 44 of 54 (the issue aims at 40), and fails only where docs/smbtorture-spoolss.md says why', async () => {
    const failed: string[] = [];
    for (const c of CASES) {
      for (const t of TESTS) {
        const name = `${c}.${t}`;
        const r = await run(
          TOOLS.smbtorture,
          ['//127.0.0.1/print$', '-p', String(stack.port), '-U', ADMIN, `rpc.spoolss.printer.${name}`],
          60000,
        );
        if (!new RegExp(`^success: ${name.replace('.', '\\.')}$`, 'm').test(r.stdout)) failed.push(name);
      }
    }
    // The issue aims at 40; see docs/smbtorture-spoolss.md for each of the others.
    expect(CASES.length * TESTS.length - failed.length).toBeGreaterThanOrEqual(44);
    expect(failed.sort()).toEqual(documentedFailures().sort());
    // Every case deleted its printer again.
    expect(
      (
        await stack.printServer.enumPrinters(2, undefined, {
          userName: 'admin',
          groups: [],
          isAdministrator: true,
          remote: false,
        })
      ).map((p) => p.printerName),
    ).not.toContain('torture_printer');
  });
});
