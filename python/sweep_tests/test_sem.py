# SPDX-License-Identifier: GPL-2.0-only
"""The latency example as a SEM script (doc/sweeps.rst's campaign): needs the
sem package and an ns-3 source tree with the module built in it
(~/.cache/tcp-fast-open/ns-3.37, as scripts/ns3-in-tree.sh leaves it, or
$TFO_NS3_TREE); skipped without them. The parse-back of --PrintHelp's
defaults, which SEM relies on, is tested without SEM in
test_example_arguments.py."""

import csv
import glob
import io
import os

import pytest

TREE = os.environ.get("TFO_NS3_TREE") or os.path.expanduser("~/.cache/tcp-fast-open/ns-3.37")


def test_sem_campaign(tmp_path):
    sem = pytest.importorskip("sem")
    if not glob.glob(os.path.join(TREE, "build", "**", "*tcp-fast-open-latency*"), recursive=True):
        pytest.skip("no ns-3 tree with the module built at %s" % TREE)
    campaign = sem.CampaignManager.new(TREE, "tcp-fast-open-latency", str(tmp_path / "campaign"),
                                       check_repo=False, overwrite=True)
    campaign.run_missing_simulations(
        sem.list_param_combinations({
            "rtts": [10, 50], "lossRates": 0.02, "responseSizes": 5000, "transactions": 3,
            "runs": 1, "csv": "none", "plot": "none",
            "records": "tcp-fast-open-latency-records.csv"}),
        runs=2)
    results = list(campaign.db.get_results())
    assert len(results) == 4
    seen = set()
    for result in results:
        files = campaign.db.get_result_files(result)
        with open(files["tcp-fast-open-latency-records.csv"]) as f:
            (row,) = list(csv.DictReader(io.StringIO(f.read())))
        assert row["run"] == str(result["params"]["RngRun"])
        seen.add((row["param.rtt_ms"], row["run"], row["mean_on_ms"]))
    assert len(seen) == 4
