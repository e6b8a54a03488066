# RpcSetJob ([MS-RPRN] 3.1.4.3.1, opnum 2) with a JOB_CONTAINER level 1, marshaled by impacket's
# NDR engine (impacket's rprn module has no SetJob, so the call and JOB_INFO_1 are declared here
# from the IDL). Prints one JSON object: {"status": <Win32 status>}.
# Usage: impacket-setjob.py PORT USER PASSWORD PRINTER JOBID PRIORITY POSITION DOCUMENT
import json
import sys

from impacket.dcerpc.v5 import rprn
from impacket.dcerpc.v5.dtypes import DWORD, LPWSTR, NULL, SYSTEMTIME, ULONG
from impacket.dcerpc.v5.ndr import NDRCALL, NDRPOINTER, NDRSTRUCT, NDRUNION

from impacket_spoolss import open_printer

port, user, password, printer = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
job_id, priority, position, document = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]


class JOB_INFO_1(NDRSTRUCT):
    structure = (
        ('JobId', DWORD),
        ('pPrinterName', LPWSTR),
        ('pMachineName', LPWSTR),
        ('pUserName', LPWSTR),
        ('pDocument', LPWSTR),
        ('pDatatype', LPWSTR),
        ('pStatus', LPWSTR),
        ('Status', DWORD),
        ('Priority', DWORD),
        ('Position', DWORD),
        ('TotalPages', DWORD),
        ('PagesPrinted', DWORD),
        ('Submitted', SYSTEMTIME),
    )


class PJOB_INFO_1(NDRPOINTER):
    referent = (('Data', JOB_INFO_1),)


class JOB_INFO_UNION(NDRUNION):
    commonHdr = (('tag', DWORD),)
    union = {1: ('pJobInfo1', PJOB_INFO_1)}


class JOB_CONTAINER(NDRSTRUCT):
    structure = (('Level', DWORD), ('JobInfo', JOB_INFO_UNION))


class PJOB_CONTAINER(NDRPOINTER):
    referent = (('Data', JOB_CONTAINER),)


class RpcSetJob(NDRCALL):
    opnum = 2
    structure = (
        ('hPrinter', rprn.PRINTER_HANDLE),
        ('JobId', DWORD),
        ('pJobContainer', PJOB_CONTAINER),
        ('Command', DWORD),
    )


class RpcSetJobResponse(NDRCALL):
    structure = (('ErrorCode', ULONG),)


dce, handle = open_printer(port, user, password, printer, rprn.PRINTER_ACCESS_USE)

info = JOB_INFO_1()
info['JobId'] = job_id
info['pPrinterName'] = NULL
info['pMachineName'] = NULL
info['pUserName'] = NULL
info['pDocument'] = document + '\x00'
info['pDatatype'] = 'RAW\x00'
info['pStatus'] = NULL
info['Status'] = 0
info['Priority'] = priority
info['Position'] = position
info['TotalPages'] = 0
info['PagesPrinted'] = 0
for f in ('wYear', 'wMonth', 'wDayOfWeek', 'wDay', 'wHour', 'wMinute', 'wSecond', 'wMilliseconds'):
    info['Submitted'][f] = 0

req = RpcSetJob()
req['hPrinter'] = handle
req['JobId'] = job_id
req['pJobContainer']['Level'] = 1
req['pJobContainer']['JobInfo']['tag'] = 1
req['pJobContainer']['JobInfo']['pJobInfo1'] = info
req['Command'] = 0
resp = dce.request(req, checkError=False)
rprn.hRpcClosePrinter(dce, handle)
print(json.dumps({'status': resp['ErrorCode']}))
