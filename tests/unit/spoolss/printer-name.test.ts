import { Win32Error } from '../../../lib/common/errors';
import { namesThisServer, parsePrinterName } from '../../../lib/spoolss/printer-name';

describe('OpenPrinter names', () => {
  it.each([
    ['', {}],
    ['\\\\NTPRINT', { server: 'NTPRINT' }],
    [
      '\\\\NTPRINT\\,XcvMonitor Standard TCP/IP Port',
      { server: 'NTPRINT', xcv: { kind: 'monitor', name: 'Standard TCP/IP Port' } },
    ],
    [',XcvPort IP_10.0.0.5', { xcv: { kind: 'port', name: 'IP_10.0.0.5' } }],
    ['\\\\NTPRINT\\HpColor', { server: 'NTPRINT', printer: 'HpColor' }],
    ['HpColor', { printer: 'HpColor' }],
    ['\\\\NTPRINT\\HpColor,Job 12', { server: 'NTPRINT', printer: 'HpColor', jobId: 12 }],
    ['HpColor, job 3', { printer: 'HpColor', jobId: 3 }],
  ])('%j', (name, expected) => {
    expect(parsePrinterName(name)).toEqual(expected);
  });

  // `\\NTPRINT\`: smbtorture's openprinter_badnamelist, from Windows.
  it.each([
    '\\\\',
    '\\\\NTPRINT\\',
    '\\\\NTPRINT\\,xcvmonitor Local Port',
    '\\\\NTPRINT\\a\\b',
    '\\\\NTPRINT\\HpColor,XcvMonitor Local Port',
    'HpColor,Job x',
  ])('refuses %j', (name) => {
    expect(() => parsePrinterName(name)).toThrow(Win32Error);
  });

  it('recognises the server by name, FQDN, localhost and IP literals, not by a hex-looking name', () => {
    expect(namesThisServer('ntprint', 'NTPRINT')).toBe(true);
    expect(namesThisServer('ntprint.corp.example', 'NTPRINT')).toBe(true);
    expect(namesThisServer('127.0.0.1', 'NTPRINT')).toBe(true);
    expect(namesThisServer('::1', 'NTPRINT')).toBe(true);
    expect(namesThisServer('cafe', 'NTPRINT')).toBe(false);
    expect(namesThisServer('OTHER', 'NTPRINT')).toBe(false);
  });

  it('accepts `, DrvConvert` and `, LocalOnly` as Windows does (smbtorture openprinterex name patterns)', () => {
    for (const ok of ['HpColor, DrvConvert', 'HpColor,DrvConvert', 'HpColor, DrvConvertsadf', 'HpColor,LocalOnly'])
      expect(parsePrinterName(ok).printer).toBe('HpColor');
    expect(parsePrinterName('\\\\NTPRINT\\HpColor, LocalOnly')).toEqual({
      server: 'NTPRINT',
      printer: 'HpColor',
      option: 'LocalOnly',
    });
    for (const bad of ['HpColor, drvconvert', 'HpColor, DrvConver2t', 'HpColor, LocalOnl', 'HpColor,localOnl2'])
      expect(() => parsePrinterName(bad)).toThrow(/unsupported suffix/);
    // A space before the comma stays in the printer part, which then names no printer.
    expect(parsePrinterName('HpColor , DrvConvert').printer).toBe('HpColor ');
  });
});
