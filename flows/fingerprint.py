"""Content fingerprints: what a result depends on, hashed, so caches and releases know when to redo work.

Guarantees: every fingerprint is a lowercase sha256 hex digest computed from file *contents* and
sorted relative paths only (never mtimes, absolute paths, dict order or the clock), so two
checkouts of the same commit give the same fingerprints.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent
REFERENCE_DIR = PACKAGE_ROOT / "reference"


def bytes_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def combine(parts: Iterable[str]) -> str:
    """One digest for an ordered sequence of strings (each part is length-prefixed, so no ambiguity)."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


def tree_fingerprint(root: Path, patterns: tuple[str, ...]) -> str:
    """Digest of the relative paths and contents of the files under `root` matching `patterns`."""
    files = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    return combine(f"{p.relative_to(root).as_posix()}\t{file_sha256(p)}" for p in files)


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


@functools.cache
def reference_fingerprint() -> str:
    """The reference data (gazetteers, lexicons, patterns) that the stages read."""
    return tree_fingerprint(REFERENCE_DIR, ("*.tsv",))


@functools.cache
def code_fingerprint() -> str:
    """The code and models that turn one document into rows: our sources, schemas and underthesea's version.

    Any edit to a stage, a schema or the reference data changes it, which invalidates every cached
    per-document result; that is deliberately coarse, because a stale cache is worse than a slow run.
    """
    return combine([
        tree_fingerprint(PACKAGE_ROOT, ("**/*.py",)),
        tree_fingerprint(PROJECT_ROOT / "schemas", ("*.py",)) if (PROJECT_ROOT / "schemas").is_dir() else "",
        reference_fingerprint(),
        f"underthesea={_version_of('underthesea')}",
        f"polars={_version_of('polars')}",
    ])
