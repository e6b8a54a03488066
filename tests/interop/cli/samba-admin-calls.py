"""The administrative spoolss calls rpcclient has no command for, made by Samba's own spoolss
client (python3-samba's samba.dcerpc.spoolss, Samba's NDR):
- xcvAddPort: OpenPrinterEx ",XcvMonitor <monitor>" then XcvData "AddPort" ([MS-RPRN] 3.1.4.6.5);
- setPorts: GetPrinter 2 then SetPrinter 2 with a new pPortName (a pool when it lists several);
- setDataEx / deleteDataEx: RpcSetPrinterDataEx / RpcDeletePrinterDataEx (3.1.4.2.18, 3.1.4.2.20);
- deletePrinter: RpcDeletePrinter (3.1.4.2.4).

argv[1]: JSON {port, user, password, calls: [{call, ...}]}. Prints one JSON line: the WERROR of
each call in order (0 when it succeeded).
"""
import json
import sys

from samba import param, WERRORError
from samba.credentials import Credentials
from samba.dcerpc import security, spoolss

SERVER_ACCESS_ADMINISTER = 0x00000001
PRINTER_ALL_ACCESS = 0x000F000C
BUFFER = 16384
SERVER = "\\\\127.0.0.1\\"

a = json.loads(sys.argv[1])
lp = param.LoadParm()
lp.set("smb ports", str(a["port"]))
creds = Credentials()
creds.guess(lp)
creds.set_username(a["user"])
creds.set_password(a["password"])
conn = spoolss.spoolss("ncacn_np:127.0.0.1[spoolss]", lp, creds)
ulc = spoolss.UserLevelCtr()
ulc.level = 1
u1 = spoolss.UserLevel1()
u1.size = 28
u1.client = "POINTPRINT"
u1.user = a["user"]
ulc.user_info = u1


def open_printer(name, access):
    return conn.OpenPrinterEx(SERVER + name, None, spoolss.DevmodeContainer(), access, ulc)


def xcv_add_port(c):
    h = open_printer(",XcvMonitor " + c["monitor"], SERVER_ACCESS_ADMINISTER)
    port = (c["port"] + "\0").encode("utf-16-le")
    _out, _needed, status = conn.XcvData(h, "AddPort", port, len(port), 0, 0)
    conn.ClosePrinter(h)
    return status


def set_ports(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    info, _needed = conn.GetPrinter(h, 2, bytes(BUFFER), BUFFER)
    i2 = spoolss.SetPrinterInfo2()
    for f in ("servername", "printername", "sharename", "drivername", "comment", "location", "sepfile",
              "printprocessor", "datatype", "parameters", "attributes", "priority", "defaultpriority",
              "starttime", "untiltime", "status", "cjobs", "averageppm"):
        setattr(i2, f, getattr(info, f))
    i2.portname = c["ports"]
    i2.devmode_ptr = 0
    i2.secdesc_ptr = 0
    ctr = spoolss.SetPrinterInfoCtr()
    ctr.level = 2
    ctr.info = i2
    conn.SetPrinter(h, ctr, spoolss.DevmodeContainer(), security.sec_desc_buf(), 0)
    conn.ClosePrinter(h)
    return 0


def set_data_ex(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    conn.SetPrinterDataEx(h, c["key"], c["name"], c["type"], list(bytes.fromhex(c["data"])))
    conn.ClosePrinter(h)
    return 0


def delete_data_ex(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    conn.DeletePrinterDataEx(h, c["key"], c["name"])
    conn.ClosePrinter(h)
    return 0


def delete_printer(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    conn.DeletePrinter(h)
    try:
        conn.ClosePrinter(h)
    except WERRORError:
        pass  # the handle of a deleted printer: closing it is not what is tested
    return 0


CALLS = {"xcvAddPort": xcv_add_port, "setPorts": set_ports, "setDataEx": set_data_ex,
         "deleteDataEx": delete_data_ex, "deletePrinter": delete_printer}
results = []
for call in a["calls"]:
    try:
        results.append(CALLS[call["call"]](call))
    except WERRORError as e:
        results.append(e.args[0])
print(json.dumps(results))
