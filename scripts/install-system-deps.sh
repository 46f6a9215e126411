#!/bin/sh
# Installs the Debian/Ubuntu packages MutualDesk needs, but only those missing,
# and only where apt is usable (root, or sudo without a password). Elsewhere it
# names what is missing and carries on. poppler-utils (pdftotext) and
# libreoffice-calc-nogui (recalculating the council pack's formulas) are for the tests.
# gcc and python3-dev build the counter's C piles (without them counts run in
# plain Python, with the same results, only slower). postgresql is the server a
# federation's office runs (`make server`), and the tests run every service on it too.
set -u

need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-system-deps: not a Debian/Ubuntu system; install Qt's libraries yourself if the app fails to start."
    exit 0
fi

command -v python3 >/dev/null 2>&1 || need="$need python3"
python3 -c 'import ensurepip' >/dev/null 2>&1 || need="$need python3-venv"
command -v gcc >/dev/null 2>&1 || need="$need gcc"
python3 -c 'import os, sysconfig; raise SystemExit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
    >/dev/null 2>&1 || need="$need python3-dev"
for pkg in libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
           libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 \
           libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 \
           libxcb-image0 fonts-dejavu-core poppler-utils libreoffice-calc-nogui postgresql; do
    have_pkg "$pkg" || need="$need $pkg"
done

[ -z "$need" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "install-system-deps: please install:$need"
    exit 0
fi

echo "install-system-deps: installing$need"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null || {
    echo "install-system-deps: apt-get could not install:$need"
    exit 0
}
