"""The same tree gives the same findings in every run. Python salts string
hashes per process (PYTHONHASHSEED), so anything that iterates a set of names
to break a tie between witnesses changes the reported root from run to run:
seen on a real MCP server, where a first-call import and a first-call
`find_spec` behind two lru_caches swapped places between runs."""
from __future__ import annotations

import os

from test_scanner_realcode2 import scan

TWO_CACHES = {
    "app.py": """
        import functools


        @functools.lru_cache(maxsize=None)
        def settings_a():
            with open("a.toml") as f:
                return f.read()


        @functools.lru_cache(maxsize=None)
        def settings_b():
            import some_plugin_module
            return some_plugin_module


        def resolve_a():
            return settings_a()


        def resolve_b():
            return settings_b()


        def model_one():
            resolve_a()
            resolve_b()


        def model_two():
            resolve_b()
            resolve_a()


        async def handler_one():
            return model_one()


        async def handler_two():
            return model_two()
        """,
}


def test_findings_do_not_depend_on_the_hash_seed(tmp_path):
    # (the default interpreter only: the bug is in the scanner's own order,
    # and eight seeds caught it in every trial on 3.11)
    seen = {}
    for seed in range(1, 9):
        env = dict(os.environ, PYTHONHASHSEED=str(seed))
        data = scan(tmp_path, TWO_CACHES if not seen else None, args=["--no-deps", "--no-cache"], env=env)
        found = [(f["line"], f["code"], f["root"]["call"], [c.get("function") or c.get("call") for c in f["chain"]])
                 for f in data["findings"]]
        seen.setdefault(repr(found), []).append(seed)
    assert len(seen) == 1, seen
    (only,) = seen
    assert "35" in only and "39" in only, only  # both handlers are reported, route 3 (first call only)
