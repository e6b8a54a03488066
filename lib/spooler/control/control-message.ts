/**
 * Reads one request line of the control channel (control-protocol.ts) into a ControlMessage,
 * checking every field the server uses: a line that is not JSON, not an object, names an unknown
 * operation or action, or carries a field of the wrong type is a MalformedPacketError, which the
 * server answers with ERROR_INVALID_PARAMETER. Only the known fields are kept.
 */
import { MalformedPacketError } from '../../common/errors';
import type { ControlMessage, ControlRequest } from './control-protocol';

type Json = Readonly<Record<string, unknown>>;

type ActionOf<Op extends ControlRequest['op']> =
  Extract<ControlRequest, { op: Op }> extends {
    args: { action: infer A };
  }
    ? A
    : never;
/** Every action of the protocol, and nothing else: a new action fails to compile until listed here. */
type AllOf<A extends string> = <T extends readonly A[]>(list: T & ([A] extends [T[number]] ? unknown : never)) => T;
const all =
  <A extends string>(): AllOf<A> =>
  (list) =>
    list;

const PRINTER_ACTIONS = all<ActionOf<'printer'>>()(['pause', 'resume', 'purge'] as const);
const JOB_ACTIONS = all<ActionOf<'job'>>()(['pause', 'resume', 'cancel', 'restart'] as const);
const DEVICE_ACTIONS = all<ActionOf<'device'>>()(['fault', 'clear', 'ppm', 'snmp'] as const);

function bad(field: string, problem: string): MalformedPacketError {
  return new MalformedPacketError(`control request: ${field} ${problem}`, { field });
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(o: Json, field: string): string {
  const v = o[field];
  if (typeof v !== 'string') throw bad(field, 'is not a string');
  return v;
}

function optionalText(o: Json, field: string): string | undefined {
  return o[field] === undefined ? undefined : text(o, field);
}

function count(o: Json, field: string, max: number): number {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) throw bad(field, 'is not a count');
  return v;
}

function oneOf<T extends string>(o: Json, field: string, allowed: readonly T[]): T {
  const v = text(o, field);
  const found = allowed.find((a) => a === v);
  if (found === undefined) throw bad(field, `"${v}" is not one of ${allowed.join(', ')}`);
  return found;
}

function decodeRequest(op: unknown, args: Json): ControlRequest {
  switch (op) {
    case 'status':
      return { op, args: args.events === undefined ? {} : { events: count(args, 'events', 0xffffffff) } };
    case 'print':
      return {
        op,
        args: { printer: text(args, 'printer'), documentName: text(args, 'documentName'), data: text(args, 'data') },
      };
    case 'printer':
      return { op, args: { printer: text(args, 'printer'), action: oneOf(args, 'action', PRINTER_ACTIONS) } };
    case 'job':
      return {
        op,
        args: {
          printer: text(args, 'printer'),
          jobId: count(args, 'jobId', 0xffffffff),
          action: oneOf(args, 'action', JOB_ACTIONS),
        },
      };
    case 'device': {
      const port = optionalText(args, 'port');
      return {
        op,
        args: {
          printer: text(args, 'printer'),
          ...(port !== undefined && { port }),
          action: oneOf(args, 'action', DEVICE_ACTIONS),
          value: text(args, 'value'),
        },
      };
    }
    default:
      throw bad('op', `${JSON.stringify(op) ?? 'undefined'} is not an operation`);
  }
}

export function decodeControlMessage(line: string): ControlMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    throw new MalformedPacketError(`control request is not JSON: ${(err as Error).message}`, {}, { cause: err });
  }
  if (!isObject(parsed)) throw bad('request', 'is not an object');
  const id = parsed.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw bad('id', 'is not an integer');
  const args = parsed.args === undefined ? {} : parsed.args;
  if (!isObject(args)) throw bad('args', 'is not an object');
  const user = optionalText(parsed, 'user');
  const password = optionalText(parsed, 'password');
  return {
    id,
    ...(user !== undefined && { user }),
    ...(password !== undefined && { password }),
    ...decodeRequest(parsed.op, args),
  };
}
