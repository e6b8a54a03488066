/**
 * The DEVMODE a new printer gets when AddPrinter carries none: Windows asks the driver for its
 * defaults (DocumentProperties); with no driver code here, the public part of a DEVMODEW with the
 * values a Unidrv printer starts with, and no private driver data — [MS-RPRN] 2.2.2.1:
 *
 *   0   dmDeviceName WCHAR[32]        64  dmSpecVersion u16 (0x0401)   66 dmDriverVersion u16
 *   68  dmSize u16 (220)              70  dmDriverExtra u16 (0)        72 dmFields u32
 *   76  dmOrientation  78 dmPaperSize  80 dmPaperLength  82 dmPaperWidth  84 dmScale  86 dmCopies
 *   88  dmDefaultSource  90 dmPrintQuality  92 dmColor  94 dmDuplex  96 dmYResolution
 *   98  dmTTOption  100 dmCollate     102 dmFormName WCHAR[32]
 *   166 dmLogPixels u16, then 13 DWORDs (dmBitsPerPel ... dmPanningHeight) to 220
 */
const DM_SIZE = 220;
const DM_SPECVERSION = 0x0401;
const DRIVER_VERSION = 0x0600;

const DmField = {
  DM_ORIENTATION: 0x00000001,
  DM_PAPERSIZE: 0x00000002,
  DM_SCALE: 0x00000010,
  DM_COPIES: 0x00000100,
  DM_DEFAULTSOURCE: 0x00000200,
  DM_PRINTQUALITY: 0x00000400,
  DM_COLOR: 0x00000800,
  DM_DUPLEX: 0x00001000,
  DM_YRESOLUTION: 0x00002000,
  DM_COLLATE: 0x00008000,
  DM_FORMNAME: 0x00010000,
} as const;

const DMORIENT_PORTRAIT = 1;
const DMPAPER_LETTER = 1;
const DMBIN_FORMSOURCE = 15;
const DMCOLOR_COLOR = 2;
const DMDUP_SIMPLEX = 1;
const DPI = 600;

/** A 220-byte DEVMODEW for `printerName`: Letter, portrait, one copy, colour, simplex, 600 dpi. */
export function defaultDevMode(printerName: string): Buffer {
  const dm = Buffer.alloc(DM_SIZE);
  dm.write(printerName.slice(0, 31), 0, 62, 'utf16le');
  dm.writeUInt16LE(DM_SPECVERSION, 64);
  dm.writeUInt16LE(DRIVER_VERSION, 66);
  dm.writeUInt16LE(DM_SIZE, 68);
  dm.writeUInt16LE(0, 70);
  dm.writeUInt32LE(Object.values(DmField).reduce((a, b) => a | b, 0) >>> 0, 72);
  dm.writeInt16LE(DMORIENT_PORTRAIT, 76);
  dm.writeInt16LE(DMPAPER_LETTER, 78);
  dm.writeInt16LE(100, 84);
  dm.writeInt16LE(1, 86);
  dm.writeInt16LE(DMBIN_FORMSOURCE, 88);
  dm.writeInt16LE(DPI, 90);
  dm.writeInt16LE(DMCOLOR_COLOR, 92);
  dm.writeInt16LE(DMDUP_SIMPLEX, 94);
  dm.writeInt16LE(DPI, 96);
  dm.write('Letter', 102, 62, 'utf16le');
  return dm;
}
