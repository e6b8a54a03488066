import { Win32Error } from '../../../lib/common/errors';
import { namesThisServer, parsePrinterName } from '../../../lib/spoolss/printer-name';

describe('OpenPrinter names', () => {
  it.each([
    ['', {}],
    ['\\\\NTPRINT', { server: 'NTPRINT' }],
    ['\\\\NTPRINT\\', { server: 'NTPRINT' }],
    ['\\\\NTPRINT\\HpColor', { server: 'NTPRINT', printer: 'HpColor' }],
    ['HpColor', { printer: 'HpColor' }],
    ['\\\\NTPRINT\\HpColor,Job 12', { server: 'NTPRINT', printer: 'HpColor', jobId: 12 }],
    ['HpColor, job 3', { printer: 'HpColor', jobId: 3 }],
  ])('%j', (name, expected) => {
    expect(parsePrinterName(name)).toEqual(expected);
  });

  it.each(['\\\\', '\\\\NTPRINT\\a\\b', '\\\\NTPRINT\\HpColor,XcvMonitor Local Port', 'HpColor,Job x'])(
    'refuses %j',
    (name) => {
      expect(() => parsePrinterName(name)).toThrow(Win32Error);
    },
  );

  it('recognises the server by name, FQDN, localhost and IP literals, not by a hex-looking name', () => {
    expect(namesThisServer('ntprint', 'NTPRINT')).toBe(true);
    expect(namesThisServer('ntprint.corp.example', 'NTPRINT')).toBe(true);
    expect(namesThisServer('127.0.0.1', 'NTPRINT')).toBe(true);
    expect(namesThisServer('::1', 'NTPRINT')).toBe(true);
    expect(namesThisServer('cafe', 'NTPRINT')).toBe(false);
    expect(namesThisServer('OTHER', 'NTPRINT')).toBe(false);
  });
});
