#!/usr/bin/env bash
# BranchDesk developer entry point: sets everything up, then runs the app or the tests.
#   bash tools/dev.sh run  [branchdesk arguments]   # default: the demo on the embedded database
#   bash tools/dev.sh test [pytest arguments]       # the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the app and the tests need: Qt's runtime libraries (the
# bundle takes them from the system too: installer/branchdesk.spec), audio
# (libpulse0 for Qt Multimedia/TextToSpeech), printing (libcups2 for Qt's CUPS
# plugin), a CJK font, PostgreSQL for the multi-PC and head-office tests,
# socat for serial pty pairs, poppler for PDFs.
DEB_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
              libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
              libxcb-randr0 libxcb-xkb1 libx11-xcb1 libusb-1.0-0 libcups2
              libpulse0 fonts-wqy-microhei postgresql socat poppler-utils)

ensure_debian_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0
  local missing=()
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "dev.sh: please install these Debian packages: ${missing[*]}" >&2; return 0; fi
  fi
  echo "dev.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  local py=${PYTHON:-python3}
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  local stamp=.venv/.branchdesk-installed
  local want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,build]"  # build: PyInstaller for the bundle test
    echo "$want" > "$stamp"
  fi
}

cmd=${1:-run}
shift || true
case "$cmd" in
  run)
    ensure_debian_packages
    ensure_venv
    if [ $# -eq 0 ]; then set -- demo; fi
    exec .venv/bin/branchdesk "$@"
    ;;
  test)
    ensure_debian_packages
    ensure_venv
    export QT_QPA_PLATFORM=offscreen QT_API=pyside6
    set +e
    .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
    rc=$?
    set -e
    [ $rc -eq 5 ] && { echo "dev.sh: no tests were collected" >&2; exit 1; }
    exit $rc
    ;;
  *)
    echo "usage: bash tools/dev.sh run|test [arguments]" >&2
    exit 2
    ;;
esac
