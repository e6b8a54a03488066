/** impacket-setprinter-sd.py run for a test: SetPrinter level 3 with `sd`, its Win32 status. */
import path from 'node:path';
import { TOOLS } from '../../helpers/interop-tools';
import { run } from '../../helpers/rpc-stack';

export async function impacketSetPrinterSd(
  port: number,
  user: string,
  password: string,
  printer: string,
  sd: Buffer,
): Promise<number> {
  const script = path.join(__dirname, 'impacket-setprinter-sd.py');
  const r = await run(TOOLS.python3, [script, String(port), user, password, printer, sd.toString('hex')]);
  if (r.stderr !== '') throw new Error(`impacket-setprinter-sd.py: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { status: number }).status;
}
