"""Relevance stage: one case per rule and per reason (sentences written for these tests)."""

from __future__ import annotations

import polars as pl
import pytest

from flows.stages import relevance

CASES = [
    # (id, title, lead, body, expected relevance, expected start of the reason)
    ("strong trigger in title", "Thủ tướng Nguyễn Xuân Phúc hội đàm với Thủ tướng Nhật Bản Shinzo Abe",
     "Các nhà lãnh đạo trao đổi về hợp tác kinh tế.", "", "diplomatic_contact", "title: contact 'hội đàm'"),
    ("strong trigger only in body", "Kinh tế quý I tăng trưởng khá", "Nhiều chỉ số tích cực.",
     "Sản xuất công nghiệp tăng. Chiều 5/6, Chủ tịch nước Trần Đại Quang đã điện đàm với Tổng thống Nga Vladimir Putin.",
     "diplomatic_contact", "body: contact 'điện đàm'"),
    ("weak trigger with one party is not a contact", "Sắc lệnh mới về nhập cư", "Nhiều tranh cãi.",
     "Tổng thống Mỹ Donald Trump đã ký sắc lệnh về nhập cư.", "not_relevant", "no sentence with"),
    ("weak trigger in body needs named sides", "Hội thảo về nông nghiệp", "Hội thảo diễn ra sáng nay.",
     "Lãnh đạo tỉnh đã tiếp đoàn khách quốc tế.", "not_relevant", "no sentence with"),
    ("ambiguous country after a context word", "Thủ tướng thăm nước Đức", "Chuyến đi kéo dài ba ngày.", "",
     "diplomatic_contact", "title: contact 'thăm'"),
    ("a visit to Viet Nam names two parties", "Tổng thống Trump thăm Việt Nam", "Chuyến thăm kéo dài hai ngày.", "",
     "diplomatic_contact", "title: contact 'thăm'"),
    ("a port visit: navy and host city", "Tàu Hải quân Trung Quốc thăm Đà Nẵng", "Hai tàu cập cảng sáng nay.", "",
     "diplomatic_contact", "title: contact 'thăm'"),
    ("given name is neither an official nor a country", "Anh Sơn gặp chị Mai ở Đức", "Câu chuyện cảm động.", "",
     "not_relevant", "no official cue"),
    ("guarded trigger, then an official position", "Bộ trưởng Ngoại giao Nga tiếp tục chỉ trích Mỹ",
     "Ông cho rằng các lệnh trừng phạt là sai lầm.", "", "official_statement", "title: position 'chỉ trích'"),
    ("domestic reception has no foreign side", "Thủ tướng tiếp Tổng Giám đốc công ty may Việt Tiến",
     "Doanh nghiệp đề xuất nhiều kiến nghị.", "", "not_relevant", "no foreign cue"),
    ("excluded topic in the title", "Cầu thủ Công Phượng ghi bàn đẹp mắt", "Trận đấu hấp dẫn.",
     "Huấn luyện viên hài lòng.", "not_relevant", "excluded_topic:sport"),
    ("no cue at all", "Mưa lớn ở miền Bắc", "Nhiệt độ giảm mạnh.", "Người dân cần chú ý.",
     "not_relevant", "no contact cue or official cue or foreign cue"),
]


def _frames(title: str, lead: str, body: str):
    documents = pl.DataFrame({"doc_id": ["doc_1"], "duplicate_of": [None]}, schema={"doc_id": pl.String, "duplicate_of": pl.String})
    texts = [("title", title), ("lead", lead)] + ([("body", body)] if body else [])
    blocks = pl.DataFrame({
        "doc_id": ["doc_1"] * len(texts), "block_index": list(range(len(texts))),
        "kind": [k for k, _ in texts], "kept": [True] * len(texts), "clean_text": [t for _, t in texts],
    }, schema_overrides={"block_index": pl.Int32})
    return documents, blocks


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_relevance_rules(case, reference):
    _, title, lead, body, expected, reason = case
    documents, blocks = _frames(title, lead, body)
    out = relevance.classify_documents(documents, blocks, reference)
    row = out.row(0, named=True)
    assert (row["relevance"], row["relevance_reason"][: len(reason)]) == (expected, reason), row["relevance_reason"]


def test_every_document_is_kept_and_only_relevant_canonical_ones_go_on(reference):
    documents = pl.DataFrame({"doc_id": ["doc_a", "doc_b", "doc_c"], "duplicate_of": [None, None, "doc_a"]})
    blocks = pl.DataFrame({
        "doc_id": ["doc_a", "doc_b", "doc_c"], "block_index": [0, 0, 0], "kind": ["title"] * 3,
        "kept": [True, True, True],
        "clean_text": ["Chủ tịch nước hội kiến Tổng thống Nga Vladimir Putin", "Mưa lớn ở miền Bắc",
                       "Chủ tịch nước hội kiến Tổng thống Nga Vladimir Putin"],
    })
    out = relevance.classify_documents(documents, blocks, reference)
    assert out.height == 3 and out["relevance_reason"].null_count() == 0
    assert relevance.relevant_doc_ids(out) == ["doc_a"]


def test_dropped_blocks_are_not_evidence(reference):
    documents, blocks = _frames("Mưa lớn ở miền Bắc", "Nhiệt độ giảm.", "")
    sidebar = pl.DataFrame({"doc_id": ["doc_1"], "block_index": [9], "kind": ["sidebar"], "kept": [False],
                            "clean_text": ["Chủ tịch nước hội kiến Tổng thống Nga Vladimir Putin"]},
                           schema_overrides={"block_index": pl.Int32})
    out = relevance.classify_documents(documents, pl.concat([blocks, sidebar]), reference)
    assert out["relevance"].item() == "not_relevant"


def test_seeds_are_relevant(reference):
    from conftest import SEEDS

    from flows.stages import clean, dedup, ingest

    raw = ingest.parse_sources(ingest.read_sources(SEEDS), reference)
    documents, blocks = dedup.deduplicate(raw.documents, clean.clean_blocks(raw.blocks, reference), reference)
    out = relevance.classify_documents(documents, blocks, reference)
    canonical = out.filter(pl.col("duplicate_of").is_null())
    assert canonical.height == 5
    assert canonical["relevance"].to_list() == ["diplomatic_contact"] * 5, canonical["relevance_reason"].to_list()
