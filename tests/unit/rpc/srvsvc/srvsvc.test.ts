import type { AuthenticatedUser } from '../../../../lib/common/identity';
import { createSrvsvcInterface, type SrvsvcOptions } from '../../../../lib/rpc/srvsvc/srvsvc-interface';
import { FaultStatus } from '../../../../lib/rpc/constants';
import { Bytes } from '../../../helpers/hex';

const user = (isAdministrator: boolean): AuthenticatedUser => ({
  userName: 'alice',
  domain: 'WORKGROUP',
  groups: [],
  isAdministrator,
  isGuest: false,
  isAnonymous: false,
});
const shares = [
  { name: 'HpColor', type: 1, comment: 'Colour laser' },
  { name: 'IPC$', type: 0x80000003, comment: 'Remote IPC' },
];
const info = { callId: 1, opnum: 15, contextId: 0 };

/** The interface, called as `user` (the identity a connection passes with each call). */
function srvsvc(options: SrvsvcOptions & { readonly user: AuthenticatedUser }) {
  const { user: caller, ...rest } = options;
  const iface = createSrvsvcInterface(rest);
  return {
    call: (opnum: number, stub: Buffer, i: typeof info) =>
      iface.call(opnum, stub, { ...i, caller, authLevel: 1, transport: 'ncacn_np' }),
  };
}

/** NetrShareEnum as smbclient -L sends it (level 1, empty container, resume handle 0). */
function shareEnumRequest(level: number): Buffer {
  return new Bytes()
    .u32(0x20000)
    .ndrString('\\\\127.0.0.1')
    .pad(4)
    .u32(level)
    .u32(level)
    .u32(0x20004) // SHARE_ENUM_STRUCT: Level, union tag, container referent
    .u32(0)
    .u32(0) // container: EntriesRead 0, Buffer NULL
    .u32(0xffffffff) // PreferedMaximumLength
    .u32(0x20008)
    .u32(0) // ResumeHandle
    .build();
}

describe('srvsvc NetrShareEnum', () => {
  it('answers level 1 with every share, laid out as NDR defers it', async () => {
    const iface = srvsvc({ shares: () => shares, serverName: 'NTPRINT', user: user(false) });
    const out = await iface.call(15, shareEnumRequest(1), info);
    const expected = new Bytes()
      .u32(1)
      .u32(1)
      .u32(0x20000) // Level, tag, container referent
      .u32(2)
      .u32(0x20004) // EntriesRead, Buffer referent
      .u32(2) // max_count
      .u32(0x20008)
      .u32(1)
      .u32(0x2000c) // HpColor
      .u32(0x20010)
      .u32(0x80000003)
      .u32(0x20014) // IPC$
      .ndrString('HpColor')
      .ndrString('Colour laser')
      .ndrString('IPC$')
      .ndrString('Remote IPC')
      .pad(4)
      .u32(2) // TotalEntries
      .u32(0x20018)
      .u32(0) // ResumeHandle
      .u32(0) // status
      .build();
    expect(out.toString('hex')).toBe(expected.toString('hex'));
  });

  it('level 2 needs an administrator', async () => {
    const denied = await srvsvc({ shares: () => shares, serverName: 'NTPRINT', user: user(false) }).call(
      15,
      shareEnumRequest(2),
      info,
    );
    expect(denied.readUInt32LE(denied.length - 4)).toBe(5);
    const ok = await srvsvc({ shares: () => shares, serverName: 'NTPRINT', user: user(true) }).call(
      15,
      shareEnumRequest(2),
      info,
    );
    expect(ok.readUInt32LE(ok.length - 4)).toBe(0);
    expect(ok.includes(Buffer.from('Remote IPC', 'utf16le'))).toBe(true);
  });

  it('an unknown level is ERROR_INVALID_LEVEL', async () => {
    const out = await srvsvc({ shares: () => shares, serverName: 'NTPRINT', user: user(true) }).call(
      15,
      shareEnumRequest(501),
      info,
    );
    expect(out.readUInt32LE(out.length - 4)).toBe(124);
  });
});

describe('srvsvc NetrServerGetInfo', () => {
  it('answers level 101', async () => {
    const iface = srvsvc({
      shares: () => shares,
      serverName: 'NTPRINT',
      comment: 'print server',
      user: user(false),
    });
    const out = await iface.call(21, new Bytes().u32(0x20000).ndrString('\\\\127.0.0.1').pad(4).u32(101).build(), {
      ...info,
      opnum: 21,
    });
    const expected = new Bytes()
      .u32(101)
      .u32(0x20000) // union tag, SERVER_INFO_101 referent
      .u32(500)
      .u32(0x20004)
      .u32(10)
      .u32(0)
      .u32(0x9203)
      .u32(0x20008)
      .ndrString('NTPRINT')
      .ndrString('print server')
      .pad(4)
      .u32(0)
      .build();
    expect(out.toString('hex')).toBe(expected.toString('hex'));
  });

  it('faults other opnums', async () => {
    const iface = srvsvc({ shares: () => shares, serverName: 'NTPRINT', user: user(false) });
    await expect(iface.call(16, Buffer.alloc(0), info)).rejects.toMatchObject({
      status: FaultStatus.NCA_S_OP_RNG_ERROR,
    });
  });
});
