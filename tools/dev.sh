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
# socat for serial pty pairs, poppler for PDFs, Chromium and its driver for the
# phone page's browser test (tests/browser: Selenium drives the system browser).
DEB_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
              libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
              libxcb-randr0 libxcb-xkb1 libx11-xcb1 libusb-1.0-0 libcups2
              libpulse0 fonts-wqy-microhei postgresql socat poppler-utils faketime chromium chromium-driver)

# Whether Debian package $1 is installed for this machine's architecture (or
# for all), or for the one it names (wine32:i386). Not `dpkg -s`: once the
# installer checks have added i386, libfontconfig1 is installed twice and
# `dpkg -s libfontconfig1` fails as ambiguous, so every run installed again.
deb_installed() {
  local want="^($(dpkg --print-architecture)|all) [a-z]i"  # installed (ii, or hi: held)
  [[ $1 == *:* ]] && want=" [a-z]i"
  dpkg-query -W -f='${Architecture} ${db:Status-Abbrev}\n' "$1" 2>/dev/null | grep -Eq "$want"
}

# apt-get install, after an update; an update that fails (a mirror being
# synced) leaves the lists there are: the install then says what it lacks.
apt_install() {
  local sudo=$1; shift
  $sudo apt-get update -qq || echo "dev.sh: apt-get update failed; installing from the package lists at hand" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_debian_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0
  local missing=()
  for p in "${DEB_PACKAGES[@]}"; do
    deb_installed "$p" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "dev.sh: please install these Debian packages: ${missing[*]}" >&2; return 0; fi
  fi
  echo "dev.sh: installing ${missing[*]}" >&2
  apt_install "$sudo" "${missing[@]}"
}

# The installer checks (tests/integration/installer): Wine with its 32-bit
# part (ISCC.exe is a 32-bit program; i386 packages need the architecture
# added first), a virtual X server (a silent Setup still opens windows), MinGW
# for the Windows stand-in payload, and Inno Setup's compiler from npm.
# Installed when BRANCHDESK_INSTALLER_CHECKS=1 (.ci/run sets it); dpkg-deb
# for the .deb test comes with every Debian.
INNO_VERSION=6.4.1
WINDOWS_CHECK_PACKAGES=(wine wine64 wine32:i386 xvfb xauth gcc-mingw-w64-x86-64-win32)

ensure_installer_check_tools() {
  [ "${BRANCHDESK_INSTALLER_CHECKS:-}" = 1 ] || return 0
  command -v dpkg >/dev/null 2>&1 || return 0
  local sudo="" missing=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "dev.sh: please install ${WINDOWS_CHECK_PACKAGES[*]} npm (after dpkg --add-architecture i386)" >&2
      return 0; fi
  fi
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    echo "dev.sh: adding the i386 architecture (for wine32)" >&2
    $sudo dpkg --add-architecture i386
  fi
  for p in "${WINDOWS_CHECK_PACKAGES[@]}"; do
    deb_installed "$p" || missing+=("$p")
  done
  command -v npm >/dev/null 2>&1 || missing+=(npm)  # any npm will do (nodejs may bring its own)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "dev.sh: installing ${missing[*]}" >&2
    apt_install "$sudo" "${missing[@]}"
  fi
  if [ ! -f build/innosetup/package/bin/ISCC.exe ]; then
    echo "dev.sh: fetching innosetup@$INNO_VERSION (npm) into build/innosetup" >&2
    mkdir -p build/innosetup
    (cd build/innosetup && npm pack --silent "innosetup@$INNO_VERSION" >/dev/null && tar xzf "innosetup-$INNO_VERSION.tgz")
  fi
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
    ensure_installer_check_tools
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
