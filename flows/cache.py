"""Per-document result cache on disk: an unchanged document is never annotated twice.

What it guarantees:
- an entry is keyed by the exact input the stage reads for one document (for annotation: the
  document's kept blocks and captions with their kinds, indices and offsets; see
  `annotation_inputs`) combined with `stage_context`: the code fingerprint (our sources, schemas,
  default reference data, underthesea's version), the fingerprint of the reference data actually
  loaded (`reference_digest`), the analyser and the stage config. Keys are content hashes only (never paths, mtimes or
  the clock), so an edited file, a changed stage or an edited TSV file gives a new key, and a stale
  result can never be served (unlike Prefect's INPUTS policy, which hashes a path as a string);
- every file is written to a temporary name in its final folder and renamed into place
  (`os.replace`, atomic on POSIX), so a crash leaves either a whole entry or none; an entry that
  cannot be read is treated as missing and recomputed;
- the cache lives under the output folder (`OUTPUT/cache/<stage>/`) and nothing is written
  elsewhere. Entries are never pruned here: deleting the folder is always safe.

No Prefect import: the flow wires this in, the tests use it directly.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from flows import fingerprint
from flows.reference import Reference

# The block columns `flows.stages.annotate.annotate` reads; a change to any of them changes a
# document's annotation, so all of them go into its key.
ANNOTATION_INPUT_COLUMNS = ("doc_id", "block_index", "kind", "kept", "clean_text", "char_start")


def stage_context(stage: str, reference_digest: str, *parts: str) -> str:
    """What every entry of a stage depends on besides the document: code, reference data, options."""
    return fingerprint.combine([stage, fingerprint.code_fingerprint(), reference_digest, *parts])


@functools.lru_cache(maxsize=8)
def reference_digest(reference: Reference) -> str:
    """Fingerprint of the TSV files of a loaded Reference, taken once per Reference object.

    `load_reference` is cached per process too, so the digest describes the data the process
    actually uses even if the files are edited while it runs (it is taken at the first call, right
    after loading; an edit in between is the one window left).
    """
    return fingerprint.tree_fingerprint(Path(reference.folder), ("*.tsv",))


def annotation_rows(blocks: pl.DataFrame, doc_ids: Iterable[str]) -> pl.DataFrame:
    """The block rows annotation reads for `doc_ids` (kept blocks and captions), in its order."""
    return (blocks.filter(pl.col("doc_id").is_in(list(doc_ids))
                          & (pl.col("kept") | (pl.col("kind") == "caption")))
            .select(ANNOTATION_INPUT_COLUMNS)
            .sort("doc_id", "block_index"))


def annotation_inputs(blocks: pl.DataFrame, doc_ids: Iterable[str]) -> dict[str, str]:
    """Content hash of each document's annotation input; a document without such rows still gets one."""
    wanted = sorted(set(doc_ids))
    lines: dict[str, list[str]] = {doc_id: [] for doc_id in wanted}
    for row in annotation_rows(blocks, wanted).iter_rows():
        lines[row[0]].append(json.dumps(row, ensure_ascii=False))
    return {doc_id: fingerprint.combine([doc_id, *rows]) for doc_id, rows in lines.items()}


@dataclass(frozen=True)
class DocumentCache:
    """Frames per document under `root`, one Parquet file per (key, table name)."""

    root: Path
    context: str  # from `stage_context`
    tables: tuple[str, ...]  # the frames one entry holds, e.g. ("sentences", "mentions")

    def key(self, document_input: str) -> str:
        return fingerprint.combine([self.context, document_input])

    def _path(self, key: str, table: str) -> Path:
        return self.root / key[:2] / f"{key}.{table}.parquet"

    def load(self, key: str) -> dict[str, pl.DataFrame] | None:
        """The entry's frames, or None when any of them is missing or unreadable."""
        frames = {}
        for table in self.tables:
            path = self._path(key, table)
            try:
                frames[table] = pl.read_parquet(path)
            except (OSError, pl.exceptions.PolarsError):
                return None
        return frames

    def store(self, key: str, frames: dict[str, pl.DataFrame]) -> None:
        """Write every frame of one entry, each atomically (tmp file, then rename)."""
        for table in self.tables:
            path = self._path(key, table)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(handle)
            try:
                frames[table].write_parquet(tmp_name)
                os.replace(tmp_name, path)
            except BaseException:
                Path(tmp_name).unlink(missing_ok=True)
                raise


def split_by_document(frames: dict[str, pl.DataFrame], doc_ids: Iterable[str]) -> dict[str, dict[str, pl.DataFrame]]:
    """{doc_id: {table: rows of that document}}; a document without rows gets empty frames."""
    parts = {name: {key[0]: part for key, part in frame.partition_by("doc_id", as_dict=True, maintain_order=True).items()}
             for name, frame in frames.items()}
    return {doc_id: {name: parts[name].get(doc_id, frames[name].clear()) for name in frames} for doc_id in doc_ids}
