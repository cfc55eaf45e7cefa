#!/bin/sh
# Regenerate the translation sources (.ts) from the code and compile them (.qm).
# Existing translations in the .ts files are kept; edit them with pyside6-linguist.
set -e
cd "$(dirname "$0")/.."
BIN=.venv/bin
FILES=$(find app/ui -name '*.py' -not -path 'app/ui/complaints/*' -not -path 'app/ui/manager/*' \
        -not -path 'app/ui/admin/*' -not -path 'app/ui/setup/*' | sort)
# Other features' screens ship their own .ts files next to ours, if they have any.
for lang in zh_CN en; do
    "$BIN/pyside6-lupdate" -no-obsolete -target-language "$lang" $FILES -ts "resources/i18n/branchdesk_$lang.ts"
    "$BIN/pyside6-lrelease" "resources/i18n/branchdesk_$lang.ts" -qm "resources/i18n/branchdesk_$lang.qm"
done
