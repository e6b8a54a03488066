// Samba 4.17 rpcclient asking our endpoint mapper for spoolss before its sealed bind
// ('ncacn_ip_tcp:127.0.0.3[seal]', tests/fixtures/rpc-auth/README.md): its ept_map request
// decodes, and EpmSession's answer is the one rpcclient accepted (it then connected to the port).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MSRPC_UUID_RPRN, NDR20_SYNTAX } from '../../../../lib/rpc/constants';
import { EPMAPPER_SYNTAX, EpmOpnum } from '../../../../lib/rpc/epm/epm-constants';
import { EpmSession } from '../../../../lib/rpc/epm/epm-service';
import { decodeEptMapRequest, decodeEptMapResponse } from '../../../../lib/rpc/epm/ept-map';
import { decodeTower, towerBinding } from '../../../../lib/rpc/epm/tower';
import { decodeRequest, decodeResponse } from '../../../../lib/rpc/pdu/request';

const recorded = (
  JSON.parse(
    readFileSync(join(__dirname, '../../../fixtures/rpc-auth/rpcclient-epm-spoolss-ntlm-privacy.json'), 'utf8'),
  ) as Array<{ from?: string; hex?: string }>
).filter((e) => e.from === 'epm-client' || e.from === 'epm-server');
const pdu = (from: string, nth = 0): Buffer => Buffer.from(recorded.filter((e) => e.from === from)[nth]!.hex!, 'hex');

describe('rpcclient ept_map', () => {
  const request = decodeRequest(pdu('epm-client', 1));

  it('asks for spoolss 1.0 over ncacn_ip_tcp with a NULL object and max_towers 1', () => {
    expect(request.opnum).toBe(EpmOpnum.ept_map);
    const req = decodeEptMapRequest(request.stub);
    expect(req).toMatchObject({ object: undefined, maxTowers: 1, entryHandle: Buffer.alloc(20) });
    expect(towerBinding(decodeTower(req.mapTower!))).toEqual({
      interface: MSRPC_UUID_RPRN,
      transferSyntax: NDR20_SYNTAX,
      endpoint: { protseq: 'ncacn_ip_tcp', port: 0, address: '0.0.0.0' },
    });
  });

  it('gets the answer it accepted: spoolss at port 41371 on 127.0.0.3', () => {
    const session = new EpmSession({
      registrations: () => [
        { interface: EPMAPPER_SYNTAX, endpoint: { protseq: 'ncacn_ip_tcp', port: 135 }, annotation: '' },
        { interface: MSRPC_UUID_RPRN, endpoint: { protseq: 'ncacn_ip_tcp', port: 41371 }, annotation: 'Spooler' },
      ],
      localAddress: '127.0.0.3',
      serverName: 'NTPRINT',
    });
    const answer = session.call(request.opnum, request.stub);
    expect(answer).toEqual(decodeResponse(pdu('epm-server', 1)).stub);
    const [tower] = decodeEptMapResponse(answer).towers;
    expect(towerBinding(decodeTower(tower!))?.endpoint).toEqual({
      protseq: 'ncacn_ip_tcp',
      port: 41371,
      address: '127.0.0.3',
    });
  });
});
