/**
 * SAMR as far as account lookups go: SamrConnect5 (bytes built by hand), the domains of the
 * server, opening one by SID, names to RIDs and back; read-only access, handle kinds, malformed
 * stubs.
 */
import { MalformedPacketError } from '../../../../lib/common/errors';
import type { AuthenticatedUser } from '../../../../lib/common/identity';
import { createSilentLogger } from '../../../../lib/common/logger';
import { NtStatus } from '../../../../lib/common/status/ntstatus';
import { createAccountDirectory } from '../../../../lib/host/account-directory';
import { decodeResponseStub } from '../../../../lib/rpc/ndr/ndr-message';
import {
  SamrLookupIdsInDomain,
  SamrLookupNamesInDomain,
} from '../../../../lib/rpc/samr/messages/samr-lookup-in-domain';
import {
  SamrEnumerateDomainsInSamServer,
  SamrLookupDomainInSamServer,
} from '../../../../lib/rpc/samr/messages/samr-lookup-domain';
import { createSamrInterface } from '../../../../lib/rpc/samr/samr-interface';
import { FaultStatus } from '../../../../lib/rpc/constants';
import { SamrOpnum } from '../../../../lib/rpc/samr/samr-constants';
import type { RpcCallInfo } from '../../../../lib/rpc/server/rpc-interface';
import { machineSid } from '../../../../lib/spooler/handles/printer-security-descriptor';
import { Bytes } from '../../../helpers/hex';

const alice: AuthenticatedUser = {
  userName: 'alice',
  domain: 'NTPRINT',
  groups: ['Users'],
  isAdministrator: false,
  isGuest: false,
  isAnonymous: false,
};
const info = (opnum: number, caller: AuthenticatedUser = alice): RpcCallInfo => ({
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
]);
const SID = machineSid('NTPRINT');

const unicode = (b: Bytes, s: string): Bytes =>
  b
    .pad(4)
    .u16(s.length * 2)
    .u16(s.length * 2)
    .u32(0x20000)
    .u32(s.length)
    .u32(0)
    .u32(s.length)
    .raw(Buffer.from(s, 'utf16le'))
    .pad(4);

describe('samr', () => {
  const connect = async (access = 0x02000000) => {
    const samr = createSamrInterface({ directory, logger: createSilentLogger() });
    const stub = new Bytes()
      .u32(0x20000)
      .ndrString('\\\\NTPRINT')
      .pad(4)
      .u32(access)
      .u32(1)
      .u32(1)
      .u32(3)
      .u32(0)
      .build();
    const out = await samr.call(SamrOpnum.SamrConnect5, stub, info(64));
    return { samr, out, server: out.subarray(16, 36) };
  };

  it('SamrConnect5: version 1, revision 3, a server handle; write rights refused to a normal user', async () => {
    const { out } = await connect();
    expect(out.subarray(0, 16)).toEqual(new Bytes().u32(1).u32(1).u32(3).u32(0).build());
    expect(out.readUInt32LE(36)).toBe(0);
    const denied = await connect(0x00000008); // SAM_SERVER_CREATE_DOMAIN
    expect(denied.out.readUInt32LE(36)).toBe(NtStatus.STATUS_ACCESS_DENIED);
  });

  it('the server has two domains, NTPRINT (the machine SID) and Builtin; others STATUS_NO_SUCH_DOMAIN', async () => {
    const { samr, server } = await connect();
    const list = decodeResponseStub(
      SamrEnumerateDomainsInSamServer,
      await samr.call(6, new Bytes().raw(server).u32(0).u32(0xffffffff).build(), info(6)),
    );
    expect(list.buffer?.map((d) => d.name)).toEqual(['NTPRINT', 'Builtin']);
    const lookup = async (name: string) =>
      decodeResponseStub(
        SamrLookupDomainInSamServer,
        await samr.call(5, unicode(new Bytes().raw(server), name).build(), info(5)),
      );
    expect(await lookup('ntprint')).toEqual({ domainId: SID, status: 0 });
    expect(await lookup('Builtin')).toEqual({ domainId: 'S-1-5-32', status: 0 });
    expect((await lookup('ELSEWHERE')).status).toBe(NtStatus.STATUS_NO_SUCH_DOMAIN);
  });

  it('names to RIDs and back in the account domain', async () => {
    const { samr, server } = await connect();
    const subs = SID.split('-').slice(3).map(Number);
    const open = new Bytes().raw(server).u32(0x02000000).u32(subs.length).u8(1).u8(subs.length).raw([0, 0, 0, 0, 0, 5]);
    for (const s of subs) open.u32(s);
    const opened = await samr.call(7, open.build(), info(7));
    expect(opened.readUInt32LE(20)).toBe(0);
    const domain = opened.subarray(0, 20);
    const names = ['admin', 'nobody'];
    const req = new Bytes().raw(domain).u32(names.length).u32(1000).u32(0).u32(names.length);
    names.forEach((n, i) =>
      req
        .u16(n.length * 2)
        .u16(n.length * 2)
        .u32(0x20000 + 4 * i),
    );
    for (const n of names) req.u32(n.length).u32(0).u32(n.length).raw(Buffer.from(n, 'utf16le')).pad(4);
    const looked = decodeResponseStub(SamrLookupNamesInDomain, await samr.call(17, req.build(), info(17)));
    expect(looked).toEqual({ relativeIds: [1001, 0], use: [1, 8], status: NtStatus.STATUS_SOME_NOT_MAPPED });
    const ids = decodeResponseStub(
      SamrLookupIdsInDomain,
      await samr.call(18, new Bytes().raw(domain).u32(1).u32(1000).u32(0).u32(1).u32(1000).build(), info(18)),
    );
    expect(ids).toEqual({ names: ['alice'], use: [1], status: 0 });
    // A server handle is not a domain handle.
    const wrong = decodeResponseStub(
      SamrLookupNamesInDomain,
      await samr.call(17, new Bytes().raw(server).u32(0).u32(1000).u32(0).u32(0).build(), info(17)),
    );
    expect(wrong.status).toBe(NtStatus.STATUS_OBJECT_TYPE_MISMATCH);
  });

  it('malformed: Count beyond 1000, actual_count other than Count', async () => {
    const { samr, server } = await connect();
    await expect(
      samr.call(18, new Bytes().raw(server).u32(1001).u32(1000).u32(0).u32(1001).build(), info(18)),
    ).rejects.toBeInstanceOf(MalformedPacketError);
    await expect(
      samr.call(18, new Bytes().raw(server).u32(2).u32(1000).u32(0).u32(1).u32(5).build(), info(18)),
    ).rejects.toBeInstanceOf(MalformedPacketError);
  });

  it("a server handle answers only to the account that opened it: another's call faults with nca_s_fault_context_mismatch", async () => {
    const { samr, server } = await connect();
    const enumerate = new Bytes().raw(server).u32(0).u32(0xffffffff).build();
    const admin: AuthenticatedUser = { ...alice, userName: 'admin', isAdministrator: true };
    await expect(samr.call(6, enumerate, info(6, admin))).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    const theirs = decodeResponseStub(SamrEnumerateDomainsInSamServer, await samr.call(6, enumerate, info(6)));
    expect(theirs.buffer?.map((d) => d.name)).toEqual(['NTPRINT', 'Builtin']);
  });
});
