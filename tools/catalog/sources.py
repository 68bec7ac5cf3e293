"""Raw data files for build_catalog.py: where each one lives, and a checksum that proves it is the right one.

data/sources/MANIFEST.csv lists every raw file the build reads: its path (relative to a sources root), sha256 of
the file's bytes, whether the repository vendors it, its licence, origin URL and commit. A vendored file lives in
data/sources/<path> (or data/sources/<path>.gz, gzip-compressed to keep the repository small; the checksum is always
of the uncompressed bytes). A file that may not be vendored (licence missing or forbidding redistribution) is read
from an external directory, by default ../shared/data/sources beside the repository, or the directory given with
--external / the CARBONBENCH_SOURCES environment variable.

Standard library only. `python3 tools/catalog/sources.py vendor --from DIR` copies the vendored files from DIR and
rewrites the checksums (see data/sources/README.md for the refresh procedure).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENDORED = REPO / "data" / "sources"
MANIFEST = VENDORED / "MANIFEST.csv"
DEFAULT_EXTERNAL = REPO.parent / "shared" / "data" / "sources"
FIELDS = ["path", "sha256", "vendored", "licence", "origin", "commit", "note"]
GZIP_ABOVE = 200_000  # bytes: larger vendored files are stored gzip-compressed


def read_manifest() -> dict[str, dict]:
    with open(MANIFEST, newline="", encoding="utf-8") as f:
        return {r["path"]: r for r in csv.DictReader(f)}


class Sources:
    """Opens raw files by their manifest path; fails loudly if a file is missing or its checksum differs."""

    def __init__(self, external: Path | None = None):
        self.manifest = read_manifest()
        env = os.environ.get("CARBONBENCH_SOURCES")
        self.external = Path(external) if external else Path(env) if env else DEFAULT_EXTERNAL
        self.used: set[str] = set()

    def location(self, path: str) -> Path | None:
        entry = self.manifest.get(path)
        if entry is None:
            raise SystemExit(f"{path}: not in {MANIFEST.relative_to(REPO)}; add it (origin, commit, licence, sha256) first")
        if entry["vendored"] == "yes":
            for p in (VENDORED / path, VENDORED / (path + ".gz")):
                if p.exists():
                    return p
            return None
        p = self.external / path
        return p if p.exists() else None

    def read_bytes(self, path: str) -> bytes:
        loc = self.location(path)
        entry = self.manifest[path]
        if loc is None:
            where = "data/sources/ (vendored)" if entry["vendored"] == "yes" else f"{self.external} (not vendored: {entry['licence']})"
            raise SystemExit(f"{path}: missing from {where}. Origin: {entry['origin']} @ {entry['commit']}")
        data = loc.read_bytes()
        if loc.suffix == ".gz" and not path.endswith(".gz"):
            data = gzip.decompress(data)
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry["sha256"]:
            raise SystemExit(f"{path}: sha256 {digest} differs from the manifest ({entry['sha256']}); "
                             "refresh the manifest only together with the catalog (data/sources/README.md)")
        self.used.add(path)
        return data

    def text(self, path: str) -> str:
        return self.read_bytes(path).decode("utf-8")

    def csv(self, path: str) -> list[dict]:
        return list(csv.DictReader(io.StringIO(self.text(path), newline="")))


def vendor(source_dir: Path) -> None:
    """Copy every vendored manifest file from source_dir into data/sources/ and refresh all checksums."""
    rows = list(read_manifest().values())
    for r in rows:
        src = source_dir / r["path"]
        if not src.exists():
            print(f"skip {r['path']}: not in {source_dir}", file=sys.stderr)
            continue
        data = src.read_bytes()
        r["sha256"] = hashlib.sha256(data).hexdigest()
        if r["vendored"] != "yes":
            continue
        plain, packed = VENDORED / r["path"], VENDORED / (r["path"] + ".gz")
        plain.parent.mkdir(parents=True, exist_ok=True)
        for old in (plain, packed):
            if old.exists():
                old.unlink()
        if len(data) > GZIP_ABOVE:
            # mtime=0 and no file name: the compressed bytes depend on the content only
            with open(packed, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as g:
                g.write(data)
        else:
            plain.write_bytes(data)
    with open(MANIFEST, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["path"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("vendor", help="copy vendored files from a sources directory and refresh the checksums")
    v.add_argument("--from", dest="src", default=str(DEFAULT_EXTERNAL))
    c = sub.add_parser("verify", help="check that every manifest file is present and matches its checksum")
    c.add_argument("--external", default=None)
    a = ap.parse_args()
    if a.cmd == "vendor":
        vendor(Path(a.src))
    else:
        s = Sources(a.external)
        for p in s.manifest:
            s.read_bytes(p)
        print(f"{len(s.manifest)} files verified", file=sys.stderr)


if __name__ == "__main__":
    main()
