/**
 * The client side of the endpoint mapper — [MS-RPCE] 2.1.1.1 (port 135), 2.2.1.2.5 (ept_map):
 * an anonymous bind of the ept interface, one ept_map for an interface (and object UUID) over
 * ncacn_ip_tcp, the first tower that names a TCP port. What Windows' RPC runtime does before it
 * binds a dynamic endpoint.
 */
import type { Logger } from '../../common/logger';
import { RpcClient } from '../client/rpc-client';
import { connectTcpTransport } from '../client/tcp-transport';
import type { SyntaxId } from '../constants';
import { CONTEXT_HANDLE_LENGTH } from '../ndr/ndr-reader';
import { EPMAPPER_SYNTAX, EpmOpnum, EptStatus } from './epm-constants';
import { decodeEptMapResponse, encodeEptMapRequest } from './ept-map';
import { decodeTower, encodeTower, endpointTower, towerBinding } from './tower';

export interface MappedEndpoint {
  readonly address: string;
  readonly port: number;
}

/**
 * Asks the mapper at host:port where `iface` listens over TCP; undefined when it has no such
 * endpoint. Throws RpcConnectError when the mapper cannot be reached.
 */
export async function mapTcpEndpoint(
  host: string,
  port: number,
  iface: SyntaxId,
  options: { readonly object?: string; readonly logger?: Logger } = {},
): Promise<MappedEndpoint | undefined> {
  const transport = await connectTcpTransport(host, port);
  const rpc = await RpcClient.bind(
    transport,
    { uuid: EPMAPPER_SYNTAX.uuid, version: EPMAPPER_SYNTAX.major, minor: EPMAPPER_SYNTAX.minor },
    { ...(options.logger !== undefined && { logger: options.logger }) },
  ).catch(async (err: unknown) => {
    await transport.close();
    throw err;
  });
  try {
    const mapTower = encodeTower(endpointTower(iface, { protseq: 'ncacn_ip_tcp', port: 0, address: '0.0.0.0' }));
    const stub = encodeEptMapRequest({
      object: options.object,
      mapTower,
      entryHandle: Buffer.alloc(CONTEXT_HANDLE_LENGTH),
      maxTowers: 4,
    });
    const answer = decodeEptMapResponse(await rpc.call(EpmOpnum.ept_map, stub));
    if (answer.status !== EptStatus.RPC_S_OK) return undefined;
    for (const octets of answer.towers) {
      const endpoint = towerBinding(decodeTower(octets))?.endpoint;
      if (endpoint?.protseq !== 'ncacn_ip_tcp') continue;
      // A mapper that does not know its own address says 0.0.0.0: the host we asked is the answer then.
      return { address: endpoint.address === '0.0.0.0' ? host : endpoint.address, port: endpoint.port };
    }
    return undefined;
  } finally {
    await rpc.close();
  }
}
