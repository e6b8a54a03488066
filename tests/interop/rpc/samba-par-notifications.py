"""
Samba's winspool bindings (python3-samba: pidl's NDR from winspool.idl) as an MS-PAR notification
client against pointprint, over ncacn_ip_tcp at packet privacy ([MS-PAR] 3.1.4.9):
  1. RpcAsyncOpenPrinter(HpColor), RpcSyncRegisterForRemoteNotifications with the four
     "RemoteNotifyFilter" properties (job fields DOCUMENT, USER_NAME, STATUS);
  2. RpcAsyncStartDocPrinter + RpcAsyncEndDocPrinter on a second handle (a job to report);
  3. RpcAsyncGetRemoteNotifications, RpcSyncRefreshRemoteNotifications;
  4. RpcSyncUnRegisterForRemoteNotifications, then a poll on the closed handle (a fault).
Prints one JSON object of what each step returned.
usage: samba-par-notifications.py HOST PORT USER PASSWORD
"""
import json
import sys

from samba import param, NTSTATUSError
from samba.credentials import Credentials
from samba.dcerpc import misc, spoolss, winspool

host, port, user, password = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
OBJECT = "9940CA8E-512F-4C58-88A9-61098D6896BD"
lp = param.LoadParm()
creds = Credentials()
creds.guess(lp)
creds.set_username(user)
creds.set_password(password)
conn = winspool.iremotewinspool("%s@ncacn_ip_tcp:%s[%s,seal]" % (OBJECT, host, port), lp, creds)
out = {}


def client_info():
    ulc = spoolss.UserLevelCtr()
    ulc.level = 1
    u1 = spoolss.UserLevel1()
    u1.size = 28
    u1.client = "SAMBAPY"
    u1.user = user
    u1.build = 22631
    u1.major = 10
    u1.minor = 0
    u1.processor = 9
    ulc.user_info = u1
    return ulc


def prop(name, kind, value):
    p = winspool.PrintNamedProperty()
    p.propertyName = name
    v = winspool.PrintPropertyValue()
    v.PropertyType = kind
    v.value = value
    p.propertyValue = v
    return p


def collection(props):
    c = winspool.PrintPropertiesCollection()
    c.numberOfProperties = len(props)
    c.propertiesCollection = props
    return c


def job_filter(color):
    t = spoolss.NotifyOptionType()
    t.type = 1  # JOB_NOTIFY_TYPE
    fields = [0x0D, 0x03, 0x0A]  # DOCUMENT, USER_NAME, STATUS
    # The count first: the binding reads a size_is array back with it.
    t.count = len(fields)
    t.fields = fields
    o = spoolss.NotifyOption()
    o.version = 2
    o.flags = 0
    o.types = [t]
    o.count = 1
    oc = winspool.NOTIFY_OPTIONS_CONTAINER()
    oc.pOptions = o
    return collection([
        prop("RemoteNotifyFilter Flags", winspool.PropertyTypeInt32, 0x0000FF00),
        prop("RemoteNotifyFilter Options", winspool.PropertyTypeInt32, 0),
        prop("RemoteNotifyFilter Color", winspool.PropertyTypeInt32, color),
        prop("RemoteNotifyFilter NotifyOptions", winspool.PropertyTypeNotificationOptions, oc),
    ])


def data_of(c):
    res = {}
    for p in c.propertiesCollection or []:
        v = p.propertyValue
        if v.PropertyType == winspool.PropertyTypeNotificationReply:
            info = v.value.pInfo
            entries = []
            for n in info.notifies or []:
                d = n.data
                value = d.string if n.variable_type == 2 else (d[0] if isinstance(d, list) else str(d))
                entries.append({"type": n.type, "field": n.field, "id": n.job_id, "value": value})
            res[p.propertyName] = {"flags": info.flags, "entries": entries}
        else:
            res[p.propertyName] = v.value
    return res


printer = "\\\\%s\\HpColor" % host
h = conn.AsyncOpenPrinter(printer, None, spoolss.DevmodeContainer(), 0x8, client_info())
reg, status = conn.SyncRegisterForRemoteNotifications(h, job_filter(3))
out["register"] = status
jh = conn.AsyncOpenPrinter(printer, None, spoolss.DevmodeContainer(), 0x8, client_info())
di = spoolss.DocumentInfoCtr()
di.level = 1
d1 = spoolss.DocumentInfo1()
d1.document_name = "samba-notify.txt"
d1.datatype = "RAW"
di.info = d1
job_id = conn.AsyncStartDocPrinter(jh, di)
conn.AsyncEndDocPrinter(jh)
conn.AsyncClosePrinter(jh)
out["jobId"] = job_id
data, status = conn.AsyncGetRemoteNotifications(reg)
out["poll"] = dict(data_of(data), status=status)
data, status = conn.SyncRefreshRemoteNotifications(reg, job_filter(4))
out["refresh"] = dict(data_of(data), status=status)
closed, status = conn.SyncUnRegisterForRemoteNotifications(reg)
out["unregister"] = status
try:
    conn.AsyncGetRemoteNotifications(reg)
    out["afterUnregister"] = "answered"
except NTSTATUSError as e:
    out["afterUnregister"] = "0x%08x" % (e.args[0] & 0xFFFFFFFF)
conn.AsyncClosePrinter(h)
print(json.dumps(out))
