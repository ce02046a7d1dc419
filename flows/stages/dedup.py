"""Deduplicate: repeated blocks inside an article, and the same story across articles.

What it guarantees:
- inside a document, a block that repeats an earlier one exactly (a caption printed twice) is
  not kept and points at the first copy in `duplicate_of`; a kept block whose words are contained
  in a fuller kept block (the paragraph repeated without its opening words, a pull quote) is not
  kept and points at the fuller one, which stays. A pull quote's speaker line next to it becomes
  `pull_quote_attribution`;
- the cleaned text of each document is the kept blocks joined by a blank line, and each kept
  block's `char_start`/`char_end` locate its `clean_text` in that text exactly;
- across documents, an article that is a near-copy or an excerpt of a fuller one keeps its row in
  `documents` with `duplicate_of` naming the canonical (fullest) article; extraction then reads
  canonical documents only, so the story yields its events and statements once.

Methods and thresholds (all in `DedupConfig`):
- in-document containment compares word 3-gram sets; 0.9 containment catches the same paragraph
  with a changed first word or punctuation while two paragraphs on one topic share far less.
- cross-document: word 5-gram shingles (64-bit hashes), MinHash signatures and LSH banding to
  find candidate pairs, then the exact Jaccard resemblance and containment of the candidates
  (Broder, "On the resemblance and containment of documents", 1997). A pair is a duplicate when
  the resemblance is >= 0.8 (the 5-gram/0.8 setting of Lee et al., "Deduplicating Training Data
  Makes Language Models Better", 2022, also used by datatrove and dolma) or when the shorter text
  is >= 0.8 contained in the longer (an excerpt). The 37 bands of 3 rows are what datasketch's
  optimiser picks for an LSH threshold of 0.3 with 128 permutations and equal false-positive and
  false-negative weights; from resemblance 0.3 up, so that a half-length excerpt (resemblance
  about 0.5, candidate with probability 0.99) is still found. Everything is vectorised with
  numpy over the whole batch: on 31,806 articles the per-shingle hashing of a MinHash library
  cost more than the rest of the stage (README "Performance").
- a document's shingle count and MinHash signature depend on it alone, so each batch computes
  them (`body_signatures`; they are cached with the batch's prepared rows), and the step across
  documents only bands the signatures of the whole corpus and hashes again the shingles of the
  documents in candidate pairs. On the first 10,000 corpus articles that step took 0.6 s instead
  of 4.4 s, with the same 56 duplicates (measured 2026-12-01).
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass

import polars as pl
import numpy as np

from flows.textutil import words

SEPARATOR = "\n\n"


@dataclass(frozen=True)
class DedupConfig:
    """Thresholds of the dedup stage (see the module docstring for their sources)."""

    block_shingle_size: int = 3
    block_containment: float = 0.9
    block_min_words: int = 5
    max_attribution_words: int = 10
    doc_shingle_size: int = 5
    doc_lsh_bands: int = 37
    doc_lsh_rows: int = 3
    doc_resemblance: float = 0.8
    doc_containment: float = 0.8
    doc_min_shingles: int = 20


def _attribution_like(text: str, max_words: int) -> bool:
    tokens = text.split()
    return 0 < len(tokens) <= max_words and text[-1] not in ".!?;:,\"'”…"


def dedup_document_blocks(rows: list[dict], config: DedupConfig = DedupConfig()) -> list[dict]:
    """Mark repeated blocks of one document (rows in block order, as dicts; returns new dicts)."""
    rows = [dict(r, duplicate_of=None) for r in rows]
    tokens_of = {r["block_index"]: words(r["clean_text"]) for r in rows}  # tokenised once per block
    first_seen: dict[str, int] = {}
    for row in rows:
        if row["kind"] == "metadata":
            continue
        key = " ".join(tokens_of[row["block_index"]])
        if not key:
            continue
        if key in first_seen:
            row["duplicate_of"] = first_seen[key]
            if row["kept"]:
                row["kept"] = False
                row["reason"] = f"exact_duplicate: repeats block {first_seen[key]}"
        else:
            first_seen[key] = row["block_index"]
    candidates = [r for r in rows if r["kept"] and r["kind"] in ("lead", "body")
                  and len(tokens_of[r["block_index"]]) >= config.block_min_words]
    keepers: list[tuple[dict, str, set[tuple[str, ...]]]] = []
    by_index = {r["block_index"]: r for r in rows}
    for row in sorted(candidates, key=lambda r: (-len(r["clean_text"]), r["block_index"])):
        if not row["kept"]:
            continue  # already labelled, e.g. the speaker line of a pull quote
        tokens = tokens_of[row["block_index"]]
        # Candidates have at least block_min_words >= block_shingle_size words: no short case.
        key, grams = " ".join(tokens), set(zip(*(tokens[i:] for i in range(config.block_shingle_size))))
        container = None
        for keeper, keeper_key, keeper_grams in keepers:
            if key in keeper_key or len(grams & keeper_grams) >= config.block_containment * len(grams):
                container = keeper
                break
        if container is None:
            keepers.append((row, key, grams))
            continue
        row["kept"] = False
        row["duplicate_of"] = container["block_index"]
        neighbours = [by_index.get(row["block_index"] + 1), by_index.get(row["block_index"] - 1)]
        speaker = next((n for n in neighbours if n and n["kept"] and n["kind"] == "body"
                        and _attribution_like(n["clean_text"], config.max_attribution_words)), None)
        if speaker is not None:
            row["kind"], row["reason"] = "pull_quote", f"pull_quote: repeats block {container['block_index']}"
            speaker["kind"], speaker["kept"] = "pull_quote_attribution", False
            speaker["reason"] = f"pull_quote_attribution: speaker line of the pull quote at block {row['block_index']}"
        else:
            row["reason"] = f"contained_in_block: repeats block {container['block_index']}"
    return rows


def assemble_text(rows: list[dict]) -> tuple[str, list[dict]]:
    """The cleaned text of one document and its rows with char_start/char_end set."""
    parts, position, out = [], 0, []
    for row in rows:
        row = dict(row, char_start=None, char_end=None)
        if row["kept"]:
            if parts:
                position += len(SEPARATOR)
            row["char_start"], row["char_end"] = position, position + len(row["clean_text"])
            position = row["char_end"]
            parts.append(row["clean_text"])
        out.append(row)
    return SEPARATOR.join(parts), out


BLOCK_OUTPUT_SCHEMA = {
    "doc_id": pl.String, "block_index": pl.Int32, "kind": pl.String, "kept": pl.Boolean,
    "reason": pl.String, "duplicate_of_doc_id": pl.String, "duplicate_of_block": pl.Int32,
    "header_role": pl.String, "raw_prefix": pl.String, "text": pl.String, "raw_suffix": pl.String,
    "raw_start": pl.Int32, "raw_end": pl.Int32, "clean_text": pl.String,
    "char_start": pl.Int32, "char_end": pl.Int32,
}


def dedup_blocks(blocks: pl.DataFrame, config: DedupConfig = DedupConfig()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(blocks with duplicates marked and offsets set, doc_id -> cleaned text) for a batch."""
    texts = []
    # Output kept as one list per column, not one dict per row: a row dict costs about a
    # kilobyte, and a large corpus has about a million blocks.
    out_columns: dict[str, list] = {name: [] for name in BLOCK_OUTPUT_SCHEMA}
    appenders = [(name, out_columns[name].append) for name in BLOCK_OUTPUT_SCHEMA]
    # Rows streamed in order and grouped in Python: iterating a polars group_by gathers each
    # group separately, which cost more than the dedup itself on a large corpus.
    ordered = blocks.sort("doc_id", "block_index").iter_rows(named=True)
    for doc_id, group in itertools.groupby(ordered, key=operator.itemgetter("doc_id")):
        rows = dedup_document_blocks(list(group), config)
        text, rows = assemble_text(rows)
        texts.append({"doc_id": doc_id, "text": text})
        for row in rows:
            dup = row.pop("duplicate_of")
            row["duplicate_of_doc_id"] = doc_id if dup is not None else None
            row["duplicate_of_block"] = dup
            for name, append in appenders:
                append(row[name])
    return (pl.DataFrame(out_columns, schema=BLOCK_OUTPUT_SCHEMA),
            pl.DataFrame(texts, schema={"doc_id": pl.String, "text": pl.String}))


def body_text(blocks: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame | pl.LazyFrame:
    """doc_id -> the kept lead and body text (titles differ between republications of a story); lazy
    for lazy `blocks`."""
    return (blocks.filter(pl.col("kept") & pl.col("kind").is_in(["lead", "body"]))
            .sort("doc_id", "block_index")
            .group_by("doc_id", maintain_order=True)
            .agg(pl.col("clean_text").str.join(SEPARATOR).alias("body")))


def bodies_of(doc_ids: pl.DataFrame, blocks: pl.DataFrame | pl.LazyFrame) -> pl.Series:
    """The `body_text` of each document of `doc_ids` (a frame of one doc_id column), in its order;
    "" for a document without kept lead or body. Of lazy `blocks`, only these documents' rows are read."""
    # Of stored blocks, only the kept lead and body blocks' text and keys are read, not their raw
    # text and offsets: this read is the largest that linking a whole corpus makes.
    bodies = body_text(blocks.filter(pl.col("doc_id").is_in(doc_ids["doc_id"].implode())))
    bodies = bodies.collect(engine="streaming") if isinstance(bodies, pl.LazyFrame) else bodies
    return doc_ids.join(bodies, on="doc_id", how="left")["body"].fill_null("")


# Odd 64-bit constants for the rolling combination of word hashes into shingle hashes (any odd
# multiplier works; these are the splitmix64 / golden-ratio constants).
_SHINGLE_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_WORD_HASH_SEED = 20261201


def shingle_hashes(bodies: pl.Series, size: int, chunk: int = 2_000) -> list[np.ndarray]:
    """Per body, the sorted distinct 64-bit hashes of its word `size`-grams (a text shorter than
    `size` words has one shingle, all its words; an empty text none).

    Words are the `\\w+` runs of the lower-cased text, hashed by polars in one vectorised pass;
    a shingle's hash combines its words' hashes in order (multiply-add, wrapping at 2**64).
    Collisions among a document's few hundred shingles have a probability of about 1e-14, so
    set sizes and overlaps are those of the word n-grams themselves. Bodies are tokenised `chunk`
    at a time: the word lists of a whole corpus would cost several hundred megabytes at once.
    """
    if bodies.len() > chunk:
        return [hashes for start in range(0, bodies.len(), chunk)
                for hashes in shingle_hashes(bodies.slice(start, chunk), size, chunk)]
    tokens = bodies.fill_null("").str.to_lowercase().str.extract_all(r"\w+")
    counts = tokens.list.len().fill_null(0).to_numpy().astype(np.int64)
    flat = tokens.explode().drop_nulls()
    hashed = flat.hash(seed=_WORD_HASH_SEED).to_numpy() if flat.len() else np.zeros(0, dtype=np.uint64)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])) if counts.size else counts
    windows = max(hashed.size - size + 1, 0)
    rolled = hashed[:windows].copy()
    with np.errstate(over="ignore"):
        for k in range(1, size):
            rolled = rolled * _SHINGLE_MULTIPLIER + hashed[k : k + windows]
    out = []
    for start, count in zip(starts.tolist(), counts.tolist()):
        if count >= size:
            out.append(np.unique(rolled[start : start + count - size + 1]))
        elif count:
            short = np.uint64(0)
            with np.errstate(over="ignore"):
                for value in hashed[start : start + count]:
                    short = short * _SHINGLE_MULTIPLIER + value
            out.append(np.array([short], dtype=np.uint64))
        else:
            out.append(np.zeros(0, dtype=np.uint64))
    return out


def minhash_signatures(grams: list[np.ndarray], num_perm: int, seed: int = 1) -> np.ndarray:
    """(documents x num_perm) MinHash signatures. Permutation j maps a shingle hash x to
    a_j * x + b_j modulo 2**64 with a_j odd, a bijection of 64-bit values, so each column is the
    minimum of the set under one random permutation (no modular division: the permuted values of
    every shingle are computed in a few vectorised passes). An empty set gets the maximum value."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    signatures = np.full((len(grams), num_perm), np.iinfo(np.uint64).max, dtype=np.uint64)
    nonempty = [i for i, g in enumerate(grams) if g.size]
    # Chunks of documents with about 8,000 shingles, laid out permutations x shingles so that the
    # minimum runs along contiguous memory (8x faster than the transposed layout, measured).
    chunk: list[int] = []
    total = 0
    for position, index in enumerate(nonempty):
        chunk.append(index)
        total += grams[index].size
        if total >= 8_000 or position == len(nonempty) - 1:
            values = np.concatenate([grams[i] for i in chunk])
            offsets = np.cumsum([0] + [grams[i].size for i in chunk[:-1]])
            with np.errstate(over="ignore"):
                permuted = np.multiply.outer(a, values)
                permuted += b[:, None]
            signatures[chunk] = np.minimum.reduceat(permuted, offsets, axis=1).T
            chunk, total = [], 0
    return signatures


def lsh_candidates(signatures: np.ndarray, eligible: np.ndarray, bands: int, rows: int) -> list[set[int]]:
    """For each document, the other eligible documents that share at least one LSH band with it
    (Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets", ch. 3.4)."""
    neighbours: list[set[int]] = [set() for _ in range(signatures.shape[0])]
    indices = np.flatnonzero(eligible)
    for band in range(bands):
        keys = signatures[indices, band * rows : (band + 1) * rows]
        _, inverse, sizes = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
        inverse = inverse.reshape(-1)
        shared = sizes[inverse] > 1
        if not shared.any():
            continue
        order = np.argsort(inverse[shared], kind="stable")
        members, groups = indices[shared][order], inverse[shared][order]
        boundaries = np.flatnonzero(np.diff(groups)) + 1
        for group in np.split(members, boundaries):
            group_set = set(group.tolist())
            for member in group_set:
                neighbours[member] |= group_set
    for i, found in enumerate(neighbours):
        found.discard(i)
    return neighbours


def body_signatures(documents: pl.DataFrame, blocks: pl.DataFrame, config: DedupConfig = DedupConfig()
                    ) -> pl.DataFrame:
    """doc_id -> SIGNATURE_COLUMNS of each document's kept lead and body: its number of distinct
    shingles and its MinHash signature. They depend on the document alone, so each batch computes
    them (on any worker, cached with the batch) and the cross-document step only compares them."""
    doc_ids = documents.select("doc_id")
    grams = shingle_hashes(bodies_of(doc_ids, blocks), config.doc_shingle_size)
    permutations = config.doc_lsh_bands * config.doc_lsh_rows
    signatures = minhash_signatures(grams, permutations)
    return doc_ids.with_columns(
        body_shingles=pl.Series([g.size for g in grams], dtype=pl.Int64),
        body_minhash=pl.Series(signatures, dtype=pl.Array(pl.UInt64, permutations)))


def find_duplicate_documents(documents: pl.DataFrame, blocks: pl.DataFrame | pl.LazyFrame, config: DedupConfig = DedupConfig()
                             ) -> pl.DataFrame:
    """doc_id -> duplicate_of, duplicate_reason, duplicate_similarity (nulls for canonical docs).

    `documents` carries SIGNATURE_COLUMNS (`body_signatures`); the shingles themselves are computed
    again, from `blocks`, only for the documents of candidate pairs, to verify them exactly."""
    doc_ids = documents["doc_id"].to_list()
    sizes = documents["body_shingles"].to_numpy().astype(np.int64)
    signatures = documents["body_minhash"].to_numpy()
    eligible = sizes >= config.doc_min_shingles
    neighbours = lsh_candidates(signatures, eligible, config.doc_lsh_bands, config.doc_lsh_rows)
    paired = sorted(i for i, found in enumerate(neighbours) if found)
    paired_ids = pl.DataFrame({"doc_id": [doc_ids[i] for i in paired]}, schema={"doc_id": pl.String})
    grams = dict(zip(paired, shingle_hashes(bodies_of(paired_ids, blocks), config.doc_shingle_size)))
    # Larger documents first, so every duplicate points at the fullest copy of its story; on a tie
    # the copy that states its publication date, then the first file name.
    dated = documents["dated"].to_list() if "dated" in documents.columns else [False] * len(doc_ids)
    source = documents["source_file"].to_list() if "source_file" in documents.columns else [""] * len(doc_ids)
    order = sorted(range(len(doc_ids)), key=lambda i: (-sizes[i], not dated[i], source[i] or "", doc_ids[i]))
    rank = np.empty(len(doc_ids), dtype=np.int64)
    rank[order] = np.arange(len(doc_ids))
    verdict: dict[int, tuple[str, str, float]] = {}
    for i in order:
        if i in verdict or not eligible[i]:
            continue
        for other in sorted(neighbours[i], key=lambda j: rank[j]):
            if rank[other] <= rank[i] or other in verdict:
                continue
            shared = np.intersect1d(grams[i], grams[other], assume_unique=True).size
            resemblance = shared / (sizes[i] + sizes[other] - shared)
            containment = shared / sizes[other]
            if resemblance >= config.doc_resemblance:
                verdict[other] = (doc_ids[i], "near_duplicate", round(float(resemblance), 4))
            elif containment >= config.doc_containment:
                verdict[other] = (doc_ids[i], "excerpt", round(float(containment), 4))
    return pl.DataFrame(
        {"doc_id": doc_ids,
         "duplicate_of": [verdict[i][0] if i in verdict else None for i in range(len(doc_ids))],
         "duplicate_reason": [verdict[i][1] if i in verdict else None for i in range(len(doc_ids))],
         "duplicate_similarity": [verdict[i][2] if i in verdict else None for i in range(len(doc_ids))]},
        schema={"doc_id": pl.String, "duplicate_of": pl.String, "duplicate_reason": pl.String,
                "duplicate_similarity": pl.Float64},
    )


DOCUMENT_COLUMNS = ["doc_id", "source_file", "url", "outlet", "title", "title_source", "author", "published_at",
                    "published_at_precision", "published_at_source", "text", "sha256", "content_sha256", "n_blocks",
                    "n_kept_blocks"]
DUPLICATE_COLUMNS = ["duplicate_of", "duplicate_reason", "duplicate_similarity"]
# Per-document inputs of the cross-document step (`body_signatures`), carried by a batch's documents
# until `link_duplicate_documents` uses and removes them.
SIGNATURE_COLUMNS = ["body_shingles", "body_minhash"]


def dedup_within_documents(documents: pl.DataFrame, blocks: pl.DataFrame, reference,
                           config: DedupConfig = DedupConfig()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, blocks) of a batch: repeated blocks marked, each document's cleaned text, block
    counts, header fields and SIGNATURE_COLUMNS set. A document's rows depend on that document
    alone. Columns of `documents` outside DOCUMENT_COLUMNS are kept (after them)."""
    from flows.stages.clean import document_fields
    from flows.textutil import sha256_hex

    blocks, texts = dedup_blocks(blocks, config)
    counts = blocks.group_by("doc_id").agg(n_blocks=pl.len().cast(pl.Int64),
                                          n_kept_blocks=pl.col("kept").sum().cast(pl.Int64))
    documents = (document_fields(documents, blocks, reference)
                 .join(texts, on="doc_id", how="left")
                 .join(counts, on="doc_id", how="left")
                 .with_columns(content_sha256=pl.col("text").map_elements(sha256_hex, return_dtype=pl.String)))
    documents = documents.join(body_signatures(documents, blocks, config), on="doc_id", how="left")
    extra = [c for c in documents.columns if c not in DOCUMENT_COLUMNS]
    return documents.select(DOCUMENT_COLUMNS + extra).sort("doc_id"), blocks


def link_duplicate_documents(documents: pl.DataFrame, blocks: pl.DataFrame | pl.LazyFrame, config: DedupConfig = DedupConfig()
                             ) -> pl.DataFrame:
    """`documents` (all of them, with SIGNATURE_COLUMNS: this step compares documents with each other)
    with DUPLICATE_COLUMNS after DOCUMENT_COLUMNS, the other columns after those but SIGNATURE_COLUMNS,
    sorted by doc_id. `blocks` may be lazy (a scan of stored blocks): only the blocks of documents in
    candidate pairs are read, and `documents` need not carry their text."""
    duplicates = find_duplicate_documents(
        documents.select("doc_id", "source_file", *SIGNATURE_COLUMNS, dated=pl.col("published_at").is_not_null()),
        blocks, config)
    linked = documents.drop(SIGNATURE_COLUMNS).join(duplicates, on="doc_id", how="left")
    return linked.select(linked_columns(linked.columns)).sort("doc_id")


def linked_columns(columns: list[str]) -> list[str]:
    """Of `columns`, in the order of linked documents: DOCUMENT_COLUMNS, DUPLICATE_COLUMNS, then the
    others (SIGNATURE_COLUMNS are gone after linking)."""
    extra = [c for c in columns if c not in DOCUMENT_COLUMNS + DUPLICATE_COLUMNS + SIGNATURE_COLUMNS]
    return [c for c in DOCUMENT_COLUMNS + DUPLICATE_COLUMNS if c in columns] + extra


def deduplicate(documents: pl.DataFrame, blocks: pl.DataFrame, reference, config: DedupConfig = DedupConfig()
                ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, blocks): repeated blocks marked, cleaned text assembled, duplicate articles linked."""
    documents, blocks = dedup_within_documents(documents, blocks, reference, config)
    return link_duplicate_documents(documents, blocks, config), blocks
