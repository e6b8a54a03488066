/**
 * IOCTL — [MS-SMB2] 3.3.5.15: FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.5.15.12), the DFS referral
 * refusal of a server without the DFS service (STATUS_FS_DRIVER_REQUIRED, as Windows answers it),
 * and file-system controls on opens (FSCTL_PIPE_TRANSCEIVE on pipes).
 */
import { BufferReader } from '../../../common/binary/buffer-reader';
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { FsctlCode, SMB2_0_IOCTL_IS_FSCTL, fsctlName } from '../../constants';
import { decodeIoctlRequest, encodeIoctlResponse } from '../../messages/ioctl';
import type { IoctlRequest } from '../../messages/ioctl';
import {
  decodeValidateNegotiateInfoRequest,
  encodeValidateNegotiateInfoResponse,
} from '../../messages/validate-negotiate-info';
import { checkCreditCharge } from './credit-charge';
import type { HandlerResponse, RequestContext } from './handler';
import { TerminateConnectionError } from './handler';

function validateNegotiateInfo(ctx: RequestContext, request: IoctlRequest): HandlerResponse {
  const conn = ctx.connection;
  const neg = conn.negotiated();
  // [MS-SMB2] 3.3.5.15.12: 3.1.1 protects the negotiate with the preauth hash instead; a
  // client that still asks, or any mismatch, loses the connection.
  if (neg.dialect === 0x0311) {
    throw new TerminateConnectionError('FSCTL_VALIDATE_NEGOTIATE_INFO on a 3.1.1 connection');
  }
  const v = decodeValidateNegotiateInfoRequest(new BufferReader(request.input));
  const same =
    v.capabilities === neg.clientCapabilities &&
    v.guid.equals(neg.clientGuid) &&
    v.securityMode === neg.clientSecurityMode &&
    v.dialects.length === neg.clientDialects.length &&
    v.dialects.every((d, i) => d === neg.clientDialects[i]);
  if (!same) {
    throw new TerminateConnectionError('FSCTL_VALIDATE_NEGOTIATE_INFO does not match the negotiation');
  }
  const w = new BufferWriter(24);
  encodeValidateNegotiateInfoResponse(w, {
    capabilities: neg.serverCapabilities,
    guid: conn.server.serverGuid,
    securityMode: neg.serverSecurityMode,
    dialect: neg.dialect,
  });
  const output = w.finish();
  return {
    status: NtStatus.STATUS_SUCCESS,
    encodeBody: (bw, base) =>
      encodeIoctlResponse(bw, base, { ctlCode: request.ctlCode, fileId: request.fileId, output, flags: 0 }),
  };
}

export async function handleIoctl(ctx: RequestContext): Promise<HandlerResponse> {
  const request = decodeIoctlRequest(ctx.body, ctx.base);
  if (request.flags !== SMB2_0_IOCTL_IS_FSCTL)
    throw new NtStatusError(NtStatus.STATUS_NOT_SUPPORTED, 'IOCTL without SMB2_0_IOCTL_IS_FSCTL');
  const max = ctx.connection.maxTransactSize;
  if (request.input.length > max || request.maxOutputResponse > max || request.maxInputResponse > max) {
    throw new NtStatusError(NtStatus.STATUS_INVALID_PARAMETER, 'IOCTL buffers exceed MaxTransactSize');
  }
  checkCreditCharge(ctx, Math.max(request.input.length, request.maxOutputResponse));
  ctx.logger.debug('ioctl', { ctlCode: fsctlName(request.ctlCode) });
  switch (request.ctlCode) {
    case FsctlCode.FSCTL_VALIDATE_NEGOTIATE_INFO:
      return validateNegotiateInfo(ctx, request);
    case FsctlCode.FSCTL_DFS_GET_REFERRALS:
    case FsctlCode.FSCTL_DFS_GET_REFERRALS_EX:
      throw new NtStatusError(NtStatus.STATUS_FS_DRIVER_REQUIRED, 'no DFS service on this server');
    default: {
      const open = ctx.findOpen(request.fileId);
      const out = await open.fsctl(request.ctlCode, request.input, request.maxOutputResponse);
      return {
        status: out.status,
        encodeBody: (w, base) =>
          encodeIoctlResponse(w, base, {
            ctlCode: request.ctlCode,
            fileId: request.fileId,
            output: out.data,
            flags: 0,
          }),
      };
    }
  }
}
