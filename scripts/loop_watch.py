#!/usr/bin/env python3
"""Watch asyncio event loops at run time: stalls, and blocking calls made on
a loop thread (stdlib only, Python 3.9+, asyncio and uvloop, any OS).

    python3 loop_watch.py [OPTIONS] [--] program.py [ARGS ...]
    python3 loop_watch.py [OPTIONS] -m package.module [ARGS ...]

The run-time twin of find-blocking-calls.sh (same codes, noqa and
configuration). In-process: put this folder on sys.path, then
`from loop_watch import watch, install`. pytest: `-p pytest_loop_watch`.
See --help.
"""
import os
import sys

if sys.version_info < (3, 9):
    sys.stderr.write("loop-watch: Python 3.9 or newer is needed, this is %d.%d\n" % sys.version_info[:2])
    sys.exit(2)

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from loopwatch.watcher import Watcher, current, install, watch  # noqa: E402

__all__ = ["Watcher", "current", "install", "watch"]

if __name__ == "__main__":
    from loopwatch import cli
    sys.exit(cli.main())
