# SPDX-License-Identifier: GPL-2.0-only
# Sphinx configuration for building the tcp-fast-open chapter on its own:
#
#   sphinx-build -W -b html doc build/doc-html
#
# (the ctest test "doc-sphinx" runs exactly that). Inside an ns-3 tree the
# chapter is built by ns-3's doc/models instead: copy doc/*.rst and
# doc/figures into doc/models/source/ (not conf.py or replace.txt): ns-3's own
# replace.txt defines |ns3| and the other substitutions.

project = "tcp-fast-open"
author = "tcp-fast-open developers"
copyright = "the tcp-fast-open developers, GPL-2.0-only"

# The chapter is the root; the study, validation and binding files are
# included into it (.. include::), so they are not documents of their own.
root_doc = "tcp-fast-open"
exclude_patterns = [
    "_build",
    "attack-study.rst",
    "attributes.rst",
    "benchmarks.rst",
    "deployability-study.rst",
    "emulation.rst",
    "latency-study.rst",
    "packetdrill.rst",
    "python.rst",
    "sweeps.rst",
    "validation.rst",
    "replace.txt",
]
source_suffix = {".rst": "restructuredtext"}
extensions = []
html_theme = "alabaster"
pygments_style = "sphinx"
# Every warning is an error under -W: keep the build quiet otherwise.
suppress_warnings = []
