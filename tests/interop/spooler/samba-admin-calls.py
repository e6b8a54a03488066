"""The administrative spoolss calls rpcclient has no command for, made by Samba's own spoolss
client (python3-samba's samba.dcerpc.spoolss, Samba's NDR):
- xcvAddPort: OpenPrinterEx ",XcvMonitor <monitor>" then XcvData "AddPort" ([MS-RPRN] 3.1.4.6.5):
  for Local Port the port's name; for Standard TCP/IP Port a PORT_DATA_1 (2.2.2.14.3, tcpxcv.h);
- setPrinter2: GetPrinter 2 then SetPrinter 2 with some fields changed (a pPortName listing several
  ports makes a pool; attributesClear takes attribute bits off);
- xcvDeletePort: XcvData "DeletePort" of a Local Port;
- setDataEx / deleteDataEx / deleteKey: RpcSetPrinterDataEx, RpcDeletePrinterDataEx and
  RpcDeletePrinterKey (3.1.4.2.18, 3.1.4.2.20, 3.1.4.2.21);
- deletePrinter: RpcDeletePrinter (3.1.4.2.4);
- setDevmode: GetPrinter 2's DEVMODE with a new orientation and copies, set with SetPrinter
  level 8 (the printer's global DEVMODE, 2.2.1.10.8);
and two reads for comparisons, which rpcclient cannot show:
- devmode: the DEVMODE GetPrinter 2 returns, NDR-packed, in hex (null when there is none);
- getDataEx: GetPrinterDataEx's type and data (hex), of a printer or of the server (printer "");
- portConfig: XcvData "GetConfigInfo" of ",XcvPort <port>": the PORT_DATA_1 in hex.

argv[1]: JSON {port, user, password, calls: [{call, ...}]}. Prints one JSON line: for each call
in order its WERROR (0 when it succeeded), or what a read returned.
"""
import json
import struct
import sys

from samba import WERRORError
from samba.dcerpc import security, spoolss
from samba.ndr import ndr_pack

from samba_spoolss import connect, set_printer_info_2

SERVER_ACCESS_ADMINISTER = 0x00000001
PRINTER_ALL_ACCESS = 0x000F000C
BUFFER = 16384
SERVER = "\\\\127.0.0.1\\"

a = json.loads(sys.argv[1])
conn, ulc = connect(a["port"], a["user"], a["password"])


def open_printer(name, access):
    """A printer, or the print server itself when `name` is empty (SERVER_ACCESS_ADMINISTER)."""
    if name == "":
        return conn.OpenPrinterEx(SERVER[:-1], None, spoolss.DevmodeContainer(),
                                  SERVER_ACCESS_ADMINISTER, ulc)
    return conn.OpenPrinterEx(SERVER + name, None, spoolss.DevmodeContainer(), access, ulc)


PORT_DATA_1_SIZE = 964


def port_data_1(c):
    """PORT_DATA_1 as tcpxcv.h lays it out: fixed UTF-16 arrays NUL-padded, DWORDs 4-aligned."""
    b = bytearray(PORT_DATA_1_SIZE)

    def wstr(offset, text, chars):
        e = text.encode("utf-16-le")
        assert len(e) < chars * 2, text
        b[offset:offset + len(e)] = e

    wstr(0, c["port"], 64)
    struct.pack_into("<IIII", b, 128, 1, c["protocol"], PORT_DATA_1_SIZE, 0)
    wstr(144, c["host"], 49)
    wstr(242, c["community"], 33)
    struct.pack_into("<I", b, 308, c["doubleSpool"])
    wstr(312, c["queue"], 33)
    struct.pack_into("<III", b, 952, c["portNumber"], c["snmpEnabled"], c["snmpDevIndex"])
    return bytes(b)


def xcv_add_port(c):
    h = open_printer(",XcvMonitor " + c["monitor"], SERVER_ACCESS_ADMINISTER)
    port = port_data_1(c) if "host" in c else (c["port"] + "\0").encode("utf-16-le")
    _out, _needed, status = conn.XcvData(h, "AddPort", port, len(port), 0, 0)
    conn.ClosePrinter(h)
    return status


def xcv_delete_port(c):
    h = open_printer(",XcvMonitor Local Port", SERVER_ACCESS_ADMINISTER)
    port = (c["port"] + "\0").encode("utf-16-le")
    _out, _needed, status = conn.XcvData(h, "DeletePort", port, len(port), 0, 0)
    conn.ClosePrinter(h)
    return status


def set_printer_2(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    info, _needed = conn.GetPrinter(h, 2, bytes(BUFFER), BUFFER)
    changes = dict(c.get("fields", {}))
    changes["attributes"] = changes.get("attributes", info.attributes) & ~c.get("attributesClear", 0)
    ctr = set_printer_info_2(info, changes)
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


def delete_key(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    conn.DeletePrinterKey(h, c["key"])
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


def set_devmode(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    info, _needed = conn.GetPrinter(h, 2, bytes(BUFFER), BUFFER)
    dm = info.devmode
    dm.orientation = c["orientation"]
    dm.copies = c["copies"]
    i8 = spoolss.SetPrinterInfo8()
    i8.devmode_ptr = 0
    ctr = spoolss.SetPrinterInfoCtr()
    ctr.level = 8
    ctr.info = i8
    container = spoolss.DevmodeContainer()
    container.devmode = dm
    conn.SetPrinter(h, ctr, container, security.sec_desc_buf(), 0)
    conn.ClosePrinter(h)
    return 0


def devmode(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    info, _needed = conn.GetPrinter(h, 2, bytes(BUFFER), BUFFER)
    conn.ClosePrinter(h)
    return None if info.devmode is None else ndr_pack(info.devmode).hex()


def get_data_ex(c):
    h = open_printer(c["printer"], PRINTER_ALL_ACCESS)
    value_type, data, needed = conn.GetPrinterDataEx(h, c["key"], c["name"], BUFFER)
    conn.ClosePrinter(h)
    return {"type": value_type, "data": bytes(data[:needed]).hex()}


CONFIG_INFO_DATA_1_SIZE = 132


def port_config(c):
    h = open_printer(",XcvPort " + c["port"], SERVER_ACCESS_ADMINISTER)
    config = bytearray(CONFIG_INFO_DATA_1_SIZE)
    struct.pack_into("<I", config, 128, 1)  # dwVersion
    out, _needed, status = conn.XcvData(h, "GetConfigInfo", bytes(config), len(config), PORT_DATA_1_SIZE, 0)
    conn.ClosePrinter(h)
    return {"status": status, "portData": bytes(out).hex()}


CALLS = {
    "xcvAddPort": xcv_add_port,
    "xcvDeletePort": xcv_delete_port,
    "setPrinter2": set_printer_2,
    "setDataEx": set_data_ex,
    "deleteDataEx": delete_data_ex,
    "deleteKey": delete_key,
    "deletePrinter": delete_printer,
    "setDevmode": set_devmode,
    "devmode": devmode,
    "portConfig": port_config,
    "getDataEx": get_data_ex,
}
results = []
for call in a["calls"]:
    try:
        results.append(CALLS[call["call"]](call))
    except WERRORError as e:
        results.append(e.args[0])
print(json.dumps(results))
