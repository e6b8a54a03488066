#!/usr/bin/env bash
# Installs the real peers the interop tests run against, from Debian's packages:
# smbclient, rpcclient/net (samba-common-bin), smbd (samba) and its Python bindings (python3-samba),
# impacket (python3-impacket), tshark, net-snmp's command-line tools (snmp: snmpwalk, snmpget, ...),
# samba-testsuite (smbtorture, Samba's protocol torture suites),
# rlpr, an LPR client that sends to an LPD by host name without a local spooler (cups-bsd's
# lpr only talks to a running CUPS; BSD lpr needs a local lpd and a printcap), and MIT Kerberos for the Kerberos tests:
# krb5kdc and kdb5_util (krb5-kdc), kadmin.local (krb5-admin-server), kinit and klist (krb5-user), and MIT's
# gss-client (krb5-gss-samples), which checks our RFC 4121 Wrap and MIC tokens; gcab, which `npm run
# fixtures` uses to build the driver package CABs of drivers-store/<arch>/PCC (the committed CABs need
# no tool to be read); and chromium with a font for the real-browser tests of the web view
# (puppeteer-core drives the system chromium and downloads no browser).
# Idempotent: does nothing when every tool is already there.
set -euo pipefail

need=()
command -v smbclient >/dev/null 2>&1 || need+=(smbclient)
# rpcclient comes with smbclient; net and smbpasswd with samba-common-bin.
command -v net >/dev/null 2>&1 || need+=(samba-common-bin)
[ -x /usr/sbin/smbd ] || need+=(samba)
/usr/bin/python3 -c 'import impacket.dcerpc.v5.rprn' >/dev/null 2>&1 || need+=(python3-impacket)
# Samba's own spoolss bindings write CopyFiles keys into the reference smbd (SetPrinterDataEx).
/usr/bin/python3 -c 'import samba.dcerpc.spoolss' >/dev/null 2>&1 || need+=(python3-samba)
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v snmpwalk >/dev/null 2>&1 || need+=(snmp)
command -v rlpr >/dev/null 2>&1 || need+=(rlpr)
# smbtorture runs Samba's spoolss suites (written against Windows) at our server.
[ -x /usr/bin/smbtorture ] || need+=(samba-testsuite)
# tests/helpers/kdc.ts starts its own KDC in a temporary realm; these are absolute paths it uses.
[ -x /usr/sbin/krb5kdc ] && [ -x /usr/sbin/kdb5_util ] || need+=(krb5-kdc)
[ -x /usr/sbin/kadmin.local ] || need+=(krb5-admin-server)
[ -x /usr/bin/kinit ] && [ -x /usr/bin/klist ] || need+=(krb5-user)
[ -x /usr/bin/gss-client ] || need+=(krb5-gss-samples)
command -v gcab >/dev/null 2>&1 || need+=(gcab)
# The real-browser tests of the web view: Debian's chromium (puppeteer-core downloads none) and a font.
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)

if [ ${#need[@]} -eq 0 ]; then
  echo "interop tools: all present"
  exit 0
fi

echo "interop tools: installing ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer once, non-interactively.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
# krb5-config asks for a default realm and its servers: the tests bring their own krb5.conf.
printf '%s\n' \
  "krb5-config krb5-config/default_realm string POINTPRINT.TEST" \
  "krb5-config krb5-config/add_servers_realm string POINTPRINT.TEST" \
  "krb5-config krb5-config/add_servers boolean false" \
  "krb5-config krb5-config/read_conf boolean true" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# smbd must not start as a system service from the package: tests start their own on loopback ports.
# samba-testsuite brings winbind along; nothing here uses it.
$SUDO systemctl disable --now smbd nmbd samba-ad-dc winbind >/dev/null 2>&1 || true
# Nor the KDC and kadmind: the Kerberos tests start krb5kdc on a loopback port of their own.
$SUDO systemctl disable --now krb5-kdc krb5-admin-server >/dev/null 2>&1 || true
echo "interop tools: installed"
