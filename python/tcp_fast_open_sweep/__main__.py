# SPDX-License-Identifier: GPL-2.0-only
"""python -m tcp_fast_open_sweep: the same as the tcp-fast-open-sweep command."""
import sys

from .cli import main

sys.exit(main())
