/**
 * The forms every Windows print server knows (FORM_BUILTIN), with Windows' sizes in thousandths
 * of a millimetre, in the order of the DMPAPER_* indexes (wingdi.h) that Windows builds them from.
 * User forms (FORM_USER) live in the registry under Control\Print\Forms.
 */
import type { FormInfo } from '../../spoolss/types';

export const FormFlags = {
  FORM_USER: 0,
  FORM_BUILTIN: 1,
  FORM_PRINTER: 2,
} as const;

/** [name, width, height] in 1/1000 mm; the imageable area of a built-in form is the whole sheet. */
const BUILTIN: readonly (readonly [string, number, number])[] = [
  ['Letter', 215900, 279400],
  ['Letter Small', 215900, 279400],
  ['Tabloid', 279400, 431800],
  ['Ledger', 431800, 279400],
  ['Legal', 215900, 355600],
  ['Statement', 139700, 215900],
  ['Executive', 184150, 266700],
  ['A3', 297000, 420000],
  ['A4', 210000, 297000],
  ['A4 Small', 210000, 297000],
  ['A5', 148000, 210000],
  ['B4 (JIS)', 257000, 364000],
  ['B5 (JIS)', 182000, 257000],
  ['Folio', 215900, 330200],
  ['Quarto', 215000, 275000],
  ['10x14', 254000, 355600],
  ['11x17', 279400, 431800],
  ['Note', 215900, 279400],
  ['Envelope #9', 98425, 225425],
  ['Envelope #10', 104775, 241300],
  ['Envelope #11', 114300, 263525],
  ['Envelope #12', 120650, 279400],
  ['Envelope #14', 127000, 292100],
  ['C size sheet', 431800, 558800],
  ['D size sheet', 558800, 863600],
  ['E size sheet', 863600, 1117600],
  ['Envelope DL', 110000, 220000],
  ['Envelope C5', 162000, 229000],
  ['Envelope C3', 324000, 458000],
  ['Envelope C4', 229000, 324000],
  ['Envelope C6', 114000, 162000],
  ['Envelope C65', 114000, 229000],
  ['Envelope B4', 250000, 353000],
  ['Envelope B5', 176000, 250000],
  ['Envelope B6', 176000, 125000],
  ['Envelope', 110000, 230000],
  ['Envelope Monarch', 98425, 190500],
  ['6 3/4 Envelope', 92075, 165100],
  ['US Std Fanfold', 377825, 279400],
  ['German Std Fanfold', 215900, 304800],
  ['German Legal Fanfold', 215900, 330200],
  ['B4 (ISO)', 250000, 353000],
  ['Japanese Postcard', 100000, 148000],
  ['9x11', 228600, 279400],
  ['10x11', 254000, 279400],
  ['15x11', 381000, 279400],
  ['Envelope Invite', 220000, 220000],
  ['Letter Extra', 241300, 304800],
  ['Legal Extra', 241300, 381000],
  ['Tabloid Extra', 304800, 457200],
  ['A4 Extra', 235458, 322326],
  ['Letter Transverse', 215900, 279400],
  ['A4 Transverse', 210000, 297000],
  ['Letter Extra Transverse', 241300, 304800],
  ['Super A', 227000, 356000],
  ['Super B', 305000, 487000],
  ['Letter Plus', 215900, 322326],
  ['A4 Plus', 210000, 330000],
  ['A5 Transverse', 148000, 210000],
  ['B5 (JIS) Transverse', 182000, 257000],
  ['A3 Extra', 322000, 445000],
  ['A5 Extra', 174000, 235000],
  ['B5 (ISO) Extra', 201000, 276000],
  ['A2', 420000, 594000],
  ['A3 Transverse', 297000, 420000],
  ['A3 Extra Transverse', 322000, 445000],
  ['A6', 105000, 148000],
];

export const BUILTIN_FORMS: readonly FormInfo[] = BUILTIN.map(([name, width, height]) => ({
  flags: FormFlags.FORM_BUILTIN,
  name,
  width,
  height,
  imageableArea: { left: 0, top: 0, right: width, bottom: height },
}));

/**
 * A user form as Windows stores it in Control\Print\Forms: REG_BINARY of 8 DWORDs
 * cx, cy, left, top, right, bottom, index, flags (smbtorture's forms_winreg reads this layout).
 * Undefined when too short; a 24-byte value (no index, no flags) is a FORM_USER.
 */
export function decodeStoredForm(name: string, data: Buffer): FormInfo | undefined {
  if (data.length < 24) return undefined;
  const d = (i: number): number => data.readUInt32LE(i * 4);
  return {
    flags: data.length >= 32 ? d(7) : FormFlags.FORM_USER,
    name,
    width: d(0),
    height: d(1),
    imageableArea: { left: d(2), top: d(3), right: d(4), bottom: d(5) },
  };
}

/** The stored value of a user form: the 32 bytes decodeStoredForm reads. */
export function encodeStoredForm(form: FormInfo, index: number): Buffer {
  const out = Buffer.alloc(32);
  const a = form.imageableArea;
  [form.width, form.height, a.left, a.top, a.right, a.bottom, index, form.flags].forEach((v, i) =>
    out.writeUInt32LE(v >>> 0, i * 4),
  );
  return out;
}

/** The index a stored form carries (its 7th DWORD), 0 when absent. */
export function storedFormIndex(data: Buffer): number {
  return data.length >= 28 ? data.readUInt32LE(24) : 0;
}
