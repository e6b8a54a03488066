# Decodes the ept_map and ept_lookup response stubs given as hex on argv with impacket's own
# epm classes and prints what impacket reads, as JSON. Usage: impacket-epm-decode.py MAP LOOKUP
import json
import sys

from impacket.dcerpc.v5 import epm

out = {}
m = epm.ept_mapResponse(bytes.fromhex(sys.argv[1]))
out['map'] = {
    'num_towers': m['num_towers'],
    'status': m['status'],
    'bindings': [epm.PrintStringBinding(epm.EPMTower(b''.join(t['Data']['tower_octet_string']))['Floors'])
                 for t in m['ITowers']],
}
l = epm.ept_lookupResponse(bytes.fromhex(sys.argv[2]))
out['lookup'] = {
    'num_ents': l['num_ents'],
    'status': l['status'],
    'entries': [{
        'annotation': b''.join(e['annotation']).decode('latin1'),
        'binding': epm.PrintStringBinding(epm.EPMTower(b''.join(e['tower']['tower_octet_string']))['Floors']),
    } for e in l['entries']],
}
print(json.dumps(out))
