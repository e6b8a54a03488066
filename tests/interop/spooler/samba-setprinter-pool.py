"""A printer pool made over the wire by Samba's own spoolss client (samba.dcerpc.spoolss):
XcvData AddPort on ",XcvMonitor Local Port", then GetPrinter 2 and SetPrinter 2 with the new port
after the printer's own, as the Ports tab of Windows' printer properties does. rpcclient has no
command that sets a printer's ports (its setprinter changes only the comment).

argv[1]: JSON {port, user, password, printer, newPort}. Prints one JSON line:
{addPort: <XcvData status>, setPrinter: <WERROR, 0 when it succeeded>, ports: <pPortName after>}.
"""
import json
import sys

from samba import WERRORError
from samba.dcerpc import security, spoolss

from samba_spoolss import connect, set_printer_info_2

SERVER_ACCESS_ADMINISTER = 0x00000001
PRINTER_ALL_ACCESS = 0x000F000C
BUFFER = 16384

a = json.loads(sys.argv[1])
conn, ulc = connect(a["port"], a["user"], a["password"])


def werror(call):
    try:
        call()
        return 0
    except WERRORError as e:
        return e.args[0]


result = {}
try:
    x = conn.OpenPrinterEx("\\\\127.0.0.1\\,XcvMonitor Local Port", None, spoolss.DevmodeContainer(),
                           SERVER_ACCESS_ADMINISTER, ulc)
    port = (a["newPort"] + "\0").encode("utf-16-le")
    _out, _needed, result["addPort"] = conn.XcvData(x, "AddPort", port, len(port), 0, 0)
    conn.ClosePrinter(x)
except WERRORError as e:
    result["addPort"] = e.args[0]

h = conn.OpenPrinterEx("\\\\127.0.0.1\\" + a["printer"], None, spoolss.DevmodeContainer(),
                       PRINTER_ALL_ACCESS if a.get("admin", True) else 0x00000008, ulc)
info, _needed = conn.GetPrinter(h, 2, bytes(BUFFER), BUFFER)
ctr = set_printer_info_2(info, {"portname": info.portname + "," + a["newPort"]})
result["setPrinter"] = werror(lambda: conn.SetPrinter(h, ctr, spoolss.DevmodeContainer(),
                                                       security.sec_desc_buf(), 0))
info, _needed = conn.GetPrinter(h, 2, bytes(BUFFER), BUFFER)
result["ports"] = info.portname
conn.ClosePrinter(h)
print(json.dumps(result))
