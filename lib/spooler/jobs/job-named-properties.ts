/**
 * Job Named Properties — [MS-RPRN] 3.1.1 (a job's list of name/value pairs) and 3.1.4.12.1-4:
 * get, set (create or replace), delete and enumerate them on a job of the handle's printer (any
 * printer's, through a server handle). They live with the job and are written to its shadow
 * file, so they survive a restart as the job does, and go when the job goes.
 *
 * Checks, in [MS-RPRN]'s order: the handle; the job (ERROR_INVALID_PARAMETER when it is not in
 * the queue the handle names); the name (ERROR_NOT_FOUND when the job has no such property).
 * Setting or deleting takes the right SetJob takes (the owner through CREATOR OWNER, or Manage
 * Documents).
 */
import { Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { AccessMask } from '../../spoolss/constants';
import type { JobNamedProperties, PrintNamedProperty, PrintPropertyValue } from '../../spoolss/spooler-extras';
import type { PrinterHandle } from '../../spoolss/types';
import { accessDenied } from '../handles/access-denied';
import type { PrinterHandles } from '../handles/printer-handles';
import type { PrinterSecurityStore } from '../handles/printer-security-store';
import type { PrintJob, StoredJobProperty } from './print-job';
import type { PrintQueue } from './print-queue';

/**
 * DEVIATION: Windows bounds a job's properties only by memory; here a job holds at most this many,
 * of at most this many bytes together (names and values), and more is ERROR_NOT_ENOUGH_MEMORY.
 */
export const MAX_JOB_PROPERTIES = 256;
export const MAX_JOB_PROPERTY_BYTES = 64 * 1024;

export interface JobNamedPropertiesOptions {
  readonly handles: PrinterHandles;
  readonly queue: PrintQueue;
  readonly security: PrinterSecurityStore;
  readonly logger: Logger;
}

export class JobNamedPropertiesRoom implements JobNamedProperties {
  constructor(private readonly o: JobNamedPropertiesOptions) {}

  getJobNamedPropertyValue(handle: PrinterHandle, jobId: number, name: string): Promise<PrintPropertyValue> {
    return answer(() => {
      const stored = ownProperty(this.jobOf(handle, jobId).namedProperties, name);
      if (stored === undefined) throw new Win32Error(Win32ErrorCode.ERROR_NOT_FOUND, `job ${jobId} has no ${name}`);
      return fromStored(stored);
    });
  }

  async setJobNamedProperty(handle: PrinterHandle, jobId: number, property: PrintNamedProperty): Promise<void> {
    const job = this.jobOf(handle, jobId);
    this.requireJobAdmin(handle, job, 'SetJobNamedProperty');
    if (property.name === '') throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'empty property name');
    const next = { ...job.namedProperties, [property.name]: toStored(property.value) };
    if (Object.keys(next).length > MAX_JOB_PROPERTIES || storedBytes(next) > MAX_JOB_PROPERTY_BYTES)
      throw new Win32Error(Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY, `job ${jobId}: too many named properties`);
    job.namedProperties = next;
    await this.o.queue.saveJob(jobId);
    this.o.logger.debug('job named property set', { jobId, name: property.name, type: property.value.type });
  }

  async deleteJobNamedProperty(handle: PrinterHandle, jobId: number, name: string): Promise<void> {
    const job = this.jobOf(handle, jobId);
    this.requireJobAdmin(handle, job, 'DeleteJobNamedProperty');
    const props = job.namedProperties;
    if (props === undefined || ownProperty(props, name) === undefined)
      throw new Win32Error(Win32ErrorCode.ERROR_NOT_FOUND, `job ${jobId} has no ${name}`);
    job.namedProperties = Object.fromEntries(Object.entries(props).filter(([k]) => k !== name));
    await this.o.queue.saveJob(jobId);
  }

  enumJobNamedProperties(handle: PrinterHandle, jobId: number): Promise<PrintNamedProperty[]> {
    return answer(() =>
      Object.entries(this.jobOf(handle, jobId).namedProperties ?? {}).map(([name, v]) => ({
        name,
        value: fromStored(v),
      })),
    );
  }

  private jobOf(handle: PrinterHandle, jobId: number): PrintJob {
    this.o.handles.state(handle);
    const job = jobId === 0 ? undefined : this.o.queue.get(jobId);
    const printer = handle.printerName?.toLowerCase();
    if (job === undefined || (printer !== undefined && job.printerName.toLowerCase() !== printer))
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `no job ${jobId} in this queue`);
    return job;
  }

  private requireJobAdmin(handle: PrinterHandle, job: PrintJob, op: string): void {
    const { caller } = this.o.handles.state(handle);
    const rights = this.o.security.jobRights(job.printerName, caller, job.userName);
    if ((rights & AccessMask.JOB_ACCESS_ADMINISTER) === 0)
      throw accessDenied(
        this.o.logger,
        op,
        `${job.printerName},Job ${job.jobId}`,
        caller,
        AccessMask.JOB_ACCESS_ADMINISTER,
      );
  }
}

export function toStored(v: PrintPropertyValue): StoredJobProperty {
  switch (v.type) {
    case 'int64':
      return { type: v.type, value: v.value.toString() };
    case 'buffer':
      return { type: v.type, value: v.value.toString('base64') };
    case 'string':
    case 'int32':
    case 'byte':
      return { type: v.type, value: v.value };
  }
}

/** A stored value back; one a hand-edited shadow file made unreadable reads as its type's empty value. */
export function fromStored(s: StoredJobProperty): PrintPropertyValue {
  const text = typeof s.value === 'string' ? s.value : String(s.value);
  const num = typeof s.value === 'number' ? s.value : 0;
  switch (s.type) {
    case 'string':
      return { type: 'string', value: text };
    case 'int32':
      return { type: 'int32', value: num | 0 };
    case 'int64':
      return { type: 'int64', value: /^-?\d{1,20}$/.test(text) ? BigInt.asIntN(64, BigInt(text)) : 0n };
    case 'byte':
      return { type: 'byte', value: num & 0xff };
    case 'buffer':
      return { type: 'buffer', value: Buffer.from(text, 'base64') };
  }
}

/** The job's own property of that name (never one inherited by a plain object, such as `constructor`). */
function ownProperty(
  props: Readonly<Record<string, StoredJobProperty>> | undefined,
  name: string,
): StoredJobProperty | undefined {
  return props !== undefined && Object.hasOwn(props, name) ? props[name] : undefined;
}

function storedBytes(props: Readonly<Record<string, StoredJobProperty>>): number {
  let n = 0;
  for (const [name, v] of Object.entries(props))
    n += name.length * 2 + (typeof v.value === 'string' ? v.value.length : 8);
  return n;
}

function answer<T>(call: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(call()));
}
