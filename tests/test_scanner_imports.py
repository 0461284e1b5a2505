"""Imports on the loop that read no file: modules built into the
interpreter (sys.builtin_module_names) are not reported; a lazily imported
module that lives in a file still is."""
from __future__ import annotations

import json

from test_scanner_realcode2 import PYTHONS, chain, codes, scan, ss, write

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


# A module a call made earlier in the same function surely imported (its
# top-level imports, and those of the calls it makes unconditionally, at any
# depth) is loaded: `gw = Gateway(url)` whose constructor's helper imports
# elasticsearch, then `import elasticsearch`, or a constructor that imports it
# again. Not after a call inside a branch, nor for a submodule nobody loaded.
EARLIER = {
    "gw.py": """
        class Gateway:
            def __init__(self, url):
                self.client = self._create(url)

            def _create(self, url):
                import elasticsearch
                return elasticsearch.Elasticsearch(url)


        class IndexManager:
            def __init__(self, gw):
                import elasticsearch
                self.es = elasticsearch


        async def setup(url):
            gw = Gateway(url)                                       # 17: first import
            mgr = IndexManager(gw)                                  # loaded by Gateway() above
            import elasticsearch                                    # loaded by Gateway() above
            from elasticsearch.serializer import JSONSerializer     # 20: a submodule
            return mgr, elasticsearch, JSONSerializer


        async def maybe(url, flag):
            if flag:
                Gateway(url)                                        # 26
            import elasticsearch                                    # 27: Gateway() may not have run
            return elasticsearch


        async def alone(url):
            return IndexManager(url)                                # 32: first import
        """,
}


@PYTHONS
def test_imports_made_by_earlier_calls_are_loaded(tmp_path, python):
    data = scan(tmp_path, EARLIER, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == [("gw.py", 17, "BLK411"), ("gw.py", 20, "BLK410"), ("gw.py", 26, "BLK411"),
                           ("gw.py", 27, "BLK410"), ("gw.py", 32, "BLK411")], codes(data)


# A helper that imports a module and then reads a file: when the caller's
# earlier call loaded the module, the file read is still blamed (the witness
# chosen for a call is one that holds whatever the callers loaded first).
IMPORT_THEN_FILE = {
    "es.py": """
        import json


        class Gateway:
            def __init__(self, url):
                import elasticsearch
                self.client = elasticsearch.Elasticsearch(url)


        class IndexManager:
            def setup(self):
                self._template()

            def _template(self):
                import elasticsearch
                with open("mapping.json") as f:
                    return elasticsearch, json.load(f)


        async def async_setup(url):
            gw = Gateway(url)                                       # 21
            IndexManager().setup()                                  # 22: open()
            return gw
        """,
}


@PYTHONS
def test_a_file_read_after_an_import_the_caller_loaded_is_reported(tmp_path, python):
    data = scan(tmp_path, IMPORT_THEN_FILE, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == [("es.py", 21, "BLK411"), ("es.py", 22, "BLK401")], codes(data)


# `python main.py` from the project folder: cogs/ and utils/ are plain folders
# (no __init__.py), imported as `utils.questions`; cogs/questions.py has the
# same file name, so the bare name `questions` is taken by the first one
BOT_FOLDERS = {
    "main.py": """
        import asyncio
        from cogs.users import add

        asyncio.run(add("ada"))
        """,
    "cogs/questions.py": """
        async def daily():
            return "two-sum"
        """,
    "cogs/users.py": """
        from utils.questions import solved_count


        async def add(name):
            return solved_count(name)                               # 5
        """,
    "utils/questions.py": """
        import requests


        def solved_count(name):
            return requests.post("https://leetcode.com/graphql", json={"u": name}, timeout=10)
        """,
}


@PYTHONS
def test_plain_folders_scanned_from_the_project_folder_resolve_as_it_imports_them(tmp_path, python):
    write(tmp_path, BOT_FOLDERS)
    p = ss.run(["--format", "json", "--no-config", "--no-deps", "--no-cache", "cogs", "utils"],
               python=python, cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)
    assert codes(data) == [("cogs/users.py", 5, "BLK201")], codes(data)
    assert chain(data["findings"][0]) == ["utils.questions.solved_count", "requests.post"]
    # from inside cogs/ the folder above is not where the program runs: nothing resolves
    p = ss.run(["--format", "json", "--no-config", "--no-deps", "--no-cache", ".", "../utils"],
               python=python, cwd=tmp_path / "cogs")
    assert p.returncode == 0, (p.stdout, p.stderr)


# a Home Assistant custom integration scanned as its folder: its modules are
# `hub.*` by their packages and `custom_components.hub.*` as the host imports
# them; an import under either name of a module loaded at module level is cheap
HUB = {
    "custom_components/hub/__init__.py": """
        from .setup import async_setup_entry


        async def async_reload_entry(hass, entry):
            from custom_components.hub.setup import async_setup_entry as setup   # 5: loaded above
            from custom_components.hub import diagnostics                        # 6: not loaded
            return await setup(hass, entry), diagnostics
        """,
    "custom_components/hub/setup.py": """
        async def async_setup_entry(hass, entry):
            return True
        """,
    "custom_components/hub/diagnostics.py": """
        DATA = {}
        """,
}


@PYTHONS
def test_a_module_loaded_under_one_name_is_loaded_under_the_others(tmp_path, python):
    write(tmp_path, HUB)
    p = ss.run(["--format", "json", "--no-config", "--no-deps", "--no-cache", "custom_components/hub"],
               python=python, cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)
    assert codes(data) == [("custom_components/hub/__init__.py", 6, "BLK410")], codes(data)


# scanning a part of a project: what the project's other modules import at
# module level is loaded, as when the whole project is scanned
PARTIAL = {
    "pyproject.toml": "[project]\nname = 'svc'\nversion = '0'\n",
    "svc/__init__.py": "",
    "svc/main.py": """
        from typing import TYPE_CHECKING

        import svc.core.models
        from svc.core import cache

        if TYPE_CHECKING:
            from svc.core import typing_only
        """,
    "svc/core/__init__.py": "",
    "svc/core/models.py": "",
    "svc/core/cache.py": "",
    "svc/core/typing_only.py": "",
    "svc/core/lazy.py": "",
    "svc/api/__init__.py": "",
    "svc/api/handlers.py": """
        async def handle():
            import svc.core.models                                # 2: main.py loads it
            import svc.core.cache                                 # 3: main.py loads it
            import svc.core.typing_only                           # 4: only for type checkers
            import svc.core.lazy                                  # 5: only a test loads it
            return svc
        """,
    "tests/test_api.py": """
        import svc.core.lazy
        """,
}


@PYTHONS
def test_a_partial_scan_sees_the_imports_of_the_rest_of_the_project(tmp_path, python):
    write(tmp_path, PARTIAL)
    p = ss.run(["--format", "json", "--no-config", "--no-deps", "--no-cache", "svc/api"], python=python, cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert codes(json.loads(p.stdout)) == [("svc/api/handlers.py", 4, "BLK410"), ("svc/api/handlers.py", 5, "BLK410")], p.stdout
    # the whole project scanned: the same verdicts
    data = scan(tmp_path, None, args=["--no-deps", "--no-cache", "--exclude", "tests"], python=python)
    assert [c for c in codes(data) if c[0] == "svc/api/handlers.py"] == [
        ("svc/api/handlers.py", 4, "BLK410"), ("svc/api/handlers.py", 5, "BLK410")], codes(data)
