"""Hypothesis properties of the cleaner (flows/stages/clean.py, with ingest and dedup around it).

- `normalise_text` never raises on any Unicode text and is idempotent;
- cleaning a document's cleaned text again gives the same text;
- a body paragraph that occurs once and matches no boilerplate rule is never dropped.

Documents are built from realistic Vietnamese news words and punctuation (including new-style
tone marks, initials such as "V.Putin" and glued sentences) plus boilerplate lines the cleaner
must remove. Examples are kept modest so the file runs in about ten seconds.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from flows.stages import clean, dedup
from flows.stages.ingest import SourceFile, parse_sources

WORDS = (
    "Tổng Bí thư Tô Lâm Chủ tịch nước Lương Cường Thủ tướng Phạm Minh Chính Tổng thống Vladimir Putin "
    "V.Putin Medvedev Madvedev Lavrov Liên bang Nga Việt Nam Moskva Hà Nội TP.Hồ Chí Minh TP.Huế Điện Kremlin "
    "hội đàm điện đàm hội kiến tiếp thăm chính thức cấp Nhà nước hai bên nhất trí khẳng định nhấn mạnh "
    "đánh giá cao quan hệ Đối tác chiến lược toàn diện hữu nghị truyền thống hợp tác năng lượng dầu khí "
    "quốc phòng an ninh giáo dục đào tạo khoa học công nghệ du lịch giao lưu nhân dân kinh tế thương mại "
    "đầu tư hoà bình hòa bình thoả thuận thỏa thuận khoẻ thuỷ chung Uỷ ban quý báu Hoàng thuế ổn định "
    "phát triển khu vực quốc tế châu Á Thái Bình Dương ngày 24/1 tháng 6 năm 2026 75 30 lần thứ XIV "
    "Đại hội Đảng Cộng sản trong thời gian tới tiếp tục tăng cường mở rộng thúc đẩy sâu sắc hiệu quả"
).split()
PUNCTUATION_AFTER = ["", "", "", "", "", ",", ",", ";", ":", " -"]
SENTENCE_ENDS = [".", ".", ".", "!", "?", "..."]
BOILERPLATE = [
    "Quang cảnh hội đàm. (Ảnh: ĐĂNG KHOA)",
    "Tổng Bí thư Tô Lâm và Tổng thống Putin tại lễ đón. Ảnh: TTXVN",
    "Theo dõi Báo Nhân Dân trên Google News",
    "ĐẶT MUA BÁO IN",
    "Hotline: 0912 345 678",
    "Thời sự > Chính trị",
    "[Video] Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nga",
    "| --- | --- |",
]
# Credit lines close an article. A credit line followed by a reprinted headline or lead is covered
# by test_clean.py::test_closing_byline_followed_by_a_reprinted_line.
CLOSING = [[], ["Thanh Danh"], ["Theo TTXVN"], ["Theo TTXVN", "Thanh Danh"], ["NGUYỄN HÀ"]]
SIDEBAR = ["Có thể bạn quan tâm", "Tổng Bí thư tiếp Đại sứ Nga tại Việt Nam", "Hai nước ký kết văn kiện hợp tác."]

word = st.sampled_from(WORDS)


@st.composite
def sentence(draw, min_words=4, max_words=18):
    tokens = draw(st.lists(st.tuples(word, st.sampled_from(PUNCTUATION_AFTER)), min_size=min_words, max_size=max_words))
    text = " ".join(w + p for w, p in tokens).rstrip(",;: -")
    return text[0].upper() + text[1:] + draw(st.sampled_from(SENTENCE_ENDS))


@st.composite
def paragraph(draw):
    sentences = draw(st.lists(sentence(), min_size=1, max_size=3))
    # Sentences are usually spaced, sometimes glued together as in scraped pages ("quốc tế.Ngày").
    glue = draw(st.lists(st.sampled_from([" ", " ", ""]), min_size=len(sentences), max_size=len(sentences)))
    return "".join(s + g for s, g in zip(sentences, glue)).strip()


@st.composite
def document(draw):
    title = draw(sentence(min_words=5, max_words=15)).rstrip(".!?")
    lines = draw(st.lists(st.one_of(paragraph(), paragraph(), paragraph(), st.sampled_from(BOILERPLATE)),
                          min_size=1, max_size=8))
    lines += draw(st.sampled_from(CLOSING))
    if draw(st.booleans()):
        lines += SIDEBAR
    separator = draw(st.sampled_from(["\n", "\n\n", "\r\n\r\n"]))
    return separator.join([title, *lines]) + "\n"


def cleaned_text(text: str, reference) -> str:
    """documents.text of a one-file batch.

    `dedup.dedup_blocks` is the part of `dedup.deduplicate` that assembles documents.text; the rest
    (cross-document MinHash/LSH, whose set-up alone costs ~35 ms a call) cannot matter for a single
    document, and skipping it keeps this file's runtime well under 30 s.
    """
    raw = parse_sources([SourceFile("bai.txt", text.encode("utf-8"))], reference)
    assert raw.rejects.height == 0
    _, texts = dedup.dedup_blocks(clean.clean_blocks(raw.blocks, reference))
    return texts["text"].item()


def test_cleaned_text_helper_matches_deduplicate(reference):
    for path in sorted(SEEDS.glob("*.txt")):
        raw = parse_sources([SourceFile(path.name, path.read_bytes())], reference)
        documents, _ = dedup.deduplicate(raw.documents, clean.clean_blocks(raw.blocks, reference), reference)
        assert cleaned_text(path.read_text(encoding="utf-8"), reference) == documents["text"].item()


# --- normalise_text -------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalise_text_never_raises_and_is_idempotent(text):
    once = clean.normalise_text(text)
    assert isinstance(once, str)
    assert clean.normalise_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "  " not in once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(word, word, st.sampled_from(["", "\t", "\n", ".", "|", "![](https://x.vn/a.jpg)", "<br>"])))
       .map(" ".join))
def test_normalise_text_is_idempotent_on_news_like_text(text):
    once = clean.normalise_text(text)
    assert clean.normalise_text(once) == once
    # Old-style tone marks only: no mark on the second vowel of an open oa/oe/uy ("qu" + y is not one).
    assert not re.search(r"[oO][àáảãạèéẻẽẹ](?!\w)|[uU][ỳýỷỹỵ](?!\w)", once.replace("qu", "")), once


# --- whole documents ------------------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(document())
def test_cleaning_cleaned_text_again_changes_nothing(reference, text):
    once = cleaned_text(text, reference)
    assert once.startswith(clean.normalise_text(text.splitlines()[0]))
    assert cleaned_text(once, reference) == once


def test_cleaning_is_idempotent_when_a_sentence_ends_glued_after_an_abbreviation(reference):
    # Once found by the property above: 'TP.Huế.Sáng' became 'TP. Huế.Sáng', split on the second pass.
    text = ("Tổng Bí thư Tô Lâm thăm miền Trung\n\n"
            "Đoàn đã làm việc tại TP.Huế.Sáng 5/4, đoàn thăm Khu di tích Kim Liên.\n")
    once = cleaned_text(text, reference)
    assert cleaned_text(once, reference) == once


def test_credit_line_before_a_repeated_paragraph_is_still_a_byline(reference):
    # Once found by the property above: the credit line stayed body text until the repeat was gone.
    lead = ("Chủ tịch nước Lương Cường đánh giá cao những đóng góp của Đại sứ Gennady Bezdetko đối với quan hệ "
            "Đối tác chiến lược toàn diện Việt Nam - Liên bang Nga.")
    body = "Hai bên nhất trí thúc đẩy hợp tác trong các lĩnh vực năng lượng, dầu khí, giáo dục và đào tạo."
    text = "\n\n".join(["Chủ tịch nước Lương Cường tiếp Đại sứ Nga Gennady Bezdetko", lead, body,
                         "Theo TTXVN", lead]) + "\n"
    once = cleaned_text(text, reference)
    assert "Theo TTXVN" not in once
    assert cleaned_text(once, reference) == once


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _trigrams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)} or {tuple(tokens)}


def repeats_another(text: str, others: list[str]) -> bool:
    """The README's notion of a repeat: ≥ 90% of its word 3-grams (or all its words) in another text."""
    tokens = _words(text)
    grams = _trigrams(tokens)
    for other in others:
        other_tokens = _words(other)
        if " ".join(tokens) in " ".join(other_tokens):
            return True
        if len(grams & _trigrams(other_tokens)) >= 0.9 * len(grams):
            return True
    return False


@st.composite
def body_paragraph(draw):
    tokens = draw(st.lists(st.tuples(word, st.sampled_from(PUNCTUATION_AFTER)), min_size=8, max_size=30))
    text = " ".join(w + p for w, p in tokens).rstrip(",;: -")
    return text[0].upper() + text[1:] + "."


@pytest.fixture(scope="module")
def boilerplate_free(reference):
    def matches_no_pattern(text: str) -> bool:
        normalised = clean.normalise_text(text)
        return not any(pattern.search(t) for _, pattern, _ in reference.block_patterns for t in (text, normalised))

    return matches_no_pattern


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_unique_body_paragraph_is_never_dropped(reference, boilerplate_free, data):
    title = "Tổng Bí thư Tô Lâm hội đàm với Tổng thống Nga Vladimir Putin"
    paragraphs = data.draw(st.lists(body_paragraph().filter(boilerplate_free), min_size=1, max_size=5))
    noise = data.draw(st.lists(st.sampled_from(BOILERPLATE), max_size=3))
    lines = [title]
    for index, paragraph_text in enumerate(paragraphs):
        lines.append(paragraph_text)
        if index < len(noise):
            lines.append(noise[index])
    text = cleaned_text("\n\n".join(lines) + "\n", reference)
    checked = 0
    for index, paragraph_text in enumerate(paragraphs):
        others = [title] + paragraphs[:index] + paragraphs[index + 1:]
        if repeats_another(paragraph_text, others):
            continue
        assert clean.normalise_text(paragraph_text) in text.split("\n\n")
        checked += 1
    assume(checked > 0)  # every paragraph repeated another one: nothing to check in this example
