/**
 * Asks for a password on the terminal as smbclient does: the prompt on stderr, the typed
 * characters not echoed (raw mode), Enter ends, Backspace erases, Ctrl-C and Ctrl-D give up.
 * Only for a terminal: with stdin a pipe or a file there is nobody to ask, and the caller says so.
 */
import { CliError } from './failure';
import { EXIT, type CliDeps } from './cli-deps';

export type PasswordReader = NonNullable<CliDeps['readPassword']>;

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u0008', '\u007f']);

export function createTerminalPasswordReader(
  input: NodeJS.ReadStream,
  output: NodeJS.WritableStream,
): PasswordReader | undefined {
  if (!input.isTTY) return undefined;
  return (prompt) =>
    new Promise<string>((resolve, reject) => {
      let typed = '';
      const wasRaw = input.isRaw;
      const finish = (err?: Error): void => {
        input.off('data', onData);
        input.setRawMode(wasRaw);
        input.pause();
        output.write('\n');
        if (err) reject(err);
        else resolve(typed);
      };
      const onData = (chunk: Buffer | string): void => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return finish();
          if (ch === CTRL_C || ch === CTRL_D) {
            return finish(
              new CliError(
                'no password was typed',
                'run the command again and type it, or use -N for none',
                EXIT.USAGE,
              ),
            );
          }
          if (BACKSPACE.has(ch)) typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      // Echo goes off before the prompt shows, so a password typed the moment it appears is not echoed.
      input.setRawMode(true);
      output.write(prompt);
      input.on('data', onData);
      input.resume();
    });
}
