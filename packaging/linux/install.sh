#!/bin/sh
# Install the Linux folder bundle for the current user:
#   packaging/linux/install.sh [BUNDLE_DIR]   (default: packaging/dist/sage50-desktop)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bundle=${1:-"$here/../dist/sage50-desktop"}
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
dest="$prefix/sage50-desktop"
mkdir -p "$dest" "$HOME/.local/bin" "$prefix/applications" "$prefix/icons/hicolor/256x256/apps"
cp -a "$bundle/." "$dest/"
ln -sf "$dest/sage50-desktop" "$HOME/.local/bin/sage50-desktop"
ln -sf "$dest/sage50" "$HOME/.local/bin/sage50"
cp "$here/sage50-desktop.desktop" "$prefix/applications/"
icon="$here/../build/icons/sage50-desktop.png"
[ -f "$icon" ] && cp "$icon" "$prefix/icons/hicolor/256x256/apps/sage50-desktop.png"
echo "installed in $dest; start it from the applications menu or with: sage50-desktop"
