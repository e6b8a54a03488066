/**
 * The LSA interface over the NTPRINT accounts: policy handles, the policy information classes
 * net and rpcclient ask for (expected bytes built by hand, field by field), name and SID lookups,
 * access, and malformed stubs.
 */
import { MalformedPacketError, RpcFaultError } from '../../../../lib/common/errors';
import type { AuthenticatedUser } from '../../../../lib/common/identity';
import { createSilentLogger } from '../../../../lib/common/logger';
import { NtStatus } from '../../../../lib/common/status/ntstatus';
import { createAccountDirectory } from '../../../../lib/host/account-directory';
import { FaultStatus } from '../../../../lib/rpc/constants';
import { createLsarpcInterface } from '../../../../lib/rpc/lsarpc/lsarpc-interface';
import { LsarOpnum } from '../../../../lib/rpc/lsarpc/lsarpc-constants';
import { LsarLookupNames3 } from '../../../../lib/rpc/lsarpc/messages/lsar-lookup-names';
import { LsarLookupSids } from '../../../../lib/rpc/lsarpc/messages/lsar-lookup-sids';
import { decodeResponseStub } from '../../../../lib/rpc/ndr/ndr-message';
import type { RpcCallInfo } from '../../../../lib/rpc/server/rpc-interface';
import { machineSid } from '../../../../lib/spooler/handles/printer-security-descriptor';
import { Bytes } from '../../../helpers/hex';

const user = (name: string, admin: boolean, anonymous = false): AuthenticatedUser => ({
  userName: name,
  domain: 'NTPRINT',
  groups: admin ? ['Administrators'] : ['Users'],
  isAdministrator: admin,
  isGuest: false,
  isAnonymous: anonymous,
});
const ALICE = user('alice', false);
const info = (opnum: number, caller: AuthenticatedUser | undefined = ALICE): RpcCallInfo => ({
  callId: 1,
  opnum,
  contextId: 0,
  caller,
  authLevel: 1,
  transport: 'ncacn_np',
});
const directory = createAccountDirectory('NTPRINT', 'WORKGROUP', [
  { name: 'alice', password: 'x', groups: ['Users'] },
  { name: 'admin', password: 'x', groups: ['Administrators'] },
  { name: 'carol', password: 'x', groups: ['Users', 'Printer Admins'] },
]);
const SID = machineSid('NTPRINT');
const SUBS = SID.split('-').slice(4).map(Number);

/** LsarOpenPolicy2 as Samba's client sends it: SystemName "\\NTPRINT", a QoS, the access. */
function openPolicy2Stub(access: number): Buffer {
  return new Bytes()
    .u32(0x20000)
    .ndrString('\\\\NTPRINT')
    .pad(4)
    .u32(24) // ObjectAttributes.Length
    .u32(0) // RootDirectory NULL
    .u32(0) // ObjectName NULL
    .u32(0) // Attributes
    .u32(0) // SecurityDescriptor NULL
    .u32(0x20004) // SecurityQualityOfService
    .u32(12)
    .u16(2)
    .u8(1)
    .u8(0) // deferred QoS
    .u32(access)
    .build();
}

describe('lsarpc', () => {
  const open = async (lsa = createLsarpcInterface({ directory, logger: createSilentLogger() }), caller = ALICE) => {
    const out = await lsa.call(LsarOpnum.LsarOpenPolicy2, openPolicy2Stub(0x02000000), info(44, caller));
    return { lsa, out, handle: out.subarray(0, 20) };
  };

  it('LsarOpenPolicy2 gives an authenticated caller a handle, an anonymous one STATUS_ACCESS_DENIED', async () => {
    const { out } = await open();
    expect(out).toHaveLength(24);
    expect(out.subarray(4, 20).equals(Buffer.alloc(16))).toBe(false);
    expect(out.readUInt32LE(20)).toBe(NtStatus.STATUS_SUCCESS);
    const anon = await open(undefined, user('', false, true));
    expect(anon.out.subarray(0, 20).equals(Buffer.alloc(20))).toBe(true);
    expect(anon.out.readUInt32LE(20)).toBe(NtStatus.STATUS_ACCESS_DENIED);
  });

  it('a normal user asking for a write right is refused; an administrator is not', async () => {
    const lsa = createLsarpcInterface({ directory, logger: createSilentLogger() });
    const secret = openPolicy2Stub(0x00000020); // POLICY_CREATE_SECRET
    expect((await lsa.call(44, secret, info(44))).readUInt32LE(20)).toBe(NtStatus.STATUS_ACCESS_DENIED);
    expect((await lsa.call(44, secret, info(44, user('admin', true)))).readUInt32LE(20)).toBe(0);
  });

  it('LsarQueryInformationPolicy(PolicyAccountDomainInformation): the machine name and SID', async () => {
    const { lsa, handle } = await open();
    const out = await lsa.call(LsarOpnum.LsarQueryInformationPolicy, new Bytes().raw(handle).u16(5).build(), info(7));
    const expected = new Bytes()
      .u32(0x20000) // [unique] PolicyInformation
      .u16(5) // union discriminant: PolicyAccountDomainInformation
      .pad(4)
      .u16(14) // DomainName.Length (bytes)
      .u16(14) // DomainName.MaximumLength
      .u32(0x20004) // DomainName.Buffer
      .u32(0x20008) // DomainSid
      .u32(7) // deferred buffer: max_count, offset, actual_count, "NTPRINT"
      .u32(0)
      .u32(7)
      .raw(Buffer.from('NTPRINT', 'utf16le'))
      .pad(4)
      .u32(4) // RPC_SID: max_count (SubAuthorityCount)
      .u8(1)
      .u8(4)
      .raw([0, 0, 0, 0, 0, 5]) // S-1-5
      .u32(21);
    for (const s of SUBS) expected.u32(s);
    expect(out).toEqual(expected.u32(0).build());
  });

  it('LsarQueryInformationPolicy(PolicyPrimaryDomainInformation): the workgroup, no SID; a bad class STATUS_INVALID_PARAMETER', async () => {
    const { lsa, handle } = await open();
    const out = await lsa.call(7, new Bytes().raw(handle).u16(3).build(), info(7));
    const expected = new Bytes()
      .u32(0x20000)
      .u16(3)
      .pad(4)
      .u16(18)
      .u16(18)
      .u32(0x20004)
      .u32(0) // Sid NULL
      .u32(9)
      .u32(0)
      .u32(9)
      .raw(Buffer.from('WORKGROUP', 'utf16le'))
      .pad(4)
      .u32(0);
    expect(out).toEqual(expected.build());
    const bad = await lsa.call(7, new Bytes().raw(handle).u16(2).build(), info(7));
    expect(bad).toEqual(new Bytes().u32(0).u32(NtStatus.STATUS_INVALID_PARAMETER).build());
  });

  it('LsarLookupNames3: users, BUILTIN and machine groups, unknown names; the status counts them', async () => {
    const { lsa, handle } = await open();
    const names = ['alice', 'NTPRINT\\carol', 'Administrators', 'Printer Admins', 'nobody'];
    const stub = new Bytes().raw(handle).u32(names.length).u32(names.length);
    names.forEach((n, i) =>
      stub
        .u16(n.length * 2)
        .u16(n.length * 2)
        .u32(0x20000 + 4 * i),
    );
    for (const n of names) stub.u32(n.length).u32(0).u32(n.length).raw(Buffer.from(n, 'utf16le')).pad(4);
    stub.u32(0).u32(0).u16(1).pad(4).u32(0).u32(0).u32(2);
    const res = decodeResponseStub(
      LsarLookupNames3,
      await lsa.call(LsarOpnum.LsarLookupNames3, stub.build(), info(68)),
    );
    expect(res.status).toBe(NtStatus.STATUS_SOME_NOT_MAPPED);
    expect(res.mappedCount).toBe(4);
    expect(res.referencedDomains?.map((d) => d.name)).toEqual(['NTPRINT', 'BUILTIN']);
    expect(res.translatedSids.map((t) => [t.use, t.sid, t.domainIndex])).toEqual([
      [1, `${SID}-1000`, 0],
      [1, `${SID}-1002`, 0],
      [4, 'S-1-5-32-544', 1],
      [4, `${SID}-1003`, 0],
      [8, undefined, -1],
    ]);
  });

  it('LsarLookupSids: names of known SIDs; STATUS_NONE_MAPPED when none is known', async () => {
    const { lsa, handle } = await open();
    const sidsStub = (sids: string[]): Buffer => {
      const b = new Bytes().raw(handle).u32(sids.length).u32(0x20000).u32(sids.length);
      sids.forEach((_, i) => b.u32(0x20004 + 4 * i));
      for (const s of sids) {
        const parts = s.split('-').slice(3).map(Number);
        b.u32(parts.length)
          .u8(1)
          .u8(parts.length)
          .raw([0, 0, 0, 0, 0, Number(s.split('-')[2])]);
        for (const p of parts) b.u32(p);
      }
      return b.u32(0).u32(0).u16(1).pad(4).u32(0).build();
    };
    const res = decodeResponseStub(LsarLookupSids, await lsa.call(15, sidsStub([`${SID}-1001`, 'S-1-1-0']), info(15)));
    expect(res.status).toBe(0);
    expect(res.translatedNames.map((t) => [t.name, t.use])).toEqual([
      ['admin', 1],
      ['Everyone', 5],
    ]);
    const none = decodeResponseStub(LsarLookupSids, await lsa.call(15, sidsStub(['S-1-5-21-1-2-3-500']), info(15)));
    expect(none.status).toBe(NtStatus.STATUS_NONE_MAPPED);
    expect(none.translatedNames[0]).toMatchObject({ use: 8, name: 'S-1-5-21-1-2-3-500', domainIndex: -1 });
  });

  it('an unknown or closed handle faults context_mismatch; an unknown opnum op_rng', async () => {
    const { lsa, handle } = await open();
    const closed = await lsa.call(LsarOpnum.LsarClose, handle, info(0));
    expect(closed).toEqual(Buffer.alloc(24));
    await expect(lsa.call(7, new Bytes().raw(handle).u16(5).build(), info(7))).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    await expect(lsa.call(99, Buffer.alloc(0), info(99))).rejects.toBeInstanceOf(RpcFaultError);
  });

  it('malformed stubs are MalformedPacketError: truncated, a count beyond the IDL range, a string longer than the stub', async () => {
    const { lsa, handle } = await open();
    await expect(lsa.call(14, handle.subarray(0, 10), info(14))).rejects.toBeInstanceOf(MalformedPacketError);
    const tooMany = new Bytes().raw(handle).u32(1001).u32(1001).build();
    await expect(lsa.call(14, tooMany, info(14))).rejects.toBeInstanceOf(MalformedPacketError);
    const longString = new Bytes()
      .raw(handle)
      .u32(1)
      .u32(1)
      .u16(8)
      .u16(8)
      .u32(0x20000)
      .u32(0x7fffffff)
      .u32(0)
      .u32(4)
      .build();
    await expect(lsa.call(14, longString, info(14))).rejects.toBeInstanceOf(MalformedPacketError);
  });

  it("a policy handle answers only to the account that opened it: another's call faults with nca_s_fault_context_mismatch", async () => {
    const { lsa, handle } = await open();
    const query = new Bytes().raw(handle).u16(5).build();
    await expect(
      lsa.call(LsarOpnum.LsarQueryInformationPolicy, query, info(7, user('admin', true))),
    ).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    expect((await lsa.call(LsarOpnum.LsarQueryInformationPolicy, query, info(7))).readUInt32LE(0)).not.toBe(0);
  });
});
