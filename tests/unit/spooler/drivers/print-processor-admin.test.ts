import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { ENVIRONMENTS_KEY } from '../../../../lib/registry/registry-key';
import { ADMIN, ALICE, createTestServer, expectWin32 } from '../../../helpers/test-print-server';

describe('AddPrintProcessor and DeletePrintProcessor', () => {
  it('answer as a Windows server: winprint is installed and stays, no DLL can be loaded, a registered one goes', async () => {
    const t = await createTestServer();
    const add = (name: string, caller = ADMIN): Promise<void> =>
      t.server.addPrintProcessor(undefined, 'Windows x64', `${name}.dll`, name, caller);
    await expectWin32(add('winprint'), Win32ErrorCode.ERROR_PRINT_PROCESSOR_ALREADY_INSTALLED);
    await expectWin32(add('unknown'), Win32ErrorCode.ERROR_MOD_NOT_FOUND);
    await expectWin32(add('unknown', ALICE), Win32ErrorCode.ERROR_ACCESS_DENIED);
    const del = (name: string, caller = ADMIN): Promise<void> =>
      t.server.deletePrintProcessor(undefined, 'Windows x64', name, caller);
    await expectWin32(del('winprint'), Win32ErrorCode.ERROR_CAN_NOT_COMPLETE);
    await expectWin32(del('unknown'), Win32ErrorCode.ERROR_UNKNOWN_PRINTPROCESSOR);
    t.registry.createKey(`${ENVIRONMENTS_KEY}\\Windows x64\\Print Processors\\hpzpp`);
    await expectWin32(del('hpzpp', ALICE), Win32ErrorCode.ERROR_ACCESS_DENIED);
    await del('hpzpp');
    expect(t.registry.getKey(`${ENVIRONMENTS_KEY}\\Windows x64\\Print Processors\\hpzpp`)).toBeUndefined();
  });
});
