/**
 * impacket's MS-RPRN client (/usr/bin/python3, impacket.dcerpc.v5.rprn) against the real stack:
 * the size-probe pattern of EnumPrinters, OpenPrinterEx with a SPLCLIENT_CONTAINER, drivers,
 * the driver directory, a patched server's refusal of AddPrinterDriverEx, the fault for a closed
 * handle and the refusal of change notifications.
 */
import path from 'node:path';
import { unpackFlat } from '../../../lib/rpc/rprn/structures/flat-buffer';
import { PRINTER_INFO_LAYOUTS } from '../../../lib/rpc/rprn/structures/info-layouts';
import { run, startRpcStack } from '../../helpers/rpc-stack';
import type { RpcStack } from '../../helpers/rpc-stack';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';

jest.setTimeout(60000);

interface ImpacketResult {
  bind: string;
  enumprinters1: { needed: number; returned: number; len: number; hasHpColor: boolean; hex: string };
  enumprinters2: { needed: number; returned: number; len: number; hasHpColor: boolean; hex: string };
  openprinterex: { status: number; handleLen: number };
  closeprinter: { status: number; handle: string };
  closeAgain: number | string;
  enumdrivers: { returned: number; hasUnidrv: boolean };
  driverdir: string;
  adddriver: number | string;
  notify: number | string;
}

const python = TOOLS.python3;

describeWithTools(['python3', 'impacket'], 'impacket rprn against pointprint', () => {
  let stack: RpcStack;
  let result: ImpacketResult;

  beforeAll(async () => {
    stack = await startRpcStack();
    const r = await run(python, [path.join(__dirname, 'impacket-rprn.py'), String(stack.port), 'alice', 'Passw0rd!']);
    if (r.code !== 0 && process.env.CI !== 'true' && /No module named 'impacket'/.test(r.stderr))
      throw new Error('impacket missing');
    expect(r.stderr).toBe('');
    result = JSON.parse(r.stdout) as ImpacketResult;
  });
  afterAll(() => stack.close());

  it('binds and enumerates printers at levels 1 and 2 with the two-call pattern', () => {
    expect(result.bind).toBe('ok');
    for (const level of [1, 2] as const) {
      const e = result[`enumprinters${level}`];
      expect(e.returned).toBe(3);
      expect(e.len).toBe(e.needed);
      expect(e.hasHpColor).toBe(true);
      const recs = unpackFlat(PRINTER_INFO_LAYOUTS[level]!, Buffer.from(e.hex, 'hex'), e.returned);
      const names = recs.map((r) => (level === 1 ? r.pName : r.pPrinterName));
      // A NULL Name: the server answers with its own name.
      expect(names).toEqual(['\\\\NTPRINT\\HpColor', '\\\\NTPRINT\\HpColorPkg', '\\\\NTPRINT\\Marketing']);
    }
  });

  it('opens with a SPLCLIENT_CONTAINER and closes to a zero handle', () => {
    expect(result.openprinterex).toEqual({ status: 0, handleLen: 20 });
    expect(result.closeprinter).toEqual({ status: 0, handle: '00'.repeat(20) });
  });

  it('faults a call on a closed handle with nca_s_fault_context_mismatch', () => {
    expect(String(result.closeAgain)).toMatch(/nca_s_fault_context_mismatch/);
  });

  it('enumerates drivers and the driver directory', () => {
    expect(result.enumdrivers.returned).toBeGreaterThanOrEqual(1);
    expect(result.enumdrivers.hasUnidrv).toBe(true);
    expect(result.driverdir.toLowerCase()).toBe('\\\\127.0.0.1\\print$\\x64');
  });

  it('refuses AddPrinterDriverEx from a normal user with ERROR_ACCESS_DENIED', () => {
    expect(result.adddriver).toBe(5);
  });

  it('refuses change notifications as Windows does when it cannot call back', () => {
    expect(result.notify).toBe(1722);
  });
});
