/** Every decoder target of the fuzz suite, by area. */
import type { DecoderTarget } from '../fuzz-target';
import { AUTH_TARGETS } from './auth-targets';
import { AUX_PIPE_TARGETS } from './aux-pipe-targets';
import { CONTROL_TARGETS } from './control-targets';
import { DEVICE_TARGETS } from './device-targets';
import { FILE_TARGETS } from './file-targets';
import { FLAT_INFO_TARGETS } from './flat-info-targets';
import { RPC_TARGETS } from './rpc-targets';
import { SMB2_RESPONSE_TARGETS } from './smb2-response-targets';
import { SMB2_TARGETS } from './smb2-targets';
import { TCPXCV_TARGETS } from './tcpxcv-targets';

export const DECODER_TARGETS: readonly DecoderTarget[] = [
  ...SMB2_TARGETS,
  ...SMB2_RESPONSE_TARGETS,
  ...AUTH_TARGETS,
  ...RPC_TARGETS,
  ...AUX_PIPE_TARGETS,
  ...FLAT_INFO_TARGETS,
  ...FILE_TARGETS,
  ...DEVICE_TARGETS,
  ...CONTROL_TARGETS,
  ...TCPXCV_TARGETS,
];
