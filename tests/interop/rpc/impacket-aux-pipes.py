"""impacket's lsad/lsat, rrp and samr against a print server's auxiliary pipes.

argv: host port user password. Prints one JSON object with what each call returned; a DCERPC
error is reported as {"error": "<status name>"} so the test can assert on it.
"""
import json
import sys

from impacket.dcerpc.v5 import lsad, lsat, rrp, samr, transport
from impacket.dcerpc.v5.dtypes import MAXIMUM_ALLOWED
from impacket.dcerpc.v5.rpcrt import DCERPCException

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def bind(pipe, uuid):
    t = transport.DCERPCTransportFactory(r"ncacn_np:%s[\pipe\%s]" % (host, pipe))
    t.set_dport(port)
    t.set_credentials(user, password, "", "", "")
    d = t.get_dce_rpc()
    d.connect()
    d.bind(uuid)
    return d


def guarded(fn):
    try:
        return fn()
    except DCERPCException as e:
        code = e.get_error_code() if hasattr(e, "get_error_code") else None
        return {"error": str(e).split(" ")[0] if code is None else "0x%08x" % code}


out = {}

d = bind("lsarpc", lsat.MSRPC_UUID_LSAT)
pol = lsad.hLsarOpenPolicy2(d, MAXIMUM_ALLOWED | lsat.POLICY_LOOKUP_NAMES)["PolicyHandle"]
acc = lsad.hLsarQueryInformationPolicy2(d, pol, lsad.POLICY_INFORMATION_CLASS.PolicyAccountDomainInformation)
out["accountDomain"] = {
    "name": acc["PolicyInformation"]["PolicyAccountDomainInfo"]["DomainName"],
    "sid": acc["PolicyInformation"]["PolicyAccountDomainInfo"]["DomainSid"].formatCanonical(),
}
pri = lsad.hLsarQueryInformationPolicy2(d, pol, lsad.POLICY_INFORMATION_CLASS.PolicyPrimaryDomainInformation)
out["primaryDomain"] = pri["PolicyInformation"]["PolicyPrimaryDomainInfo"]["Name"]
names = lsat.hLsarLookupNames(d, pol, ["alice", "Administrators"])
out["lookupNames"] = [
    {"use": s["Use"], "rid": s["RelativeId"], "domain": s["DomainIndex"]} for s in names["TranslatedSids"]["Sids"]
]
out["lookupNamesDomains"] = [dom["Name"] for dom in names["ReferencedDomains"]["Domains"]]
names3 = lsat.hLsarLookupNames3(d, pol, ["carol"])
out["lookupNames3"] = names3["TranslatedSids"]["Sids"][0]["Sid"].formatCanonical()
sids = lsat.hLsarLookupSids(d, pol, [out["lookupNames3"], "S-1-5-32-544"], lsat.LSAP_LOOKUP_LEVEL.LsapLookupWksta)
out["lookupSids"] = [n["Name"] for n in sids["TranslatedNames"]["Names"]]
out["lookupUnknown"] = guarded(lambda: lsat.hLsarLookupNames(d, pol, ["nobody-here"]))
if isinstance(out["lookupUnknown"], dict) is False:
    out["lookupUnknown"] = "mapped"
lsad.hLsarClose(d, pol)
d.disconnect()

d = bind("winreg", rrp.MSRPC_UUID_RRP)
hklm = rrp.hOpenLocalMachine(d, MAXIMUM_ALLOWED)["phKey"]
key = rrp.hBaseRegOpenKey(d, hklm, "SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\HpColor")["phkResult"]
info = rrp.hBaseRegQueryInfoKey(d, key)
out["infoKey"] = {"subKeys": info["lpcSubKeys"], "values": info["lpcValues"]}
out["subkeys"] = []
for i in range(info["lpcSubKeys"]):
    out["subkeys"].append(rrp.hBaseRegEnumKey(d, key, i)["lpNameOut"].rstrip("\x00"))
first = rrp.hBaseRegEnumValue(d, key, 0)
out["firstValue"] = {"name": first["lpValueNameOut"].rstrip("\x00"), "type": first["lpType"]}
typ, data = rrp.hBaseRegQueryValue(d, key, "Printer Driver")
out["driver"] = {"type": typ, "data": data.rstrip("\x00") if isinstance(data, str) else str(data)}
out["missingValue"] = guarded(lambda: rrp.hBaseRegQueryValue(d, key, "NoSuchValue"))
out["missingKey"] = guarded(lambda: rrp.hBaseRegOpenKey(d, hklm, "SYSTEM\\NoSuchKey"))
out["writeAccess"] = guarded(lambda: rrp.hBaseRegOpenKey(d, hklm, "SYSTEM", samDesired=rrp.KEY_SET_VALUE))
if not isinstance(out["writeAccess"], dict):
    out["writeAccess"] = "granted"
rrp.hBaseRegCloseKey(d, key)
rrp.hBaseRegCloseKey(d, hklm)
d.disconnect()

d = bind("samr", samr.MSRPC_UUID_SAMR)
server = samr.hSamrConnect5(d)["ServerHandle"]
out["domains"] = [e["Name"] for e in samr.hSamrEnumerateDomainsInSamServer(d, server)["Buffer"]["Buffer"]]
dom_sid = samr.hSamrLookupDomainInSamServer(d, server, out["accountDomain"]["name"])["DomainId"]
dom = samr.hSamrOpenDomain(d, server, domainId=dom_sid)["DomainHandle"]
looked = samr.hSamrLookupNamesInDomain(d, dom, ["admin"])
out["samrAdmin"] = {"rid": looked["RelativeIds"]["Element"][0]["Data"], "use": looked["Use"]["Element"][0]["Data"]}
samr.hSamrCloseHandle(d, dom)
samr.hSamrCloseHandle(d, server)
d.disconnect()

print(json.dumps(out))
