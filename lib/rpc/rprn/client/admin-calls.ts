/**
 * The client side of the print administration calls, as win32spl makes them for AddPrinter,
 * DeletePrinter, AddForm, DeleteForm and DeletePrinterDriverEx (PowerShell's Add-Printer,
 * Remove-Printer, rpcclient's addprinter, addform, deleteform, deldriverex):
 *
 *   RpcAddPrinterEx (opnum 70, [MS-RPRN] 3.1.4.2.15): PRINTER_CONTAINER level 2 with an
 *     RPC_PRINTER_INFO_2, DEVMODE_CONTAINER and SECURITY_CONTAINER (empty unless given), and the
 *     client's SPLCLIENT_CONTAINER level 1; the answer is the new printer's handle.
 *   RpcDeletePrinter (opnum 6, 3.1.4.2.4): on a handle opened with DELETE.
 *   RpcAddForm (opnum 30, 3.1.4.5.1): FORM_CONTAINER level 1 (FORM_INFO_1) on a server handle.
 *   RpcDeleteForm (opnum 31, 3.1.4.5.2).
 *   RpcSetForm (opnum 33, 3.1.4.5.6): the form of that name replaced by FORM_INFO_1.
 *   RpcDeletePrinterDriverEx (opnum 84, 3.1.4.4.7): dwDeleteFlag DPD_*, dwVersionNum.
 *
 * MS-PAR numbers the same messages as RpcAsyncAddPrinter, RpcAsyncDeletePrinter, RpcAsyncAddForm,
 * RpcAsyncSetForm, RpcAsyncDeleteForm and RpcAsyncDeletePrinterDriverEx (the stub's opnum table). A non-zero WERROR
 * becomes Win32Error(code).
 */
import type { FormInfo, NewPrinter, SplClientInfo1 } from '../../../spoolss/types';
import { RPRN_MESSAGES as M } from '../messages';
import type { RprnHandle } from '../messages/parameters';
import { formInfo1Record } from '../structures/info-records-from-domain';
import { check, type RprnClientStub } from './client-stub';
import { newPrinterRecord, splClientInfo1Record } from './info-records';

export class RprnAdminCalls {
  constructor(private readonly stub: RprnClientStub) {}

  /** RpcAddPrinterEx level 2: the new printer's handle (PRINTER_ALL_ACCESS for its creator). */
  async addPrinterEx(
    serverName: string | undefined,
    printerName: string,
    printer: NewPrinter,
    clientInfo: SplClientInfo1 | undefined,
  ): Promise<RprnHandle> {
    const res = await this.stub.call(M.RpcAddPrinterEx, {
      name: serverName,
      printerContainer: { level: 2, info: newPrinterRecord(printerName, printer) },
      devMode: printer.devMode,
      securityDescriptor: printer.securityDescriptor,
      clientInfo: { level: 1, ...(clientInfo !== undefined && { info: splClientInfo1Record(clientInfo) }) },
    });
    check(M.RpcAddPrinterEx, res.status, printerName);
    return res.handle;
  }

  deletePrinter(h: RprnHandle, printerName?: string): Promise<void> {
    return this.stub.status(M.RpcDeletePrinter, { hPrinter: h }, printerName);
  }

  addForm(h: RprnHandle, form: FormInfo): Promise<void> {
    return this.stub.status(
      M.RpcAddForm,
      { hPrinter: h, formContainer: { level: 1, info: formInfo1Record(form) } },
      form.name,
    );
  }

  setForm(h: RprnHandle, formName: string, form: FormInfo): Promise<void> {
    return this.stub.status(
      M.RpcSetForm,
      { hPrinter: h, formName, formContainer: { level: 1, info: formInfo1Record(form) } },
      formName,
    );
  }

  deleteForm(h: RprnHandle, formName: string): Promise<void> {
    return this.stub.status(M.RpcDeleteForm, { hPrinter: h, formName }, formName);
  }

  deletePrinterDriverEx(
    serverName: string | undefined,
    environment: string,
    driverName: string,
    deleteFlag: number,
    versionNum: number,
  ): Promise<void> {
    return this.stub.status(
      M.RpcDeletePrinterDriverEx,
      { name: serverName, environment, driverName, deleteFlag, versionNum },
      driverName,
    );
  }
}
