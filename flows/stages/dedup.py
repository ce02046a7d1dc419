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
- cross-document: word 5-gram shingles, MinHash (128 permutations) and LSH banding to find
  candidate pairs, then the exact Jaccard resemblance and containment of the candidates (Broder,
  "On the resemblance and containment of documents", 1997). A pair is a duplicate when the
  resemblance is >= 0.8 (the 5-gram/0.8 setting of Lee et al., "Deduplicating Training Data Makes
  Language Models Better", 2022, also used by datatrove and dolma) or when the shorter text is
  >= 0.8 contained in the longer (an excerpt). LSH candidates are taken from resemblance 0.3 up,
  so that a half-length excerpt (resemblance about 0.5) is still found.
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass

import polars as pl
from datasketch import MinHash, MinHashLSH

from flows.textutil import shingles, words

SEPARATOR = "\n\n"


@dataclass(frozen=True)
class DedupConfig:
    """Thresholds of the dedup stage (see the module docstring for their sources)."""

    block_shingle_size: int = 3
    block_containment: float = 0.9
    block_min_words: int = 5
    max_attribution_words: int = 10
    doc_shingle_size: int = 5
    doc_num_perm: int = 128
    doc_lsh_threshold: float = 0.3
    doc_resemblance: float = 0.8
    doc_containment: float = 0.8
    doc_min_shingles: int = 20


def _attribution_like(text: str, max_words: int) -> bool:
    tokens = text.split()
    return 0 < len(tokens) <= max_words and text[-1] not in ".!?;:,\"'”…"


def dedup_document_blocks(rows: list[dict], config: DedupConfig = DedupConfig()) -> list[dict]:
    """Mark repeated blocks of one document (rows in block order, as dicts; returns new dicts)."""
    rows = [dict(r, duplicate_of=None) for r in rows]
    first_seen: dict[str, int] = {}
    for row in rows:
        if row["kind"] == "metadata":
            continue
        key = " ".join(words(row["clean_text"]))
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
                  and len(words(r["clean_text"])) >= config.block_min_words]
    keepers: list[tuple[dict, str, set[str]]] = []
    by_index = {r["block_index"]: r for r in rows}
    for row in sorted(candidates, key=lambda r: (-len(r["clean_text"]), r["block_index"])):
        if not row["kept"]:
            continue  # already labelled, e.g. the speaker line of a pull quote
        tokens = words(row["clean_text"])
        key, grams = " ".join(tokens), shingles(tokens, config.block_shingle_size)
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


def body_text(blocks: pl.DataFrame) -> pl.DataFrame:
    """doc_id -> the kept lead and body text (titles differ between republications of a story)."""
    return (blocks.filter(pl.col("kept") & pl.col("kind").is_in(["lead", "body"]))
            .sort("doc_id", "block_index")
            .group_by("doc_id", maintain_order=True)
            .agg(pl.col("clean_text").str.join(SEPARATOR).alias("body")))


def find_duplicate_documents(bodies: pl.DataFrame, config: DedupConfig = DedupConfig()) -> pl.DataFrame:
    """doc_id -> duplicate_of, duplicate_reason, duplicate_similarity (nulls for canonical docs)."""
    doc_ids = bodies["doc_id"].to_list()
    grams = {d: shingles(words(t), config.doc_shingle_size) for d, t in zip(doc_ids, bodies["body"])}
    lsh = MinHashLSH(threshold=config.doc_lsh_threshold, num_perm=config.doc_num_perm)
    signatures = {}
    # The permutations depend on (num_perm, seed) only: drawn once, not once per document.
    # update_batch hashes all shingles in one vectorised step and gives the same signature as
    # one update per shingle (the minimum does not depend on the order).
    template = MinHash(num_perm=config.doc_num_perm, seed=1)
    for doc_id in doc_ids:
        signature = MinHash(num_perm=config.doc_num_perm, seed=1, permutations=template.permutations,
                            scheme=template.scheme)
        signature.update_batch([gram.encode("utf-8") for gram in sorted(grams[doc_id])])
        signatures[doc_id] = signature
        if len(grams[doc_id]) >= config.doc_min_shingles:
            lsh.insert(doc_id, signature)
    # Larger documents first, so every duplicate points at the fullest copy of its story; on a tie
    # the copy that states its publication date, then the first file name.
    dated = dict(zip(doc_ids, bodies["dated"])) if "dated" in bodies.columns else {}
    source = dict(zip(doc_ids, bodies["source_file"])) if "source_file" in bodies.columns else {}
    order = sorted(doc_ids, key=lambda d: (-len(grams[d]), not dated.get(d, False), source.get(d, ""), d))
    rank = {d: i for i, d in enumerate(order)}
    verdict: dict[str, tuple[str, str, float]] = {}
    for doc_id in order:
        if doc_id in verdict or len(grams[doc_id]) < config.doc_min_shingles:
            continue
        for other in sorted(lsh.query(signatures[doc_id]), key=lambda d: rank[d]):
            if rank[other] <= rank[doc_id] or other in verdict:
                continue
            shared = len(grams[doc_id] & grams[other])
            resemblance = shared / len(grams[doc_id] | grams[other])
            containment = shared / len(grams[other])
            if resemblance >= config.doc_resemblance:
                verdict[other] = (doc_id, "near_duplicate", round(resemblance, 4))
            elif containment >= config.doc_containment:
                verdict[other] = (doc_id, "excerpt", round(containment, 4))
    return pl.DataFrame(
        [{"doc_id": d, "duplicate_of": verdict.get(d, (None,))[0],
          "duplicate_reason": verdict[d][1] if d in verdict else None,
          "duplicate_similarity": verdict[d][2] if d in verdict else None} for d in doc_ids],
        schema={"doc_id": pl.String, "duplicate_of": pl.String, "duplicate_reason": pl.String,
                "duplicate_similarity": pl.Float64},
    )


def deduplicate(documents: pl.DataFrame, blocks: pl.DataFrame, reference, config: DedupConfig = DedupConfig()
                ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, blocks): repeated blocks marked, cleaned text assembled, duplicate articles linked."""
    from flows.stages.clean import document_fields
    from flows.textutil import sha256_hex

    blocks, texts = dedup_blocks(blocks, config)
    counts = blocks.group_by("doc_id").agg(n_blocks=pl.len().cast(pl.Int64),
                                          n_kept_blocks=pl.col("kept").sum().cast(pl.Int64))
    bodies = (texts.select("doc_id").join(body_text(blocks), on="doc_id", how="left")
              .with_columns(pl.col("body").fill_null(""))
              .join(documents.select("doc_id", "source_file", dated=pl.col("published_at").is_not_null()),
                    on="doc_id", how="left"))
    duplicates = find_duplicate_documents(bodies, config)
    documents = (document_fields(documents, blocks, reference)
                 .join(texts, on="doc_id", how="left")
                 .join(counts, on="doc_id", how="left")
                 .join(duplicates, on="doc_id", how="left")
                 .with_columns(content_sha256=pl.col("text").map_elements(sha256_hex, return_dtype=pl.String)))
    columns = ["doc_id", "source_file", "url", "outlet", "title", "title_source", "author", "published_at",
               "published_at_precision", "published_at_source", "text", "sha256", "content_sha256", "n_blocks",
               "n_kept_blocks", "duplicate_of", "duplicate_reason", "duplicate_similarity"]
    return documents.select(columns).sort("doc_id"), blocks
