#!/bin/sh
# Installs the Debian packages named as arguments that are missing: with
# apt-get when run as root, otherwise prints the exact command and stops.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "mlmat: installing:$missing"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$missing
else
	echo "mlmat: missing packages; run:"
	echo "  sudo apt-get install -y$missing"
	exit 1
fi
