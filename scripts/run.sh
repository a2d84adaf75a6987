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
# The latency-gain study: RTT 10-300 ms, 1000 and 10000 B responses, no loss and
# 1 % loss, TFO off and on under the same seed (about 17 s of CPU time).
"$build/examples/tcp-fast-open-latency" --outputDir="$results" "$@" \
  | tee "$results/tcp-fast-open-latency.txt"
echo
echo "outputs in $results:"
echo "  tcp-fast-open-latency.txt  the table above"
echo "  tcp-fast-open-latency.csv  one row per sweep point (medians, percentiles, gain)"
echo "  tcp-fast-open-latency{,-gain,-cdf}.{png,pdf}  the figures (gnuplot scripts: .plt)"
echo "More: $build/examples/tcp-fast-open-example --pcap=PREFIX (handshake timeline and pcaps),"
echo "      $build/examples/tcp-fast-open-page-load, $build/examples/tcp-fast-open-cookie --help"
