import {
  AuthenticationError,
  ConfigError,
  CopyFilesModuleError,
  EncodingError,
  InvalidStateError,
  MalformedPacketError,
  NtStatusError,
  ParseError,
  PathEscapeError,
  PointPrintError,
  RpcFaultError,
  Win32Error,
} from '../../../lib/common/errors';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';

const cause = new Error('underlying');

describe.each([
  ['MalformedPacketError', new MalformedPacketError('m', { offset: 3 }, { cause }), 'ERR_MALFORMED_PACKET'],
  ['NtStatusError', new NtStatusError(NtStatus.STATUS_ACCESS_DENIED, undefined, { cause }), 'ERR_NTSTATUS'],
  ['Win32Error', new Win32Error(Win32ErrorCode.ERROR_MORE_DATA, undefined, { cause }), 'ERR_WIN32'],
  ['RpcFaultError', new RpcFaultError(0x1c010002, undefined, { cause }), 'ERR_RPC_FAULT'],
  ['InvalidStateError', new InvalidStateError('s', { cause }), 'ERR_INVALID_STATE'],
  ['ConfigError', new ConfigError('c', { cause }), 'ERR_CONFIG'],
  ['ParseError', new ParseError('a.reg', 7, 'bad line', { cause }), 'ERR_PARSE'],
  ['CopyFilesModuleError', new CopyFilesModuleError('x', { cause }), 'ERR_COPYFILES_MODULE'],
  ['AuthenticationError', new AuthenticationError('x', { cause }), 'ERR_AUTHENTICATION'],
  ['EncodingError', new EncodingError('x', { cause }), 'ERR_ENCODING'],
])('%s', (name, err, code) => {
  test('has its name, stable code, base class and cause', () => {
    expect(err.name).toBe(name);
    expect(err.code).toBe(code);
    expect(err).toBeInstanceOf(PointPrintError);
    expect(err.cause).toBe(cause);
  });
});

test('status errors name their status', () => {
  expect(new NtStatusError(NtStatus.STATUS_LOGON_FAILURE).message).toBe('STATUS_LOGON_FAILURE');
  expect(new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME).message).toBe('ERROR_INVALID_PRINTER_NAME');
  expect(new ParseError('x.reg', 12, 'expected "="').message).toBe('x.reg:12: expected "="');
  expect(new PathEscapeError('..\\x', 'leaves the root').code).toBe('ERR_PATH_ESCAPE');
});
