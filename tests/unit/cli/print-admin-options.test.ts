/**
 * The administration commands' own parsing and wording: form sizes and areas in mm, cm and in;
 * a server's refusal said in Windows' words with the command's hint, the common one for access
 * denied, and errors that are not the call's (no RPC over TCP) left as they are.
 */
import { InvalidArgumentError } from 'commander';
import { NoTcpEndpointError } from '../../../lib/client/providers/remote-winspool';
import { explainAdminFailure, windowsMessage } from '../../../lib/cli/admin-failure';
import { parseFormArea, parseFormSize } from '../../../lib/cli/commands/form-admin';
import { describeFailure } from '../../../lib/cli/failure';
import { Win32Error } from '../../../lib/common/errors';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';

describe('form sizes', () => {
  test.each([
    ['210x297', { width: 210000, height: 297000 }],
    ['210x297mm', { width: 210000, height: 297000 }],
    ['21 x 29.7cm', { width: 210000, height: 297000 }],
    ['8.5x11in', { width: 215900, height: 279400 }],
  ])('%s', (text, size) => expect(parseFormSize(text)).toEqual(size));

  test.each(['210', '210x', 'x297', '-1x5', '210x297ft', '1e9x1e9'])('%s is refused', (text) => {
    expect(() => parseFormSize(text)).toThrow(InvalidArgumentError);
  });

  test('an area: LEFT,TOP,RIGHT,BOTTOM in one unit', () => {
    expect(parseFormArea('5, 5, 205, 292mm')).toEqual({ left: 5000, top: 5000, right: 205000, bottom: 292000 });
    expect(parseFormArea('0,0,1,1in')).toEqual({ left: 0, top: 0, right: 25400, bottom: 25400 });
    expect(() => parseFormArea('5,5,205')).toThrow(InvalidArgumentError);
  });
});

describe('refusals', () => {
  test("Windows' message, the error's name and code", () => {
    expect(windowsMessage(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME)).toBe(
      'The printer name is invalid. (ERROR_INVALID_PRINTER_NAME, 0x00000709)',
    );
    expect(windowsMessage(Win32ErrorCode.ERROR_PRINTER_DRIVER_IN_USE)).toBe(
      'The specified printer driver is currently in use. (ERROR_PRINTER_DRIVER_IN_USE, 0x00000bb9)',
    );
  });

  test("the command's hint wins; access denied says to log on as an administrator; exit code 1", () => {
    const unknown = new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER, 'RpcAddPrinterEx(Lab)');
    const f = describeFailure(
      explainAdminFailure(unknown, 'cannot add \\\\NTPRINT\\Lab', {
        [Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER]: 'install it first',
      }),
      'pointprint printer',
    );
    expect(f).toEqual({
      message: 'cannot add \\\\NTPRINT\\Lab: The printer driver is unknown. (ERROR_UNKNOWN_PRINTER_DRIVER, 0x00000705)',
      hint: 'install it first',
      exitCode: 1,
      code: 'ERROR_UNKNOWN_PRINTER_DRIVER',
    });
    const denied = describeFailure(
      explainAdminFailure(new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, 'x'), 'cannot add a form'),
      'pointprint form',
    );
    expect(denied.hint).toMatch(/^log on as an administrator of the server/);
  });

  test('no RPC over TCP is not "invalid printer name": it passes unchanged', () => {
    const err = new NoTcpEndpointError('\\\\NTPRINT: no endpoint mapper answered');
    expect(explainAdminFailure(err, 'cannot add')).toBe(err);
    const plain = new Error('socket closed');
    expect(explainAdminFailure(plain, 'cannot add')).toBe(plain);
  });
});
