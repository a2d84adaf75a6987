#!/usr/bin/env python3
"""Cache-model counts of tfo-sim-bench runs (cachegrind), per variant and against stock.

    python3 bench/cache-model.py DIR CONNECTIONS VARIANT... > cache-model.csv

DIR holds cachegrind.VARIANT.out, written by bench/run.sh (part 6) with this
machine's L1 caches and its L2 as cachegrind's last level (--LL), for one
tfo-sim-bench run per variant at CONNECTIONS connections. Instruction counts
alone do not tell why a variant that runs fewer instructions takes longer; the
misses of a cache the size of L2 (an L3 access each on the real machine) do.

Writes one line per variant: instructions, L1 instruction and data misses, L2
instruction and data misses, all L2 misses per connection, and the ratios of
instructions and of L2 misses to the first variant's (stock). Exits 2 with a
message on unusable input.
"""

import os
import sys


def die(message):
    """Bad input: the message on standard error, exit status 2."""
    print(f"cache-model.py: {message}", file=sys.stderr)
    sys.exit(2)


def read_summary(path):
    """The totals of a cachegrind output file, by event name."""
    events = None
    summary = None
    try:
        with open(path) as f:
            for line in f:
                if line.startswith("events:"):
                    events = line.split()[1:]
                elif line.startswith("summary:"):
                    summary = [int(x) for x in line.split()[1:]]
    except OSError as e:
        die(f"{path}: {e.strerror}")
    except ValueError:
        die(f"{path}: a summary count is not a number")
    if events is None or summary is None or len(events) != len(summary):
        die(f"{path}: no cachegrind events/summary lines (did the run finish?)")
    totals = dict(zip(events, summary))
    need = {"Ir", "I1mr", "ILmr", "D1mr", "D1mw", "DLmr", "DLmw"}
    if not need.issubset(totals):
        die(f"{path}: run without --cache-sim=yes (needs {', '.join(sorted(need))})")
    return totals


def main():
    if len(sys.argv) < 4:
        die("usage: cache-model.py DIR CONNECTIONS VARIANT...")
    directory = sys.argv[1]
    try:
        connections = int(sys.argv[2])
    except ValueError:
        die(f"CONNECTIONS must be a number, not {sys.argv[2]!r}")
    if connections <= 0:
        die("CONNECTIONS must be positive")
    variants = sys.argv[3:]
    rows = []
    for v in variants:
        t = read_summary(os.path.join(directory, f"cachegrind.{v}.out"))
        l2 = t["ILmr"] + t["DLmr"] + t["DLmw"]
        rows.append((v, t, l2))
    base_ir = rows[0][1]["Ir"]
    base_l2 = rows[0][2]
    print(
        "variant,connections,instructions,l1i_misses,l1d_misses,l2i_misses,l2d_misses,"
        "l2_misses_per_connection,instructions_ratio,l2_misses_ratio"
    )
    for v, t, l2 in rows:
        print(
            f"{v},{connections},{t['Ir']},{t['I1mr']},{t['D1mr'] + t['D1mw']},"
            f"{t['ILmr']},{t['DLmr'] + t['DLmw']},{l2 / connections:.0f},"
            f"{t['Ir'] / base_ir:.3f},{l2 / base_l2:.3f}"
        )


if __name__ == "__main__":
    main()
