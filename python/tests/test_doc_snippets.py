# SPDX-License-Identifier: GPL-2.0-only
"""Every Python snippet of the docs (doc/*.rst ``.. code-block:: python`` blocks,
README.md ```python blocks) runs as written against the bindings."""

import glob
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
                body = []
                j = i + 1
                while j < len(lines) and (not lines[j].strip() or lines[j].startswith("   ")):
                    body.append(lines[j][3:])
                    j += 1
                found.append(("%s:%d" % (os.path.relpath(path, REPO), i + 1), "\n".join(body)))
    readme = open(os.path.join(REPO, "README.md")).read()
    for m in re.finditer(r"```python\n(.*?)```", readme, re.S):
        found.append(("README.md:%d" % (readme[:m.start()].count("\n") + 1), m.group(1)))
    return found


SNIPPETS = snippets()


def test_the_docs_have_python_snippets():
    assert len(SNIPPETS) >= 2, SNIPPETS


@pytest.mark.parametrize("where,code", SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_snippet_runs(ns, where, code):
    exec(compile(code, where, "exec"), {"__name__": "snippet"})
