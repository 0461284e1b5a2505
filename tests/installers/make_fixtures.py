#!/usr/bin/env python3
"""Write the installer test fixtures into a folder, for runners that cannot run
pytest against the installer (the Windows job runs tests/installers/windows-test.ps1
on them):

    python tests/installers/make_fixtures.py OUT

OUT/good-1.0.0.zip, OUT/good-1.1.0.zip   fixture releases, each with .sha256 beside it
OUT/tampered.zip                         one byte flipped; .sha256 of the good zip
OUT/nosum.zip                            no .sha256
OUT/hostile-<case>.zip                   each hostile case of harness.HOSTILE, valid .sha256
OUT/hostile-cases.txt                    '<case> <words the refusal must contain>' per line
"""
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from installers import harness as h  # noqa: E402


def main(argv):
    if len(argv) != 1:
        print("usage: make_fixtures.py OUT", file=sys.stderr)
        return 2
    out = Path(argv[0]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = out / "work"
    builds = {v: h.build_fixture(work, v) for v in ("1.0.0", "1.1.0")}

    def put(name, data, digest=None):
        (out / name).write_bytes(data)
        if digest:
            (out / (name + ".sha256")).write_text(f"{digest}  {name}\n")

    for v, b in builds.items():
        data = b["zip"].read_bytes()
        put(f"good-{v}.zip", data, h.sha256(data))
    good = (out / "good-1.0.0.zip").read_bytes()
    bad = bytearray(good)
    bad[len(bad) // 2] ^= 1
    put("tampered.zip", bytes(bad), h.sha256(good))
    put("nosum.zip", good)
    lines = []
    for case, (edit, reason) in sorted(h.HOSTILE.items()):
        z = h.rezip(builds["1.0.0"]["zip"], work / f"hostile-{case}.zip", edit)
        data = z.read_bytes()
        put(f"hostile-{case}.zip", data, h.sha256(data))
        lines.append(f"{case} {reason}\n")
    (out / "hostile-cases.txt").write_text("".join(lines))
    shutil.rmtree(work)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
