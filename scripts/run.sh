#!/usr/bin/env bash
# README's first command: installs what is missing, builds the module and runs
# its main scenario. Outputs go to results/ (override with TFO_RESULTS_DIR).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${TFO_BUILD_DIR:-$here/build}"
results="${TFO_RESULTS_DIR:-$here/results}"

bash "$here/scripts/setup.sh"
bash "$here/scripts/build.sh" "$build" >/dev/null
mkdir -p "$results"
cd "$results"
"$build/examples/tcp-fast-open-example" --connections=3 --pcap="$results/tcp-fast-open" "$@" \
  | tee "$results/tcp-fast-open-example.txt"
echo
echo "outputs: $results/tcp-fast-open-example.txt and the pcaps $results/tcp-fast-open-*.pcap"
