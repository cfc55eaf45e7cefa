#!/usr/bin/env bash
# Build the one-folder bundle dist/BranchDesk/ on this OS (Linux/macOS).
#   bash installer/build.sh            # into dist/
#   DIST=/tmp/out WORK=/tmp/work bash installer/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  "$PY" -m pip install -q -e ".[build]"
fi
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" installer/branchdesk.spec
echo "build.sh: bundle in $DIST/BranchDesk ($(du -sh "$DIST/BranchDesk" | cut -f1)) in $(( $(date +%s) - start ))s"
bash installer/smoke.sh "$DIST/BranchDesk"
