/**
 * The notification filter of RpcSyncRegisterForRemoteNotifications and
 * RpcSyncRefreshRemoteNotifications ([MS-PAR] 2.2.3, 2.2.4, 3.1.4.9.1): four named properties that
 * carry RpcRemoteFindFirstPrinterChangeNotificationEx's parameters ([MS-RPRN] 3.1.4.10.4) and
 * RpcRouterRefreshPrinterChangeNotification's dwColor (3.1.4.10.5):
 *
 *   "RemoteNotifyFilter Flags"         kPropertyTypeInt32               fdwFlags (PRINTER_CHANGE_*)
 *   "RemoteNotifyFilter Options"       kPropertyTypeInt32               fdwOptions
 *   "RemoteNotifyFilter NotifyOptions" kPropertyTypeNotificationOptions pOptions (may be NULL)
 *   "RemoteNotifyFilter Color"         kPropertyTypeInt32               dwColor
 *
 * and the reply's three ([MS-PAR] 2.2.3): "RemoteNotifyData Flags" (what changed),
 * "RemoteNotifyData Info" (RPC_V2_NOTIFY_INFO) and "RemoteNotifyData Color".
 * A filter without one of the four, with a wrong type, an unknown name, or that asks for nothing
 * (fdwFlags 0 and no pOptions, [MS-RPRN] 3.1.4.10.4) is E_INVALIDARG.
 */
import { NOTIFY_VERSION, NotifyType } from '../../../spoolss/printer-notify';
import type { NotifyInfo } from '../../rprn/structures/notify-info';
import type { NotifyOptions } from '../../rprn/structures/notify-options';
import { type PrintPropertiesCollection, PrintPropertyType } from '../messages/print-properties-collection';

export const FilterProperty = {
  FLAGS: 'RemoteNotifyFilter Flags',
  OPTIONS: 'RemoteNotifyFilter Options',
  NOTIFY_OPTIONS: 'RemoteNotifyFilter NotifyOptions',
  COLOR: 'RemoteNotifyFilter Color',
} as const;

export const DataProperty = {
  FLAGS: 'RemoteNotifyData Flags',
  INFO: 'RemoteNotifyData Info',
  COLOR: 'RemoteNotifyData Color',
} as const;

export interface NotifyFilter {
  /** fdwFlags: PRINTER_CHANGE_* bits the client waits for. */
  readonly flags: number;
  readonly options: number;
  /** The fields wanted, per notification type; empty without pOptions. */
  readonly jobFields: readonly number[];
  readonly printerFields: readonly number[];
  readonly color: number;
}

/** The filter, or undefined when the collection is not one (E_INVALIDARG). */
export function parseNotifyFilter(collection: PrintPropertiesCollection): NotifyFilter | undefined {
  let flags: number | undefined;
  let options: number | undefined;
  let color: number | undefined;
  let notifyOptions: NotifyOptions | undefined | null = null;
  for (const p of collection) {
    const v = p.value;
    switch (p.name) {
      case FilterProperty.FLAGS:
        if (v.type !== PrintPropertyType.kPropertyTypeInt32 || flags !== undefined) return undefined;
        flags = v.value >>> 0;
        break;
      case FilterProperty.OPTIONS:
        if (v.type !== PrintPropertyType.kPropertyTypeInt32 || options !== undefined) return undefined;
        options = v.value >>> 0;
        break;
      case FilterProperty.COLOR:
        if (v.type !== PrintPropertyType.kPropertyTypeInt32 || color !== undefined) return undefined;
        color = v.value >>> 0;
        break;
      case FilterProperty.NOTIFY_OPTIONS:
        if (v.type !== PrintPropertyType.kPropertyTypeNotificationOptions || notifyOptions !== null) return undefined;
        notifyOptions = v.value;
        break;
      case undefined:
      default:
        return undefined;
    }
  }
  if (flags === undefined || options === undefined || color === undefined || notifyOptions === null) return undefined;
  if (notifyOptions !== undefined && notifyOptions.version !== NOTIFY_VERSION) return undefined;
  const fieldsOf = (type: number): number[] => [
    ...new Set((notifyOptions?.types ?? []).filter((t) => t.type === type).flatMap((t) => t.fields)),
  ];
  const jobFields = fieldsOf(NotifyType.JOB_NOTIFY_TYPE);
  const printerFields = fieldsOf(NotifyType.PRINTER_NOTIFY_TYPE);
  if (flags === 0 && jobFields.length === 0 && printerFields.length === 0) return undefined;
  return { flags, options, jobFields, printerFields, color };
}

/** The filter as a client sends it. */
export function notifyFilterProperties(filter: {
  readonly flags: number;
  readonly options?: number;
  readonly notifyOptions?: NotifyOptions;
  readonly color?: number;
}): PrintPropertiesCollection {
  return [
    { name: FilterProperty.FLAGS, value: { type: PrintPropertyType.kPropertyTypeInt32, value: filter.flags | 0 } },
    { name: FilterProperty.OPTIONS, value: { type: PrintPropertyType.kPropertyTypeInt32, value: filter.options ?? 0 } },
    { name: FilterProperty.COLOR, value: { type: PrintPropertyType.kPropertyTypeInt32, value: filter.color ?? 0 } },
    {
      name: FilterProperty.NOTIFY_OPTIONS,
      value: { type: PrintPropertyType.kPropertyTypeNotificationOptions, value: filter.notifyOptions },
    },
  ];
}

/** The reply's three properties. */
export function notifyDataProperties(flags: number, info: NotifyInfo, color: number): PrintPropertiesCollection {
  return [
    { name: DataProperty.FLAGS, value: { type: PrintPropertyType.kPropertyTypeInt32, value: flags | 0 } },
    { name: DataProperty.INFO, value: { type: PrintPropertyType.kPropertyTypeNotificationReply, value: info } },
    { name: DataProperty.COLOR, value: { type: PrintPropertyType.kPropertyTypeInt32, value: color | 0 } },
  ];
}

/** A reply's properties read back (our client): undefined when one is missing or mistyped. */
export function parseNotifyData(
  collection: PrintPropertiesCollection,
): { readonly flags: number; readonly info: NotifyInfo | undefined; readonly color: number } | undefined {
  const find = (name: string) => collection.find((p) => p.name === name)?.value;
  const flags = find(DataProperty.FLAGS);
  const info = find(DataProperty.INFO);
  const color = find(DataProperty.COLOR);
  if (flags?.type !== PrintPropertyType.kPropertyTypeInt32 || color?.type !== PrintPropertyType.kPropertyTypeInt32)
    return undefined;
  if (info?.type !== PrintPropertyType.kPropertyTypeNotificationReply) return undefined;
  return { flags: flags.value >>> 0, info: info.value, color: color.value >>> 0 };
}
