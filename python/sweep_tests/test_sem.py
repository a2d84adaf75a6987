# SPDX-License-Identifier: GPL-2.0-only
"""doc/sweeps.rst's SEM campaign, run as written in an ns-3 source tree with the
module built in it ($TFO_NS3_TREE: scripts/ns3-in-tree.sh runs this test in
its tree), and its results read back with SEM's API and checked. Skipped, with
the reason, when no tree is given. The parse-back of every study's
--PrintHelp defaults through SEM's parser is tested without a tree in
test_example_arguments.py."""

import csv
import glob
import io
import os
import re

import pytest

from conftest import REPO

TREE = os.environ.get("TFO_NS3_TREE", "")
if not TREE:
    pytest.skip("no ns-3 tree given: set TFO_NS3_TREE to an ns-3 source tree with the module "
                "built in it (scripts/ns3-in-tree.sh runs this campaign in its tree)",
                allow_module_level=True)

RECORDS = "tcp-fast-open-latency-records.csv"


def doc_snippet():
    """The Python block of doc/sweeps.rst's SEM section."""
    text = open(os.path.join(REPO, "doc", "sweeps.rst")).read()
    section = text[text.index("\nSEM\n===\n"):]
    m = re.search(r"\n\.\. code-block:: python\n\n((?:   .*\n|\n)+)", section)
    assert m, "doc/sweeps.rst's SEM section has no Python block"
    return "\n".join(line[3:] for line in m.group(1).split("\n"))


def records_of(campaign):
    """{result id: (result, its one records row)}, read with SEM's API."""
    out = {}
    for result in campaign.db.get_complete_results(files_to_load=[RECORDS]):
        rows = list(csv.DictReader(io.StringIO(result["output"][RECORDS])))
        assert len(rows) == 1, result["output"][RECORDS]
        out[result["meta"]["id"]] = (result, rows[0])
    return out


def test_sem_campaign(tmp_path, monkeypatch, capsys):
    if not glob.glob(os.path.join(TREE, "build", "**", "*tcp-fast-open-latency*"), recursive=True):
        pytest.fail("TFO_NS3_TREE=%s has no tcp-fast-open-latency built "
                    "(scripts/ns3-in-tree.sh builds it)" % TREE)
    monkeypatch.chdir(tmp_path)
    snippet = {"__name__": "doc_snippet"}
    exec(compile(doc_snippet(), "doc/sweeps.rst (SEM)", "exec"), snippet)
    campaign, frame = snippet["campaign"], snippet["results"]
    printed = capsys.readouterr().out

    # 2 points x 2 runs, every simulation a success.
    results = list(campaign.db.get_results())
    assert len(results) == 4, results
    assert [r["meta"]["exitcode"] for r in results] == [0] * 4, [
        open(campaign.db.get_result_files(r)["stderr"]).read() for r in results]
    # SEM numbers the runs across the campaign, from 0.
    assert sorted(r["params"]["rtts"] for r in results) == [10, 10, 50, 50]
    assert sorted(r["params"]["RngRun"] for r in results) == [0, 1, 2, 3]

    # The defaults SEM read from --PrintHelp: numbers as floats, booleans as
    # Python's; the examples took them as the integers and booleans they are.
    params = campaign.db.get_params()
    assert params["requestSizes"] == 500.0 and params["persistent"] is False, params
    assert all(v is not None and v != "" for v in params.values()), params
    for result, row in records_of(campaign).values():
        assert row["program"] == "tcp-fast-open-latency"
        assert row["run"] == str(result["params"]["RngRun"])
        assert row["seed"] == "1"
        assert row["param.rtt_ms"] == str(result["params"]["rtts"])
        assert row["param.loss_rate"] == "0.02"
        assert row["param.response_bytes"] == "5000"
        assert row["param.transactions"] == "20"
        assert row["param.request_bytes"] == "500"  # SEM passed 500.0
        assert row["param.persistent"] == "false"  # SEM passed False
        assert row["incomplete_on"] == "0" and row["samples_on"] == "20"

    # The DataFrame of the snippet (SEM's get_results_as_dataframe): one row
    # per simulation, and the two runs of a point differ.
    assert len(frame) == 4 and "mean_on_ms" in printed
    assert (frame["run"] == frame["RngRun"]).all()
    assert (frame["rtt_ms"] == frame["rtts"]).all()
    assert (frame["request_bytes"] == 500).all()
    for rtt, runs in frame.groupby("rtts"):
        assert len(runs) == 2
        assert runs["mean_on_ms"].nunique() == 2, runs

    # Opened again: the campaign is loaded, and nothing is run twice.
    from tcp_fast_open_sweep.sem_campaign import open_campaign

    again = open_campaign(TREE, "tcp-fast-open-latency", "latency-campaign")
    again.run_missing_simulations(
        {"rtts": [10, 50], "lossRates": 0.02, "responseSizes": 5000,
         "transactions": 20, "runs": 1, "csv": "none", "plot": "none"}, runs=2)
    assert sorted(r["meta"]["id"] for r in again.db.get_results()) == sorted(
        r["meta"]["id"] for r in results)
    with pytest.raises(ValueError, match="campaign of tcp-fast-open-latency"):
        open_campaign(TREE, "tcp-fast-open-page-load", "latency-campaign")
