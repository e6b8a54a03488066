/**
 * The Windows Remote Registry interface ([MS-RRP]) on `\pipe\winreg`, over the spooler's own
 * registry (the one source of truth: what a client reads here is what the spooler reads): open
 * HKEY_LOCAL_MACHINE, open keys below it, enumerate subkeys and values, query values and key
 * information. The printers' keys are also read under `SOFTWARE\...\Print\Printers`, through the
 * symbolic link Windows has there (registry-links.ts). Read-only: a caller who asks for a write
 * right (KEY_SET_VALUE, KEY_CREATE_SUB_KEY, DELETE, WRITE_DAC ...) without being an administrator
 * gets ERROR_ACCESS_DENIED, and so does every BaseRegCreateKey, BaseRegDeleteKey,
 * BaseRegDeleteValue and BaseRegSetValue. A key handle keeps its path: once the spooler deletes
 * the key, calls on it answer ERROR_KEY_DELETED, as Windows does. An unknown handle faults with
 * nca_s_fault_context_mismatch. One handle table per association group.
 */
import { RpcFaultError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { RegistryKey, splitKeyPath, type Registry } from '../../registry/registry-key';
import { grantAccess } from '../accounts/access';
import { FaultStatus } from '../constants';
import { decodeRequestStub, encodeResponseStub } from '../ndr/ndr-message';
import { ContextHandleTable, NULL_HANDLE } from '../server/context-handles';
import type { RpcCallInfo, RpcInterfaceDefinition, RpcInterfaceInstance } from '../server/rpc-interface';
import { BaseRegCloseKey } from './messages/base-reg-close-key';
import { BaseRegEnumKey } from './messages/base-reg-enum-key';
import { BaseRegEnumValue } from './messages/base-reg-enum-value';
import { BaseRegGetVersion } from './messages/base-reg-get-version';
import { BaseRegOpenKey } from './messages/base-reg-open-key';
import { BaseRegQueryInfoKey } from './messages/base-reg-query-info-key';
import { BaseRegQueryValue } from './messages/base-reg-query-value';
import { BaseRegCreateKey, BaseRegDeleteKey, BaseRegDeleteValue, BaseRegSetValue } from './messages/base-reg-writes';
import { OpenLocalMachine } from './messages/open-local-machine';
import { echoQuery, keyInfo, lastWriteOf, nameInto, valueInto } from './registry-reads';
import { isLinkKey, linkKey, REG_OPTION_OPEN_LINK, resolveLinks } from './registry-links';
import {
  KEY_READ_RIGHTS,
  KEY_WRITE_RIGHTS,
  KeyAccess,
  MSRPC_UUID_WINREG,
  RRP_VERSION,
  WinregOpnum,
} from './winreg-constants';

export interface WinregOptions {
  /** The spooler's registry, read at each call. */
  readonly registry: () => Registry;
  readonly logger: Logger;
}

const HKLM = 'HKEY_LOCAL_MACHINE';

interface KeyHandle {
  /** The key's path from the registry root, e.g. `HKEY_LOCAL_MACHINE\SYSTEM`. */
  readonly path: string;
  readonly granted: number;
  /** Opened with REG_OPTION_OPEN_LINK: the link key itself (registry-links.ts). */
  readonly link?: true;
}

export function winregInterface(options: WinregOptions): RpcInterfaceDefinition {
  return { syntax: MSRPC_UUID_WINREG, name: 'winreg', instantiate: () => createWinregInterface(options) };
}

export function createWinregInterface(options: WinregOptions): RpcInterfaceInstance {
  const handles = new ContextHandleTable<KeyHandle>();
  const rights = { readRights: KEY_READ_RIGHTS, writeRights: KEY_WRITE_RIGHTS };

  const handleOf = (wire: Buffer, info: RpcCallInfo): KeyHandle => {
    const h = handles.get(wire, info.caller);
    if (h === undefined) throw new RpcFaultError(FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH);
    return h;
  };

  /** The key now; undefined once deleted. HKLM exists even in a registry that holds nothing yet. */
  const keyAt = (path: string, link?: true): RegistryKey | undefined => {
    if (link) return linkKey();
    return options.registry().getKey(resolveLinks(path)) ?? (path === HKLM ? new RegistryKey(HKLM) : undefined);
  };

  /** The handle's key and whether it grants `right`, or the status to answer. */
  const open = (wire: Buffer, right: number, info: RpcCallInfo): RegistryKey | number => {
    const h = handleOf(wire, info);
    if ((h.granted & right) === 0) return Win32ErrorCode.ERROR_ACCESS_DENIED;
    return keyAt(h.path, h.link) ?? Win32ErrorCode.ERROR_KEY_DELETED;
  };

  const newHandle = (
    path: string,
    desired: number,
    info: RpcCallInfo,
    link?: true,
  ): { handle: Buffer; status: number } => {
    const verdict = grantAccess(info.caller, desired, rights);
    if ('denied' in verdict) return { handle: NULL_HANDLE, status: Win32ErrorCode.ERROR_ACCESS_DENIED };
    const handle = handles.add({ path, granted: verdict.granted, ...(link && { link }) }, info.caller);
    if (handle === undefined) return { handle: NULL_HANDLE, status: Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY };
    return { handle, status: Win32ErrorCode.ERROR_SUCCESS };
  };

  function call(opnum: number, stub: Buffer, info: RpcCallInfo): Buffer {
    switch (opnum) {
      case WinregOpnum.OpenLocalMachine: {
        const req = decodeRequestStub(OpenLocalMachine, stub);
        return encodeResponseStub(OpenLocalMachine, newHandle(HKLM, req.samDesired, info));
      }
      case WinregOpnum.BaseRegCloseKey: {
        const req = decodeRequestStub(BaseRegCloseKey, stub);
        handleOf(req.handle, info);
        handles.remove(req.handle);
        return encodeResponseStub(BaseRegCloseKey, { handle: NULL_HANDLE, status: Win32ErrorCode.ERROR_SUCCESS });
      }
      case WinregOpnum.BaseRegOpenKey: {
        const req = decodeRequestStub(BaseRegOpenKey, stub);
        const parent = handleOf(req.handle, info);
        if (keyAt(parent.path, parent.link) === undefined)
          return encodeResponseStub(BaseRegOpenKey, { handle: NULL_HANDLE, status: Win32ErrorCode.ERROR_KEY_DELETED });
        const path = [parent.path, ...splitKeyPath(req.subKey.value ?? '')].join('\\');
        if (parent.link === undefined && (req.options & REG_OPTION_OPEN_LINK) !== 0 && isLinkKey(path))
          return encodeResponseStub(BaseRegOpenKey, newHandle(path, req.samDesired, info, true));
        // Below a link key there is nothing: its target is reached by the path without the option.
        const key = parent.link ? undefined : keyAt(path);
        if (key === undefined)
          return encodeResponseStub(BaseRegOpenKey, {
            handle: NULL_HANDLE,
            status: Win32ErrorCode.ERROR_FILE_NOT_FOUND,
          });
        return encodeResponseStub(BaseRegOpenKey, newHandle(key.path || path, req.samDesired, info));
      }
      case WinregOpnum.BaseRegEnumKey: {
        const req = decodeRequestStub(BaseRegEnumKey, stub);
        const key = open(req.handle, KeyAccess.KEY_ENUMERATE_SUB_KEYS, info);
        const fail = (status: number): Buffer =>
          encodeResponseStub(BaseRegEnumKey, {
            name: { value: undefined, maximumLength: req.name.maximumLength },
            ...(req.className !== undefined && { className: { value: undefined, maximumLength: 0 } }),
            ...(req.lastWriteTime !== undefined && { lastWriteTime: req.lastWriteTime }),
            status,
          });
        if (typeof key === 'number') return fail(key);
        const name = key.subkeyNames()[req.index];
        if (name === undefined) return fail(Win32ErrorCode.ERROR_NO_MORE_ITEMS);
        const answer = nameInto(name, req.name);
        if (answer.status !== Win32ErrorCode.ERROR_SUCCESS) return fail(answer.status);
        return encodeResponseStub(BaseRegEnumKey, {
          name: answer.name,
          // Keys have no class here: an empty class, when asked for.
          ...(req.className !== undefined && { className: { value: undefined, maximumLength: 0 } }),
          ...(req.lastWriteTime !== undefined && { lastWriteTime: lastWriteOf(key.getKey(name)) }),
          status: Win32ErrorCode.ERROR_SUCCESS,
        });
      }
      case WinregOpnum.BaseRegEnumValue: {
        const req = decodeRequestStub(BaseRegEnumValue, stub);
        const key = open(req.handle, KeyAccess.KEY_QUERY_VALUE, info);
        const fail = (status: number): Buffer =>
          encodeResponseStub(BaseRegEnumValue, {
            name: { value: undefined, maximumLength: req.name.maximumLength },
            ...echoQuery(req, status),
          });
        if (typeof key === 'number') return fail(key);
        const value = key.valueList()[req.index];
        if (value === undefined) return fail(Win32ErrorCode.ERROR_NO_MORE_ITEMS);
        const answer = nameInto(value.name, req.name);
        if (answer.status !== Win32ErrorCode.ERROR_SUCCESS) return fail(answer.status);
        return encodeResponseStub(BaseRegEnumValue, { name: answer.name, ...valueInto(value, req) });
      }
      case WinregOpnum.BaseRegQueryValue: {
        const req = decodeRequestStub(BaseRegQueryValue, stub);
        const key = open(req.handle, KeyAccess.KEY_QUERY_VALUE, info);
        if (typeof key === 'number') return encodeResponseStub(BaseRegQueryValue, echoQuery(req, key));
        const value = key.getValue(req.name.value ?? '');
        if (value === undefined)
          return encodeResponseStub(BaseRegQueryValue, echoQuery(req, Win32ErrorCode.ERROR_FILE_NOT_FOUND));
        return encodeResponseStub(BaseRegQueryValue, valueInto(value, req));
      }
      case WinregOpnum.BaseRegQueryInfoKey: {
        const req = decodeRequestStub(BaseRegQueryInfoKey, stub);
        const key = open(req.handle, KeyAccess.KEY_QUERY_VALUE, info);
        const k = typeof key === 'number' ? undefined : keyInfo(key);
        return encodeResponseStub(BaseRegQueryInfoKey, {
          className: { value: undefined, maximumLength: 0 },
          subKeys: k?.subKeys ?? 0,
          maxSubKeyLen: k?.maxSubKeyLen ?? 0,
          maxClassLen: 0,
          values: k?.values ?? 0,
          maxValueNameLen: k?.maxValueNameLen ?? 0,
          maxValueLen: k?.maxValueLen ?? 0,
          securityDescriptor: 0,
          lastWriteTime: typeof key === 'number' ? 0n : lastWriteOf(key),
          status: typeof key === 'number' ? key : Win32ErrorCode.ERROR_SUCCESS,
        });
      }
      case WinregOpnum.BaseRegGetVersion: {
        const req = decodeRequestStub(BaseRegGetVersion, stub);
        handleOf(req.handle, info);
        return encodeResponseStub(BaseRegGetVersion, { version: RRP_VERSION, status: Win32ErrorCode.ERROR_SUCCESS });
      }
      // DEVIATION: Windows lets an administrator change HKLM here. This registry is the spooler's
      // own state, which it changes only through its RPCs (and persists), so a write that went
      // around it would be lost or contradict it: every write is refused, administrator or not.
      case WinregOpnum.BaseRegCreateKey: {
        const req = decodeRequestStub(BaseRegCreateKey, stub);
        handleOf(req.handle, info);
        return encodeResponseStub(BaseRegCreateKey, {
          handle: NULL_HANDLE,
          status: Win32ErrorCode.ERROR_ACCESS_DENIED,
        });
      }
      case WinregOpnum.BaseRegDeleteKey:
      case WinregOpnum.BaseRegDeleteValue:
      case WinregOpnum.BaseRegSetValue: {
        const message =
          opnum === WinregOpnum.BaseRegSetValue
            ? BaseRegSetValue
            : opnum === WinregOpnum.BaseRegDeleteKey
              ? BaseRegDeleteKey
              : BaseRegDeleteValue;
        handleOf(decodeRequestStub(message, stub).handle, info);
        return encodeResponseStub(message, { status: Win32ErrorCode.ERROR_ACCESS_DENIED });
      }
      default:
        options.logger.debug('unsupported opnum', { iface: 'winreg', opnum, callId: info.callId });
        throw new RpcFaultError(FaultStatus.NCA_S_OP_RNG_ERROR);
    }
  }

  return {
    syntax: MSRPC_UUID_WINREG,
    name: 'winreg',
    call: (opnum, stub, info) => Promise.resolve().then(() => call(opnum, stub, info)),
    close: () => handles.clear(),
  };
}
