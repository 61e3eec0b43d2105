#!/bin/sh
# Builds dist/service-desk/ (a one-folder bundle) with PyInstaller, in a build venv of its own
# (build/dist-venv: the project installed as a user would get it, plus the `dist` extra and the
# `central` extra: the PostgreSQL driver, so a counter can join its store and sync).
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=build/dist-venv
test -x $VENV/bin/python || $PYTHON -m venv $VENV
$VENV/bin/python -m pip install -q --disable-pip-version-check --find-links build/wheelhouse \
  '.[dist,central]'
$VENV/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
  --workpath build/pyinstaller installer/service-desk.spec
echo "built dist/service-desk (run dist/service-desk/service-desk)"
