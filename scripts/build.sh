#!/usr/bin/env bash
# Configures and builds the module standalone against the installed ns-3.
# Usage: scripts/build.sh [build-dir] [extra cmake args...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
shift || true
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build" "$@" >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
