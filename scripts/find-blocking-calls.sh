#!/bin/sh
# Find calls that block the asyncio event loop. POSIX sh wrapper: picks a
# Python 3.9+ interpreter and runs find_blocking_calls.py (stdlib only) with
# the same arguments. Set FIND_BLOCKING_CALLS_PYTHON to choose the interpreter
# (use one at least as new as the syntax of the code you scan).
# Usage: find-blocking-calls.sh [OPTIONS] [PATH ...]   (--help for options)
# Follow symlinks to this file (e.g. a link in ~/bin) to find the scanner.
self=$0
while [ -L "$self" ] && command -v readlink >/dev/null 2>&1; do
    link=$(readlink -- "$self") || break
    case $link in
        /*) self=$link ;;
        *) self=$(dirname -- "$self")/$link ;;
    esac
done
here=$(CDPATH='' cd -- "$(dirname -- "$self")" && pwd) || exit 2
script="$here/find_blocking_calls.py"
ok_version='import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)'
if [ -n "${FIND_BLOCKING_CALLS_PYTHON:-}" ] && ! "$FIND_BLOCKING_CALLS_PYTHON" -c "$ok_version" >/dev/null 2>&1; then
    echo "find-blocking-calls: notice: FIND_BLOCKING_CALLS_PYTHON=$FIND_BLOCKING_CALLS_PYTHON is not a Python 3.9+; looking for another" >&2
fi
for py in "${FIND_BLOCKING_CALLS_PYTHON:-}" python3.14 python3.13 python3.12 python3.11 python3.10 python3.9 python3 python; do
    [ -n "$py" ] || continue
    command -v "$py" >/dev/null 2>&1 || continue
    if "$py" -c "$ok_version" >/dev/null 2>&1; then
        exec "$py" "$script" "$@"
    fi
done
echo "find-blocking-calls: no Python 3.9 or newer found (install python3, or set FIND_BLOCKING_CALLS_PYTHON)" >&2
exit 2
