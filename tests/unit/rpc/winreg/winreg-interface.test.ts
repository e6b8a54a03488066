/**
 * winreg over a registry: open HKLM and keys below it, enumerate and query into the caller's
 * buffers (sizes as Windows answers them, request bytes built by hand as Samba sends them),
 * read-only access, a key the spooler deletes while a handle is open, malformed stubs.
 */
import { MalformedPacketError } from '../../../../lib/common/errors';
import type { AuthenticatedUser } from '../../../../lib/common/identity';
import { createSilentLogger } from '../../../../lib/common/logger';
import { regDword, regSz } from '../../../../lib/common/reg-value';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { FaultStatus } from '../../../../lib/rpc/constants';
import { decodeResponseStub } from '../../../../lib/rpc/ndr/ndr-message';
import type { RpcCallInfo } from '../../../../lib/rpc/server/rpc-interface';
import { BaseRegEnumKey } from '../../../../lib/rpc/winreg/messages/base-reg-enum-key';
import { BaseRegEnumValue } from '../../../../lib/rpc/winreg/messages/base-reg-enum-value';
import { BaseRegQueryInfoKey } from '../../../../lib/rpc/winreg/messages/base-reg-query-info-key';
import { BaseRegQueryValue } from '../../../../lib/rpc/winreg/messages/base-reg-query-value';
import { createWinregInterface } from '../../../../lib/rpc/winreg/winreg-interface';
import { WinregOpnum } from '../../../../lib/rpc/winreg/winreg-constants';
import { PRINTERS_KEY, Registry } from '../../../../lib/registry/registry-key';
import { Bytes } from '../../../helpers/hex';

const user = (admin: boolean): AuthenticatedUser => ({
  userName: admin ? 'admin' : 'alice',
  domain: 'NTPRINT',
  groups: [],
  isAdministrator: admin,
  isGuest: false,
  isAnonymous: false,
});
const info = (opnum: number, caller = user(false)): RpcCallInfo => ({
  callId: 1,
  opnum,
  contextId: 0,
  caller,
  authLevel: 1,
  transport: 'ncacn_np',
});

function fixture(): Registry {
  const registry = new Registry();
  const hp = registry.createKey(`${PRINTERS_KEY}\\HpColor`);
  hp.setValue(regSz('Name', 'HpColor'));
  hp.setValue(regDword('Priority', 1));
  hp.createKey('DsSpooler');
  hp.createKey('CopyFiles');
  return registry;
}

/** An RRP_UNICODE_STRING with its buffer right after it (top level), as Samba writes it. */
function rrp(b: Bytes, s: string | undefined, room?: number): Bytes {
  if (s === undefined)
    return b
      .pad(4)
      .u16(0)
      .u16(room ?? 0)
      .u32(0);
  const len = (s.length + 1) * 2;
  const max = room ?? len;
  b.pad(4).u16(len).u16(max).u32(0x20000);
  b.u32(max / 2)
    .u32(0)
    .u32(len / 2);
  return b.utf16z(s).pad(4);
}

describe('winreg', () => {
  const setup = async (caller = user(false), registry = fixture()) => {
    const reg = createWinregInterface({ registry: () => registry, logger: createSilentLogger() });
    const hklm = await reg.call(
      WinregOpnum.OpenLocalMachine,
      new Bytes().u32(0x20000).u16(0x5c).pad(4).u32(0x02000000).build(),
      info(2, caller),
    );
    expect(hklm.readUInt32LE(20)).toBe(0);
    const open = async (path: string, access = 0x02000000, options = 0): Promise<Buffer> =>
      reg.call(
        15,
        rrp(new Bytes().raw(hklm.subarray(0, 20)), path)
          .u32(options)
          .u32(access)
          .build(),
        info(15, caller),
      );
    return { reg, registry, hklm: hklm.subarray(0, 20), open };
  };

  it('OpenKey below HKLM; a missing key is ERROR_FILE_NOT_FOUND', async () => {
    const { open } = await setup();
    const hp = await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor');
    expect(hp.readUInt32LE(20)).toBe(0);
    const missing = await open('SYSTEM\\Nothing');
    expect(missing).toEqual(new Bytes().raw(Buffer.alloc(20)).u32(Win32ErrorCode.ERROR_FILE_NOT_FOUND).build());
  });

  it('a normal user asking for KEY_SET_VALUE gets ERROR_ACCESS_DENIED; writes are refused to an administrator too', async () => {
    const alice = await setup();
    expect((await alice.open('SYSTEM', 0x2)).readUInt32LE(20)).toBe(Win32ErrorCode.ERROR_ACCESS_DENIED);
    const admin = await setup(user(true));
    const key = (await admin.open('SYSTEM', 0x2)).subarray(0, 20);
    const set = rrp(new Bytes().raw(key), 'X').u32(1).u32(0x20000).u32(2).u16(0x79).u16(0).pad(4).u32(4).build();
    expect(await admin.reg.call(WinregOpnum.BaseRegSetValue, set, info(22, user(true)))).toEqual(
      new Bytes().u32(Win32ErrorCode.ERROR_ACCESS_DENIED).build(),
    );
    expect(admin.registry.getKey('HKLM\\SYSTEM')?.getValue('X')).toBeUndefined();
  });

  it('EnumKey answers into the room offered: the name, ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS', async () => {
    const { reg, open } = await setup();
    const hp = (await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor')).subarray(0, 20);
    const enumKey = async (index: number, room: number) =>
      decodeResponseStub(
        BaseRegEnumKey,
        await reg.call(9, rrp(new Bytes().raw(hp).u32(index), '', room).u32(0).u32(0).build(), info(9)),
      );
    expect(await enumKey(1, 512)).toEqual({ name: { value: 'CopyFiles', maximumLength: 512 }, status: 0 });
    expect((await enumKey(0, 8)).status).toBe(Win32ErrorCode.ERROR_MORE_DATA);
    expect((await enumKey(2, 512)).status).toBe(Win32ErrorCode.ERROR_NO_MORE_ITEMS);
  });

  it('QueryValue: the size alone, the data, and ERROR_MORE_DATA with the size needed; lpData is size_is(*lpcbData)', async () => {
    const { reg, open } = await setup();
    const hp = (await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor')).subarray(0, 20);
    const query = (cb: number, withData: boolean) => {
      const b = rrp(new Bytes().raw(hp), 'Name').u32(0x20004).u32(0); // lpType
      if (withData) b.u32(0x20008).u32(cb).u32(0).u32(0);
      else b.u32(0);
      return reg.call(17, b.u32(0x2000c).u32(cb).u32(0x20010).u32(0).build(), info(17));
    };
    expect(await query(0, false)).toEqual(
      new Bytes().u32(0x20000).u32(1).u32(0).u32(0x20004).u32(16).u32(0x20008).u32(0).u32(0).build(),
    );
    expect(await query(64, true)).toEqual(
      new Bytes()
        .u32(0x20000)
        .u32(1) // REG_SZ
        .u32(0x20004)
        .u32(16) // max_count = *lpcbData out
        .u32(0)
        .u32(16) // actual_count = *lpcbLen out
        .utf16z('HpColor')
        .u32(0x20008)
        .u32(16)
        .u32(0x2000c)
        .u32(16)
        .u32(0)
        .build(),
    );
    expect(await query(4, true)).toEqual(
      new Bytes()
        .u32(0x20000)
        .u32(1)
        .u32(0x20004)
        .u32(16)
        .u32(0)
        .u32(0)
        .u32(0x20008)
        .u32(16)
        .u32(0x2000c)
        .u32(0)
        .u32(Win32ErrorCode.ERROR_MORE_DATA)
        .build(),
    );
  });

  it('EnumValue and QueryInfoKey describe the key as the registry holds it', async () => {
    const { reg, open } = await setup();
    const hp = (await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor')).subarray(0, 20);
    const infoKey = decodeResponseStub(
      BaseRegQueryInfoKey,
      await reg.call(16, rrp(new Bytes().raw(hp), undefined).build(), info(16)),
    );
    expect(infoKey).toMatchObject({
      subKeys: 2,
      maxSubKeyLen: 18,
      values: 2,
      maxValueNameLen: 16,
      maxValueLen: 16,
      status: 0,
    });
    const b = rrp(new Bytes().raw(hp).u32(1), '', 512).u32(0x20004).u32(0).u32(0x20008).u32(64).u32(0).u32(0);
    const value = decodeResponseStub(
      BaseRegEnumValue,
      await reg.call(10, b.u32(0x2000c).u32(64).u32(0x20010).u32(0).build(), info(10)),
    );
    expect(value).toMatchObject({ name: { value: 'Priority' }, type: 4, cbData: 4, cbLen: 4, status: 0 });
    expect(value.data?.data).toEqual(Buffer.from([1, 0, 0, 0]));
  });

  it('the printers are also under SOFTWARE\\...\\Print\\Printers; REG_OPTION_OPEN_LINK opens the Control key as the link it is', async () => {
    const { reg, open } = await setup();
    const query = async (key: Buffer, name: string) => {
      const b = rrp(new Bytes().raw(key), name).u32(0x20004).u32(0).u32(0x20008).u32(256).u32(0).u32(0);
      return decodeResponseStub(
        BaseRegQueryValue,
        await reg.call(17, b.u32(0x2000c).u32(256).u32(0x20010).u32(0).build(), info(17)),
      );
    };
    const soft = await open('SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Print\\Printers\\hpcolor');
    expect(soft.readUInt32LE(20)).toBe(0);
    expect((await query(soft.subarray(0, 20), 'Name')).data?.data).toEqual(Buffer.from('HpColor\0', 'utf16le'));
    const link = await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers', 0x02000000, 0x8);
    expect(link.readUInt32LE(20)).toBe(0);
    const target = await query(link.subarray(0, 20), 'SymbolicLinkValue');
    expect(target).toMatchObject({ type: 6, status: 0 }); // REG_LINK
    // No terminating NUL, as Windows stores a link's target.
    expect(target.data?.data).toEqual(
      Buffer.from('\\Registry\\Machine\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Print\\Printers', 'utf16le'),
    );
    // Without the option the same path opens the target, which has no such value.
    const printers = await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers');
    expect((await query(printers.subarray(0, 20), 'SymbolicLinkValue')).status).toBe(
      Win32ErrorCode.ERROR_FILE_NOT_FOUND,
    );
  });

  it('a key deleted under an open handle answers ERROR_KEY_DELETED; a closed handle faults', async () => {
    const { reg, registry, open } = await setup();
    const hp = (await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor')).subarray(0, 20);
    registry.deleteKey(`${PRINTERS_KEY}\\HpColor`);
    const res = decodeResponseStub(
      BaseRegQueryInfoKey,
      await reg.call(16, rrp(new Bytes().raw(hp), undefined).build(), info(16)),
    );
    expect(res.status).toBe(Win32ErrorCode.ERROR_KEY_DELETED);
    expect(await reg.call(5, hp, info(5))).toEqual(Buffer.alloc(24));
    await expect(reg.call(16, rrp(new Bytes().raw(hp), undefined).build(), info(16))).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
  });

  it('malformed: an odd Length, an actual_count that disagrees with Length, a truncated stub', async () => {
    const { reg, hklm } = await setup();
    const odd = new Bytes().raw(hklm).u16(3).u16(4).u32(0x20000).u32(2).u32(0).u32(2).u32(0).u32(0).build();
    await expect(reg.call(15, odd, info(15))).rejects.toBeInstanceOf(MalformedPacketError);
    const disagree = new Bytes().raw(hklm).u16(4).u16(4).u32(0x20000).u32(2).u32(0).u32(1).u32(0).u32(0).build();
    await expect(reg.call(15, disagree, info(15))).rejects.toBeInstanceOf(MalformedPacketError);
    await expect(reg.call(17, hklm.subarray(0, 12), info(17))).rejects.toBeInstanceOf(MalformedPacketError);
  });

  it("a key handle answers only to the account that opened it: another's call faults with nca_s_fault_context_mismatch", async () => {
    const { reg, open } = await setup(user(false));
    const hp = (await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor')).subarray(0, 20);
    const query = rrp(new Bytes().raw(hp), undefined).build();
    await expect(reg.call(16, query, info(16, user(true)))).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    // Nor can the other account close it: the opener still uses it.
    await expect(reg.call(5, hp, info(5, user(true)))).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    expect(decodeResponseStub(BaseRegQueryInfoKey, await reg.call(16, query, info(16))).status).toBe(0);
  });

  it('QueryInfoKey and EnumKey give last-write times: a key changes when a value or subkey of it does', async () => {
    const T0 = Date.UTC(2026, 11, 5, 6, 0, 0);
    const now = jest.spyOn(Date, 'now').mockReturnValue(T0);
    try {
      const { reg, open, registry } = await setup();
      const filetime = (ms: number): bigint => (BigInt(ms) + 11644473600000n) * 10000n;
      const printers = (await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers')).subarray(0, 20);
      const hp = (await open('SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor')).subarray(0, 20);
      const queryTime = async (h: Buffer): Promise<bigint> =>
        decodeResponseStub(
          BaseRegQueryInfoKey,
          await reg.call(16, rrp(new Bytes().raw(h), undefined).build(), info(16)),
        ).lastWriteTime;
      // lpClassIn NULL, lpftLastWriteTime asked for.
      const enumTime = async (h: Buffer, index: number): Promise<bigint | undefined> =>
        decodeResponseStub(
          BaseRegEnumKey,
          await reg.call(
            9,
            rrp(new Bytes().raw(h).u32(index), '', 512).u32(0).u32(0x20008).u32(0).u32(0).build(),
            info(9),
          ),
        ).lastWriteTime;
      expect(await queryTime(hp)).toBe(filetime(T0));

      now.mockReturnValue(T0 + 60_000);
      registry.getKey(`${PRINTERS_KEY}\\HpColor`)?.setValue(regSz('Location', 'Floor 3'));
      expect(await queryTime(hp)).toBe(filetime(T0 + 60_000));
      expect(await enumTime(printers, 0)).toBe(filetime(T0 + 60_000));
      // The parent did not change: a value of a subkey is not the parent's.
      expect(await queryTime(printers)).toBe(filetime(T0));

      now.mockReturnValue(T0 + 120_000);
      registry.deleteKey(`${PRINTERS_KEY}\\HpColor\\CopyFiles`);
      expect(await queryTime(hp)).toBe(filetime(T0 + 120_000));
    } finally {
      now.mockRestore();
    }
  });
});
