# What the impacket scripts of these tests share: a DCE/RPC bind to \pipe\spoolss on our server
# and RpcOpenPrinterEx of a printer with a SPLCLIENT_INFO_1 that names a Windows 10 x64 client.
from impacket.dcerpc.v5 import rprn, transport


def open_printer(port, user, password, printer, access):
    """Returns (dce, handle); impacket's DCERPCException propagates when the open is refused."""
    t = transport.DCERPCTransportFactory(r'ncacn_np:127.0.0.1[\pipe\spoolss]')
    t.set_dport(port)
    t.set_credentials(user, password, '', '', '')
    dce = t.get_dce_rpc()
    dce.connect()
    dce.bind(rprn.MSRPC_UUID_RPRN)
    client = rprn.SPLCLIENT_CONTAINER()
    client['Level'] = 1
    client['ClientInfo']['tag'] = 1
    info = rprn.SPLCLIENT_INFO_1()
    info['dwSize'] = 28
    info['pMachineName'] = 'PPCLIENT\x00'
    info['pUserName'] = user + '\x00'
    info['dwBuildNum'] = 19045
    info['dwMajorVersion'] = 3
    info['dwMinorVersion'] = 0
    info['wProcessorArchitecture'] = 9
    client['ClientInfo']['pClientInfo1'] = info
    r = rprn.hRpcOpenPrinterEx(
        dce, '\\\\127.0.0.1\\%s\x00' % printer, accessRequired=access, pClientInfo=client
    )
    return dce, r['pHandle']
