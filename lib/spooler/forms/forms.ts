/**
 * Forms: the built-in forms every Windows print server knows, then the user forms stored under
 * `...\Control\Print\Forms` (EnumForms, GetForm, AddForm, SetForm, DeleteForm — [MS-RPRN]
 * 3.1.4.5; a form name is case-insensitive).
 *
 * Changing forms needs SERVER_ACCESS_ADMINISTER on a server handle, PRINTER_ACCESS_ADMINISTER on
 * a printer handle (the right the handle was opened with). Built-in forms can be neither deleted
 * nor changed (ERROR_INVALID_PARAMETER); a name already known is ERROR_FILE_EXISTS; a name the
 * server does not have is ERROR_INVALID_FORM_NAME.
 */
import { Win32Error } from '../../common/errors';
import { regBinary } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { PRINT_KEY, type Registry } from '../../registry/registry-key';
import { AccessMask } from '../../spoolss/constants';
import type { FormInfo, PrinterHandle } from '../../spoolss/types';
import type { PrinterHandles } from '../handles/printer-handles';
import { PrintEventId, type PrintEventLog } from '../services/event-log';
import { BUILTIN_FORMS, FormFlags, decodeStoredForm, encodeStoredForm, storedFormIndex } from './builtin-forms';

export const FORMS_KEY = `${PRINT_KEY}\\Forms`;

export interface FormsOptions {
  readonly registry: Registry;
  readonly handles: PrinterHandles;
  /** Where AddForm and DeleteForm are logged (events 312 and 313). */
  readonly events?: PrintEventLog;
}

export class Forms {
  constructor(private readonly o: FormsOptions) {}

  enumForms(handle: PrinterHandle): FormInfo[] {
    this.o.handles.state(handle);
    const user: FormInfo[] = [];
    for (const v of this.o.registry.getKey(FORMS_KEY)?.valueList() ?? []) {
      if (Buffer.isBuffer(v.value)) {
        const f = decodeStoredForm(v.name, v.value);
        if (f) user.push(f);
      }
    }
    return [...BUILTIN_FORMS, ...user];
  }

  /** GetForm: ERROR_INVALID_FORM_NAME for a form the server does not have. */
  getForm(handle: PrinterHandle, formName: string): FormInfo {
    const form = this.find(handle, formName);
    if (!form) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_FORM_NAME, `no form "${formName}"`);
    return form;
  }

  /** AddForm — [MS-RPRN] 3.1.4.5.1. */
  addForm(handle: PrinterHandle, form: FormInfo): void {
    this.requireAdminister(handle, 'AddForm');
    checkForm(form);
    if (this.find(handle, form.name))
      throw new Win32Error(Win32ErrorCode.ERROR_FILE_EXISTS, `form "${form.name}" exists`);
    const key = this.o.registry.createKey(FORMS_KEY);
    const next = Math.max(BUILTIN_FORMS.length, ...key.valueList().map((v) => storedIndexOf(v.value))) + 1;
    key.setValue(regBinary(form.name, encodeStoredForm(form, next)));
    this.log(handle, PrintEventId.FORM_ADDED, `Form ${form.name} was added. No user action is required.`);
  }

  /** SetForm — [MS-RPRN] 3.1.4.5.6: the form keeps its name and its index. */
  setForm(handle: PrinterHandle, formName: string, form: FormInfo): void {
    this.requireAdminister(handle, 'SetForm');
    const stored = this.storedForm(handle, formName, 'changed');
    checkForm(form);
    const key = this.o.registry.createKey(FORMS_KEY);
    key.setValue(regBinary(stored.name, encodeStoredForm({ ...form, name: stored.name }, stored.index)));
  }

  /** DeleteForm — [MS-RPRN] 3.1.4.5.2. */
  deleteForm(handle: PrinterHandle, formName: string): void {
    this.requireAdminister(handle, 'DeleteForm');
    const stored = this.storedForm(handle, formName, 'deleted');
    this.o.registry.getKey(FORMS_KEY)?.deleteValue(stored.name);
    this.log(handle, PrintEventId.FORM_DELETED, `Form ${stored.name} was deleted. No user action is required.`);
  }

  private find(handle: PrinterHandle, formName: string): FormInfo | undefined {
    return this.enumForms(handle).find((f) => f.name.toLowerCase() === formName.toLowerCase());
  }

  /** A user form by name: ERROR_INVALID_PARAMETER for a built-in one, ERROR_INVALID_FORM_NAME for none. */
  private storedForm(handle: PrinterHandle, formName: string, what: string): { name: string; index: number } {
    const form = this.find(handle, formName);
    if (!form) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_FORM_NAME, `no form "${formName}"`);
    if (BUILTIN_FORMS.includes(form))
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `built-in form "${form.name}" cannot be ${what}`);
    const value = this.o.registry.getKey(FORMS_KEY)?.getValue(form.name);
    return { name: form.name, index: value === undefined ? 0 : storedIndexOf(value.value) };
  }

  private log(handle: PrinterHandle, id: number, message: string): void {
    this.o.events?.write(id, message, { userName: this.o.handles.state(handle).caller.userName });
  }

  private requireAdminister(handle: PrinterHandle, op: string): void {
    const right = handle.kind === 'server' ? AccessMask.SERVER_ACCESS_ADMINISTER : AccessMask.PRINTER_ACCESS_ADMINISTER;
    this.o.handles.requireAccess(handle, right, op);
  }
}

function storedIndexOf(value: unknown): number {
  return Buffer.isBuffer(value) ? storedFormIndex(value) : 0;
}

/** The checks of AddForm and SetForm: a known Flags value, a name, a size, an area inside it. */
function checkForm(form: FormInfo): void {
  const flags: readonly number[] = Object.values(FormFlags);
  if (!flags.includes(form.flags))
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `form flags ${form.flags} unknown`);
  if (form.name === '' || form.name.length > 31)
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_FORM_NAME, `form name "${form.name}" invalid`);
  const a = form.imageableArea;
  if (form.width <= 0 || form.height <= 0 || a.left > a.right || a.top > a.bottom)
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_FORM_SIZE, `form "${form.name}": invalid size or area`);
}
