/**
 * The auxiliary pipes' request decoders ([MS-LSAD]/[MS-LSAT] on lsarpc, [MS-SAMR] on samr,
 * [MS-RRP] on winreg): one target per request message (the stub as the server decodes it), and
 * one per pipe for the server behind it — a live interface instance with its handles open (the
 * policy handle; SAMR's server and domain handles; HKLM and a printer's key over a registry that
 * holds every kind of value), where the first byte picks the opnum and a handle-first request's
 * 20 handle bytes are replaced by a live handle, so that mutations reach the methods' own checks
 * (the room a caller offers, counts, levels, the value bytes answered). Seeds are real clients'
 * requests (aux-pipe-seeds.ts).
 */
import { decodeRegData, RegType, regDword, regMultiSz, regSz } from '../../../lib/common/reg-value';
import type { AuthenticatedUser } from '../../../lib/common/identity';
import { createSilentLogger } from '../../../lib/common/logger';
import { createAccountDirectory } from '../../../lib/host/account-directory';
import { LsarOpnum } from '../../../lib/rpc/lsarpc/lsarpc-constants';
import { createLsarpcInterface } from '../../../lib/rpc/lsarpc/lsarpc-interface';
import { LsarClose } from '../../../lib/rpc/lsarpc/messages/lsar-close';
import {
  LsarLookupNames,
  LsarLookupNames2,
  LsarLookupNames3,
} from '../../../lib/rpc/lsarpc/messages/lsar-lookup-names';
import { LsarLookupSids, LsarLookupSids2 } from '../../../lib/rpc/lsarpc/messages/lsar-lookup-sids';
import { LsarOpenPolicy, LsarOpenPolicy2 } from '../../../lib/rpc/lsarpc/messages/lsar-open-policy';
import {
  LsarQueryInformationPolicy,
  LsarQueryInformationPolicy2,
} from '../../../lib/rpc/lsarpc/messages/lsar-query-information-policy';
import {
  decodeRequestStub,
  decodeResponseStub,
  encodeRequestStub,
  type AnyNdrMessage,
  type NdrMessage,
} from '../../../lib/rpc/ndr/ndr-message';
import { SamrCloseHandle } from '../../../lib/rpc/samr/messages/samr-close-handle';
import { SamrConnect, SamrConnect2, SamrConnect5 } from '../../../lib/rpc/samr/messages/samr-connect';
import {
  SamrEnumerateDomainsInSamServer,
  SamrLookupDomainInSamServer,
} from '../../../lib/rpc/samr/messages/samr-lookup-domain';
import { SamrLookupIdsInDomain, SamrLookupNamesInDomain } from '../../../lib/rpc/samr/messages/samr-lookup-in-domain';
import { SamrOpenDomain } from '../../../lib/rpc/samr/messages/samr-open-domain';
import { SamrOpnum } from '../../../lib/rpc/samr/samr-constants';
import { createSamrInterface } from '../../../lib/rpc/samr/samr-interface';
import type { RpcCallInfo, RpcInterfaceInstance } from '../../../lib/rpc/server/rpc-interface';
import { BaseRegCloseKey } from '../../../lib/rpc/winreg/messages/base-reg-close-key';
import { BaseRegEnumKey } from '../../../lib/rpc/winreg/messages/base-reg-enum-key';
import { BaseRegEnumValue } from '../../../lib/rpc/winreg/messages/base-reg-enum-value';
import { BaseRegGetVersion } from '../../../lib/rpc/winreg/messages/base-reg-get-version';
import { BaseRegOpenKey } from '../../../lib/rpc/winreg/messages/base-reg-open-key';
import { BaseRegQueryInfoKey } from '../../../lib/rpc/winreg/messages/base-reg-query-info-key';
import { BaseRegQueryValue } from '../../../lib/rpc/winreg/messages/base-reg-query-value';
import {
  BaseRegCreateKey,
  BaseRegDeleteKey,
  BaseRegDeleteValue,
  BaseRegSetValue,
} from '../../../lib/rpc/winreg/messages/base-reg-writes';
import { OpenLocalMachine } from '../../../lib/rpc/winreg/messages/open-local-machine';
import { WinregOpnum } from '../../../lib/rpc/winreg/winreg-constants';
import { createWinregInterface } from '../../../lib/rpc/winreg/winreg-interface';
import { PRINTERS_KEY, Registry } from '../../../lib/registry/registry-key';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';
import { AUX_PIPE_REQUEST_SEEDS, type AuxPipe } from './aux-pipe-seeds';

type Methods = Readonly<Record<number, AnyNdrMessage>>;

const LSARPC: Methods = {
  [LsarOpnum.LsarClose]: LsarClose,
  [LsarOpnum.LsarOpenPolicy]: LsarOpenPolicy,
  [LsarOpnum.LsarQueryInformationPolicy]: LsarQueryInformationPolicy,
  [LsarOpnum.LsarLookupNames]: LsarLookupNames,
  [LsarOpnum.LsarLookupSids]: LsarLookupSids,
  [LsarOpnum.LsarOpenPolicy2]: LsarOpenPolicy2,
  [LsarOpnum.LsarQueryInformationPolicy2]: LsarQueryInformationPolicy2,
  [LsarOpnum.LsarLookupSids2]: LsarLookupSids2,
  [LsarOpnum.LsarLookupNames2]: LsarLookupNames2,
  [LsarOpnum.LsarLookupNames3]: LsarLookupNames3,
};

const SAMR: Methods = {
  [SamrOpnum.SamrConnect]: SamrConnect,
  [SamrOpnum.SamrCloseHandle]: SamrCloseHandle,
  [SamrOpnum.SamrLookupDomainInSamServer]: SamrLookupDomainInSamServer,
  [SamrOpnum.SamrEnumerateDomainsInSamServer]: SamrEnumerateDomainsInSamServer,
  [SamrOpnum.SamrOpenDomain]: SamrOpenDomain,
  [SamrOpnum.SamrLookupNamesInDomain]: SamrLookupNamesInDomain,
  [SamrOpnum.SamrLookupIdsInDomain]: SamrLookupIdsInDomain,
  [SamrOpnum.SamrConnect2]: SamrConnect2,
  [SamrOpnum.SamrConnect5]: SamrConnect5,
};

const WINREG: Methods = {
  [WinregOpnum.OpenLocalMachine]: OpenLocalMachine,
  [WinregOpnum.BaseRegCloseKey]: BaseRegCloseKey,
  [WinregOpnum.BaseRegCreateKey]: BaseRegCreateKey,
  [WinregOpnum.BaseRegDeleteKey]: BaseRegDeleteKey,
  [WinregOpnum.BaseRegDeleteValue]: BaseRegDeleteValue,
  [WinregOpnum.BaseRegEnumKey]: BaseRegEnumKey,
  [WinregOpnum.BaseRegEnumValue]: BaseRegEnumValue,
  [WinregOpnum.BaseRegOpenKey]: BaseRegOpenKey,
  [WinregOpnum.BaseRegQueryInfoKey]: BaseRegQueryInfoKey,
  [WinregOpnum.BaseRegQueryValue]: BaseRegQueryValue,
  [WinregOpnum.BaseRegSetValue]: BaseRegSetValue,
  [WinregOpnum.BaseRegGetVersion]: BaseRegGetVersion,
};

const METHODS: Readonly<Record<AuxPipe, Methods>> = { lsarpc: LSARPC, samr: SAMR, winreg: WINREG };

const captured = (pipe: AuxPipe, opnum: number): Buffer[] =>
  (AUX_PIPE_REQUEST_SEEDS[pipe][opnum] ?? []).map((hex) => Buffer.from(hex, 'hex'));

/**
 * Requests no client sent in the captures, from our encoders: the second versions of the LSA
 * lookups from the first versions' requests (with LookupOptions 0 and ClientRevision 2, as
 * Windows clients send them), SamrConnect and SamrConnect2 as SamrConnect5's, GetVersion on a
 * handle.
 */
function encodedSeeds(pipe: AuxPipe, opnum: number): Buffer[] {
  const from = <Req>(message: NdrMessage<Req, unknown>, source: Buffer[], make: (b: Buffer) => Req): Buffer[] =>
    source.map((b) => encodeRequestStub(message, make(b)));
  const v2 = { lookupOptions: 0, clientRevision: 2 };
  const connect5 = (b: Buffer) => decodeRequestStub(SamrConnect5, b);
  switch (`${pipe}/${opnum}`) {
    case `lsarpc/${LsarOpnum.LsarLookupSids2}`:
      return from(LsarLookupSids2, captured(pipe, LsarOpnum.LsarLookupSids), (b) => ({
        ...decodeRequestStub(LsarLookupSids, b),
        ...v2,
      }));
    case `lsarpc/${LsarOpnum.LsarLookupNames2}`:
      return from(LsarLookupNames2, captured(pipe, LsarOpnum.LsarLookupNames), (b) => ({
        ...decodeRequestStub(LsarLookupNames, b),
        ...v2,
      }));
    case `samr/${SamrOpnum.SamrConnect}`:
      return from(SamrConnect, captured(pipe, SamrOpnum.SamrConnect5), (b) => ({
        serverName: 0x5c,
        desiredAccess: connect5(b).desiredAccess,
      }));
    case `samr/${SamrOpnum.SamrConnect2}`:
      return from(SamrConnect2, captured(pipe, SamrOpnum.SamrConnect5), (b) => ({
        serverName: connect5(b).serverName,
        desiredAccess: connect5(b).desiredAccess,
      }));
    case `winreg/${WinregOpnum.BaseRegGetVersion}`:
      return [encodeRequestStub(BaseRegGetVersion, { handle: Buffer.alloc(20, 0x11) })];
    default:
      return [];
  }
}

const seedsOf = (pipe: AuxPipe, opnum: number): Buffer[] => [...captured(pipe, opnum), ...encodedSeeds(pipe, opnum)];

const allSeedsOf = (pipe: AuxPipe): Buffer[] => Object.keys(METHODS[pipe]).flatMap((o) => seedsOf(pipe, Number(o)));

/** One target per request message; without captured requests of its own, the pipe's others. */
function requestTargets(pipe: AuxPipe): DecoderTarget[] {
  const all = memoSeeds(() => allSeedsOf(pipe));
  return Object.entries(METHODS[pipe]).map(([opnum, message]) => {
    const own = memoSeeds(() => seedsOf(pipe, Number(opnum)));
    return {
      name: `${pipe}/${opnum}-${message.name}`,
      decode: (stub: Buffer) => decodeRequestStub(message, stub),
      seeds: () => (own().length > 0 ? own() : all()),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The servers behind the pipes

const ADMIN: AuthenticatedUser = {
  userName: 'admin',
  domain: 'NTPRINT',
  groups: ['Administrators'],
  isAdministrator: true,
  isGuest: false,
  isAnonymous: false,
};
const callInfo = (opnum: number): RpcCallInfo => ({
  callId: 1,
  opnum,
  contextId: 0,
  caller: ADMIN,
  authLevel: 1,
  transport: 'ncacn_np',
});

const logger = createSilentLogger();
const directory = createAccountDirectory('NTPRINT', 'WORKGROUP', [
  { name: 'alice', password: 'x', groups: ['Users'] },
  { name: 'admin', password: 'x', groups: ['Administrators'] },
]);

/** A printer's key with a value of each kind, set bytes kept as given among them. */
function printerRegistry(): Registry {
  const registry = new Registry();
  const key = registry.createKey(`${PRINTERS_KEY}\\HpColor`);
  key.setValue(regSz('Name', 'HpColor'));
  key.setValue(regDword('Priority', 1));
  key.setValue(regMultiSz('Dependent Files', ['unires.dll', 'stdnames.gpd']));
  key.setValue({ name: 'Default DevMode', type: RegType.REG_BINARY, value: Buffer.alloc(64, 1) });
  key.setValue({ ...decodeRegData(RegType.REG_MULTI_SZ, Buffer.alloc(4)), name: 'empty list' });
  key.createKey('PrinterDriverData').setValue(regSz('Model', 'HP Color LaserJet 4500 PCL'));
  return registry;
}

/** What an open answered: its response starts with the handle (SamrConnect5's excepted). */
const handleOf = (response: Buffer): Buffer => response.subarray(0, 20);

interface LiveServer {
  readonly instance: RpcInterfaceInstance;
  /** The live handle a handle-first request of `opnum` gets; undefined for the opens. */
  handleFor(opnum: number): Buffer | undefined;
}

async function liveServer(pipe: AuxPipe): Promise<LiveServer> {
  switch (pipe) {
    case 'lsarpc': {
      const instance = createLsarpcInterface({ directory, logger });
      const seed = seedsOf('lsarpc', LsarOpnum.LsarOpenPolicy2)[0] ?? Buffer.alloc(0);
      const policy = handleOf(await instance.call(LsarOpnum.LsarOpenPolicy2, seed, callInfo(44)));
      const opens = new Set<number>([LsarOpnum.LsarOpenPolicy, LsarOpnum.LsarOpenPolicy2]);
      return { instance, handleFor: (opnum) => (opens.has(opnum) ? undefined : policy) };
    }
    case 'samr': {
      const instance = createSamrInterface({ directory, logger });
      const connect = seedsOf('samr', SamrOpnum.SamrConnect5)[0] ?? Buffer.alloc(0);
      const connected = await instance.call(SamrOpnum.SamrConnect5, connect, callInfo(64));
      // Its response starts with the revision it answers; the handle follows.
      const server = decodeResponseStub(SamrConnect5, connected).handle;
      const openDomain = seedsOf('samr', SamrOpnum.SamrOpenDomain)[0] ?? Buffer.alloc(0);
      const stub = Buffer.concat([server, openDomain.subarray(20)]);
      const domain = handleOf(await instance.call(SamrOpnum.SamrOpenDomain, stub, callInfo(7)));
      const inDomain = new Set<number>([SamrOpnum.SamrLookupNamesInDomain, SamrOpnum.SamrLookupIdsInDomain]);
      const opens = new Set<number>([SamrOpnum.SamrConnect, SamrOpnum.SamrConnect2, SamrOpnum.SamrConnect5]);
      return {
        instance,
        handleFor: (opnum) => (opens.has(opnum) ? undefined : inDomain.has(opnum) ? domain : server),
      };
    }
    case 'winreg': {
      const registry = printerRegistry();
      const instance = createWinregInterface({ registry: () => registry, logger });
      const hklmSeed = seedsOf('winreg', WinregOpnum.OpenLocalMachine)[0] ?? Buffer.alloc(0);
      const hklm = handleOf(await instance.call(WinregOpnum.OpenLocalMachine, hklmSeed, callInfo(2)));
      const subKey = 'SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor';
      const open = encodeRequestStub(BaseRegOpenKey, {
        handle: hklm,
        subKey: { value: subKey, maximumLength: (subKey.length + 1) * 2 },
        options: 0,
        samDesired: 0x02000000, // MAXIMUM_ALLOWED
      });
      const printer = handleOf(await instance.call(WinregOpnum.BaseRegOpenKey, open, callInfo(15)));
      return {
        instance,
        handleFor: (opnum) =>
          opnum === WinregOpnum.OpenLocalMachine ? undefined : opnum === WinregOpnum.BaseRegOpenKey ? hklm : printer,
      };
    }
  }
}

/** The pipe's server: byte 0 picks the opnum, the rest is the stub (its handle made live). */
function serverTarget(pipe: AuxPipe): DecoderTarget {
  const opnums = Object.keys(METHODS[pipe]).map(Number);
  return {
    name: `${pipe}/server`,
    decode: async (input: Buffer) => {
      const opnum = opnums[(input[0] ?? 0) % opnums.length] ?? 0;
      const server = await liveServer(pipe);
      let stub = input.subarray(1);
      const handle = server.handleFor(opnum);
      if (handle !== undefined && stub.length >= 20) stub = Buffer.concat([handle, stub.subarray(20)]);
      try {
        await server.instance.call(opnum, stub, callInfo(opnum));
      } finally {
        await server.instance.close();
      }
    },
    seeds: memoSeeds(() =>
      opnums.flatMap((opnum, i) => seedsOf(pipe, opnum).map((s) => Buffer.concat([Buffer.from([i]), s]))),
    ),
  };
}

export const AUX_PIPE_TARGETS: readonly DecoderTarget[] = (['lsarpc', 'samr', 'winreg'] as const).flatMap((pipe) => [
  ...requestTargets(pipe),
  serverTarget(pipe),
]);
