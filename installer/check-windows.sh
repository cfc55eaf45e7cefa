#!/usr/bin/env bash
# Compile the Windows installer (installer/branchdesk.iss) with Inno Setup's
# ISCC under Wine, then install it silently, install a higher version over
# it, and uninstall it, printing what was checked after each step
# (installer/wincheck.py): files under Program Files, one Start-menu shortcut
# per role with its arguments, the lobby autostart entry, the uninstall entry,
# and the branch data in C:\ProgramData\BranchDesk kept through the upgrade
# and the uninstall.
#   bash installer/check-windows.sh
# Payload: dist/BranchDesk when it is a Windows bundle (BranchDesk.exe), else
# a stand-in with the same names made by installer/payload.py (a Windows
# bundle cannot be built on Linux). Needs: wine, wine64, wine32:i386, xvfb-run,
# x86_64-w64-mingw32-gcc for the stand-in, and ISCC.exe ($ISCC, or the npm
# package innosetup unpacked into build/innosetup; fetched with npm if missing).
# What this does not cover: docs/install.md, "What the Windows check covers".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
INNO_VERSION=6.4.1
WORK=${WORK:-build/wincheck}
export WINEPREFIX=${WINEPREFIX:-$ROOT/$WORK/prefix}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono/Gecko prompts
say() { printf '%s\n' "$*"; }
fail() { printf 'check-windows.sh: %s\n' "$*" >&2; exit 1; }

for tool in wine wineserver xvfb-run; do
  command -v "$tool" >/dev/null || fail "$tool is missing (Debian: wine wine64 wine32:i386 xvfb; see docs/install.md)."
done
# Setup's windows need a display even when silent, and every Wine program of
# the prefix must share one: the whole check runs in one virtual X server.
if [ -z "${CHECK_WINDOWS_XVFB:-}" ]; then
  export CHECK_WINDOWS_XVFB=1
  exec xvfb-run -a -s "-screen 0 1024x768x24" bash "$0" "$@"
fi

# --- Inno Setup's compiler ---------------------------------------------------
ISCC=${ISCC:-$ROOT/build/innosetup/package/bin/ISCC.exe}
if [ ! -f "$ISCC" ]; then
  command -v npm >/dev/null || fail "ISCC.exe not found and npm is missing to fetch innosetup@$INNO_VERSION."
  mkdir -p build/innosetup
  (cd build/innosetup && npm pack --silent "innosetup@$INNO_VERSION" >/dev/null && tar xzf "innosetup-$INNO_VERSION.tgz")
fi
[ -f "$ISCC" ] || fail "ISCC.exe is not at $ISCC."

# --- versions and payload ----------------------------------------------------
VERSION=${VERSION:-$("$PY" -c 'import app; print(app.__version__)')}
NEXT=${NEXT:-$("$PY" -c 'import sys; p = sys.argv[1].split("."); p[-1] = str(int(p[-1]) + 1); print(".".join(p))' "$VERSION")}
rm -rf "$WORK"
mkdir -p "$WORK"  # the prefix too: every check starts from a clean Windows
payload() {  # payload VERSION: the folder to pack, in $PAYLOAD
  if [ -f dist/BranchDesk/BranchDesk.exe ]; then
    "$PY" installer/payload.py check dist/BranchDesk
    PAYLOAD=$ROOT/dist/BranchDesk
  else
    "$PY" installer/payload.py standin "$WORK/payload-$1" --version "$1"
    PAYLOAD=$ROOT/$WORK/payload-$1
  fi
}
compile() {  # compile VERSION: the setup program, in $SETUP
  local started
  payload "$1"
  started=$(date +%s%N)
  (cd installer && wine "$ISCC" /Q "/DAppVersion=$1" "/DPayload=$(winepath -w "$PAYLOAD")" \
     "/O$(winepath -w "$ROOT/$WORK/out")" branchdesk.iss) || fail "ISCC could not compile branchdesk.iss."
  SETUP=$ROOT/$WORK/out/BranchDesk-$1-setup.exe
  say "compiled $(basename "$SETUP") ($(du -h "$SETUP" | cut -f1)) in $(( ($(date +%s%N) - started) / 1000000 )) ms"
}
timed() {  # timed LABEL COMMAND...: run it, then wait for Wine to finish, and say how long it took
  local label=$1 started
  shift
  started=$(date +%s%N)
  "$@" >>"$WORK/wine.log" 2>&1
  wineserver -w
  say "$label in $(( ($(date +%s%N) - started) / 1000000 )) ms"
}

say "== a clean Windows (Wine prefix $WINEPREFIX)"
timed "prefix made" wineboot -i
C=$WINEPREFIX/drive_c

say "== compile (Inno Setup $INNO_VERSION under $(wine --version))"
compile "$VERSION"
SETUP1=$SETUP
compile "$NEXT"
SETUP2=$SETUP

say "== install $VERSION silently, with the lobby autostart"
timed "installed" wine "$SETUP1" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
  "/TASKS=lobbyautostart,adduser" '/LOG=C:\setup-1.log'
"$PY" installer/wincheck.py installed --prefix "$WINEPREFIX" --version "$VERSION" --log "$C/setup-1.log"
say "   branchdesk-cli.exe --version: $(wine "$C/Program Files/BranchDesk/branchdesk-cli.exe" --version | tr -d '\r')"
wineserver -w
"$PY" installer/wincheck.py seed --prefix "$WINEPREFIX" > "$WORK/seed.txt"
grep -v '^DIGEST ' "$WORK/seed.txt"
DIGEST=$(sed -n 's/^DIGEST //p' "$WORK/seed.txt")

say "== install $NEXT over it (upgrade in place, same tasks)"
timed "upgraded" wine "$SETUP2" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART '/LOG=C:\setup-2.log'
"$PY" installer/wincheck.py upgraded --prefix "$WINEPREFIX" --version "$NEXT" --log "$C/setup-2.log" --digest "$DIGEST"
GOT=$(wine "$C/Program Files/BranchDesk/branchdesk-cli.exe" --version | tr -d '\r')
wineserver -w
say "   branchdesk-cli.exe --version: $GOT"
case "$GOT" in "BranchDesk $NEXT"*) ;; *) fail "the upgrade did not replace the program (it says: $GOT).";; esac

say "== uninstall silently"
timed "uninstalled" wine "$C/Program Files/BranchDesk/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES \
  /NORESTART '/LOG=C:\uninstall.log'
"$PY" installer/wincheck.py removed --prefix "$WINEPREFIX" --digest "$DIGEST"
say "check-windows.sh: OK"
