#!/usr/bin/env bash
# Builds and runs every benchmark of the tcp-fast-open module (GitHub issue 8)
# and writes bench/results/*.csv and bench/results/scaling.png.
#
#   bash bench/run.sh          # full run (73 min on the 2-core EPYC VM on 2026-12-07; 17 min of it the 10M-SYN flood)
#   bash bench/run.sh --quick  # smoke run, results in bench/results/quick/
#   bash bench/run.sh --flood-only [--quick]  # only the flood-scale benchmark (4.)
#   bash bench/run.sh --sweep-only [--quick]  # only the sweep benchmark (5.)
#   bash bench/run.sh --in-tree-only [--quick] # only the patched optimized ns-3.48 part (6.)
#   bash bench/run.sh --no-in-tree             # everything but 6.
#
# 6. builds ns-3.48 with the module's patches (patches/ns-3.48-*.patch) in ns-3's
# optimized profile (scripts/ns3-in-tree.sh --optimized: the first time this takes
# long, later runs reuse it), builds tfo-sim-bench against it and runs stock / TFO
# socket with TFO off / TFO on from 1k to 100k connections, results in
# bench/results/in-tree/ (pairs.csv: interleaved-pair ratios, exponents, and the
# speed-up over Debian's ns-3 at the sizes both ran; cache-model.csv: one run
# per variant at 1k connections in cachegrind with this machine's L1 and L2,
# the L2 misses that instruction counts do not show).
#
# Environment: TFO_BENCH_BUILD (build dir, default bench/build), TFO_BENCH_REPEATS
# (timed repeats per point = interleaved pairs, default 5; medians and IQRs are reported).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
quick=0
flood_only=0
sweep_only=0
in_tree=1
in_tree_only=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --flood-only) flood_only=1 ;;
    --sweep-only) sweep_only=1 ;;
    --in-tree-only) in_tree_only=1 ;;
    --no-in-tree) in_tree=0 ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

# --- 5. sweeps: tcp-fast-open-sweep on a LocalCluster against --sequential (8
#     latency points), and Dask's dispatch overhead per task. Runs the examples of
#     the project's own build (scripts/build.sh) with the project's venv. ----------
run_sweep() {
  local out="$1"
  local py="${TFO_PYTHON:-${XDG_CACHE_HOME:-$HOME/.cache}/tcp-fast-open/venv/bin/python3}"
  bash "$here/../scripts/build.sh" > /dev/null
  "$py" "$here/sweep-bench.py" "$out" $([[ $quick == 1 ]] && echo --quick) \
    --build-dir "${TFO_BUILD_DIR:-$here/../build}"
}
if [[ $sweep_only == 1 ]]; then
  out="$here/results"
  [[ $quick == 1 ]] && out="$here/results/quick"
  mkdir -p "$out"
  run_sweep "$out"
  exit 0
fi

build="${TFO_BENCH_BUILD:-$here/build}"
if [[ $quick == 1 ]]; then
  results="$here/results/quick"
  repeats="${TFO_BENCH_REPEATS:-1}"
  intree_tx=(10 100)           # in-tree: 100 and 1000 connections
  cache_tx=10                  # in-tree cache model: 100 connections
  scale_tx=(10 50 100)         # x 10 clients: 100, 500, 1000 connections
  overhead_tx=100              # 1000 connections
  callgrind_tx=(10 50)         # instruction counts at 100 and 500 connections
  short_tw_tx=(50 100)         # short TIME_WAIT at 500 and 1000 connections
  flood_syns=(10000 100000)    # flood scale: spoofed SYNs at 100k SYN/s
  flood_once=()                # flood sizes run once (peak RSS only)
  gbench_args=(--benchmark_min_time=0.05 --benchmark_repetitions=1)
else
  results="$here/results"
  repeats="${TFO_BENCH_REPEATS:-5}"
  intree_tx=(100 1000 2000 10000) # in-tree: 1k, 10k, 20k, 100k connections
  cache_tx=100                 # in-tree cache model: 1k connections
  scale_tx=(100 500 1000 2000) # x 10 clients: 1k, 5k, 10k, 20k connections
  overhead_tx=2000             # 20k connections
  callgrind_tx=(100 500)       # instruction counts at 1k and 5k connections
  short_tw_tx=(100 500 2000)   # short TIME_WAIT at 1k, 5k and 20k connections
  flood_syns=(100000 1000000)  # flood scale (issue 8): 1 s and 10 s of 100k SYN/s
  flood_once=(10000000)        # and once 100 s (issue 20: peak RSS at 10M within 10 % of 100k)
  gbench_args=(--benchmark_min_time=0.5 --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true)
fi
mkdir -p "$results"
cg="$build/callgrind-$([[ $quick == 1 ]] && echo quick || echo full)"  # raw profiles, kept out of results/
mkdir -p "$cg"
log() { printf '[run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- 6. the patched ns-3.48 in ns-3's optimized profile: the same workload -------
run_in_tree() {
  local out="$results/in-tree"
  mkdir -p "$out"
  log "ns-3.48 + patches/, optimized profile (scripts/ns3-in-tree.sh --optimized)"
  local ns3_dir
  ns3_dir="$(bash "$here/../scripts/ns3-in-tree.sh" --ns3 3.48 --optimized 2> "$out/ns3-build.log" | tail -n 1)" ||
    { tail -30 "$out/ns3-build.log" >&2; log "optimized ns-3.48 build failed"; exit 1; }
  local b="$build-ns3.48-optimized"
  log "configure + build tfo-sim-bench in $b against $ns3_dir"
  cmake -S "$here" -B "$b" -DCMAKE_BUILD_TYPE=Release -Dns3_DIR="$ns3_dir" > "$out/bench-build.log" 2>&1 &&
    cmake --build "$b" -j2 --target tfo-sim-bench >> "$out/bench-build.log" 2>&1 ||
    { tail -30 "$out/bench-build.log" >&2; log "bench build against the optimized tree failed"; exit 1; }
  # The extra compiler flags the tree was configured with (ns3-in-tree.sh sets
  # them): read from its CMake cache, next to the install ns3_dir points into.
  local cxx_flags
  cxx_flags="$(sed -n 's/^CMAKE_CXX_FLAGS:STRING=//p' "${ns3_dir%%/install/*}/cmake-cache/CMakeCache.txt")"
  {
    machine
    echo "ns3_in_tree,\"ns-3.48 release + $(cd "$here/../patches" && ls ns-3.48-*.patch | tr '\n' ' ')(optimized profile: -O3 -march=native, NS_LOG and asserts off; ${cxx_flags:-no extra flags})\""
  } > "$out/machine.csv"
  local runs="$out/sim-runs.csv" debian_runs="$out/debian-sim-runs.csv"
  "$b/tfo-sim-bench" --variant=stock --clients=1 --transactions=1 --header=1 | head -1 | sed 's/^/repeat,/' > "$runs"
  cp "$runs" "$debian_runs"
  local tx v r variants
  for tx in "${intree_tx[@]}"; do
    variants=(stock tfo-on)
    [[ $tx == "$overhead_tx" ]] && variants=(stock tfo-off tfo-on)
    for ((r = 1; r <= repeats; r++)); do
      for v in "${variants[@]}"; do   # interleaved pairs
        log "in-tree sim $v, 10 clients x $tx transactions, repeat $r/$repeats"
        "$b/tfo-sim-bench" --variant="$v" --transactions="$tx" | sed "s/^/$r,/" >> "$runs"
      done
      # Debian's build, stock, interleaved with the same repeat (up to 20k
      # connections: the issue's comparison; 100k on Debian's linear demux is long).
      if ((tx <= overhead_tx)); then
        log "Debian sim stock, 10 clients x $tx transactions, repeat $r/$repeats"
        "$sim" --variant=stock --transactions="$tx" | sed "s/^/$r,/" >> "$debian_runs"
      fi
    done
  done
  local against=(--against "$debian_runs" --against-label debian)
  python3 "$here/pairs.py" "$runs" --label ns-3.48-optimized "${against[@]}" > "$out/pairs.csv"

  # Why a variant that runs fewer instructions can take longer: the same
  # runs in a cache model (cachegrind) with this machine's L1 caches and its
  # L2 as the last level, so that "LL" misses are L2 misses (an L3 or memory
  # access each). Deterministic; two at a time.
  local l1i l1d l2 spec=()
  l1i="$(cache_geometry 1 Instruction)"; l1d="$(cache_geometry 1 Data)"; l2="$(cache_geometry 2 Unified)"
  if [[ -n $l1i && -n $l1d && -n $l2 ]]; then
    spec=(--I1="$l1i" --D1="$l1d" --LL="$l2")
  fi
  log "in-tree cache model at $((cache_tx * 10)) connections (cachegrind ${spec[*]:-with its defaults: no L2 geometry in sysfs})"
  # tfo-on-socket-tw: TFO on with the whole socket kept in TIME_WAIT (the
  # module's TimeWaitSocket false, as ns-3 does), what the mini-socket changes.
  local v envs
  for v in stock tfo-off tfo-on tfo-on-socket-tw; do
    envs=()
    [[ $v == tfo-on-socket-tw ]] && envs=(env NS_ATTRIBUTE_DEFAULT=ns3::TcpLinuxSocketBase::TimeWaitSocket=false)
    "${envs[@]}" valgrind --tool=cachegrind --cache-sim=yes "${spec[@]}" \
      --cachegrind-out-file="$out/cachegrind.$v.out" \
      "$b/tfo-sim-bench" --variant="${v%-socket-tw}" --transactions="$cache_tx" > /dev/null 2> "$out/cachegrind.$v.log" &
    wait_for_a_slot
  done
  wait
  echo "cache_model,\"cachegrind ${spec[*]:-defaults} (size,associativity,line in bytes)\"" >> "$out/machine.csv"
  python3 "$here/cache-model.py" "$out" "$((cache_tx * 10))" stock tfo-off tfo-on tfo-on-socket-tw > "$out/cache-model.csv"
  log "done: $out/pairs.csv, $out/cache-model.csv"
}

# Block while two background jobs of this shell are running (valgrind runs are
# single-threaded; the machine has two cores).
wait_for_a_slot() {
  while (($(jobs -rp | wc -l) >= 2)); do wait -n; done
}

# "size,associativity,line" in bytes of this CPU's level-$1 cache of type $2
# (sysfs; empty if the kernel does not say).
cache_geometry() {
  local d size
  for d in /sys/devices/system/cpu/cpu0/cache/index*; do
    [[ -r $d/level && $(cat "$d/level") == "$1" && $(cat "$d/type") == "$2" ]] || continue
    size="$(cat "$d/size")"
    case "$size" in
      *K) size=$((${size%K} * 1024)) ;;
      *M) size=$((${size%M} * 1024 * 1024)) ;;
    esac
    echo "$size,$(cat "$d/ways_of_associativity"),$(cat "$d/coherency_line_size")"
    return
  done
}

# --- build (the module is built as a sub-project; others may be editing it:
#     a failed build is retried a few times before giving up) -----------------
log "configure + build in $build"
mkdir -p "$build"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release > "$build/bench-build.log" 2>&1
ok=0
for attempt in 1 2 3 4 5; do
  if cmake --build "$build" -j2 >> "$build/bench-build.log" 2>&1; then ok=1; break; fi
  log "build failed (attempt $attempt, see $build/bench-build.log); retrying in 60 s"
  sleep 60
done
[[ $ok == 1 ]] || { log "build failed"; tail -30 "$build/bench-build.log" >&2; exit 1; }
sim="$build/tfo-sim-bench"
cookie="$build/tfo-cookie-bench"
flood="$build/tfo-flood-bench"

# --- 4. flood scale: N spoofed SYNs with the defences on (wall per SYN, peak RSS) ----
run_flood() {
  local runs="$results/flood-runs.csv"
  "$flood" --syns=1 --header | head -1 | sed 's/^/repeat,/' > "$runs"
  for ((r = 1; r <= repeats; r++)); do
    for n in "${flood_syns[@]}"; do   # interleaved, as the simulations below
      log "flood $n spoofed SYNs at 100k SYN/s, repeat $r/$repeats"
      "$flood" --syns="$n" --rate=100000 | sed "s/^/$r,/" >> "$runs"
    done
  done
  for n in "${flood_once[@]}"; do     # long: one run, for its peak RSS (~7 min at 40 us/SYN)
    log "flood $n spoofed SYNs at 100k SYN/s, once"
    "$flood" --syns="$n" --rate=100000 | sed "s/^/1,/" >> "$runs"
  done
}

# --- machine ---------------------------------------------------------------------
machine() {
  echo "key,value"
  echo "date,$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc,$(nproc)"
  echo "cpu,\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\""
  echo "ns3,\"$(dpkg-query -W -f='${Package} ${Version}' libns3-dev 2>/dev/null || echo unknown) (Debian build: NS_LOG compiled in)\""
  echo "module_build,\"Release (-O3 -DNDEBUG; module NS_LOG/NS_ASSERT compiled out)\""
  echo "compiler,\"$(c++ --version | head -1)\""
  echo "loadavg_at_start,\"$(cut -d' ' -f1-3 /proc/loadavg)\""
  echo "mode,$([[ $quick == 1 ]] && echo quick || echo full)$([[ $flood_only == 1 ]] && echo ' flood-only')"
}

if [[ $in_tree_only == 1 ]]; then
  run_in_tree
  exit 0
fi

if [[ $flood_only == 1 ]]; then
  machine > "$results/machine-flood.csv"
  run_flood
  log "analysis (flood only)"
  python3 "$here/analyze.py" --flood-only "$results"
  log "done: $results/flood.csv"
  exit 0
fi
machine > "$results/machine.csv"

# --- 2. cookie micro-benchmarks ---------------------------------------------------
log "cookie micro-benchmarks (Google Benchmark)"
"$cookie" "${gbench_args[@]}" --benchmark_out="$results/cookie-gbench.csv" \
  --benchmark_out_format=csv > "$results/cookie-gbench.txt" 2>&1
# Instruction counts per call of the same functions (callgrind).
valgrind --tool=callgrind --callgrind-out-file="$cg/callgrind.cookie.out" \
  "$cookie" --benchmark_min_time=0.05 --benchmark_repetitions=1 > /dev/null 2>&1
callgrind_annotate --tree=caller "$cg/callgrind.cookie.out" > "$cg/callgrind.cookie.txt" 2>/dev/null

# --- 1 + 3. simulations: overhead (3 variants) and scaling (stock vs TFO) -----------
runs="$results/sim-runs.csv"
"$sim" --variant=stock --clients=1 --transactions=1 --header=1 | head -1 | sed 's/^/repeat,/' > "$runs"
for tx in "${scale_tx[@]}"; do
  variants=(stock tfo-on)
  [[ $tx == "$overhead_tx" ]] && variants=(stock tfo-off tfo-off-nomss tfo-on)
  for ((r = 1; r <= repeats; r++)); do
    for v in "${variants[@]}"; do   # interleaved, so that load changes hit all alike
      log "sim $v, 10 clients x $tx transactions, repeat $r/$repeats"
      "$sim" --variant="$v" --transactions="$tx" | sed "s/^/$r,/" >> "$runs"
    done
  done
done

# --- the same with a short TIME_WAIT (MaxSegLifetime 0.5 s): what ns-3's endpoints
#     kept 240 s in TIME_WAIT cost (linear Ipv4EndPointDemux scans) -------------------
for tx in "${short_tw_tx[@]}"; do
  for ((r = 1; r <= repeats; r++)); do
    for v in stock tfo-off tfo-on; do
      log "sim $v, 10 clients x $tx transactions, TIME_WAIT 1 s, repeat $r/$repeats"
      "$sim" --variant="$v" --transactions="$tx" --msl=0.5 | sed "s/^/$r,/" >> "$runs"
    done
  done
done

run_flood
run_sweep "$results"
if [[ $in_tree == 1 ]]; then run_in_tree; fi

# --- instruction counts and profiles (callgrind; two at a time) --------------------
log "callgrind runs (instructions, hot spots)"
jobs_list=()
for tx in "${callgrind_tx[@]}"; do
  for v in stock tfo-off tfo-on; do
    jobs_list+=("$v:$tx")
  done
done
for job in "${jobs_list[@]}"; do
  v="${job%%:*}"; tx="${job##*:}"
  n=$((tx * 10))
  (valgrind --tool=callgrind --callgrind-out-file="$cg/callgrind.sim.$v.$n.out" \
     "$sim" --variant="$v" --transactions="$tx" > "$cg/callgrind.sim.$v.$n.csv" 2>/dev/null
   callgrind_annotate --inclusive=yes --threshold=100 "$cg/callgrind.sim.$v.$n.out" \
     > "$cg/callgrind.sim.$v.$n.inclusive.txt" 2>/dev/null
   callgrind_annotate --threshold=100 "$cg/callgrind.sim.$v.$n.out" \
     > "$cg/callgrind.sim.$v.$n.self.txt" 2>/dev/null) &
  wait_for_a_slot
done
wait

# --- analysis, CSVs, figure ----------------------------------------------------------
log "analysis"
python3 "$here/analyze.py" "$results" "$overhead_tx" "$cg"
python3 "$here/pairs.py" "$results/sim-runs.csv" --label debian > "$results/pairs.csv"
gnuplot -e "results='$results'" "$here/scaling.plt"
log "done: $results"
ls "$results"/*.csv "$results"/*.png >&2
