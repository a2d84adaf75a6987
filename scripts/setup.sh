#!/usr/bin/env bash
# Installs everything the module needs from Debian's packages (and, for the
# Python bindings, PyPI). Idempotent: when everything is there it only checks.
set -euo pipefail

# Debian packages: ns-3 3.37 (headers, libraries, and the helper binaries its
# CMake config checks for), the toolchain, the crypto libraries (libsodium for
# SipHash-2-4, OpenSSL for AES-128), Boost, GSL, gnuplot for the figures,
# tshark for the Wireshark checks, Google Benchmark for bench/, iproute2 and
# nftables for the kernel oracle's network namespaces.
packages=(
  libns3-dev ns3 libgsl-dev
  g++ make cmake pkg-config
  libsodium-dev libssl-dev libboost-dev
  gnuplot-nox tshark libbenchmark-dev
  iproute2 nftables
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

echo "setup: all dependencies present" >&2
