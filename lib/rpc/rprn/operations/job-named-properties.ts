/**
 * The Job Named Property methods — [MS-RPRN] 3.1.4.12.1-4 (messages/get-job-named-property-value.ts,
 * set-job-named-property.ts, delete-job-named-property.ts, enum-job-named-properties.ts). The
 * provider checks the handle, the job and the name; the wire only carries the values.
 */
import { RpcDeleteJobNamedProperty } from '../messages/delete-job-named-property';
import { RpcEnumJobNamedProperties } from '../messages/enum-job-named-properties';
import { RpcGetJobNamedPropertyValue } from '../messages/get-job-named-property-value';
import { RpcSetJobNamedProperty } from '../messages/set-job-named-property';
import { lookupHandle, rprnOperation, statusOf, win32 } from '../rprn-call';
import { extraOf } from './extras';

export const rpcGetJobNamedPropertyValue = rprnOperation(RpcGetJobNamedPropertyValue, async (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  const res = await win32(() =>
    extraOf(ctx.provider, 'jobNamedProperties').getJobNamedPropertyValue(handle, req.jobId, req.name),
  );
  if (res.ok) return { value: res.value, status: 0 };
  // The [out] structure is marshalled whatever the status: its union needs a valid arm, a zero LONG.
  return { value: { type: 'int32', value: 0 }, status: res.status };
});

export const rpcSetJobNamedProperty = rprnOperation(RpcSetJobNamedProperty, (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  return statusOf(() =>
    extraOf(ctx.provider, 'jobNamedProperties').setJobNamedProperty(handle, req.jobId, req.property),
  );
});

export const rpcDeleteJobNamedProperty = rprnOperation(RpcDeleteJobNamedProperty, (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  return statusOf(() =>
    extraOf(ctx.provider, 'jobNamedProperties').deleteJobNamedProperty(handle, req.jobId, req.name),
  );
});

export const rpcEnumJobNamedProperties = rprnOperation(RpcEnumJobNamedProperties, async (req, ctx) => {
  const handle = lookupHandle(ctx, req.hPrinter);
  const res = await win32(() => extraOf(ctx.provider, 'jobNamedProperties').enumJobNamedProperties(handle, req.jobId));
  return res.ok ? { properties: res.value, status: 0 } : { properties: [], status: res.status };
});
