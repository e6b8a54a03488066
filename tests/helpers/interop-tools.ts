/**
 * Real third-party tools for the interop tests. In CI (CI=true) a missing tool is a failure,
 * never a skip; on a developer machine the suite is skipped with the reason printed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const TOOLS = {
  smbclient: '/usr/bin/smbclient',
  rpcclient: '/usr/bin/rpcclient',
  /** Samba's `net` (samba-common-bin, beside rpcclient): `net rpc printer`, `net rpc registry`. */
  net: '/usr/bin/net',
  smbd: '/usr/sbin/smbd',
  smbpasswd: '/usr/bin/smbpasswd',
  tshark: '/usr/bin/tshark',
  dumpcap: '/usr/bin/dumpcap',
  python3: '/usr/bin/python3',
  snmpwalk: '/usr/bin/snmpwalk',
  snmpbulkwalk: '/usr/bin/snmpbulkwalk',
  snmpget: '/usr/bin/snmpget',
  snmpset: '/usr/bin/snmpset',
  rlpr: '/usr/bin/rlpr',
  smbtorture: '/usr/bin/smbtorture',
  /** Debian's chromium, driven by puppeteer-core (which downloads no browser of its own). */
  chromium: '/usr/bin/chromium',
} as const;
export type ToolName = keyof typeof TOOLS;

const checked = new Map<string, string | undefined>();

/** Why the tool cannot be used, or undefined when it can. */
export function toolProblem(tool: ToolName | 'impacket'): string | undefined {
  if (checked.has(tool)) return checked.get(tool);
  let problem: string | undefined;
  if (tool === 'impacket') {
    try {
      execFileSync(TOOLS.python3, ['-c', 'import impacket.dcerpc.v5.rprn'], { stdio: 'ignore' });
    } catch {
      problem = 'python3-impacket is not installed (/usr/bin/python3 cannot import impacket.dcerpc.v5.rprn)';
    }
  } else if (!existsSync(TOOLS[tool])) {
    problem = `${TOOLS[tool]} is not installed (run scripts/install-interop-tools.sh)`;
  }
  checked.set(tool, problem);
  return problem;
}

/**
 * `describe` when every tool is present. Otherwise: in CI a suite whose single test fails with the
 * reason; elsewhere a skipped suite.
 */
export function describeWithTools(tools: ReadonlyArray<ToolName | 'impacket'>, name: string, body: () => void): void {
  const problems = tools.map((t) => toolProblem(t)).filter((p): p is string => p !== undefined);
  if (problems.length === 0) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      test('interop tools are installed', () => {
        throw new Error(`missing interop tools in CI: ${problems.join('; ')}`);
      });
    });
  } else {
    const skipped = describe.skip;
    skipped(`${name} (skipped: ${problems.join('; ')})`, body);
  }
}
