/**
 * The facade's form calls (room forms/).
 */
import type { FormInfo, PrinterHandle } from '../../spoolss/types';
import { PrinterDataCalls } from './printer-data-calls';
import { answer } from './spooler-facade';

export abstract class FormCalls extends PrinterDataCalls {
  enumForms(handle: PrinterHandle): Promise<FormInfo[]> {
    return answer(() => this.spl.forms.enumForms(handle));
  }

  getForm(handle: PrinterHandle, formName: string): Promise<FormInfo> {
    return answer(() => this.spl.forms.getForm(handle, formName));
  }

  addForm(handle: PrinterHandle, form: FormInfo): Promise<void> {
    return this.saved(answer(() => this.spl.forms.addForm(handle, form)));
  }

  setForm(handle: PrinterHandle, formName: string, form: FormInfo): Promise<void> {
    return this.saved(answer(() => this.spl.forms.setForm(handle, formName, form)));
  }

  deleteForm(handle: PrinterHandle, formName: string): Promise<void> {
    return this.saved(answer(() => this.spl.forms.deleteForm(handle, formName)));
  }
}
