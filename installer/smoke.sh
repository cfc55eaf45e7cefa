#!/usr/bin/env bash
# Smoke test of a built bundle: --version, then the offscreen self-check.
#   bash installer/smoke.sh dist/BranchDesk
set -euo pipefail
BUNDLE=${1:-dist/BranchDesk}
EXE="$BUNDLE/branchdesk-cli"
[ -x "$EXE" ] || EXE="$BUNDLE/branchdesk-cli.exe"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen BRANCHDESK_CONFIG="$tmp/settings.toml" BRANCHDESK_LOG_DIR="$tmp/logs"
"$EXE" --version
"$EXE" selfcheck --folder "$tmp/selfcheck"
echo "smoke.sh: OK"
