"""A pytest plugin whose items are plain `pytest.Item`s with no `obj` (like linter plugins').

Loaded with `-p plain_items` by tests/test_leak_fixture.py: the leak check must
run such items, not crash on them.
"""
import pytest


class PlainItem(pytest.Item):
    def runtest(self):
        pass


class PlainFile(pytest.File):
    def collect(self):
        yield PlainItem.from_parent(self, name="plain_item")


def pytest_collect_file(parent, file_path):
    if file_path.name == "plain_items.txt":
        return PlainFile.from_parent(parent, path=file_path)
