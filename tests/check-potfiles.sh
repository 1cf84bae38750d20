#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file with a translatable string must be listed in
# po/POTFILES.in, or its strings never reach translators.
set -eu
top=$1
cd "$top"
missing=0
for file in $(grep -lE '(^|[^a-zA-Z_])(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(' src/*/*.c; grep -l 'translatable="yes"' ui/*.ui); do
  if ! grep -qx "$file" po/POTFILES.in; then
    echo "$file has translatable strings but is not in po/POTFILES.in"
    missing=1
  fi
done
while read -r listed; do
  case "$listed" in ''|'#'*) continue ;; esac
  if [ ! -f "$listed" ]; then
    echo "po/POTFILES.in lists $listed, which does not exist"
    missing=1
  fi
done < po/POTFILES.in
exit $missing
