#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a command with an unlocked desktop keyring, so tests keep and read
# the sync session through libsecret exactly as the app does.
# Usage, inside a private D-Bus session:  with-keyring.sh COMMAND [ARGS…]
#
# The keyring daemon lives on that session bus, keeps its files in a
# temporary folder (never the user's own keyring) and ends with the bus.
# Without gnome-keyring or a session bus the command runs as it is, and the
# tests that need a keyring skip.
set -euo pipefail

if ! command -v gnome-keyring-daemon >/dev/null || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring.sh: no gnome-keyring-daemon or no D-Bus session; keyring tests will skip" >&2
  exec "$@"
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/porchlight-keyring-XXXXXX")
trap 'rm -rf "$home"' EXIT
mkdir -m 700 "$home/data" "$home/runtime"

# gnome-keyring 42 makes the "login" keyring, the default collection, from
# the password on stdin and leaves it unlocked. An empty password makes it
# ask through a prompt instead, which nobody would answer here, so the
# keyring gets a throwaway one.
printf 'porchlight-test' |
  XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/runtime" \
  gnome-keyring-daemon --unlock --components=secrets >/dev/null

# The daemon forks; wait until it answers on the bus.
for _ in $(seq 50); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
       org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
     grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done

export PORCHLIGHT_TEST_KEYRING=1
status=0
"$@" || status=$?
exit $status
