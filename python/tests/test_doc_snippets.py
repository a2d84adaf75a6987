# SPDX-License-Identifier: GPL-2.0-only
"""Every Python snippet of the docs (doc/*.rst ``.. code-block:: python`` blocks,
README.md ```python blocks) runs as written against the bindings. A snippet
that needs what no test machine has (a batch cluster, an ns-3 source tree)
says so in an rST comment right above it, ``.. snippet-not-run: REASON``, and
is reported as skipped with that reason."""

import glob
import importlib.util
import os
import re

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def snippets():
    found = []
    for path in sorted(glob.glob(os.path.join(REPO, "doc", "*.rst"))):
        lines = open(path).read().split("\n")
        for i, line in enumerate(lines):
            if line.strip() == ".. code-block:: python":
                # The body is indented past the directive (which may itself be
                # nested, e.g. in a definition list).
                indent = " " * (len(line) - len(line.lstrip()) + 3)
                body = []
                j = i + 1
                while j < len(lines) and (not lines[j].strip() or lines[j].startswith(indent)):
                    body.append(lines[j][len(indent):])
                    j += 1
                k = i - 1
                while k >= 0 and not lines[k].strip():
                    k -= 1
                m = re.match(r"\s*\.\. snippet-not-run: (.+)$", lines[k]) if k >= 0 else None
                found.append(("%s:%d" % (os.path.relpath(path, REPO), i + 1), "\n".join(body),
                              m.group(1) if m else None))
    readme = open(os.path.join(REPO, "README.md")).read()
    for m in re.finditer(r"```python\n(.*?)```", readme, re.S):
        found.append(("README.md:%d" % (readme[:m.start()].count("\n") + 1), m.group(1), None))
    return found


SNIPPETS = snippets()


def test_the_docs_have_python_snippets():
    assert len(SNIPPETS) >= 2, SNIPPETS


@pytest.mark.parametrize("where,code,not_run", SNIPPETS, ids=[w for w, _, _ in SNIPPETS])
def test_snippet_runs(ns, where, code, not_run):
    if not_run:
        pytest.skip("%s: not run: %s" % (where, not_run))
    if re.search(r"^\s*from ns import ns\b", code, re.M) and importlib.util.find_spec("ns") is None:
        # ns-3's own bindings come with the pip wheel (the wheel stage runs this
        # test under them); Debian's ns-3.37 has none.
        pytest.skip("%s: needs ns-3's own Python bindings (from ns import ns)" % where)
    exec(compile(code, where, "exec"), {"__name__": "snippet"})
