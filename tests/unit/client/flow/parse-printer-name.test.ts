import { ConnectionFlow } from '../../../../lib/client/flow/flow-context';
import { parsePrinterName } from '../../../../lib/client/flow/parse-printer-name';
import type { PrintServerConnector } from '../../../../lib/client/print-server-connection';
import { ConfigError } from '../../../../lib/common/errors';

const noConnector: PrintServerConnector = () => Promise.reject(new Error('not used'));
const flow = (environment?: string) =>
  new ConnectionFlow({ clientRoot: '/nonexistent', connector: noConnector, ...(environment && { environment }) });

describe('step 1: the printer name', () => {
  it.each([
    [
      '\\\\NTPRINT\\HpColor',
      'Windows x64',
      { serverName: 'NTPRINT', printerName: 'HpColor', printerUnc: '\\\\NTPRINT\\HpColor', arch: 'x64' },
    ],
    [
      '//ntprint/HpColor',
      'Windows NT x86',
      { serverName: 'ntprint', printerName: 'HpColor', printerUnc: '\\\\ntprint\\HpColor', arch: 'W32X86' },
    ],
    [
      ' \\\\10.0.0.5\\Lab ',
      'Windows ARM64',
      { serverName: '10.0.0.5', printerName: 'Lab', printerUnc: '\\\\10.0.0.5\\Lab', arch: 'ARM64' },
    ],
  ])('%j for %s', (unc, environment, target) => {
    const f = flow(environment);
    expect(parsePrinterName(f, unc)).toEqual(target);
    expect(f.events).toEqual([{ kind: 'step', step: 1, title: 'parse the printer name' }]);
  });

  it.each([
    ['\\\\NTPRINT', /does not name a printer/],
    ['\\\\NTPRINT\\HpColor\\extra', /does not name a printer/],
    ['\\NTPRINTHpColor', /the shell probably removed the backslashes/],
  ])('refuses %j', (unc, message) => {
    expect(() => parsePrinterName(flow(), unc)).toThrow(message);
    expect(() => parsePrinterName(flow(), unc)).toThrow(ConfigError);
  });

  it('refuses an environment without a drivers directory', () => {
    expect(() => parsePrinterName(flow('Windows 3.1'), '\\\\NTPRINT\\HpColor')).toThrow(
      'unknown client environment "Windows 3.1"',
    );
  });
});
