"""Imports on the loop that read no file: modules built into the
interpreter (sys.builtin_module_names) are not reported; a lazily imported
module that lives in a file still is."""
from __future__ import annotations

from test_scanner_realcode2 import PYTHONS, codes, scan

SHUTDOWN = {
    "svc/__init__.py": "",
    "svc/server.py": """
        def clear_model_caches():
            import gc                     # built in: no file
            import faulthandler           # built in
            return gc.collect()


        async def shutdown():
            stats = clear_model_caches()
            import json                   # 9: a module in a file, not imported before
            return json.dumps(stats)
        """,
}


@PYTHONS
def test_builtin_modules_are_cheap_to_import(tmp_path, python):
    data = scan(tmp_path, SHUTDOWN, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == [("svc/server.py", 9, "BLK410")], codes(data)
