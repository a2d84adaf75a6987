#!/usr/bin/env bash
# Builds and tests the module inside an ns-3 source tree (Debian's ns-3.37 or
# the ns-3.48 release), as contrib/tcp-fast-open. Run
# scripts/ns3-in-tree.sh --help for the details.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/ns3-in-tree.sh [options]

Builds and tests tcp-fast-open inside an ns-3 source tree, as the
contributed module contrib/tcp-fast-open, with ns-3's own build (./ns3) and
test driver (./test.py): Debian's ns-3.37 (--ns3 3.37, the default) or the
ns-3.48 release (--ns3 3.48).

Steps (each is skipped when its result is already there):
  1. 3.37: make sure apt knows a deb-src entry for Debian bookworm main (writes
     /etc/apt/sources.list.d/tcp-fast-open-deb-src.list if none is
     configured, then apt-get update; needs root or sudo);
  2. 3.37: apt-get source ns3 (Debian's 3.37 source package, ~39 MB) into
     <tree>.src/ and keep the unpacked, Debian-patched ns-3.37 as a pristine copy;
     3.48: unpack the release's source (TFO_NS3_TARBALL) as that pristine copy;
  3. make <tree> = pristine ns-3 + the module's ns-3 patches for that version
     (patches/ns-<version>-*.patch, applied in name order with patch -p1). What was applied
     is recorded in <tree>/.tfo-patches; when a patch is added, changed or
     removed, the tree is re-made from the pristine copy and only the files
     whose content differs are replaced, so only they are recompiled;
  4. point <tree>/contrib/tcp-fast-open at this clone (a symlink, re-pointed on
     every run);
  5. ./ns3 configure --enable-tests --enable-examples
       --disable-python-bindings --enable-modules=<MODULES>
     (only when the configuration differs from the last one; ns-3's default
     build profile: assertions and logging on), with Debian's CMake 3.25
     (/usr/bin/cmake) forced first in PATH: ns-3.37's tree does not configure
     with CMake 4.x, ns-3.48 needs 3.25 or newer;
  6. build the test-runner and the module's examples: cmake --build
     cmake-cache -j <JOBS> --target ..., what ./ns3 build <targets>
     runs (ns-3.37's ./ns3 caps -j at the number of CPUs - 1, i.e. 1 on a
     2-CPU machine); a second run rebuilds only what changed;
  7. ./test.py --no-build for: every test suite of the module (the names its
     test/*.cc register, as the built test-runner --list shows them), ns-3's
     tcp-header and tcp-option suites (they cover the option-parsing patch),
     type-id (the trace-source look-up patch), tcp, tcp-timestamp and
     tcp-ecn-test (TcpSocketBase::ForwardUp), end-point-demux,
     tcp-l4-socket-list, tcp-socket-base-traces, tcp-peek-fixed-header,
     object-base-construct (also once with NS_ATTRIBUTE_DEFAULT set),
     fq-codel-flow-queue and object-base-log where a patch adds them (the
     hashed endpoint demux, TcpL4Protocol's socket index, TcpSocketBase's
     TcpSocketState trace sources, the fixed-header reads, ConstructSelf without
     per-attribute look-ups and copies, FqCoDel's flow queues without string
     parsing, 3.37's attribute-value log),
     and every example of test/examples-to-run.py whose condition holds;
     then doc/sweeps.rst's SEM campaign (python/sweep_tests/test_sem.py, with
     the venv of scripts/setup.sh) on this tree's latency example.

Prints "in-tree: N passed, N failed" and exits non-zero if any step, suite or
example fails.

Options:
  --ns3 VERSION    the ns-3 release: 3.37 (Debian's source package) or 3.48
                   (the release tarball); default: $TFO_NS3_VERSION or 3.37
  -j, --jobs N     parallel build jobs (default: $TFO_JOBS or 2)
  --build-only     stop after step 6
  --optimized      instead of steps 4-7: build the patched tree with ns-3's
                   optimized profile (-O3 -march=native, no logging, no asserts;
                   -fno-plt -fno-semantic-interposition -mno-avx512f;
                   no tests, no examples, no module) and install it into
                   <tree>/install, for bench/run.sh; <tree> defaults to
                   .../ns-<version>-opt (the pristine copy is shared). Prints
                   the ns3_DIR to build against on its last line.
  -h, --help       this text

Environment:
  TFO_NS3_TREE     the ns-3 tree to use/create
                   (default: ${XDG_CACHE_HOME:-$HOME/.cache}/tcp-fast-open/ns-<version>);
                   downloads and the pristine copy go to $TFO_NS3_TREE.src
  TFO_NS3_TARBALL  the ns-3.48 source tarball (default: ns-3/ns-3.48-src.tar.xz
                   in the shared/ folder beside the clone, ../shared relative to it)
  TFO_JOBS         default for --jobs
  TFO_CMAKE        CMake 3.x binary to use (default: /usr/bin/cmake)
  TFO_PYTHON       Python for ./ns3 and ./test.py (default: /usr/bin/python3;
                   a pyenv shim would put pyenv's bin, and its cmake, first in PATH)
  TFO_TEST_TIMEOUT seconds allowed to each test.py run (default: 900)
  TFO_VENV         the venv with sem and pytest for the SEM campaign
                   (default: ${XDG_CACHE_HOME:-$HOME/.cache}/tcp-fast-open/venv)

Modules: core;network;bridge;mobility;stats;traffic-control;internet;
  point-to-point;point-to-point-layout;applications;flow-monitor;csma;
  fd-net-device;tcp-fast-open (fd-net-device for the emulation example). bridge and traffic-control are internet's dependencies,
  mobility is point-to-point-layout's, csma is needed by internet's tests
  (the test-runner does not link without it); ns-3 would add the dependencies
  itself, they are listed to make the set explicit.
EOF
}

jobs="${TFO_JOBS:-2}"
version="${TFO_NS3_VERSION:-3.37}"
build_only=0
optimized=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    -j | --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
    -j*) jobs="${1#-j}"; shift ;;
    --jobs=*) jobs="${1#--jobs=}"; shift ;;
    --build-only) build_only=1; shift ;;
    --optimized) optimized=1; shift ;;
    --ns3) version="${2:?--ns3 needs a version}"; shift 2 ;;
    --ns3=*) version="${1#--ns3=}"; shift ;;
    *) echo "ns3-in-tree: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$version" in
  3.37 | 3.48) ;;
  *) echo "ns3-in-tree: --ns3 $version: only 3.37 and 3.48 are supported" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
default_tree="${XDG_CACHE_HOME:-$HOME/.cache}/tcp-fast-open/ns-$version"
if [ "$optimized" = 1 ]; then
  tree="${TFO_NS3_TREE:-$default_tree-opt}"
else
  tree="${TFO_NS3_TREE:-$default_tree}"
fi
tree="$(mkdir -p "$(dirname "$tree")" && cd "$(dirname "$tree")" && pwd)/$(basename "$tree")"
src="$tree.src"                               # apt-get source downloads + pristine copy
if [ "$optimized" = 1 ] && [ -z "${TFO_NS3_TREE:-}" ]; then src="$default_tree.src"; fi
pristine="$src/pristine"                      # the ns-3 release's tree, never built in
modules="core;network;bridge;mobility;stats;traffic-control;internet;point-to-point;point-to-point-layout;applications;flow-monitor;csma;fd-net-device;tcp-fast-open"
tarball="${TFO_NS3_TARBALL:-$here/../shared/ns-3/ns-3.48-src.tar.xz}"
timeout_s="${TFO_TEST_TIMEOUT:-900}"

log() { echo "ns3-in-tree: $*" >&2; }
die() { log "error: $*"; exit 1; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

case "$here" in
  "$tree" | "$tree"/*) die "TFO_NS3_TREE ($tree) must be outside the clone" ;;
esac

# --- CMake: ns-3.37's tree needs CMake 3.x, 3.48's 3.25 or newer (Debian's 3.25) --
cmake_bin="${TFO_CMAKE:-/usr/bin/cmake}"
[ -x "$cmake_bin" ] || die "$cmake_bin not found: apt-get install cmake (or set TFO_CMAKE)"
cmake_version="$("$cmake_bin" --version | sed -n '1s/.* \([0-9][0-9.]*\).*/\1/p')"
case "$cmake_version" in
  3.*) ;;
  *) die "$cmake_bin is CMake $cmake_version; ns-3.37 needs CMake 3.x (set TFO_CMAKE)" ;;
esac
case "$version:$cmake_version" in
  3.48:3.1[0-9].* | 3.48:3.2[0-4].* | 3.48:3.[0-9].*)
    die "$cmake_bin is CMake $cmake_version; ns-3.48 needs CMake 3.25 or newer (set TFO_CMAKE)" ;;
esac
mkdir -p "$src/bin"
ln -sfn "$cmake_bin" "$src/bin/cmake"
for tool in ctest cpack; do
  if [ -x "$(dirname "$cmake_bin")/$tool" ]; then ln -sfn "$(dirname "$cmake_bin")/$tool" "$src/bin/$tool"; fi
done
export PATH="$src/bin:$PATH"
# ./ns3 looks cmake up in PATH from inside its Python process. A pyenv shim
# python3 puts its own bin directory (which may hold a pip CMake 4.x) first in
# that PATH, so run ns-3's scripts with a real interpreter, not a shim.
py="${TFO_PYTHON:-}"
if [ -z "$py" ]; then
  if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py="$(command -v python3)"; fi
fi

# --- 1 and 2: Debian's ns-3.37 sources ------------------------------------------
apt_etc="${TFO_APT_ETC:-/etc/apt}"   # overridable only to test this check
have_bookworm_deb_src() {
  # one-line format
  if { cat "$apt_etc/sources.list" "$apt_etc"/sources.list.d/*.list 2>/dev/null || true; } |
      grep -qE '^[[:space:]]*deb-src[[:space:]]+(\[[^]]*\][[:space:]]+)?[^[:space:]]+[[:space:]]+bookworm[[:space:]]+(.*[[:space:]])?main([[:space:]]|$)'; then
    return 0
  fi
  # deb822 format: a stanza whose Types has deb-src, Suites bookworm, Components main
  local f
  for f in "$apt_etc"/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    if awk 'BEGIN { RS = ""; found = 0 }
            /(^|\n)Types:[^\n]*deb-src/ && /(^|\n)Suites:[^\n]*[ \t]bookworm([ \t\n]|$)/ &&
            /(^|\n)Components:[^\n]*[ \t]main([ \t\n]|$)/ && !/(^|\n)Enabled:[ \t]*no/ { found = 1 }
            END { exit !found }' "$f"; then
      return 0
    fi
  done
  return 1
}

fetch_sources() {
  if ! command -v dpkg-source >/dev/null; then
    log "installing dpkg-dev (dpkg-source unpacks the source package)"
    $SUDO apt-get install -y -qq --no-install-recommends dpkg-dev >/dev/null
  fi
  local updated=0
  if ! have_bookworm_deb_src; then
    local list=/etc/apt/sources.list.d/tcp-fast-open-deb-src.list
    local opts=""
    # Same key as Debian's default debian.sources (apt rejects two entries for
    # one source with different Signed-By values).
    if [ -f /usr/share/keyrings/debian-archive-keyring.gpg ]; then
      opts="[signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
    fi
    log "adding $list (deb-src bookworm main)"
    echo "deb-src ${opts}http://deb.debian.org/debian bookworm main" | $SUDO tee "$list" >/dev/null
    if ! $SUDO apt-get update -qq; then
      $SUDO rm -f "$list"   # never leave apt with sources it cannot read
      die "apt-get update failed with $list (removed it): add a deb-src line for bookworm main by hand"
    fi
    updated=1
  fi
  if [ "$updated" = 0 ] && ! apt-get source --print-uris -qq ns3 >/dev/null 2>&1; then
    $SUDO apt-get update -qq
  fi
  local dl="$src/download"
  rm -rf "$dl"
  mkdir -p "$dl"
  log "apt-get source ns3 into $dl"
  (cd "$dl" && apt-get source -qq ns3 >/dev/null 2>"$dl/apt-get-source.log") ||
    { cat "$dl/apt-get-source.log" >&2; die "apt-get source ns3 failed"; }
  # dpkg-source unpacks ns-allinone-3.37/ into ns3-3.37/: the tree is ns3-3.37/ns-3.37.
  local unpacked
  unpacked="$(find "$dl" -mindepth 2 -maxdepth 3 -type d -name ns-3.37 -path "$dl/ns3-*" | head -n 1)"
  [ -n "$unpacked" ] && [ -x "$unpacked/ns3" ] || die "no ns-3.37 tree in the unpacked ns3 source package"
  if [ -d "$pristine" ]; then chmod -R u+w "$pristine"; fi
  rm -rf "$pristine"
  mv "$unpacked" "$pristine"
  find "$dl" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +   # rest of the package; keep .dsc/.tar
  chmod -R a-w "$pristine"
}

unpack_tarball() {
  [ -f "$tarball" ] || die "no ns-3.48 source at $tarball (set TFO_NS3_TARBALL)"
  local dl="$src/download"
  rm -rf "$dl"
  mkdir -p "$dl"
  log "unpacking $tarball"
  tar -xJf "$tarball" -C "$dl"
  [ -x "$dl/ns-3.48/ns3" ] || die "$tarball holds no ns-3.48/ns3"
  if [ -d "$pristine" ]; then chmod -R u+w "$pristine"; fi
  rm -rf "$pristine"
  mv "$dl/ns-3.48" "$pristine"
  rm -rf "$dl"
  chmod -R a-w "$pristine"
}

if [ ! -x "$pristine/ns3" ]; then
  if [ "$version" = 3.37 ]; then fetch_sources; else unpack_tarball; fi
fi

# --- 3: the module's ns-3 patches -----------------------------------------------
wanted_patches() {
  local p
  for p in "$here"/patches/ns-"$version"-*.patch; do
    [ -f "$p" ] || continue
    printf '%s  %s\n' "$(sha256sum <"$p" | cut -d' ' -f1)" "$(basename "$p")"
  done
}
wanted="$(wanted_patches)"
applied=""
if [ -f "$tree/.tfo-patches" ]; then applied="$(cat "$tree/.tfo-patches")"; fi

if [ ! -x "$tree/ns3" ] || [ "$wanted" != "$applied" ]; then
  stage="$tree.stage"
  rm -rf "$stage"
  cp -a "$pristine" "$stage"
  chmod -R u+w "$stage"
  for p in "$here"/patches/ns-"$version"-*.patch; do
    [ -f "$p" ] || continue
    log "applying patches/$(basename "$p")"
    patch -d "$stage" -p1 --batch --forward --no-backup-if-mismatch --quiet --dry-run <"$p" >/dev/null ||
      { rm -rf "$stage"; die "patches/$(basename "$p") does not apply to ns-$version"; }
    patch -d "$stage" -p1 --batch --forward --no-backup-if-mismatch --quiet <"$p"
  done
  if [ ! -x "$tree/ns3" ]; then
    log "creating the ns-$version tree $tree"
    rm -rf "$tree"
    mv "$stage" "$tree"
  else
    log "patches changed: re-making $tree from the pristine sources"
    # Replace only the files whose content differs (their mtime becomes now, so
    # make rebuilds them and what depends on them); delete files the clean tree
    # does not have. Build outputs and the contrib symlink are left alone.
    "$py" - "$stage" "$tree" <<'PY'
import filecmp, os, shutil, sys
stage, tree = sys.argv[1], sys.argv[2]
keep = {"build", "cmake-cache", "testpy-output", "contrib/tcp-fast-open", ".tfo-patches", ".tfo-configure"}
def kept(rel):
    return rel in keep or rel.startswith(".lock-ns3") or any(rel.startswith(k + "/") for k in keep)
for root, dirs, files in os.walk(stage):
    for name in files:
        s = os.path.join(root, name)
        rel = os.path.relpath(s, stage)
        t = os.path.join(tree, rel)
        if os.path.islink(s):
            if not os.path.islink(t) or os.readlink(t) != os.readlink(s):
                if os.path.lexists(t): os.remove(t)
                os.symlink(os.readlink(s), t)
            continue
        if os.path.isfile(t) and not os.path.islink(t) and filecmp.cmp(s, t, shallow=False):
            continue
        os.makedirs(os.path.dirname(t), exist_ok=True)
        if os.path.lexists(t): os.remove(t)
        shutil.copy(s, t)
        print("ns3-in-tree: updated", rel, file=sys.stderr)
for root, dirs, files in os.walk(tree, topdown=True):
    dirs[:] = [d for d in dirs if not kept(os.path.relpath(os.path.join(root, d), tree))]
    for name in files:
        t = os.path.join(root, name)
        rel = os.path.relpath(t, tree)
        if not kept(rel) and not os.path.lexists(os.path.join(stage, rel)):
            os.remove(t)
            print("ns3-in-tree: removed", rel, file=sys.stderr)
PY
    rm -rf "$stage"
  fi
  printf '%s' "$wanted" >"$tree/.tfo-patches"
fi

# --- optimized: ns-3's optimized profile, installed for bench/ -----------------
if [ "$optimized" = 1 ]; then
  cd "$tree"
  export CLICOLOR=1
  # every module the standalone build links (cmake/tcp-fast-open-standalone.cmake),
  # or bench/'s build against this tree does not configure
  opt_modules="${modules%;tcp-fast-open}"
  # -fno-plt -fno-semantic-interposition: a call from one ns-3 library into
  # another goes through the GOT instead of a PLT stub, and one inside a library
  # is direct (and can be inlined) instead of going through the library's own
  # PLT, which -fPIC otherwise assumes could be interposed (doc/benchmarks.rst).
  # -mno-avx512f: on a CPU with AVX-512 (AMD Zen 4, most Intel Xeons),
  # -march=native emits EVEX instructions that valgrind (3.19, Debian 12) does
  # not decode, and bench/run.sh's cache model runs these libraries in it.
  opt_args=(--build-profile=optimized --disable-tests --disable-examples --disable-python-bindings
            "--enable-modules=$opt_modules" -- "-DCMAKE_CXX_FLAGS=-fno-plt -fno-semantic-interposition -mno-avx512f")
  opt_id="$(printf '%s\n' "${opt_args[@]}" "$(readlink -f "$cmake_bin")" "$cmake_version")"
  if [ ! -f cmake-cache/CMakeCache.txt ] || [ ! -f .tfo-configure ] || [ "$(cat .tfo-configure)" != "$opt_id" ]; then
    log "./ns3 configure ${opt_args[*]}"
    rm -f .tfo-configure
    "$py" ./ns3 configure "${opt_args[@]}"
    printf '%s' "$opt_id" >.tfo-configure
  fi
  log "cmake --build cmake-cache -j $jobs (optimized profile)"
  "$cmake_bin" --build cmake-cache -j "$jobs" || die "build of the optimized tree failed"
  "$cmake_bin" --install cmake-cache --prefix "$tree/install" >/dev/null || die "install into $tree/install failed"
  ns3_dir="$(find "$tree/install" -name ns3Config.cmake -printf '%h\n' | head -n 1)"
  [ -n "$ns3_dir" ] || die "no ns3Config.cmake under $tree/install"
  log "installed; build against it with -Dns3_DIR=$ns3_dir"
  echo "$ns3_dir"
  exit 0
fi

# --- 4: the module as contrib/tcp-fast-open ------------------------------------
link="$tree/contrib/tcp-fast-open"
if [ -e "$link" ] && [ ! -L "$link" ]; then
  die "$link exists and is not a symlink: remove it"
fi
ln -sfn "$here" "$link"

cd "$tree"
# ./ns3 exports CLICOLOR=1 to CMake, which then compiles with
# -fdiagnostics-color=always. The build below calls CMake directly: without
# the same environment, a re-configuration (a file added to the module) would
# drop that flag from every target and rebuild all of ns-3.
export CLICOLOR=1

# --- 5: configure -------------------------------------------------------------
configure_args=(--enable-tests --enable-examples --disable-python-bindings "--enable-modules=$modules")
# The module's headers are part of the configuration: ns-3 writes a stub
# build/include/ns3/<name>.h for each at configure time, naming the file's
# path, so a header added, removed or moved needs a new configure.
module_headers="$(cd "$here" && find model helper -name '*.h' | LC_ALL=C sort)"
configure_id="$(printf '%s\n' "${configure_args[@]}" "$(readlink -f "$cmake_bin")" "$cmake_version" "$module_headers")"
cached_cmake="$(sed -n 's/^CMAKE_COMMAND:INTERNAL=//p' cmake-cache/CMakeCache.txt 2>/dev/null || true)"
if [ -n "$cached_cmake" ] && [ "$(readlink -f "$cached_cmake")" != "$(readlink -f "$cmake_bin")" ]; then
  log "cmake-cache was made by $cached_cmake: configuring again from scratch"
  rm -rf cmake-cache .tfo-configure
fi
if [ ! -f cmake-cache/CMakeCache.txt ] || [ ! -f .tfo-configure ] ||
   [ "$(cat .tfo-configure)" != "$configure_id" ] || ! ls .lock-ns3_*_build >/dev/null 2>&1; then
  log "./ns3 configure ${configure_args[*]}"
  rm -f .tfo-configure
  # Stubs of the module's headers from an earlier configure may name files
  # that moved: configure writes the current ones.
  if [ -d build/include/ns3 ]; then
    grep -l 'contrib/tcp-fast-open/' build/include/ns3/*.h 2>/dev/null | xargs -r rm -f
  fi
  "$py" ./ns3 configure "${configure_args[@]}"
  printf '%s' "$configure_id" >.tfo-configure
fi

# --- 6: build -------------------------------------------------------------------
# What ./ns3 build runs, called directly: ns-3.37's ./ns3 caps -j at
# (number of CPUs - 1), so "./ns3 build -j 2" builds with -j 1 on 2 CPUs.
log "cmake --build cmake-cache -j $jobs   (= ./ns3 build, without its -j cap)"
# Keep going after an error (make -k): a module file that does not compile yet
# must not stop the rest of ns-3 from being built; the run still fails.
keep_going=()
if grep -q '^CMAKE_GENERATOR:INTERNAL=Unix Makefiles' cmake-cache/CMakeCache.txt; then keep_going=(-- -k); fi
if grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja' cmake-cache/CMakeCache.txt; then keep_going=(-- -k 0); fi
# Only what the tests run: the test-runner (every enabled module's suites) and
# the module's examples; ns-3's own ~200 example programs are configured (test.py
# needs --enable-examples) but not built.
targets=(test-runner)
for example in "$here"/examples/*.cc; do
  [ -f "$example" ] && targets+=("$(basename "${example%.cc}")")
done
if ! "$cmake_bin" --build cmake-cache -j "$jobs" --target "${targets[@]}" "${keep_going[@]}"; then
  log "FAILED: build (see the compiler errors above)"
  echo "in-tree: 0 passed, 1 failed"
  exit 1
fi
if [ "$build_only" = 1 ]; then
  log "built in $tree (--build-only: no tests run)"
  exit 0
fi

# --- 7: tests -------------------------------------------------------------------
passed=0
failed=0
failures=()
record() { # name rc
  if [ "$2" -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$1 (exit $2)")
  fi
}

runner="$(find build/utils -maxdepth 1 -type f -name 'ns3*-test-runner*' -perm -u+x | head -n 1)"
[ -n "$runner" ] || die "no test-runner in $tree/build/utils (configure with --enable-tests)"
# The module's suites: the names its test sources register (tcp-fast-open-*,
# tcp-linux-socket*, ...), those the runner lists.
mapfile -t tfo_suites < <(
  grep -ho 'TestSuite("[a-z0-9-]*"' "$here"/test/*.cc | sed 's/TestSuite("//; s/"$//' | sort -u |
    grep -xF -f <("$runner" --list | awk '{ print $NF }')
)
if [ ${#tfo_suites[@]} -eq 0 ]; then
  log "warning: the test-runner lists none of the module's suites"
fi

# ns-3's suites that cover the patches (step 7 of the help says which patch each
# covers); the last seven only where that version's patch adds them.
ns3_suites=(tcp-header tcp-option type-id tcp tcp-timestamp tcp-ecn-test)
for suite in end-point-demux tcp-l4-socket-list tcp-socket-base-traces tcp-peek-fixed-header \
  object-base-construct fq-codel-flow-queue object-base-log; do
  if "$runner" --list | awk '{ print $NF }' | grep -x "$suite" >/dev/null; then ns3_suites+=("$suite"); fi
done
run_suite() { # suite [NAME=VALUE...]: test.py on one suite, with that environment
  local suite=$1 rc=0
  shift
  log "test.py --no-build -s $suite${*:+ ($*)}"
  env "$@" timeout "$timeout_s" "$py" ./test.py --no-build --nocolor -s "$suite" || rc=$?
  record "suite $suite${*:+ with $*}" "$rc"
}
for suite in "${tfo_suites[@]}" "${ns3_suites[@]}"; do
  run_suite "$suite"
done
# object-base-construct's other branch: an attribute default from the environment.
if printf '%s\n' "${ns3_suites[@]}" | grep -qx object-base-construct; then
  run_suite object-base-construct \
    NS_ATTRIBUTE_DEFAULT='ns3::tests::ObjectBaseConstructTestObject::Number=42'
fi

# Examples: test/examples-to-run.py, in ns-3's format, conditions evaluated
# with the build configuration (the .lock-ns3 file), as test.py does.
examples_file="$here/test/examples-to-run.py"
if [ -f "$examples_file" ]; then
  mapfile -t examples < <("$py" - "$examples_file" .lock-ns3_*_build <<'PY'
import sys
config = {}
exec(open(sys.argv[2]).read(), config)
spec = {}
exec(open(sys.argv[1]).read(), spec)
for name, do_run, _ in spec.get("cpp_examples", []):
    if eval(do_run, dict(config)):
        print(name)
PY
  )
  runnable="$("$py" -c 'import sys; c = {}; exec(open(sys.argv[1]).read(), c); print("\n".join(c.get("ns3_runnable_programs", [])))' .lock-ns3_*_build)"
  for example in "${examples[@]}"; do
    [ -n "$example" ] || continue
    program="${example%% *}"
    if ! grep -qE "/ns3[^/]*-${program}(-[a-z]+)?\$" <<<"$runnable"; then
      log "example $program is listed in test/examples-to-run.py but was not built"
      record "example $example" 127
      continue
    fi
    rc=0
    if [ "$program" = "$example" ]; then
      log "test.py --no-build -e $program"
      timeout "$timeout_s" "$py" ./test.py --no-build --nocolor -e "$program" || rc=$?
    else
      # test.py -e drops arguments: run it the way test.py runs listed examples.
      log "./ns3 run --no-build \"$example\""
      mkdir -p testpy-output
      timeout "$timeout_s" "$py" ./ns3 run --no-build --cwd testpy-output "$example" || rc=$?
    fi
    record "example $example" "$rc"
  done
fi

# SEM: doc/sweeps.rst's campaign (python/sweep_tests/test_sem.py) on this
# tree's built latency example, with the project's venv (sem, pytest: from
# python/requirements.txt, installed by scripts/setup.sh).
venv_python="${TFO_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/tcp-fast-open/venv}/bin/python3"
if "$venv_python" -c "import sem, pytest" 2>/dev/null; then
  log "SEM campaign: python/sweep_tests/test_sem.py"
  rc=0
  (cd "$here" && TFO_NS3_TREE="$tree" PYTHONPATH="$here/python" PYTHONDONTWRITEBYTECODE=1 \
    timeout "$timeout_s" "$venv_python" -m pytest -q -p no:cacheprovider -rs \
    python/sweep_tests/test_sem.py) || rc=$?
  record "SEM campaign (python/sweep_tests/test_sem.py)" "$rc"
else
  log "no sem and pytest in $venv_python: run scripts/setup.sh (python/requirements.txt)"
  record "SEM campaign (no sem in the venv)" 1
fi

for f in "${failures[@]}"; do log "FAILED: $f"; done
echo "in-tree: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
