#!/bin/sh
# Installs the Debian/Ubuntu packages Service Desk needs, when run as root and they are missing;
# otherwise says exactly what is missing and how to install it.
#   run  : what the app needs to open a window (Qt runtime libraries, a Chinese font, venv;
#          libpulse0, without which Qt Multimedia of the `camera` extra does not load at all)
#   test : the above plus PostgreSQL server binaries, socat, poppler-utils, zbar-tools, xvfb
set -eu
mode="${1:-run}"
run_pkgs="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
libxcb-render-util0 libxcb-image0 libglib2.0-0 fonts-wqy-microhei libpulse0"
test_pkgs="postgresql socat poppler-utils zbar-tools xvfb"
pkgs="$run_pkgs"
[ "$mode" = "test" ] && pkgs="$run_pkgs $test_pkgs"

command -v dpkg-query >/dev/null 2>&1 || { echo "system-packages: not a Debian/Ubuntu system; install the equivalents of: $pkgs" >&2; exit 0; }

missing=""
# The virtual environment needs venv + ensurepip; Debian ships them separately (python3-venv).
${PYTHON:-python3} -c "import venv, ensurepip" 2>/dev/null || missing=" python3-venv"
for p in $pkgs; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ]; then
  echo "system-packages: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "system-packages: missing:$missing" >&2
  echo "  install them with: sudo apt-get install$missing" >&2
  exit 1
fi
