/**
 * IRemoteWinspool's opnums for the MS-RPRN messages — [MS-PAR] 3.1.4: every RpcAsync method with
 * an MS-RPRN counterpart carries that counterpart's stubs (the explicit binding handle is not on
 * the wire), so PAR opnum N is the message of PAR_RPRN_TWINS[N]. The methods without a twin
 * (the driver package administration calls) have messages of their own (./messages). Only the
 * messages this code base describes are listed; the server answers the others with
 * nca_s_op_rng_error, as on the pipe.
 */
import type { AnyNdrMessage } from '../ndr/ndr-message';
import { OpnumTable } from '../opnum-table';
import { RPRN_MESSAGES, type RprnMessageName } from '../rprn/messages';
import { PAR_RPRN_TWINS, ParOpnum } from './constants';
import { PAR_ONLY_MESSAGES } from './messages';

function isRprnMessage(name: string): name is RprnMessageName {
  return Object.prototype.hasOwnProperty.call(RPRN_MESSAGES, name);
}

export const PAR_OPNUMS = new OpnumTable<AnyNdrMessage>([
  ...Object.entries(PAR_RPRN_TWINS).flatMap(([opnum, twin]) =>
    twin !== undefined && isRprnMessage(twin.rprn)
      ? [[Number(opnum) as ParOpnum, RPRN_MESSAGES[twin.rprn] as AnyNdrMessage] as const]
      : [],
  ),
  ...(Object.keys(PAR_ONLY_MESSAGES) as (keyof typeof PAR_ONLY_MESSAGES)[]).map(
    (name) => [ParOpnum[name], PAR_ONLY_MESSAGES[name] as AnyNdrMessage] as const,
  ),
]);
