"""The scanner's catalogue is data: check it is well formed."""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from blockscan import catalogue  # noqa: E402

ROWS = [line for line in catalogue.TABLE.splitlines() if line.strip() and not line.startswith("#")]


def test_rows_parse_and_codes_are_family_codes():
    names = []
    for line in ROWS:
        cells = [c.strip() for c in line.split("|")]
        assert 2 <= len(cells) <= 4, line
        name, code = cells[0], cells[1]
        assert re.fullmatch(r"[A-Za-z_][\w.]*(\.\*)?", name), line
        assert re.fullmatch(r"BLK[1-9]00|BLK4[12]0", code), line  # a family's code, or a sub-rule of BLK4
        names.append(name)
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, dupes
    cat = catalogue.load()
    assert len(cat) == len(ROWS)
    for name, (code, why, instead) in cat.items():
        assert why and instead, name
        assert code[:4] in catalogue.FAMILIES


def test_every_family_is_used_and_documented():
    used = {c[:4] for c, _, _ in catalogue.load().values()}
    assert used == set(catalogue.FAMILIES) - {"BLK0"}  # BLK0 is for user-declared calls
    pages = (Path(catalogue.__file__).parent / "rules.md").read_text(encoding="utf-8")
    for prefix, (family, _, _) in catalogue.FAMILIES.items():
        assert re.search(r"^## %sxx %s:" % (prefix, re.escape(family)), pages, re.M), prefix


def test_side_tables_refer_to_known_names():
    cat = catalogue.load()
    for name in catalogue.DIRECT_ONLY | catalogue.LAZY | catalogue.CONTENT_OR_LOCATION:
        assert name in cat, name
    for name in catalogue.NONBLOCKING:
        assert name.rsplit(".", 1)[0] + ".*" in cat, name
    for key, value in list(catalogue.RETURNS.items()) + list(catalogue.ATTRS.items()):
        assert key and value and " " not in key + value, key
    assert catalogue.QUEUE_CLASSES and catalogue.OFFLOADS
    for name, types in catalogue.ITEMS.items():
        for t in types:
            assert t is None or any(q.startswith(t + ".") for q in cat), (name, t)
