/**
 * The endpoint mapper as an interface of a TCP endpoint (port 135, [MS-RPCE] 2.1.1.1): each
 * association group gets an EpmSession (its lookup handles), answering from the server's
 * registrations with towers that point at the address the connection reached.
 */
import { EPMAPPER_SYNTAX } from './epm-constants';
import { EpmSession, type EpmSessionOptions } from './epm-service';
import type { RpcInterfaceDefinition } from '../server/rpc-interface';

export function epmInterface(options: EpmSessionOptions): RpcInterfaceDefinition {
  return {
    syntax: EPMAPPER_SYNTAX,
    name: 'epmapper',
    instantiate() {
      const session = new EpmSession(options);
      return {
        syntax: EPMAPPER_SYNTAX,
        name: 'epmapper',
        call: (opnum, stub) => Promise.resolve().then(() => session.call(opnum, stub)),
        close() {},
      };
    },
  };
}
