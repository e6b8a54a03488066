// Fault codes as C706 appendix E and [MS-ERREF] number them (Samba's librpc/idl/dcerpc.idl agrees):
// the values are written out here, independently of lib/rpc/constants.ts.
import { FaultStatus, faultStatusName } from '../../../lib/rpc/constants';

describe('FaultStatus', () => {
  it.each([
    ['NCA_S_FAULT_ACCESS_DENIED', 0x00000005],
    ['RPC_S_SEC_PKG_ERROR', 0x00000721],
    ['NCA_S_FAULT_NDR', 0x000006f7],
    ['NCA_S_FAULT_UNSPEC', 0x1c000012],
    ['NCA_S_FAULT_CONTEXT_MISMATCH', 0x1c00001a],
    ['NCA_S_FAULT_REMOTE_NO_MEMORY', 0x1c00001b],
    ['NCA_S_UNSUPPORTED_AUTHN_LEVEL', 0x1c00001d],
    ['NCA_S_OP_RNG_ERROR', 0x1c010002],
    ['NCA_S_UNK_IF', 0x1c010003],
    ['NCA_S_PROTO_ERROR', 0x1c01000b],
    ['NCA_S_UNSUPPORTED_TYPE', 0x1c010017],
  ] as const)('%s is %d', (name, value) => {
    expect(FaultStatus[name]).toBe(value);
    expect(faultStatusName(value)).toBe(name);
  });
});
