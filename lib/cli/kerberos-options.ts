/**
 * `--kerberos`, `--keytab FILE --principal NAME`: the client logs on with Kerberos service tickets
 * instead of NTLM, as a domain member does. Tickets come from the credential cache kinit wrote
 * (KRB5CCNAME, else MIT's default FILE:/tmp/krb5cc_<uid>), through a TGS-REQ to the realm's KDC
 * (KRB5_CONFIG, else /etc/krb5.conf) for each service not yet in it; or, with a keytab, from an
 * AS-REQ with the principal's key first. Each service is asked for once per command.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { acquireServiceTicket, type ServiceTicket } from '../auth/kerberos/kdc-client';

export interface KerberosCliOptions {
  kerberos?: boolean;
  keytab?: string;
  principal?: string;
}

export function addKerberosOptions(command: Command): Command {
  return command
    .option('--kerberos', 'log on with Kerberos tickets from the credential cache (KRB5CCNAME) instead of NTLM')
    .option('--keytab <file>', 'with --principal: get the tickets with this keytab instead of the credential cache')
    .option('--principal <name>', "the keytab's client principal (alice@EXAMPLE.COM)");
}

/** The default MIT credential cache of this process's user. */
function defaultCcache(env: NodeJS.ProcessEnv): string {
  if (env.KRB5CCNAME !== undefined && env.KRB5CCNAME !== '') return env.KRB5CCNAME;
  return `FILE:/tmp/krb5cc_${process.getuid?.() ?? 0}`;
}

/** The ticket source the options ask for, or undefined (NTLM). */
export function kerberosTicketSource(
  opts: KerberosCliOptions,
  env: NodeJS.ProcessEnv = process.env,
): ((service: string) => Promise<ServiceTicket>) | undefined {
  if ((opts.keytab === undefined) !== (opts.principal === undefined))
    throw new InvalidArgumentError('--keytab and --principal go together');
  if (opts.kerberos !== true && opts.keytab === undefined) return undefined;
  const source =
    opts.keytab !== undefined && opts.principal !== undefined
      ? { keytab: opts.keytab, principal: opts.principal }
      : { ccache: defaultCcache(env) };
  const asked = new Map<string, Promise<ServiceTicket>>();
  return (service) => {
    const key = service.toLowerCase();
    let ticket = asked.get(key);
    if (ticket === undefined) {
      ticket = acquireServiceTicket(service, { ...source, env });
      asked.set(key, ticket);
    }
    return ticket;
  };
}
