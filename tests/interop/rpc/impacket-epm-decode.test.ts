/**
 * impacket's endpoint-mapper classes (impacket.dcerpc.v5.epm, what hept_map and hept_lookup use)
 * read the ept_map and ept_lookup answers of our EpmSession: the towers give the string bindings
 * impacket prints, annotations and status intact.
 */
import path from 'node:path';
import { MSRPC_UUID_RPRN } from '../../../lib/rpc/constants';
import { EPMAPPER_SYNTAX, EpmOpnum } from '../../../lib/rpc/epm/epm-constants';
import { EpmSession } from '../../../lib/rpc/epm/epm-service';
import { encodeEptLookupRequest } from '../../../lib/rpc/epm/ept-lookup';
import { encodeEptMapRequest } from '../../../lib/rpc/epm/ept-map';
import { encodeTower, endpointTower } from '../../../lib/rpc/epm/tower';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { run } from '../../helpers/rpc-stack';

jest.setTimeout(30000);

const PAR = { uuid: '76f03f96-cdfd-44fc-a22c-64950a001209', major: 1, minor: 0 };

describeWithTools(['python3', 'impacket'], 'impacket reads our endpoint mapper answers', () => {
  it('ept_map and ept_lookup', async () => {
    const session = new EpmSession({
      registrations: () => [
        { interface: EPMAPPER_SYNTAX, endpoint: { protseq: 'ncacn_ip_tcp', port: 135 }, annotation: '' },
        {
          interface: PAR,
          object: '9940ca8e-512f-4c58-88a9-61098d6896bd',
          endpoint: { protseq: 'ncacn_ip_tcp', port: 49668 },
          annotation: 'Spooler function endpoint',
        },
        {
          interface: MSRPC_UUID_RPRN,
          endpoint: { protseq: 'ncacn_np', pipe: '\\PIPE\\spoolss' },
          annotation: 'Spooler',
        },
      ],
      localAddress: '127.0.0.2',
      serverName: 'NTPRINT',
    });
    const map = session.call(
      EpmOpnum.ept_map,
      encodeEptMapRequest({
        object: undefined,
        mapTower: encodeTower(endpointTower(PAR, { protseq: 'ncacn_ip_tcp', port: 0, address: '0.0.0.0' })),
        entryHandle: Buffer.alloc(20),
        maxTowers: 4,
      }),
    );
    const lookup = session.call(
      EpmOpnum.ept_lookup,
      encodeEptLookupRequest({
        inquiryType: 0,
        object: undefined,
        interfaceId: undefined,
        versOption: 1,
        entryHandle: Buffer.alloc(20),
        maxEnts: 500,
      }),
    );
    const r = await run(TOOLS.python3, [
      path.join(__dirname, 'impacket-epm-decode.py'),
      map.toString('hex'),
      lookup.toString('hex'),
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      map: { num_towers: 1, status: 0, bindings: ['ncacn_ip_tcp:127.0.0.2[49668]'] },
      lookup: {
        num_ents: 3,
        status: 0,
        entries: [
          { annotation: '\0', binding: 'ncacn_ip_tcp:127.0.0.2[135]' },
          { annotation: 'Spooler function endpoint\0', binding: 'ncacn_ip_tcp:127.0.0.2[49668]' },
          { annotation: 'Spooler\0', binding: 'ncacn_np:\\\\NTPRINT[\\PIPE\\spoolss]' },
        ],
      },
    });
  });
});
