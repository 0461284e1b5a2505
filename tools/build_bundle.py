#!/usr/bin/env python3
"""Build the release bundle: a reproducible zip of the skill plus its checksum.

    python3 tools/build_bundle.py [--root DIR] [--out DIR] [--no-validate]

Writes into OUT (default: ROOT/dist):

    python-concurrency-performance.zip            the bundle ("latest" name)
    python-concurrency-performance.zip.sha256     "<hex>  <zip name>" (sha256sum -c format)
    python-concurrency-performance-X.Y.Z.zip      the same bytes, versioned name
    python-concurrency-performance-X.Y.Z.zip.sha256
    install.sh, install.ps1                       the installers, served beside the zip
    SHA256SUMS                                    checksums of everything above

The zip holds one top folder, python-concurrency-performance/, with exactly
SKILL.md, LICENSE, references/, scripts/, assets/ (no dotfiles, caches or
*.pyc). It is byte-identical from build to build on the same machine: sorted
entries, fixed timestamps, explicit modes (directories 0755, files 0644,
files under scripts/ 0755), no extra fields. The version has one source of
truth: the `  version: "X.Y.Z"` line of the `metadata:` map in SKILL.md.
The default download location has one source too: tools/release_url.txt; the
build refuses installers whose built-in default differs from it.

After building, the zip is extracted into a temporary folder and
tools/validate_skill.py runs on the extracted bundle with the dev venv's
interpreter (the validator needs the dev dependencies; a fresh clone gets the
venv set up first, as `python3 tools/test.py` does); a problem fails the build
and nothing is written.

Exit status: 0 built, 1 a problem (one line each on stderr), 2 usage error.
Stdlib only.
"""
import argparse
import hashlib
import os
import re
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import devenv

NAME = "python-concurrency-performance"
TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
CONTENTS = ("SKILL.md", "LICENSE", "references", "scripts", "assets")
REQUIRED_DIRS = ("references", "scripts", "assets")
# 1980-01-01 00:00:00, the earliest time a zip entry can carry.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
VERSION_LINE = re.compile(r'^  version: "([^"\n]*)"$', re.MULTILINE)
VERSION_FORM = re.compile(r"^[0-9]+\.[0-9]+\.[0-9]+(?:[-+][0-9A-Za-z.+-]+)?$")
# The installers accept only these characters in entry names; build nothing they would refuse.
SEGMENT_FORM = re.compile(r"^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$")
SKIPPED_DIRS = {"__pycache__"}
SKIPPED_SUFFIXES = (".pyc", ".pyo")


class BuildError(Exception):
    pass


def read_version(skill_md: Path) -> str:
    """The version from SKILL.md's frontmatter: the one `  version: "X.Y.Z"` line."""
    try:
        text = skill_md.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError(f"{skill_md}: missing; the version is read from its frontmatter") from None
    if not text.startswith("---\n"):
        raise BuildError(f"{skill_md}: no YAML frontmatter (must start with a '---' line)")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise BuildError(f"{skill_md}: frontmatter is not closed by a '---' line")
    front = text[: end + 1]
    found = VERSION_LINE.findall(front)
    if len(found) != 1:
        raise BuildError(
            f"{skill_md}: expected exactly one line '  version: \"X.Y.Z\"' (under metadata:) "
            f"in the frontmatter, found {len(found)}"
        )
    if not re.search(r"^metadata:\s*$", front, re.MULTILINE):
        raise BuildError(f"{skill_md}: the version line must sit inside a 'metadata:' map")
    version = found[0]
    if not VERSION_FORM.match(version):
        raise BuildError(f"{skill_md}: version {version!r} is not of the form X.Y.Z[-suffix]")
    return version


def read_release_url(tools: Path = TOOLS) -> str:
    url = (tools / "release_url.txt").read_text(encoding="ascii").strip()
    if not url.startswith("https://") or any(c.isspace() for c in url) or url.endswith("/"):
        raise BuildError(f"{tools / 'release_url.txt'}: not one https URL without a trailing slash: {url!r}")
    return url


def installer_default_urls(repo: Path) -> dict:
    """The default base URL each installer carries on its one marked line."""
    found = {}
    patterns = {
        "install.sh": re.compile(r"^DEFAULT_BASE_URL='([^']*)'$", re.MULTILINE),
        "install.ps1": re.compile(r"^[ ]*\$DefaultBaseUrl = '([^']*)'$", re.MULTILINE),
    }
    for name, pattern in patterns.items():
        path = repo / name
        if path.exists():
            hits = pattern.findall(path.read_text(encoding="utf-8"))
            found[name] = hits[0] if len(hits) == 1 else None
    return found


def collect(root: Path) -> list:
    """(archive path, source path or None for a directory, mode) for every entry, sorted."""
    entries = [(NAME + "/", None, 0o755)]
    for top in CONTENTS:
        src = root / top
        if src.is_symlink():
            raise BuildError(f"{src}: is a symlink; the bundle holds only regular files")
        if not src.exists():
            raise BuildError(f"{src}: missing; the bundle needs {', '.join(CONTENTS)}")
        if top in REQUIRED_DIRS and not src.is_dir():
            raise BuildError(f"{src}: must be a directory")
        if top not in REQUIRED_DIRS and not src.is_file():
            raise BuildError(f"{src}: must be a regular file")
    for top in CONTENTS:
        src = root / top
        if src.is_file():
            entries.append((f"{NAME}/{top}", src, 0o644))
            continue
        entries.append((f"{NAME}/{top}/", None, 0o755))
        for dirpath, dirnames, filenames in os.walk(src):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIPPED_DIRS)
            here = Path(dirpath)
            for d in dirnames:
                p = here / d
                if p.is_symlink():
                    raise BuildError(f"{p}: is a symlink; the bundle holds only regular files")
                entries.append((f"{NAME}/{p.relative_to(root).as_posix()}/", None, 0o755))
            for f in sorted(filenames):
                if f.startswith(".") or f.endswith(SKIPPED_SUFFIXES):
                    continue
                p = here / f
                st = p.lstat()
                if not stat.S_ISREG(st.st_mode):
                    raise BuildError(f"{p}: not a regular file (symlink or special file)")
                rel = p.relative_to(root).as_posix()
                mode = 0o755 if rel.startswith("scripts/") else 0o644
                entries.append((f"{NAME}/{rel}", p, mode))
    for arcname, _, _ in entries:
        for seg in arcname.rstrip("/").split("/"):
            if not SEGMENT_FORM.match(seg):
                raise BuildError(
                    f"{arcname}: name segment {seg!r} has characters the installers refuse "
                    "(allowed: letters, digits, . _ + -; not starting with '.')"
                )
    entries.sort(key=lambda e: e[0])
    return entries


def write_zip(entries: list, dest: Path) -> None:
    with zipfile.ZipFile(dest, "w") as zf:
        for arcname, src, mode in entries:
            info = zipfile.ZipInfo(arcname, date_time=FIXED_TIME)
            info.create_system = 3  # Unix, so extractors honour the mode bits
            if src is None:
                info.external_attr = (stat.S_IFDIR | mode) << 16 | 0x10  # 0x10: MS-DOS directory flag
                info.compress_type = zipfile.ZIP_STORED
                zf.writestr(info, b"")
            else:
                info.external_attr = (stat.S_IFREG | mode) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, src.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def validator_python() -> str:
    """The validator needs the dev dependencies (pyyaml, markdown-it-py): the dev
    venv's interpreter, set up first when a fresh clone has none (tools/devenv.py,
    the same environment `python3 tools/test.py` uses)."""
    try:
        return str(devenv.ensure_venv())
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BuildError(f"setting up the dev environment (.venv) for the validator failed: {exc}") from None


def validate_built(zip_path: Path, validator: Path) -> list:
    """Extract the zip into a temporary folder and run the validator on the bundle."""
    if not validator.exists():
        return [f"{validator}: missing, cannot validate the bundle (pass --no-validate to skip)"]
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(zip_path) as zf:
            zf.extractall(tmp)
        bundle = Path(tmp) / NAME
        for arcname in zipfile.ZipFile(zip_path).namelist():
            if arcname.startswith(NAME + "/scripts/") and not arcname.endswith("/"):
                os.chmod(Path(tmp) / arcname, 0o755)
        proc = subprocess.run(
            [validator_python(), str(validator), str(bundle)],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            lines = (proc.stdout + proc.stderr).strip().splitlines() or [f"exit status {proc.returncode}"]
            return ["validator on the built bundle: " + line.replace(tmp, "<bundle>") for line in lines]
    return []


def build(root: Path, out: Path, validate: bool = True, validator: Path = TOOLS / "validate_skill.py") -> dict:
    version = read_version(root / "SKILL.md")
    release_url = read_release_url()
    for name, url in installer_default_urls(root).items():
        if url != release_url:
            raise BuildError(
                f"{root / name}: its default base URL ({url!r}) differs from tools/release_url.txt ({release_url!r})"
            )
    entries = collect(root)
    out.mkdir(parents=True, exist_ok=True)
    latest = out / f"{NAME}.zip"
    versioned = out / f"{NAME}-{version}.zip"
    tmp = out / f"{NAME}.zip.building"
    write_zip(entries, tmp)
    if validate:
        problems = validate_built(tmp, validator)
        if problems:
            tmp.unlink()
            raise BuildError("\n".join(problems))
    data = tmp.read_bytes()
    tmp.unlink()
    digest = hashlib.sha256(data).hexdigest()
    atomic_write(latest, data)
    atomic_write(versioned, data)
    sums = {}
    for z in (latest, versioned):
        atomic_write(z.with_name(z.name + ".sha256"), f"{digest}  {z.name}\n".encode("ascii"))
        sums[z.name] = digest
        sums[z.name + ".sha256"] = sha256_file(z.with_name(z.name + ".sha256"))
    for installer in ("install.sh", "install.ps1"):
        src = root / installer
        if src.exists():
            dest = out / installer
            atomic_write(dest, src.read_bytes())
            os.chmod(dest, 0o755 if installer.endswith(".sh") else 0o644)
            sums[installer] = sha256_file(dest)
    atomic_write(out / "SHA256SUMS", "".join(f"{h}  {n}\n" for n, h in sorted(sums.items())).encode("ascii"))
    return {"version": version, "sha256": digest, "zip": latest, "versioned": versioned, "entries": len(entries)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="build_bundle.py",
        description="Build the reproducible release zip of the skill bundle and its SHA-256 checksum.",
    )
    parser.add_argument("--root", type=Path, default=REPO, help="bundle source folder (default: the repository root)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/dist)")
    parser.add_argument(
        "--no-validate", action="store_true", help="do not run tools/validate_skill.py on the built bundle"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not root.is_dir():
        parser.exit(2, f"build_bundle.py: error: --root {args.root}: not a directory\n")
    out = (args.out or root / "dist").resolve()
    try:
        result = build(root, out, validate=not args.no_validate)
    except BuildError as exc:
        for line in str(exc).splitlines():
            print(f"build_bundle.py: {line}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"build_bundle.py: {exc}", file=sys.stderr)
        return 1
    print(f"{result['zip']}  ({result['entries']} entries, version {result['version']})")
    print(f"{result['versioned']}")
    print(f"sha256 {result['sha256']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
