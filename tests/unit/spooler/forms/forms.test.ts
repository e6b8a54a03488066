import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { RegType } from '../../../../lib/common/reg-value';
import { PRINT_KEY } from '../../../../lib/registry/registry-key';
import { FormFlags } from '../../../../lib/spooler/forms/builtin-forms';
import {
  ADMIN,
  ALICE,
  createTestServer,
  expectWin32,
  openPrinter as open,
  type TestServer,
} from '../../../helpers/test-print-server';

/** A user form as Windows stores it: DWORDs cx, cy, left, top, right, bottom, index, flags. */
function storedForm(...dwords: number[]): Buffer {
  const b = Buffer.alloc(dwords.length * 4);
  dwords.forEach((d, i) => b.writeUInt32LE(d, i * 4));
  return b;
}

describe('forms', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });

  it('GetForm finds a built-in form by name, case-insensitive, in thousandths of a millimetre', async () => {
    const h = await open(t.server, 'HpColor', ALICE);
    const a4 = await t.server.getForm(h, 'a4');
    expect([a4.width, a4.height, a4.flags]).toEqual([210000, 297000, FormFlags.FORM_BUILTIN]);
    const letter = await t.server.getForm(h, 'Letter');
    expect([letter.width, letter.height]).toEqual([215900, 279400]);
    expect((await t.server.getForm(h, 'Legal')).height).toBe(355600);
    await expectWin32(t.server.getForm(h, 'Napkin'), Win32ErrorCode.ERROR_INVALID_FORM_NAME);
  });

  it('EnumForms lists the built-in forms, then the user forms of the registry (a short value is skipped)', async () => {
    const forms = t.registry.createKey(`${PRINT_KEY}\\Forms`);
    forms.setValue({
      name: 'Label 4x6',
      type: RegType.REG_BINARY,
      value: storedForm(101600, 152400, 1000, 2000, 100600, 150400, 0, 0),
    });
    forms.setValue({ name: 'Broken', type: RegType.REG_BINARY, value: storedForm(1, 2, 3) });
    const h = await open(t.server, 'HpColor', ALICE);
    const all = await t.server.enumForms(h);
    expect(all[0]?.flags).toBe(FormFlags.FORM_BUILTIN);
    expect(all.map((f) => f.name)).not.toContain('Broken');
    const label = await t.server.getForm(h, 'label 4x6');
    expect(label).toEqual({
      flags: FormFlags.FORM_USER,
      name: 'Label 4x6',
      width: 101600,
      height: 152400,
      imageableArea: { left: 1000, top: 2000, right: 100600, bottom: 150400 },
    });
    expect(all[all.length - 1]).toEqual(label);
  });

  it('needs an open handle', async () => {
    const h = await open(t.server, 'HpColor', ALICE);
    await t.server.closePrinter(h);
    await expectWin32(t.server.enumForms(h), Win32ErrorCode.ERROR_INVALID_HANDLE);
  });
});

describe('AddForm, SetForm, DeleteForm', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  const form = (name: string, flags: number = FormFlags.FORM_USER) => ({
    flags,
    name,
    width: 50,
    height: 25,
    imageableArea: { left: 5, top: 10, right: 45, bottom: 15 },
  });

  it('adds a user form as Windows stores it (32 bytes, index and flags), changes it and deletes it', async () => {
    const h = await open(t.server, '', ADMIN, 0x02000000);
    await t.server.addForm(h, form('Label', FormFlags.FORM_PRINTER));
    const stored = t.registry.getKey(`${PRINT_KEY}\\Forms`)?.getValue('Label')?.value as Buffer;
    expect(stored.length).toBe(32);
    expect(stored.readUInt32LE(28)).toBe(FormFlags.FORM_PRINTER);
    expect((await t.server.getForm(h, 'label')).flags).toBe(FormFlags.FORM_PRINTER);
    await expectWin32(t.server.addForm(h, form('LABEL')), Win32ErrorCode.ERROR_FILE_EXISTS);
    await t.server.setForm(h, 'label', { ...form('ignored'), width: 1234 });
    expect(await t.server.getForm(h, 'Label')).toMatchObject({ name: 'Label', width: 1234 });
    await t.server.deleteForm(h, 'Label');
    await expectWin32(t.server.deleteForm(h, 'Label'), Win32ErrorCode.ERROR_INVALID_FORM_NAME);
    // Logged as Windows logs them: 312 Form added, 313 Form deleted.
    expect(t.server.events.recent(10).map((e) => e.id)).toEqual(expect.arrayContaining([312, 313]));
  });

  it("answers Windows' statuses: built-in forms stay, unknown flags are refused, users may not change forms", async () => {
    const h = await open(t.server, '', ADMIN, 0x02000000);
    await expectWin32(t.server.addForm(h, form('Letter')), Win32ErrorCode.ERROR_FILE_EXISTS);
    await expectWin32(t.server.deleteForm(h, 'Letter'), Win32ErrorCode.ERROR_INVALID_PARAMETER);
    await expectWin32(t.server.setForm(h, 'A4', form('A4')), Win32ErrorCode.ERROR_INVALID_PARAMETER);
    await expectWin32(t.server.addForm(h, form('odd', 12345)), Win32ErrorCode.ERROR_INVALID_PARAMETER);
    await expectWin32(t.server.deleteForm(h, 'odd'), Win32ErrorCode.ERROR_INVALID_FORM_NAME);
    const user = await open(t.server, 'HpColor', ALICE);
    await expectWin32(t.server.addForm(user, form('Mine')), Win32ErrorCode.ERROR_ACCESS_DENIED);
    expect(t.registry.getKey(`${PRINT_KEY}\\Forms`)?.getValue('Mine')).toBeUndefined();
  });
});
