/**
 * The real stack (rpc-stack.ts) made ready for smbtorture's rpc.spoolss.printer setup, as a
 * Windows server is: LPT1: on the Local Port monitor (the fixture's export left out
 * HKLM\SOFTWARE\...\Ports) and the "Microsoft XPS Document Writer" driver, inbox on Windows and
 * installed here by an administrator over the wire (rpcclient adddriver: RpcAddPrinterDriverEx).
 */
import { RegType } from '../../lib/common/reg-value';
import { TOOLS } from './interop-tools';
import { ADMIN, run, startRpcStack, type RpcStack } from './rpc-stack';

export async function startTorturePrinterStack(): Promise<RpcStack> {
  const stack = await startRpcStack();
  stack.printServer.registry
    .createKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports')
    .setValue({ name: 'LPT1:', type: RegType.REG_SZ, value: '' });
  const driver = await run(
    TOOLS.rpcclient,
    [
      '-p',
      String(stack.port),
      '-U',
      ADMIN,
      '127.0.0.1',
      '-c',
      'adddriver "Windows x64" "Microsoft XPS Document Writer:UNIDRV.DLL:HPC4500.GPD:UNIDRVUI.DLL:UNIDRV.HLP:NULL:RAW:UNIRES.DLL,STDNAMES.GPD"',
    ],
    60000,
  );
  if (!driver.stdout.includes('successfully installed')) {
    await stack.close();
    throw new Error(`rpcclient adddriver failed: ${driver.stdout}${driver.stderr}`);
  }
  return stack;
}
