#!/usr/bin/env bash
# Installs everything the module needs from Debian's packages (and, for the
# Python bindings, PyPI). Idempotent: when everything is there it only checks.
#
#   scripts/setup.sh              Debian's ns-3 3.37 (libns3-dev) and the bindings' venv
#   scripts/setup.sh --ns3 wheel  also ns-3 3.44 from PyPI (pip install ns3) in a venv
#                                 of its own, for a build against it (scripts/build.sh --ns3 wheel)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ns3="${TFO_NS3:-debian}"
while [ $# -gt 0 ]; do
  case "$1" in
    --ns3) ns3="${2:?--ns3 needs debian or wheel}"; shift 2 ;;
    --ns3=*) ns3="${1#--ns3=}"; shift ;;
    *) echo "setup: unknown option $1 (expected --ns3 debian|wheel)" >&2; exit 2 ;;
  esac
done
case "$ns3" in
  debian | wheel) ;;
  *) echo "setup: --ns3 $ns3: expected debian or wheel" >&2; exit 2 ;;
esac

# Debian packages: ns-3 3.37 (headers, libraries, and the helper binaries its
# CMake config checks for), the toolchain, the crypto libraries (libsodium for
# SipHash-2-4, OpenSSL for AES-128), Boost, GSL, gnuplot for the figures,
# tshark for the Wireshark checks, Google Benchmark for bench/, iproute2 and
# nftables for the kernel oracle's network namespaces, graphviz for the
# architecture figure (doc/figures/*.dot), clang-format for .clang-format.
packages=(
  libns3-dev ns3 libgsl-dev
  g++ make cmake pkg-config ccache
  libsodium-dev libssl-dev libboost-dev
  gnuplot-nox tshark libbenchmark-dev
  iproute2 nftables procps
  graphviz clang-format
  python3 python3-venv python3-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python bindings and the sweep tool (python/): cppyy, pytest, Dask, pyarrow,
# tqdm, scipy, pinned, in a venv of their own
# (Debian's pip refuses system-wide installs, PEP 668). About 3 minutes the
# first time: CPyCppyy compiles.
venv="${XDG_CACHE_HOME:-$HOME/.cache}/tcp-fast-open/venv"
if ! "$venv/bin/python3" -c "import cppyy, pytest" 2>/dev/null \
    || ! cmp -s "$here/python/requirements.txt" "$venv/requirements.txt"; then
  echo "setup: installing the Python bindings' requirements into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --disable-pip-version-check -q -r "$here/python/requirements.txt"
  cp "$here/python/requirements.txt" "$venv/requirements.txt"
fi
# The sweep tool's command (tcp-fast-open-sweep), from this source tree
# (editable: the venv runs the tree's python/tcp_fast_open_sweep).
if [ "$("$venv/bin/python3" -c 'import os, tcp_fast_open_sweep as m; print(os.path.dirname(os.path.dirname(m.__file__)))' 2>/dev/null)" != "$here/python" ] \
    || [ ! -x "$venv/bin/tcp-fast-open-sweep" ]; then
  echo "setup: installing tcp-fast-open-sweep (python/) into $venv" >&2
  "$venv/bin/pip" install --disable-pip-version-check -q --no-deps -e "$here/python"
fi

# Sphinx for building doc/ standalone (the doc-sphinx test), into the same venv,
# with its own stamp so that the two requirement files change independently.
if ! "$venv/bin/python3" -c "import sphinx" 2>/dev/null \
    || ! cmp -s "$here/doc/requirements.txt" "$venv/doc-requirements.txt"; then
  echo "setup: installing the documentation's requirements into $venv" >&2
  "$venv/bin/pip" install --disable-pip-version-check -q -r "$here/doc/requirements.txt"
  cp "$here/doc/requirements.txt" "$venv/doc-requirements.txt"
fi

# ns-3 from PyPI: the wheel and its cppyy, in a venv of their own (its cppyy
# differs from the one above).
if [ "$ns3" = wheel ]; then
  wheel_venv="${XDG_CACHE_HOME:-$HOME/.cache}/tcp-fast-open/venv-ns3-3.44"
  if ! "$wheel_venv/bin/python3" -c "import cppyy, pytest, ns3" 2>/dev/null \
      || ! cmp -s "$here/python/requirements-wheel.txt" "$wheel_venv/requirements.txt"; then
    echo "setup: installing ns-3 from PyPI (python/requirements-wheel.txt) into $wheel_venv" >&2
    /usr/bin/python3 -m venv "$wheel_venv"   # Debian's Python 3.11: the wheel is built for it
    "$wheel_venv/bin/pip" install --disable-pip-version-check -q -r "$here/python/requirements-wheel.txt"
    cp "$here/python/requirements-wheel.txt" "$wheel_venv/requirements.txt"
  fi
fi

echo "setup: all dependencies present" >&2
