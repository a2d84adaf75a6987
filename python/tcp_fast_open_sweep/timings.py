# SPDX-License-Identifier: GPL-2.0-only
"""Where a sweep's seconds go (--timings): the time of each phase, from the
start of the Python process, printed to stderr at the end."""

import os
import sys
import time


def _process_start():
    """CLOCK_BOOTTIME of this process's start (Linux /proc), else now."""
    try:
        with open("/proc/self/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[19]) / os.sysconf("SC_CLK_TCK")  # starttime, field 22
    except (OSError, ValueError, IndexError, AttributeError):
        return time.clock_gettime(time.CLOCK_BOOTTIME)


class Timings:
    """Named marks (seconds since the process started) and summed durations."""

    def __init__(self, enabled):
        self.enabled = enabled  #: print them at the end (--timings)
        self.start = _process_start() if enabled else 0.0  #: the process's start, CLOCK_BOOTTIME
        self.marks = []  #: [(name, seconds since start)] in order
        self.sums = {}  #: name -> summed seconds of a repeated phase

    def now(self):
        """Seconds since the process started."""
        return time.clock_gettime(time.CLOCK_BOOTTIME) - self.start

    def mark(self, name):
        """Note that the phase name ended (or the event happened) now."""
        if self.enabled:
            self.marks.append((name, self.now()))

    def add(self, name, seconds):
        """Add seconds to a phase that happens many times (store writes)."""
        if self.enabled:
            self.sums[name] = self.sums.get(name, 0.0) + seconds

    def report(self, stream=sys.stderr):
        """One line per mark and sum: 'timing: NAME SECONDS'."""
        if not self.enabled:
            return
        for name, t in self.marks:
            print("timing: %s %.3f" % (name, t), file=stream)
        for name, s in self.sums.items():
            print("timing: %s_total %.3f" % (name, s), file=stream)
        stream.flush()
