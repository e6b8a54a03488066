import { PointPrintError } from '../../../../lib/common/errors';
import {
  Smb2ConnectionError,
  Smb2CreditError,
  Smb2ProtocolError,
  Smb2SignatureError,
  Smb2TimeoutError,
} from '../../../../lib/smb2/client/client-errors';

test.each([
  [Smb2ConnectionError, 'ERR_SMB2_CONNECTION'],
  [Smb2TimeoutError, 'ERR_SMB2_TIMEOUT'],
  [Smb2ProtocolError, 'ERR_SMB2_PROTOCOL'],
  [Smb2SignatureError, 'ERR_SMB2_BAD_SIGNATURE'],
  [Smb2CreditError, 'ERR_SMB2_CREDITS'],
])('%p has a stable code and is a PointPrintError', (Cls, code) => {
  const e = new Cls('m');
  expect(e).toBeInstanceOf(PointPrintError);
  expect(e.code).toBe(code);
  expect(e.name).toBe(Cls.name);
});

test('a bad signature is a protocol error', () => {
  expect(new Smb2SignatureError('x')).toBeInstanceOf(Smb2ProtocolError);
});
