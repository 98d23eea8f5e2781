#!/usr/bin/env bash
# Add Mizan to the desktop's application menu for the current user (no root needed):
# `./install-desktop-entry.sh` from the unpacked mizan/ folder. Run it again after moving the
# folder; `--uninstall` removes the entry and the icons.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$DATA/applications/mizan.desktop"
    find "$DATA/icons/hicolor" \( -name mizan.png -o -name mizan.svg \) -delete 2>/dev/null || true
    echo "removed Mizan from the application menu"
    exit 0
fi
mkdir -p "$DATA/applications" "$DATA/icons"
cp -r "$HERE/share/icons/hicolor" "$DATA/icons/"
sed -e "s|^Exec=.*|Exec=\"$HERE/mizan\"|" -e "s|^TryExec=.*|TryExec=$HERE/mizan|" \
    "$HERE/share/applications/mizan.desktop" > "$DATA/applications/mizan.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
echo "Mizan is in the application menu ($DATA/applications/mizan.desktop)"
