#!/usr/bin/env bash
# Configures and builds the module standalone against an installed ns-3.
# Usage: scripts/build.sh [--ns3 debian|wheel] [build-dir] [extra cmake args...]
#   --ns3 debian  Debian's ns-3 3.37 (libns3-dev), build dir build/ (default)
#   --ns3 wheel   ns-3 3.44 from PyPI, installed by scripts/setup.sh --ns3 wheel,
#                 build dir build-ns3-wheel/; its venv's Python runs the
#                 Python tests (the wheel's cppyy)
# Any other installed ns-3 (>= 3.37): pass -Dns3_DIR=<prefix>/lib/cmake/ns3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ns3="${TFO_NS3:-debian}"
case "${1:-}" in
  --ns3) ns3="${2:?--ns3 needs debian or wheel}"; shift 2 ;;
  --ns3=*) ns3="${1#--ns3=}"; shift ;;
esac
ns3_args=()
case "$ns3" in
  debian) build="${1:-$here/build}" ;;
  wheel)
    build="${1:-$here/build-ns3-wheel}"
    venv="${XDG_CACHE_HOME:-$HOME/.cache}/tcp-fast-open/venv-ns3-3.44"
    site="$("$venv/bin/python3" -c 'import importlib.util; print(list(importlib.util.find_spec("ns3").submodule_search_locations)[0])' 2>/dev/null)" ||
      { echo "build: no ns-3 wheel in $venv: run bash scripts/setup.sh --ns3 wheel" >&2; exit 2; }
    ns3_args=(-Dns3_DIR="$site/lib64/cmake/ns3" -DTFO_PYTHON="$venv/bin/python3")
    ;;
  *) echo "build: --ns3 $ns3: expected debian or wheel" >&2; exit 2 ;;
esac
shift || true
# ccache (when installed) lets a second clone or worktree reuse the objects of
# the first: the module's translation units are dominated by ns-3's headers.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build" "${launcher[@]}" "${ns3_args[@]}" "$@" >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
