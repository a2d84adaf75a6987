# SPDX-License-Identifier: GPL-2.0-only
"""SEM campaigns (ns-3's Simulation Execution Manager, ``sem`` on PyPI) of the
module's examples in an ns-3 source tree that is already built, such as the one
scripts/ns3-in-tree.sh leaves (doc/sweeps.rst, "SEM").

SEM's own ``CampaignManager.new`` configures the tree (``./ns3 configure
--enable-examples``, with the optimized profile unless told not to) and builds
it (``./ns3 build``) when the campaign is made and again before every
``run_simulations``: in a tree configured with examples that builds all of
ns-3's example programs, and ``skip_configuration`` skips only the first step.
:func:`open_campaign` gives SEM a runner that uses the built programs as they
are, and otherwise makes the campaign as ``CampaignManager.new`` and ``load``
do."""

import os

import sem


class PrebuiltRunner(sem.ParallelRunner):
    """SEM's ParallelRunner (one simulation per thread, each an ns-3 process
    in its own result directory) over the programs of an ns-3 tree as they are
    built: no ./ns3 configure, no ./ns3 build."""

    def configure_and_build(self, *args, **kwargs):
        """Nothing to do: the tree is built (scripts/ns3-in-tree.sh)."""
        return None


def open_campaign(ns3_tree, script, campaign_dir, overwrite=False, max_parallel_processes=None):
    """A SEM campaign of ``script`` (an example's name, e.g.
    ``tcp-fast-open-latency``) over the built ns-3 tree ``ns3_tree``, stored in
    ``campaign_dir``: a new one, or the one already there (its finished
    simulations are kept: ``run_missing_simulations`` runs only the others).

    The parameters and their defaults are the ones SEM reads from the
    program's ``--PrintHelp``. ns-3's default build profile (``build/``), not
    the optimized one SEM assumes by default. ``check_repo`` is off: the tree
    is a release's source, not a git repository.

    Raises ValueError when ``campaign_dir`` holds a campaign of another script,
    and SEM's own errors when the tree or the script is not built."""
    ns3_tree = os.path.abspath(ns3_tree)
    campaign_dir = os.path.abspath(campaign_dir)
    runner = PrebuiltRunner(ns3_tree, script, optimized=False,
                            max_parallel_processes=max_parallel_processes)
    if os.path.exists(os.path.join(campaign_dir, os.path.basename(campaign_dir) + ".json")) \
            and not overwrite:
        db = sem.DatabaseManager.load(campaign_dir)
        if db.get_script() != script:
            raise ValueError("%s is a campaign of %s, not of %s"
                             % (campaign_dir, db.get_script(), script))
    else:
        db = sem.DatabaseManager.new(script=script, params=runner.get_available_parameters(),
                                     commit="", campaign_dir=campaign_dir, overwrite=overwrite)
    return sem.CampaignManager(db, runner, check_repo=False)
