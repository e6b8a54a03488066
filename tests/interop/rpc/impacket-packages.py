# The driver package calls described with impacket's own NDR engine (impacket has no
# RpcGetCorePrinterDrivers / RpcGetPrinterDriverPackagePath: the IDL of [MS-RPRN] 3.1.4.4.9 and
# 3.1.4.4.10 is written out below), sent on \pipe\spoolss (opnums 102, 104) and over ncacn_ip_tcp
# to IRemoteWinspool (64, 66) at PKT_PRIVACY with the object UUID. Prints one JSON object.
# Usage: impacket-packages.py SMBPORT RPCPORT USER PASSWORD
import json
import sys
import uuid

from impacket.dcerpc.v5 import par, rprn, transport
from impacket.dcerpc.v5.dtypes import DWORD, FILETIME, GUID, LPWSTR, NULL, ULONGLONG, WSTR
from impacket.dcerpc.v5.ndr import NDRCALL, NDRPOINTER, NDRSTRUCT, NDRUniConformantArray, NDRUniFixedArray
from impacket.dcerpc.v5.rpcrt import RPC_C_AUTHN_LEVEL_PKT_PRIVACY

smb_port, rpc_port, user, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
UNIDRV = '{D20EA372-DD35-4950-9ED8-A6335AFE79F0}'


class WCHAR_ARRAY(NDRUniConformantArray):
    item = '<H'


class PWCHAR_ARRAY(NDRPOINTER):
    referent = (('Data', WCHAR_ARRAY),)


class PACKAGE_ID(NDRUniFixedArray):
    def getDataLen(self, data, offset=0):
        return 520


class CORE_PRINTER_DRIVER(NDRSTRUCT):
    structure = (
        ('CoreDriverGUID', GUID),
        ('ftDriverDate', FILETIME),
        ('dwlDriverVersion', ULONGLONG),
        ('szPackageID', PACKAGE_ID),
    )


class CORE_PRINTER_DRIVER_ARRAY(NDRUniConformantArray):
    item = CORE_PRINTER_DRIVER


class RpcGetCorePrinterDrivers(NDRCALL):
    opnum = 102
    structure = (
        ('pszServer', LPWSTR),
        ('pszEnvironment', WSTR),
        ('cchCoreDrivers', DWORD),
        ('pszzCoreDriverDependencies', WCHAR_ARRAY),
        ('cCorePrinterDrivers', DWORD),
    )


class RpcGetCorePrinterDriversResponse(NDRCALL):
    structure = (('pCorePrinterDrivers', CORE_PRINTER_DRIVER_ARRAY), ('ErrorCode', DWORD))


class RpcGetPrinterDriverPackagePath(NDRCALL):
    opnum = 104
    structure = (
        ('pszServer', LPWSTR),
        ('pszEnvironment', WSTR),
        ('pszLanguage', LPWSTR),
        ('pszPackageID', WSTR),
        ('pszDriverPackageCab', PWCHAR_ARRAY),
        ('cchDriverPackageCab', DWORD),
    )


class RpcGetPrinterDriverPackagePathResponse(NDRCALL):
    structure = (('pszDriverPackageCab', PWCHAR_ARRAY), ('pcchRequiredSize', DWORD), ('ErrorCode', DWORD))


def units(text):
    b = text.encode('utf-16-le')
    return [int.from_bytes(b[i:i + 2], 'little') for i in range(0, len(b), 2)]


def text_of(values):
    return bytes(b for v in values for b in v.to_bytes(2, 'little')).decode('utf-16-le').split('\0')[0]


def core(dce, opnum, server, obj):
    req = RpcGetCorePrinterDrivers()
    req.opnum = opnum
    req['pszServer'] = server + '\0'
    req['pszEnvironment'] = 'Windows x64\0'
    deps = units(UNIDRV + '\0\0')
    req['cchCoreDrivers'] = len(deps)
    req['pszzCoreDriverDependencies'] = deps
    req['cCorePrinterDrivers'] = 1
    r = dce.request(req, obj, checkError=False)
    rec = r['pCorePrinterDrivers'][0]
    return {
        'status': r['ErrorCode'],
        'guid': str(uuid.UUID(bytes_le=bytes(rec['CoreDriverGUID']))),
        'date': rec['ftDriverDate']['dwHighDateTime'] * 2**32 + rec['ftDriverDate']['dwLowDateTime'],
        'version': rec['dwlDriverVersion'],
        'packageId': bytes(rec['szPackageID']).decode('utf-16-le').split('\0')[0],
    }


def package_path(dce, opnum, server, package_id, cch, obj):
    req = RpcGetPrinterDriverPackagePath()
    req.opnum = opnum
    req['pszServer'] = server + '\0'
    req['pszEnvironment'] = 'Windows x64\0'
    req['pszLanguage'] = NULL
    req['pszPackageID'] = package_id + '\0'
    req['pszDriverPackageCab'] = [0] * cch if cch > 0 else NULL
    req['cchDriverPackageCab'] = cch
    r = dce.request(req, obj, checkError=False)
    return {'status': r['ErrorCode'], 'required': r['pcchRequiredSize'], 'cab': cab_text(r['pszDriverPackageCab'])}


def cab_text(cab):
    # impacket hands back the pointee's characters, or nothing for a NULL [unique] pointer.
    return text_of(cab) if isinstance(cab, list) else None


def run(dce, opnums, server, obj=None):
    c = core(dce, opnums[0], server, obj)
    probe = package_path(dce, opnums[1], server, c['packageId'], 0, obj)
    small = package_path(dce, opnums[1], server, c['packageId'], 4, obj)
    full = package_path(dce, opnums[1], server, c['packageId'], probe['required'], obj)
    return {'core': c, 'probe': probe, 'small': small, 'path': full}


out = {}
t = transport.DCERPCTransportFactory(r'ncacn_np:127.0.0.1[\pipe\spoolss]')
t.set_dport(smb_port)
t.set_credentials(user, password, '', '', '')
dce = t.get_dce_rpc()
dce.connect()
dce.bind(rprn.MSRPC_UUID_RPRN)
out['pipe'] = run(dce, (102, 104), '\\\\127.0.0.1')
dce.disconnect()

t = transport.DCERPCTransportFactory('ncacn_ip_tcp:127.0.0.1[%d]' % rpc_port)
t.set_credentials(user, password, '', '', '')
dce = t.get_dce_rpc()
dce.set_auth_level(RPC_C_AUTHN_LEVEL_PKT_PRIVACY)
dce.connect()
dce.bind(par.MSRPC_UUID_PAR)
# Every IRemoteWinspool call carries the object UUID ([MS-PAR] 3.1), as impacket's par module sends it.
out['tcp'] = run(dce, (64, 66), '\\\\127.0.0.1', par.MSRPC_UUID_WINSPOOL)
dce.disconnect()
print(json.dumps(out))
