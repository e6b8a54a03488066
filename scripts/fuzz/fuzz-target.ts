/**
 * What the fuzz suite runs: a decoder of untrusted bytes, with valid encodings of its messages to
 * mutate. A decoder either returns or throws one of the project's typed errors (PointPrintError:
 * MalformedPacketError, NtStatusError, RpcFaultError, ParseError...); anything else — a TypeError,
 * a RangeError from Buffer, an untyped Error — is a bug in the decoder, as is a call that runs
 * longer than its time limit or asks for an allocation out of proportion to its input.
 */
export interface DecoderTarget {
  /** `area/decoder`, e.g. `smb2/request` or `rprn/RpcOpenPrinterEx-request`. */
  readonly name: string;
  /** Decodes the bytes; may return a promise (the cabinet reader reads through a source). */
  readonly decode: (input: Buffer) => unknown;
  /** Valid encodings (from the project's encoders) that structure-aware mutations start from. */
  readonly seeds: () => readonly Buffer[];
  /** Longest random input; 512 bytes unless given. */
  readonly maxRandomLength?: number;
}

/** Seeds are computed once per target (some come from encoders that are slow to set up). */
export function memoSeeds(make: () => readonly Buffer[]): () => readonly Buffer[] {
  let seeds: readonly Buffer[] | undefined;
  return () => (seeds ??= make());
}
