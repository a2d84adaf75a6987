#!/usr/bin/env bash
# Configures and builds the module standalone against the installed ns-3.
# Usage: scripts/build.sh [build-dir] [extra cmake args...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
shift || true
# ccache (when installed) lets a second clone or worktree reuse the objects of
# the first: the module's translation units are dominated by ns-3's headers.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build" "${launcher[@]}" "$@" >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
