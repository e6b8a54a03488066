# RpcSetPrinter ([MS-RPRN] 3.1.4.2.5, opnum 7) at level 3: a PRINTER_CONTAINER with PRINTER_INFO_3
# and the self-relative security descriptor in the SECURITY_CONTAINER, marshaled by impacket's NDR
# engine (impacket's rprn module has no SetPrinter; the call is declared here from the IDL).
# Prints one JSON object: {"status": <Win32 status>}.
# Usage: impacket-setprinter-sd.py PORT USER PASSWORD PRINTER SD_HEX
import json
import sys

from impacket.dcerpc.v5 import rprn
from impacket.dcerpc.v5.dtypes import DWORD, NULL, ULONG
from impacket.dcerpc.v5.ndr import NDRCALL, NDRPOINTER, NDRSTRUCT, NDRUNION
from impacket.dcerpc.v5.rpcrt import DCERPCException

from impacket_spoolss import open_printer

port, user, password, printer, sd_hex = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
sd = bytes.fromhex(sd_hex)


class PRINTER_INFO_3(NDRSTRUCT):
    structure = (('pSecurityDescriptor', ULONG),)


class PPRINTER_INFO_3(NDRPOINTER):
    referent = (('Data', PRINTER_INFO_3),)


class PRINTER_INFO_UNION(NDRUNION):
    commonHdr = (('tag', DWORD),)
    union = {3: ('pPrinterInfo3', PPRINTER_INFO_3)}


class PRINTER_CONTAINER(NDRSTRUCT):
    structure = (('Level', DWORD), ('PrinterInfo', PRINTER_INFO_UNION))


class SECURITY_CONTAINER(NDRSTRUCT):
    structure = (('cbBuf', DWORD), ('pSecurity', rprn.PBYTE_ARRAY))


class RpcSetPrinter(NDRCALL):
    opnum = 7
    structure = (
        ('hPrinter', rprn.PRINTER_HANDLE),
        ('pPrinterContainer', PRINTER_CONTAINER),
        ('pDevModeContainer', rprn.DEVMODE_CONTAINER),
        ('pSecurityContainer', SECURITY_CONTAINER),
        ('Command', DWORD),
    )


class RpcSetPrinterResponse(NDRCALL):
    structure = (('ErrorCode', ULONG),)


try:
    dce, handle = open_printer(port, user, password, printer, rprn.PRINTER_ALL_ACCESS)
except DCERPCException as e:
    print(json.dumps({'status': e.get_error_code()}))
    sys.exit(0)

req = RpcSetPrinter()
req['hPrinter'] = handle
req['pPrinterContainer']['Level'] = 3
req['pPrinterContainer']['PrinterInfo']['tag'] = 3
info = PRINTER_INFO_3()
info['pSecurityDescriptor'] = 0
req['pPrinterContainer']['PrinterInfo']['pPrinterInfo3'] = info
req['pDevModeContainer']['cbBuf'] = 0
req['pDevModeContainer']['pDevMode'] = NULL
req['pSecurityContainer']['cbBuf'] = len(sd)
req['pSecurityContainer']['pSecurity'] = list(sd)
req['Command'] = 0
try:
    status = dce.request(req)['ErrorCode']
except DCERPCException as e:
    status = e.get_error_code()
rprn.hRpcClosePrinter(dce, handle)
print(json.dumps({'status': status}))
