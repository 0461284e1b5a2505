"""Labels of the deps benchmark project, read from trailing comments.

    call(...)  # io: FAMILY[|FAMILY...] LIBRARY     the call does I/O of that family
    call(...)  # no-io: LIBRARY                     the call does no I/O (precision control)

A label with several families (`filesystem|database`) says the call does all
of them (verify.py checks each was recorded); a finding of any of them is in
the right family. LIBRARY is the PyPI distribution whose API the line calls.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "project"
# distribution -> the top-level module(s) application code imports
IMPORT_NAMES = {
    "GitPython": ("git",), "configobj": ("configobj", "validate"), "diskcache": ("diskcache",),
    "filelock": ("filelock",), "geopy": ("geopy",), "httplib2": ("httplib2",), "invoke": ("invoke",),
    "ntplib": ("ntplib",), "paho-mqtt": ("paho",), "plumbum": ("plumbum",), "pymodbus": ("pymodbus",),
    "pynetbox": ("pynetbox",), "pysolr": ("pysolr",), "python-dotenv": ("dotenv",), "python-gitlab": ("gitlab",),
    "python-jenkins": ("jenkins",), "python-memcached": ("memcache",), "python-nmap": ("nmap",),
    "redmail": ("redmail",), "sh": ("sh",), "sqlitedict": ("sqlitedict",), "suds-community": ("suds",),
    "tinydb": ("tinydb",), "toml": ("toml",), "wakeonlan": ("wakeonlan",),
}
FAMILIES = ("sleep", "http", "subprocess", "filesystem", "network", "database", "threadwait")
LABEL = re.compile(r"#\s*(?:io:\s*(?P<families>[a-z|]+)\s+(?P<lib>[\w.-]+)|no-io:\s*(?P<control>[\w.-]+))\s*$")


@dataclass(frozen=True)
class Label:
    path: str  # relative to PROJECT, "/" separated
    line: int
    families: tuple[str, ...]  # empty for a no-I/O control
    library: str
    text: str

    @property
    def control(self) -> bool:
        return not self.families

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def read_labels(root: Path = PROJECT) -> list[Label]:
    labels = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "# io:" not in line and "# no-io:" not in line:
                continue
            m = LABEL.search(line)
            if not m:
                raise SystemExit(f"{rel}:{number}: malformed label: {line.strip()}")
            families = tuple(m["families"].split("|")) if m["families"] else ()
            unknown = [f for f in families if f not in FAMILIES]
            if unknown:
                raise SystemExit(f"{rel}:{number}: unknown family {unknown[0]!r} (known: {', '.join(FAMILIES)})")
            code = line[: m.start()].strip()
            labels.append(Label(rel, number, families, m["lib"] or m["control"], code))
    return labels
