# What the scripts driving our server with Samba's own spoolss client (python3-samba's
# samba.dcerpc.spoolss) share: the bind to \pipe\spoolss with the account's credentials, and the
# SPLCLIENT_INFO_1 (spoolss.UserLevel1) that OpenPrinterEx sends.
from samba import param
from samba.credentials import Credentials
from samba.dcerpc import spoolss


def connect(port, user, password):
    """Returns (conn, ulc): the spoolss client and the user-level container for OpenPrinterEx."""
    lp = param.LoadParm()
    lp.set("smb ports", str(port))
    creds = Credentials()
    creds.guess(lp)
    creds.set_username(user)
    creds.set_password(password)
    conn = spoolss.spoolss("ncacn_np:127.0.0.1[spoolss]", lp, creds)
    ulc = spoolss.UserLevelCtr()
    ulc.level = 1
    u1 = spoolss.UserLevel1()
    u1.size = 28
    u1.client = "POINTPRINT"
    u1.user = user
    ulc.user_info = u1
    return conn, ulc


def set_printer_info_2(info, changes):
    """A SetPrinter level 2 container holding GetPrinter 2's `info` with the fields in `changes`
    changed; no DEVMODE and no security descriptor: those stay as they are."""
    i2 = spoolss.SetPrinterInfo2()
    for f in ("servername", "printername", "sharename", "portname", "drivername", "comment", "location",
              "sepfile", "printprocessor", "datatype", "parameters", "attributes", "priority",
              "defaultpriority", "starttime", "untiltime", "status", "cjobs", "averageppm"):
        setattr(i2, f, changes.get(f, getattr(info, f)))
    i2.devmode_ptr = 0
    i2.secdesc_ptr = 0
    ctr = spoolss.SetPrinterInfoCtr()
    ctr.level = 2
    ctr.info = i2
    return ctr
