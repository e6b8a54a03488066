/**
 * A real MIT KDC for the Kerberos interop tests: Debian's krb5kdc in a temporary realm with its own
 * krb5.conf and kdc.conf (KRB5_CONFIG, KRB5_KDC_PROFILE: nothing of the machine's is read or
 * written), a database from `kdb5_util create`, principals from `kadmin.local`, a keytab for the
 * server exported with `ktadd -norandkey`, listening on 127.0.0.1 on a free port. Stopped by pid.
 * Every wait is bounded. In CI (CI=true) a missing tool fails the suite; elsewhere it is skipped.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const KDC_TOOLS = {
  krb5kdc: '/usr/sbin/krb5kdc',
  kdb5_util: '/usr/sbin/kdb5_util',
  kadminLocal: '/usr/sbin/kadmin.local',
  kinit: '/usr/bin/kinit',
  klist: '/usr/bin/klist',
  gssClient: '/usr/bin/gss-client',
  gssServer: '/usr/bin/gss-server',
} as const;

export interface KdcUser {
  readonly name: string;
  readonly password: string;
}

export interface TestKdc {
  readonly realm: string;
  /** The server's DNS name: ntprint.<realm in lower case>. */
  readonly serverHost: string;
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  /** KRB5_CONFIG and KRB5_KDC_PROFILE for every MIT tool run against this realm. */
  readonly env: NodeJS.ProcessEnv;
  /** Keys of cifs/<serverHost> and host/<serverHost>. */
  readonly serverKeytab: string;
  readonly users: readonly KdcUser[];
  kadmin(query: string): Promise<string>;
  /** kinit with the password on stdin; returns the ccache path. */
  kinit(user: string, password: string, ccache: string, extraArgs?: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

export const DEFAULT_KDC_USERS: readonly KdcUser[] = [
  { name: 'alice', password: 'Passw0rd!alice' },
  { name: 'admin', password: 'Passw0rd!admin' },
];

/** Why the KDC cannot run here, or undefined. */
export function kdcProblem(): string | undefined {
  const missing = Object.values(KDC_TOOLS).filter((t) => !existsSync(t));
  return missing.length === 0
    ? undefined
    : `missing ${missing.join(', ')} (run scripts/install-interop-tools.sh: krb5-kdc, krb5-admin-server, krb5-user, krb5-gss-samples)`;
}

/** `describe` with a KDC available; in CI a missing KDC fails, elsewhere the suite is skipped. */
export function describeWithKdc(name: string, body: () => void): void {
  const problem = kdcProblem();
  if (problem === undefined) describe(name, body);
  else if (process.env.CI === 'true')
    describe(name, () => {
      test('MIT KDC tools are installed', () => {
        throw new Error(`in CI: ${problem}`);
      });
    });
  else describe.skip(`${name} (skipped: ${problem})`, body);
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean): void => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

async function tool(file: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, [...args], { env, timeout: 30000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export interface StartKdcOptions {
  readonly realm?: string;
  readonly users?: readonly KdcUser[];
  /** Maximum ticket life (kdc.conf max_life), default 10h. */
  readonly maxLife?: string;
}

export async function startKdc(options: StartKdcOptions = {}): Promise<TestKdc> {
  const problem = kdcProblem();
  if (problem !== undefined) throw new Error(problem);
  const realm = options.realm ?? 'POINTPRINT.TEST';
  const serverHost = `ntprint.${realm.toLowerCase()}`;
  const users = options.users ?? DEFAULT_KDC_USERS;
  const host = '127.0.0.1';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-kdc-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KRB5_CONFIG: path.join(dir, 'krb5.conf'),
    KRB5_KDC_PROFILE: path.join(dir, 'kdc.conf'),
    KRB5CCNAME: `FILE:${path.join(dir, 'unused.ccache')}`,
    KRB5_TRACE: '',
  };
  delete env.KRB5_TRACE;
  const writeConfig = async (port: number): Promise<void> => {
    await fs.writeFile(
      env.KRB5_CONFIG as string,
      [
        '[libdefaults]',
        `  default_realm = ${realm}`,
        '  dns_lookup_kdc = false',
        '  dns_lookup_realm = false',
        '  dns_canonicalize_hostname = false',
        '  rdns = false',
        '  udp_preference_limit = 1',
        '  forwardable = true',
        '[realms]',
        `  ${realm} = {`,
        `    kdc = ${host}:${port}`,
        '  }',
        '[domain_realm]',
        `  .${realm.toLowerCase()} = ${realm}`,
        `  ${realm.toLowerCase()} = ${realm}`,
        '',
      ].join('\n'),
    );
    await fs.writeFile(
      env.KRB5_KDC_PROFILE as string,
      [
        '[kdcdefaults]',
        `  kdc_tcp_listen = ${host}:${port}`,
        `  kdc_listen = ${host}:${port}`,
        '[realms]',
        `  ${realm} = {`,
        `    database_name = ${path.join(dir, 'principal')}`,
        `    key_stash_file = ${path.join(dir, 'stash')}`,
        `    acl_file = ${path.join(dir, 'kadm5.acl')}`,
        `    kdc_tcp_listen = ${host}:${port}`,
        `    kdc_listen = ${host}:${port}`,
        `    max_life = ${options.maxLife ?? '10h'}`,
        '    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal',
        '  }',
        '[logging]',
        `  kdc = FILE:${path.join(dir, 'kdc.log')}`,
        '',
      ].join('\n'),
    );
  };

  let child: ChildProcess | undefined;
  let port = 0;
  try {
    port = await freePort(host);
    await writeConfig(port);
    await tool(KDC_TOOLS.kdb5_util, ['create', '-s', '-r', realm, '-P', 'master-key-for-tests'], env);
    const kadmin = (query: string): Promise<string> => tool(KDC_TOOLS.kadminLocal, ['-r', realm, '-q', query], env);
    for (const u of users) await kadmin(`addprinc -pw ${u.password} ${u.name}`);
    const serverKeytab = path.join(dir, 'ntprint.keytab');
    for (const svc of ['cifs', 'host']) {
      await kadmin(`addprinc -randkey ${svc}/${serverHost}`);
      await kadmin(`ktadd -norandkey -k ${serverKeytab} ${svc}/${serverHost}`);
    }

    // The port was free a moment ago; another process may take it first: try a few ports.
    for (let attempt = 1; ; attempt++) {
      const started = spawn(KDC_TOOLS.krb5kdc, ['-n', '-r', realm, '-P', path.join(dir, 'kdc.pid')], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child = started;
      let stderr = '';
      started.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      const deadline = Date.now() + 10000;
      let up = false;
      while (Date.now() < deadline && started.exitCode === null) {
        if (await accepts(host, port)) {
          up = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      if (up) break;
      started.kill('SIGKILL');
      await waitExit(started, 2000);
      if (attempt >= 3) throw new Error(`krb5kdc did not listen on ${host}:${port}: ${stderr}`);
      port = await freePort(host);
      await writeConfig(port);
    }

    const kdcChild = child;
    return {
      realm,
      serverHost,
      host,
      port,
      dir,
      env,
      serverKeytab,
      users,
      kadmin,
      kinit: async (user, password, ccache, extraArgs = []) => {
        await tool(KDC_TOOLS.kinit, [...extraArgs, '-c', `FILE:${ccache}`, `${user}@${realm}`], env, `${password}\n`);
        return ccache;
      },
      stop: async () => {
        if (kdcChild.exitCode === null && kdcChild.signalCode === null) {
          kdcChild.kill('SIGTERM');
          if (!(await waitExit(kdcChild, 5000))) {
            kdcChild.kill('SIGKILL');
            await waitExit(kdcChild, 2000);
          }
        }
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await waitExit(child, 2000);
    }
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** klist output for a ccache (what MIT itself reads from the file). */
export async function klist(kdc: TestKdc, ccache: string): Promise<string> {
  const { stdout } = await run(KDC_TOOLS.klist, ['-e', '-c', `FILE:${ccache}`], { env: kdc.env, timeout: 10000 });
  return stdout;
}
