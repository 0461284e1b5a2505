#!/usr/bin/env python3
"""Find calls that block the asyncio event loop (stdlib only, Python 3.9+).

    python find_blocking_calls.py [OPTIONS] [PATH ...]

Same as scripts/find-blocking-calls.sh; this entry point is for Windows and
for running with a chosen interpreter. See --help and --explain CODE.
"""
import os
import sys

if sys.version_info < (3, 9):
    sys.stderr.write("find-blocking-calls: Python 3.9 or newer is needed, this is %d.%d\n" % sys.version_info[:2])
    sys.exit(2)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from blockscan.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
