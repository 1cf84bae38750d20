#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the Debian 12 packages Porchlight needs to build, test and run,
# asking apt only for the ones that are missing. Usage: deps.sh [test|run]
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libsoup-3.0-dev libsodium-dev libsecret-1-dev
  libical-dev
  gettext desktop-file-utils appstream
  xvfb xauth xdotool dbus dbus-x11 at-spi2-core gnome-keyring
  adwaita-icon-theme fonts-cantarell fonts-dejavu-core
  tzdata
)

# Running the app on the demo district shows names in Arabic, Devanagari,
# Khmer, Ethiopic and Han script; these fonts draw them.
if [ "${1:-test}" = run ]; then
  packages+=(fonts-noto-core fonts-noto-cjk)
fi

# The printed survey forms are read back with poppler's tools, and must be
# drawn in Arabic and Devanagari letters, not boxes: the small UI cut of
# Noto has both (fonts-noto-core, above, has them too).
if [ "${1:-test}" = test ]; then
  packages+=(poppler-utils fonts-noto-ui-core)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [ "$status" != "install ok installed" ]; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}" >&2
sudo=
if [ "$(id -u)" -ne 0 ]; then
  sudo=sudo
fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
