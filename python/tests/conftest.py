# SPDX-License-Identifier: GPL-2.0-only
"""Fixtures of the Python-binding tests. One interpreter loads ns-3 once (cppyy
start-up is the slow part); each test builds its own scenario and destroys the
simulator after it. Missing cppyy or unloadable bindings make the tests fail
(the import error is the failure), never skip."""

import importlib.util
import os
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "python"))


@pytest.fixture(scope="session")
def ns():
    from tcp_fast_open import ns as loaded  # raises BindingsError: the test fails

    return loaded


@pytest.fixture(autouse=True)
def _fresh_simulator(request):
    yield
    if "ns" in request.fixturenames:
        ns = request.getfixturevalue("ns")
        ns.Simulator.Destroy()


def load_example(name):
    """An examples/<name>.py script as a module (its main() and helpers)."""
    path = os.path.join(REPO, "examples", name + ".py")
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_dir():
    return os.path.abspath(os.environ.get("TFO_BUILD_DIR") or os.path.join(REPO, "build"))
