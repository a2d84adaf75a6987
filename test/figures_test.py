#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every example renders its figures, and the figures show what the CSV files say.

Runs one example with small parameters in a fresh directory, then, for every
gnuplot script (*.plt) it wrote:
  * PREFIX.png and PREFIX.pdf exist and are a PNG and a PDF;
  * every data block names the CSV it comes from ("# csv:", "# where:",
    "# columns:", optionally "# kind: cdf"; see helper/tcp-fast-open-figure.h),
    and its rows are exactly the CSV's rows selected by "where", projected on
    "columns" (for a CDF: the sorted values of the column, with i/n);
  * no axis is clipped at zero ("[0:*]"), the keys lie outside the data or
    in a panel of their own.
Plus what each study's figures must show (--expect): the latency study's CDF
per point, the flood's seven scenarios and log-scaled attack rates.

  figures_test.py --expect latency -- build/examples/tcp-fast-open-latency --rtts=20 ...
"""

import argparse
import csv
import math
import os
import re
import subprocess
import sys
import tempfile


class Mismatch(Exception):
    """A figure does not show what it must."""


def fail(message):
    raise Mismatch(message)


def parse_script(path):
    """[(name, {csv, where, columns, kind}, rows)] of a gnuplot script's data blocks."""
    blocks = []
    meta = {}
    with open(path) as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"# (csv|where|columns|kind): ?(.*)$", line)
        if m:
            meta[m.group(1)] = m.group(2)
        m = re.match(r"(\$\w+) << EOD$", line)
        if m:
            rows = []
            i += 1
            while lines[i] != "EOD":
                rows.append(lines[i].split(" "))
                i += 1
            blocks.append((m.group(1), meta, rows))
            meta = {}
        i += 1
    return blocks


def same(a, b):
    """Two CSV fields are equal: as numbers within rounding, else as text."""
    try:
        x, y = float(a), float(b)
    except ValueError:
        return a == b
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


def check_block(directory, script, name, meta, rows):
    where = "%s %s" % (os.path.basename(script), name)
    for key in ("csv", "where", "columns"):
        if key not in meta:
            fail("%s: no '# %s:' line" % (where, key))
    path = os.path.join(directory, meta["csv"])
    if not os.path.exists(path):
        fail("%s: its CSV %s was not written" % (where, meta["csv"]))
    with open(path) as f:
        table = list(csv.DictReader(f))
    conditions = [c.split("=", 1) for c in meta["where"].split()]
    columns = meta["columns"].split()
    for c in [k for k, _ in conditions] + columns:
        if table and c not in table[0]:
            fail("%s: %s has no column %s" % (where, meta["csv"], c))
    selected = [r for r in table if all(same(r[k], v) for k, v in conditions)]
    if not selected:
        fail("%s: no row of %s has %s" % (where, meta["csv"], meta["where"]))
    if meta.get("kind") == "cdf":
        values = sorted(float(r[columns[0]]) for r in selected)
        expected = [[repr(v), repr((i + 1) / len(values))] for i, v in enumerate(values)]
        tolerance = [1e-3, 1e-4]  # the block's decimals
    else:
        expected = [[r[c] for c in columns] for r in selected]
        tolerance = None
    if len(rows) != len(expected):
        fail("%s: %d rows, but %s has %d rows with %s"
             % (where, len(rows), meta["csv"], len(expected), meta["where"]))
    for got, want in zip(rows, expected):
        if len(got) != len(want):
            fail("%s: row %s has %d fields, expected %s" % (where, got, len(got), want))
        for k, (g, w) in enumerate(zip(got, want)):
            ok = (abs(float(g) - float(w)) <= tolerance[k]) if tolerance else same(g, w)
            if not ok:
                fail("%s: plots %s where %s has %s (%s, row %s)"
                     % (where, g, meta["csv"], w, columns[min(k, len(columns) - 1)], got))


def check_files(prefix):
    for ext, magic in ((".png", b"\x89PNG"), (".pdf", b"%PDF")):
        path = prefix + ext
        if not os.path.exists(path) or os.path.getsize(path) < 1000:
            fail("%s was not rendered" % path)
        with open(path, "rb") as f:
            if f.read(4) != magic:
                fail("%s is not a %s file" % (path, ext[1:].upper()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--expect", required=True,
                        choices=["latency", "page-load", "middlebox", "server-farm", "syn-flood"])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = [a for a in args.command if a != "--"]
    command[0] = os.path.abspath(command[0])
    with tempfile.TemporaryDirectory(prefix="tfo-figures-") as d:
        command = [a.replace("@DIR@", d) for a in command]
        run = subprocess.run(command, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=1200)
        if run.returncode != 0:
            fail("%s exited %d:\n%s" % (" ".join(command), run.returncode, run.stdout[-3000:]))
        scripts = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".plt"))
        if not scripts:
            fail("no gnuplot script written:\n" + run.stdout[-3000:])
        names = [os.path.basename(s)[:-4] for s in scripts]
        counts = {}
        for script in scripts:
            check_files(script[:-4])
            text = open(script).read()
            if re.search(r"range \[0:\*\]", text):
                fail("%s clips an axis at zero" % script)
            for key in re.findall(r"^\s*set key.*$", text, re.M):
                if not re.search(r"outside|center center|right bottom|below", key):
                    fail("%s: key may cover the data: %s" % (script, key.strip()))
            blocks = parse_script(script)
            if not blocks:
                fail("%s has no data block" % script)
            for name, meta, rows in blocks:
                check_block(d, script, name, meta, rows)
            # The check can fail: one number changed in the first block is caught.
            name, meta, rows = blocks[0]
            changed = [list(r) for r in rows]
            k = next(k for k, v in enumerate(changed[0]) if re.fullmatch(r"-?[0-9.]+", v))
            changed[0][k] = repr(float(changed[0][k]) + 1)
            try:
                check_block(d, script, name, meta, changed)
                fail("%s: a changed number went unnoticed" % script)
            except Mismatch as e:
                if "went unnoticed" in str(e):
                    raise
            counts[os.path.basename(script)[:-4]] = blocks
            print("ok: %s: %d data blocks match the CSV; PNG and PDF rendered"
                  % (os.path.basename(script), len(blocks)))

        if args.expect == "latency":
            want = {"tcp-fast-open-latency", "tcp-fast-open-latency-gain", "tcp-fast-open-latency-cdf"}
            if not want <= set(names):
                fail("latency figures missing: %s" % sorted(want - set(names)))
            cdf = counts["tcp-fast-open-latency-cdf"]
            points = sum(1 for _ in csv.DictReader(open(os.path.join(d, "tcp-fast-open-latency.csv"))))
            if sum(1 for _, m, _ in cdf if m.get("kind") == "cdf") != 2 * points:
                fail("the CDF figure does not hold one CDF off and one on per point (%d points)" % points)
            text = open(os.path.join(d, "tcp-fast-open-latency.plt")).read()
            if "yerrorlines" not in text or "p10_off_ms p90_off_ms" not in text:
                fail("the latency figure has no p10-p90 bars")
        if args.expect == "syn-flood":
            for n in ("success", "attack-data", "children"):
                script = os.path.join(d, "tcp-fast-open-syn-flood-%s.plt" % n)
                if not os.path.exists(script):
                    fail("%s missing" % script)
                if "set logscale x" not in open(script).read():
                    fail("%s: attack rates not on a log scale" % script)
                if len(counts["tcp-fast-open-syn-flood-" + n]) != 7:
                    fail("%s shows %d of the 7 scenarios" % (script, len(counts["tcp-fast-open-syn-flood-" + n])))
            if len(counts["tcp-fast-open-syn-flood-occupancy"]) != 7:
                fail("the occupancy figure does not show the 7 scenarios")
    print("%s: every figure rendered and matches its CSV" % args.expect)


if __name__ == "__main__":
    try:
        main()
    except Mismatch as e:
        print("FAIL: " + str(e))
        sys.exit(1)
