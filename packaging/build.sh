#!/usr/bin/env bash
# Build the installable application from a checkout: `bash packaging/build.sh`.
#
#   packaging/dist/mizan/                      one-folder application; ./mizan runs the window
#                                              and the CLI (PyInstaller, see packaging/mizan.spec)
#   packaging/dist/mizan-VERSION-OS-ARCH.tar.gz  the same folder, to hand out
#   packaging/dist/mizan/share/                mizan.desktop and the icon in PNG sizes (Linux);
#                                              ./install-desktop-entry.sh adds it to the menu
#
# Python: $MIZAN_BUILD_VENV, else the project's .venv; created with the project installed when
# missing. PyInstaller comes from the `bundle` extra of pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
VENV="${MIZAN_BUILD_VENV:-$ROOT/.venv}"
DIST="$ROOT/packaging/dist"
WORK="$ROOT/packaging/build"
start=$(date +%s)

if [ ! -x "$VENV/bin/python" ]; then
    echo "== creating $VENV"
    python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
if ! "$PY" -c "import PySide6, sqlalchemy, alembic, spacy, pyarrow, cassis, defusedxml" 2>/dev/null; then
    echo "== installing Mizan and the bundle tools into $VENV"
    "$PY" -m pip install -q -e "$ROOT[bundle]"
else
    # the project is there already: add only the bundle tools (nothing to do when present)
    mapfile -t tools < <("$PY" -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['bundle']))")
    "$PY" -m pip install -q "${tools[@]}"
fi

VERSION="$("$PY" -c "import re; print(re.search(r'^__version__ = \"([^\"]+)\"', open('desktop/__init__.py').read(), re.M).group(1))")"
echo "== building Mizan $VERSION"
"$PY" -m PyInstaller --noconfirm --log-level ERROR \
    --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/mizan.spec"
APP="$DIST/mizan"

if command -v strip >/dev/null && command -v readelf >/dev/null; then
    # Cython builds of spaCy, thinc, blis... carry debug symbols: half of their size. Libraries
    # that auditwheel patched (in *.libs folders) break when stripped, so only files with
    # debug sections are touched, and never those.
    echo "== stripping debug symbols"
    find "$APP/_internal" -name '*.so*' -type f -not -path '*.libs/*' -print0 |
        while IFS= read -r -d '' lib; do
            if readelf -S --wide "$lib" 2>/dev/null | grep -q '\.debug_info'; then
                strip --strip-debug "$lib"
            fi
        done
fi

if [ "$(uname -s)" = "Linux" ]; then
    echo "== desktop entry and icons"
    "$PY" "$ROOT/packaging/icons.py" "$APP/share/icons" >/dev/null
    mkdir -p "$APP/share/applications"
    cp "$ROOT/packaging/mizan.desktop" "$APP/share/applications/mizan.desktop"
    cp "$ROOT/packaging/install-desktop-entry.sh" "$APP/install-desktop-entry.sh"
    chmod +x "$APP/install-desktop-entry.sh"
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$APP/share/applications/mizan.desktop"
    else
        echo "   (desktop-file-validate not found: install desktop-file-utils to check the entry)"
    fi
fi

echo "== archive"
OS="$(uname -s | tr '[:upper:]' '[:lower:]')"
ARCHIVE="$DIST/mizan-$VERSION-$OS-$(uname -m).tar.gz"
rm -f "$DIST"/mizan-*.tar.gz
tar -C "$DIST" -czf "$ARCHIVE" mizan

echo "== done in $(( $(date +%s) - start )) s"
echo "   $APP  $(du -sh "$APP" | cut -f1)"
echo "   $ARCHIVE  $(du -sh "$ARCHIVE" | cut -f1)"
