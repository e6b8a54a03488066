#!/usr/bin/env bash
# Installs the real peers the interop tests run against, from Debian's packages:
# smbclient, rpcclient/net (samba-common-bin), smbd (samba) and its Python bindings (python3-samba),
# impacket (python3-impacket), tshark, net-snmp's command-line tools (snmp: snmpwalk, snmpget, ...)
# rlpr, an LPR client that sends to an LPD by host name without a local spooler (cups-bsd's
# lpr only talks to a running CUPS; BSD lpr needs a local lpd and a printcap), and smbtorture
# (samba-testsuite), Samba's protocol test suite, run against our server.
# Idempotent: does nothing when every tool is already there.
set -euo pipefail

need=()
command -v smbclient >/dev/null 2>&1 || need+=(smbclient)
command -v rpcclient >/dev/null 2>&1 || need+=(samba-common-bin)
[ -x /usr/sbin/smbd ] || need+=(samba)
/usr/bin/python3 -c 'import impacket.dcerpc.v5.rprn' >/dev/null 2>&1 || need+=(python3-impacket)
# Samba's own spoolss bindings write CopyFiles keys into the reference smbd (SetPrinterDataEx).
/usr/bin/python3 -c 'import samba.dcerpc.spoolss' >/dev/null 2>&1 || need+=(python3-samba)
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v snmpwalk >/dev/null 2>&1 || need+=(snmp)
command -v rlpr >/dev/null 2>&1 || need+=(rlpr)
command -v smbtorture >/dev/null 2>&1 || need+=(samba-testsuite)

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
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# smbd must not start as a system service from the package: tests start their own on loopback ports.
# (samba-testsuite brings winbind along; nothing here uses it.)
$SUDO systemctl disable --now smbd nmbd samba-ad-dc winbind >/dev/null 2>&1 || true
echo "interop tools: installed"
