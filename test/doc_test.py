#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The chapter cannot drift from the code:
  * doc/attributes.rst is exactly what tcp-fast-open-attributes prints from the
    TypeIds (regenerate: build/examples/tcp-fast-open-attributes > doc/attributes.rst);
  * doc/tcp-fast-open.rst names every program of examples/ (*.cc and *.py);
  * its Linux function map is one-to-one: no Linux function (outside
    parentheses) is named in two rows, and each row's module function exists
    in model/.

  doc_test.py build/examples/tcp-fast-open-attributes
"""

import difflib
import glob
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def linux_map_failures(chapter):
    """The Linux function map: each Linux function has one home in the module."""
    failures = []
    start = chapter.index("Each protocol rule is one function")
    table = chapter[start:chapter.index("\nArchitecture\n", start)]
    rows = []
    for line in table.splitlines():
        if line.startswith("   * - "):
            rows.append([line[7:]])
        elif line.startswith("     - ") and rows:
            rows[-1].append(line[7:])
        elif line.startswith("       ") and rows:
            rows[-1][-1] += " " + line.strip()
    rows = rows[1:]  # the header
    if len(rows) < 40:
        failures.append("the Linux function map has %d rows" % len(rows))
    sources = ""
    for path in glob.glob(os.path.join(REPO, "model", "**", "*.cc"), recursive=True):
        with open(path) as f:
            sources += f.read()
    homes = {}
    for rule, module, linux in rows:
        function = re.match(r"``(\w+)::(\w+)``", module)
        if not function:
            failures.append("map row '%s': no Class::Function in '%s'" % (rule, module))
        elif not re.search(r"\b%s::%s\(" % function.groups(), sources):
            failures.append("map row '%s': %s::%s is not defined in model/"
                            % ((rule,) + function.groups()))
        outside = re.sub(r"\([^)]*\)", "", linux)
        for name in re.findall(r"``(\w+)``", outside):
            if name in homes:
                failures.append("map: %s is in two rows ('%s', '%s')" % (name, homes[name], rule))
            homes[name] = rule
    return failures


def main():
    program = sys.argv[1]
    failures = []
    printed = subprocess.run([program], stdout=subprocess.PIPE, text=True, check=True).stdout
    for needed in ("``ns3::TcpFastOpenSocket``", "``AcceptRate``", "``MaxSynBacklog``",
                   "``FastOpenQueueLength``", "``ns3::TcpSynFloodAttacker``"):
        if needed not in printed:
            failures.append("tcp-fast-open-attributes does not print %s" % needed)
    with open(os.path.join(REPO, "doc", "attributes.rst")) as f:
        written = f.read()
    if printed != written:
        diff = difflib.unified_diff(written.splitlines(), printed.splitlines(),
                                    "doc/attributes.rst", "tcp-fast-open-attributes", lineterm="")
        failures.append("doc/attributes.rst differs from the TypeIds "
                        "(regenerate it with tcp-fast-open-attributes):\n" + "\n".join(list(diff)[:60]))
    with open(os.path.join(REPO, "doc", "tcp-fast-open.rst")) as f:
        chapter = f.read()
    for name in sorted(os.listdir(os.path.join(REPO, "examples"))):
        if name.endswith(".cc"):
            name = name[:-3]
        elif not name.endswith(".py"):
            continue
        if "``%s``" % name not in chapter:
            failures.append("doc/tcp-fast-open.rst does not list the example %s" % name)
    failures += linux_map_failures(chapter)
    for f in failures:
        print("FAIL: " + f)
    if not failures:
        print("ok: %d lines of attributes match the TypeIds; every example is listed; "
              "the Linux function map is one-to-one" % len(printed.splitlines()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
