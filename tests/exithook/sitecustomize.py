"""Record how an example ended, for the example runner (tests/test_examples.py).

The runner puts this folder on PYTHONPATH and names a file in
EXAMPLE_EXIT_RECORD. When the example's main thread dies of an uncaught
exception, Python calls sys.excepthook before it joins threads and exits:
that is the one exit path that `wrong-way raises NAME` may claim, so the hook
writes the exception's type there (one line, `module.QualName`) and then
prints the traceback as usual. The variable is removed from the environment at
start-up, so subprocesses the example starts do not record over it.
"""
import os
import sys

_record = os.environ.pop("EXAMPLE_EXIT_RECORD", None)

if _record:
    _previous_hook = sys.excepthook

    def _record_uncaught(exc_type, exc, tb):
        try:
            with open(_record, "w", encoding="utf-8") as f:
                f.write(f"{exc_type.__module__}.{exc_type.__qualname__}\n")
        finally:
            _previous_hook(exc_type, exc, tb)

    sys.excepthook = _record_uncaught
