#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The chapter cannot drift from the code:
  * doc/attributes.rst is exactly what tcp-fast-open-attributes prints from the
    TypeIds (regenerate: build/examples/tcp-fast-open-attributes > doc/attributes.rst);
  * doc/tcp-fast-open.rst names every program of examples/ (*.cc and *.py).

  doc_test.py build/examples/tcp-fast-open-attributes
"""

import difflib
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
    for f in failures:
        print("FAIL: " + f)
    if not failures:
        print("ok: %d lines of attributes match the TypeIds; every example is listed"
              % len(printed.splitlines()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
