/**
 * Forms: the built-in forms every Windows print server knows, then the user forms stored under
 * `...\Control\Print\Forms` (EnumForms, GetForm; a form name is case-insensitive).
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { PRINT_KEY, type Registry } from '../../registry/registry-key';
import type { FormInfo, PrinterHandle } from '../../spoolss/types';
import type { PrinterHandles } from '../handles/printer-handles';
import { BUILTIN_FORMS, decodeStoredForm } from './builtin-forms';

const FORMS_KEY = `${PRINT_KEY}\\Forms`;

export interface FormsOptions {
  readonly registry: Registry;
  readonly handles: PrinterHandles;
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
    const form = this.enumForms(handle).find((f) => f.name.toLowerCase() === formName.toLowerCase());
    if (!form) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_FORM_NAME, `no form "${formName}"`);
    return form;
  }
}
