"""Unit tables for the dedup stage (flows/stages/dedup.py).

Inside a document: exact repeats, a paragraph repeated without its opening words, pull quotes and
their speaker lines, and two different paragraphs on one topic. Offsets of kept blocks in the
cleaned text. Across documents: a near-copy or excerpt of a seed is linked to the seed and adds
no events or statements (run with `SimpleAnalyser` for speed), while unrelated seeds stay apart.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import polars as pl
import pytest

from conftest import SEEDS, run_stages
from flows.nlp import SimpleAnalyser
from flows.stages import clean, dedup
from flows.stages.ingest import SourceFile, parse_sources, read_sources

TITLE = "Chủ tịch nước Lương Cường tiếp Đại sứ Nga Gennady Bezdetko"
LEAD = ("Chủ tịch nước Lương Cường đánh giá cao những đóng góp của Đại sứ Gennady Bezdetko đối với quan hệ "
        "Đối tác chiến lược toàn diện Việt Nam - Liên bang Nga.")
QUOTED = ("Đại sứ Bezdetko khẳng định Nga coi Việt Nam là đối tác tin cậy hàng đầu tại khu vực châu Á - "
          "Thái Bình Dương.")
ENERGY = ("Hai bên nhất trí thúc đẩy hợp tác trong các lĩnh vực năng lượng, dầu khí, giáo dục và đào tạo, "
          "khoa học - công nghệ.")
PEOPLE = ("Hai bên cũng nhất trí tăng cường giao lưu nhân dân, hợp tác địa phương và du lịch giữa hai nước "
          "trong thời gian tới.")
FULLER = ("Trên cơ sở các thành quả đã đạt được, hai bên đã trao đổi ý kiến sâu rộng về các biện pháp lớn "
          "nhằm tạo xung lực thúc đẩy hợp tác song phương.")
SHORTER = "Hai bên đã trao đổi ý kiến sâu rộng về các biện pháp lớn nhằm tạo xung lực thúc đẩy hợp tác song phương."
PULL_QUOTE = "Nga coi Việt Nam là đối tác tin cậy hàng đầu tại khu vực châu Á - Thái Bình Dương"


def run_one(reference, paragraphs: list[str]):
    raw = parse_sources([SourceFile("bai.txt", "\n\n".join(paragraphs).encode("utf-8"))], reference)
    documents, blocks = dedup.deduplicate(raw.documents, clean.clean_blocks(raw.blocks, reference), reference)
    return documents.row(0, named=True), blocks.sort("block_index")


# Each case: paragraphs, and for some of them (index -> kind, kept, reason prefix, duplicate_of index).
IN_DOCUMENT_CASES = [
    pytest.param(
        [TITLE, LEAD, QUOTED, QUOTED, ENERGY],
        {2: ("body", True, None, None), 3: ("body", False, "exact_duplicate", 2), 4: ("body", True, None, None)},
        id="exact_duplicate_block",
    ),
    pytest.param(
        [TITLE, LEAD, QUOTED, QUOTED.replace(",", "").replace(" - ", " "), ENERGY],
        {2: ("body", True, None, None), 3: ("body", False, "exact_duplicate", 2)},
        id="same_words_different_punctuation",
    ),
    pytest.param(
        [TITLE, LEAD, FULLER, SHORTER, ENERGY],
        {2: ("body", True, None, None), 3: ("body", False, "contained_in_block: repeats block 2", 2)},
        id="repeat_without_opening_words",
    ),
    pytest.param(
        [TITLE, LEAD, SHORTER, ENERGY, FULLER],
        {2: ("body", False, "contained_in_block: repeats block 4", 4), 4: ("body", True, None, None)},
        id="shorter_copy_first_fuller_kept",
    ),
    pytest.param(
        [TITLE, LEAD, PULL_QUOTE, "Đại sứ Gennady Bezdetko", QUOTED, ENERGY],
        {2: ("pull_quote", False, "pull_quote: repeats block 4", 4),
         3: ("pull_quote_attribution", False, "pull_quote_attribution", None),
         4: ("body", True, None, None), 5: ("body", True, None, None)},
        id="pull_quote_and_attribution",
    ),
    pytest.param(
        [TITLE, LEAD, PULL_QUOTE, "Đại sứ Nga Gennady Bezdetko", QUOTED,
         "Đại sứ Nga Gennady Bezdetko cảm ơn Chủ tịch nước đã dành thời gian tiếp và chúc Việt Nam thành công."],
        {2: ("pull_quote", False, "pull_quote: repeats block 4", 4),
         3: ("pull_quote_attribution", False, "pull_quote_attribution", None)},
        # The speaker's 5+ words also occur in a kept paragraph: the line must stay an attribution,
        # not become 'contained_in_block' (it did in seed 002, block 10).
        id="pull_quote_whose_speaker_is_named_again",
    ),
    pytest.param(
        [TITLE, LEAD, ENERGY, PEOPLE],
        {2: ("body", True, None, None), 3: ("body", True, None, None)},
        id="two_paragraphs_on_one_topic_both_kept",
    ),
]


@pytest.mark.parametrize(("paragraphs", "expected"), IN_DOCUMENT_CASES)
def test_repeats_inside_a_document(reference, paragraphs, expected):
    document, blocks = run_one(reference, paragraphs)
    assert blocks.height == len(paragraphs)
    for index, (kind, kept, reason, duplicate_of) in expected.items():
        row = blocks.row(index, named=True)
        assert row["text"] == paragraphs[index]
        assert (row["kind"], row["kept"], row["duplicate_of_block"]) == (kind, kept, duplicate_of)
        if reason is None:
            assert row["reason"] is None
        else:
            assert row["reason"].startswith(reason)
        assert row["duplicate_of_doc_id"] == (document["doc_id"] if duplicate_of is not None else None)
    kept = blocks.filter(pl.col("kept"))["clean_text"].to_list()
    assert document["text"] == "\n\n".join(kept)
    assert document["n_kept_blocks"] == len(kept)


def test_pull_quote_words_stay_in_the_text_once(reference):
    document, _ = run_one(reference, [TITLE, LEAD, PULL_QUOTE, "Đại sứ Gennady Bezdetko", QUOTED, ENERGY])
    assert document["text"].count(PULL_QUOTE) == 1
    assert "Đại sứ Gennady Bezdetko\n" not in document["text"]


# --- offsets --------------------------------------------------------------------------------------

def assert_offsets(documents: pl.DataFrame, blocks: pl.DataFrame) -> int:
    checked = 0
    for doc_id, text in zip(documents["doc_id"], documents["text"]):
        rows = blocks.filter(pl.col("doc_id") == doc_id).sort("block_index")
        kept = rows.filter(pl.col("kept"))
        for start, end, clean_text in zip(kept["char_start"], kept["char_end"], kept["clean_text"]):
            assert text[start:end] == clean_text
            checked += 1
        assert "\n\n".join(kept["clean_text"]) == text
        dropped = rows.filter(~pl.col("kept"))
        assert dropped["char_start"].null_count() == dropped.height
        assert dropped["char_end"].null_count() == dropped.height
    return checked


def test_offsets_of_kept_blocks_in_the_seeds(seed_run):
    assert assert_offsets(seed_run.documents, seed_run.blocks) == seed_run.documents["n_kept_blocks"].sum()


@pytest.mark.parametrize("paragraphs", [pytest.param(case.values[0], id=case.id) for case in IN_DOCUMENT_CASES])
def test_offsets_of_kept_blocks_in_hand_made_documents(reference, paragraphs):
    raw = parse_sources([SourceFile("bai.txt", "\n\n".join(paragraphs).encode())], reference)
    documents, blocks = dedup.deduplicate(raw.documents, clean.clean_blocks(raw.blocks, reference), reference)
    assert assert_offsets(documents, blocks) >= 3


# --- across documents -----------------------------------------------------------------------------

SEED_000 = "000_85813cec69365ed6.txt"
COPY_HEADER = ("https://baoquocte.vn/nga-chuc-mung-thanh-cong-dai-hoi-xiv-cua-dang-cong-san-viet-nam-post345678.html\n"
               "Nga chúc mừng thành công Đại hội XIV của Đảng Cộng sản Việt Nam\n\n")


def seed_000_paragraphs() -> list[str]:
    """Lead and body paragraphs of seed 000 as written: no header, captions or byline."""
    lines = (SEEDS / SEED_000).read_text(encoding="utf-8").splitlines()[1:]
    return [l for l in lines if l.strip() and not l.endswith("Ảnh: TTXVN") and l != "Thanh Danh"]


def test_seed_000_paragraph_helper():
    paragraphs = seed_000_paragraphs()
    assert len(paragraphs) == 12
    assert paragraphs[0].startswith("Trong cuộc điện đàm với Tổng Bí thư Tô Lâm tối nay")
    assert paragraphs[-1].startswith("Tổng thống Putin trân trọng mời")


@pytest.fixture(scope="module")
def seeds_alone(reference):
    return run_stages(read_sources(SEEDS), reference, SimpleAnalyser())


def copy_cases():
    paragraphs = seed_000_paragraphs()
    return [
        pytest.param(paragraphs[: len(paragraphs) // 2], "excerpt", id="excerpt_first_half"),
        pytest.param(paragraphs[:-1], "near_duplicate", id="near_copy_without_last_paragraph"),
        # Identical bodies: the dated seed must stay canonical whatever the doc_ids (a tie once went to
        # the undated copy, and the seed's events lost their dates).
        pytest.param(paragraphs, "near_duplicate", id="full_copy_new_header"),
    ]


@pytest.mark.parametrize(("paragraphs", "reason"), copy_cases())
def test_copy_of_a_seed_points_at_it_and_adds_no_events(reference, seeds_alone, paragraphs, reason):
    copy = SourceFile("zz_baoquocte_nga_chuc_mung.txt", (COPY_HEADER + "\n\n".join(paragraphs) + "\n").encode())
    both = run_stages(read_sources(SEEDS) + [copy], reference, SimpleAnalyser())
    seed_id = seeds_alone.doc_id("000")
    copy_id = both.doc_id("zz_")

    duplicates = both.documents.filter(pl.col("duplicate_of").is_not_null())
    assert duplicates.height == 1
    row = duplicates.row(0, named=True)
    assert (row["doc_id"], row["duplicate_of"], row["duplicate_reason"]) == (copy_id, seed_id, reason)
    assert row["duplicate_similarity"] >= 0.8

    # The canonical document is unchanged.
    assert both.documents.filter(pl.col("doc_id") == seed_id).equals(
        seeds_alone.documents.filter(pl.col("doc_id") == seed_id))

    # Same events and statements, in number and content; only the copy is credited as a source.
    assert set(both.events["event_id"]) == set(seeds_alone.events["event_id"])
    assert set(both.statements["statement_id"]) == set(seeds_alone.statements["statement_id"])
    assert both.statements.sort("statement_id").equals(seeds_alone.statements.sort("statement_id"))
    before = seeds_alone.events.sort("event_id")
    after = both.events.sort("event_id")
    assert after.drop("source_doc_ids", "n_sources").equals(before.drop("source_doc_ids", "n_sources"))
    credited = 0
    for old, new in zip(before["source_doc_ids"].to_list(), after["source_doc_ids"].to_list()):
        if seed_id in old:
            assert new == sorted(old + [copy_id])
            credited += 1
        else:
            assert new == old
    assert credited >= 1
    assert copy_id not in both.statements["doc_id"].to_list()


def test_seeds_alone_have_no_duplicates(seeds_alone):
    assert seeds_alone.documents.height == 5
    assert seeds_alone.documents["duplicate_of"].null_count() == 5
    assert seeds_alone.documents["duplicate_reason"].null_count() == 5


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(sorted(p.name for p in SEEDS.glob("*.txt")), 2)),
                         ids=lambda name: name[:3])
def test_two_unrelated_seeds_are_never_duplicates(reference, first, second):
    raw = parse_sources([SourceFile(n, (SEEDS / n).read_bytes()) for n in (first, second)], reference)
    documents, _ = dedup.deduplicate(raw.documents, clean.clean_blocks(raw.blocks, reference), reference)
    assert documents.height == 2
    assert documents["duplicate_of"].to_list() == [None, None]


# The vectorised cross-document machinery, against plain-Python definitions.

def _word_ngrams(text: str, size: int) -> set[tuple[str, ...]]:
    tokens = [t.lower() for t in re.findall(r"\w+", text)]
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return set(zip(*(tokens[i:] for i in range(size))))


@pytest.mark.parametrize("text", [
    "", "một", "Tô Lâm gặp", "a b c d e", "a b c d e a b c d e a b c d e f",
    "Thủ tướng Nguyễn Xuân Phúc hội đàm với Tổng thống Putin tại Moskva, ngày 29/6/2017.",
    "x y x y x y x y x y x y",
])
def test_shingle_hashes_count_the_distinct_word_ngrams(text):
    (hashes,) = dedup.shingle_hashes(pl.Series([text]), 5)
    assert hashes.size == len(_word_ngrams(text, 5))
    assert (hashes[:-1] < hashes[1:]).all()  # sorted and distinct


def test_shingle_hashes_depend_on_word_order_and_ignore_case_and_punctuation():
    a, b, c = dedup.shingle_hashes(pl.Series(["A b, c d e.", "a B c D e", "e d c b a"]), 5)
    assert a.tolist() == b.tolist()
    assert a.tolist() != c.tolist()


def test_minhash_agreement_estimates_the_resemblance():
    base = [f"w{i}" for i in range(400)]
    left, right = " ".join(base), " ".join(base[:300] + [f"v{i}" for i in range(100)])
    grams = dedup.shingle_hashes(pl.Series([left, right]), 5)
    exact = len(set(grams[0].tolist()) & set(grams[1].tolist())) / len(set(grams[0].tolist()) | set(grams[1].tolist()))
    signatures = dedup.minhash_signatures(grams, 512)
    estimate = (signatures[0] == signatures[1]).mean()
    assert abs(estimate - exact) < 0.08, (estimate, exact)


def test_lsh_pairs_near_copies_and_not_unrelated_texts():
    story = " ".join(f"tu{i}" for i in range(300))
    texts = [story, story + " them mot cau", " ".join(f"khac{i}" for i in range(300)), story[: len(story) // 2]]
    grams = dedup.shingle_hashes(pl.Series(texts), 5)
    config = dedup.DedupConfig()
    signatures = dedup.minhash_signatures(grams, config.doc_lsh_bands * config.doc_lsh_rows)
    neighbours = dedup.lsh_candidates(signatures, np.ones(len(texts), dtype=bool), config.doc_lsh_bands,
                                      config.doc_lsh_rows)
    assert 1 in neighbours[0] and 0 in neighbours[1]
    assert 3 in neighbours[0]  # the half-length excerpt (resemblance 0.5)
    assert 2 not in neighbours[0] and not neighbours[2]


def test_bodies_of_stored_blocks_read_only_the_kept_lead_and_body_columns():
    """Of a lazy scan, only the columns a body needs are read: here every other column fails when read."""

    def unreadable(_):
        raise AssertionError("a column the body does not need was read")

    blocks = pl.LazyFrame({
        "doc_id": ["a", "a", "a", "b"], "block_index": [1, 0, 2, 0], "kind": ["body", "lead", "caption", "body"],
        "kept": [True, True, True, False], "clean_text": ["hai", "một", "ảnh", "bỏ"],
    }).with_columns(text=pl.col("clean_text").map_batches(unreadable, return_dtype=pl.String))
    bodies = dedup.bodies_of(pl.DataFrame({"doc_id": ["b", "a", "c"]}), blocks)
    assert bodies.to_list() == ["", f"một{dedup.SEPARATOR}hai", ""]
