/** The terminal password reader: raw mode (no echo), Enter, Backspace, Ctrl-C; none without a terminal. */
import { PassThrough } from 'node:stream';
import { CliError } from '../../../lib/cli/failure';
import { createTerminalPasswordReader } from '../../../lib/cli/password-prompt';

/** A stand-in for a terminal's stdin: records raw mode as a TTY would switch it. */
function fakeTerminal(isTTY = true): NodeJS.ReadStream & { modes: boolean[] } {
  const input = new PassThrough() as unknown as NodeJS.ReadStream & { modes: boolean[] };
  input.modes = [];
  Object.assign(input, {
    isTTY,
    isRaw: false,
    setRawMode(mode: boolean) {
      input.modes.push(mode);
      (input as { isRaw: boolean }).isRaw = mode;
      return input;
    },
  });
  return input;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

test('no terminal, no reader: the caller says what to give instead', () => {
  expect(createTerminalPasswordReader(fakeTerminal(false), new PassThrough())).toBeUndefined();
});

test('the prompt on the output, the password never echoed, raw mode restored', async () => {
  const input = fakeTerminal();
  const out = sink();
  const read = createTerminalPasswordReader(input, out.stream);
  const pending = read!('Password for [WORKGROUP\\alice]:');
  input.write('Passw0rdX');
  input.write('\u007f!\r');
  await expect(pending).resolves.toBe('Passw0rd!');
  expect(out.text()).toBe('Password for [WORKGROUP\\alice]:\n');
  expect(input.modes).toEqual([true, false]);
});

test('Ctrl-C gives up with a usage error that says what to do', async () => {
  const input = fakeTerminal();
  const read = createTerminalPasswordReader(input, new PassThrough());
  const pending = read!('Password:');
  input.write('abc\u0003');
  const err = (await pending.catch((e: unknown) => e)) as CliError;
  expect(err).toBeInstanceOf(CliError);
  expect(err.exitCode).toBe(2);
  expect(err.hint).toMatch(/-N for none/);
  expect(input.modes).toEqual([true, false]);
});
