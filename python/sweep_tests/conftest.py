# SPDX-License-Identifier: GPL-2.0-only
"""Fixtures of the command-line and sweep tests: the built examples (from
$TFO_BUILD_DIR, else build/), which these tests run as processes."""

import os
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "python"))

#: The C++ examples (build/examples/<name>).
EXAMPLES = ["tcp-fast-open-example", "tcp-fast-open-cookie", "tcp-fast-open-latency",
            "tcp-fast-open-middlebox", "tcp-fast-open-page-load", "tcp-fast-open-server-farm",
            "tcp-fast-open-syn-flood"]
#: The examples that are studies: the common options, one record per point.
STUDIES = ["tcp-fast-open-latency", "tcp-fast-open-middlebox", "tcp-fast-open-page-load",
           "tcp-fast-open-server-farm", "tcp-fast-open-syn-flood"]


def build_dir():
    return os.path.abspath(os.environ.get("TFO_BUILD_DIR") or os.path.join(REPO, "build"))


def example_path(name):
    path = os.path.join(build_dir(), "examples", name)
    if not os.path.isfile(path):
        pytest.fail("%s is not built: run bash scripts/build.sh" % path)
    return path
