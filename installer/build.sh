#!/bin/sh
# Builds dist/service-desk/ (a folder bundle) with PyInstaller from the project's venv.
set -eu
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q "pyinstaller>=6.6"
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  installer/service-desk.spec
echo "built dist/service-desk (run dist/service-desk/service-desk)"
