#!/bin/sh
# Smoke-tests dist/service-desk on a fresh data directory, offscreen: the demo store, the login
# window, a sample print to the file printer, a clean exit; then a cold start on that directory.
# Prints the bundle's size and start time.
set -eu
cd "$(dirname "$0")/.."
BUNDLE=dist/service-desk
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
export QT_QPA_PLATFORM=offscreen
"$BUNDLE/service-desk" --home "$HOME_DIR/data" --smoke-test | tee "$HOME_DIR/smoke.json"
grep -q '"smoke": "ok"' "$HOME_DIR/smoke.json"
"$BUNDLE/desk" --home "$HOME_DIR/data" db verify >/dev/null
# The probe prints "login window ready in X s", then "capabilities loaded in Y s".
PROBE=$("$BUNDLE/service-desk" --home "$HOME_DIR/data" --startup-probe)
START=$(printf '%s\n' "$PROBE" | sed -n 's/^login window ready in //p')
SIZE=$(du -sm "$BUNDLE" | cut -f1)
echo "bundle: ${SIZE} MB in $BUNDLE; cold start to the login window: ${START}"
