/**
 * Logging through winston. Library code receives a Logger (dependency injection) and never
 * writes to the console itself; components use child loggers with structured metadata
 * ({ component, connId, sessionId, treeId, callId }).
 */
import winston from 'winston';

export type Logger = winston.Logger;

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'silly';

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** `text` for people (stderr), `json` for files and scripts. */
  readonly format?: 'text' | 'json';
  /** Where to write; defaults to stderr so stdout stays for command output. */
  readonly stream?: NodeJS.WritableStream;
  /** A file to append JSON lines to, in addition to the stream. */
  readonly file?: string;
  /** No output at all (tests, libraries used quietly). */
  readonly silent?: boolean;
}

const textFormat = winston.format.printf((info) => {
  const { level, message, timestamp, component, ...rest } = info;
  const meta = Object.entries(rest)
    .filter(([k]) => typeof k === 'string' && !k.startsWith('Symbol('))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const comp = typeof component === 'string' ? ` [${component}]` : '';
  return `${String(timestamp)} ${level}${comp}: ${String(message)}${meta ? ` ${meta}` : ''}`;
});

export function createLogger(options: LoggerOptions = {}): Logger {
  const transports: winston.transport[] = [];
  const fmt =
    options.format === 'json'
      ? winston.format.combine(winston.format.timestamp(), winston.format.json())
      : winston.format.combine(winston.format.timestamp(), textFormat);
  transports.push(new winston.transports.Stream({ stream: options.stream ?? process.stderr, format: fmt }));
  if (options.file) {
    transports.push(
      new winston.transports.File({
        filename: options.file,
        format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      }),
    );
  }
  // A pass-through logger format: winston applies it to every message, even those the level drops
  // (the default json() would stringify each one); the transports carry the real formats.
  return winston.createLogger({
    level: options.level ?? 'warn',
    silent: options.silent ?? false,
    transports,
    format: winston.format((info) => info)(),
  });
}

/** A logger that drops everything: the default for library callers that pass none. */
export function createSilentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
