"""PhraseMatcher finds what the equivalent regular-expression alternation finds, only faster."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.phrases import PhraseMatcher

WORDS = ["Nga", "Liên", "bang", "Việt", "Nam", "Thủ", "tướng", "Ả", "-", "rập", "hội", "đàm", "Hội", "HỘI", ".", ","]


def _regex_matches(phrases: list[str], text: str, flags: int = 0) -> list[tuple[int, int]]:
    alternation = "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda s: (-len(s), s)))
    return [m.span() for m in re.finditer(rf"(?<!\w)(?:{alternation})(?!\w)", text, flags)]


def _join(tokens: list[str]) -> str:
    # Single spaces between word tokens, none around punctuation: the one spelling a regex matches.
    out = ""
    for token in tokens:
        if out and token[0].isalnum() and out[-1].isalnum():
            out += " "
        out += token
    return out


phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(_join)


@settings(max_examples=300, deadline=None)
@given(st.lists(phrase, min_size=1, max_size=6), st.lists(st.sampled_from(WORDS), max_size=30).map(_join))
def test_same_matches_as_the_regex_alternation(phrases, text):
    phrases = [p for p in phrases if p[0].isalnum() and p[-1].isalnum()]  # \b semantics need word ends
    if not phrases:
        return
    assert [m.span() for m in PhraseMatcher(phrases).finditer(text)] == _regex_matches(phrases, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(phrase, min_size=1, max_size=6), st.lists(st.sampled_from(WORDS), max_size=30).map(_join))
def test_ignore_case_same_as_the_case_insensitive_regex(phrases, text):
    phrases = [p for p in phrases if p[0].isalnum() and p[-1].isalnum()]
    if not phrases:
        return
    expected = _regex_matches(phrases, text, re.IGNORECASE)
    assert [m.span() for m in PhraseMatcher(phrases, ignore_case=True).finditer(text)] == expected


def test_longest_phrase_wins_and_white_space_is_not_compared():
    matcher = PhraseMatcher(["Nga", "Liên bang Nga", "Tổng thống Nga"])
    text = "Tổng thống  Nga thăm Liên bang Nga."
    assert [m.group(0) for m in matcher.finditer(text)] == ["Tổng thống  Nga", "Liên bang Nga"]
    assert matcher.search("Ngay mai") is None  # a phrase never matches part of a word


def test_ending_at_finds_the_phrase_right_before_a_position():
    matcher = PhraseMatcher(["nước", "Thủ tướng"])
    text = "Thủ tướng Đức và nước Anh"
    assert matcher.ending_at(text, text.index("Đức")).group(0) == "Thủ tướng"
    assert matcher.ending_at(text, text.index("Anh")).group(0) == "nước"
    assert matcher.ending_at(text, text.index("và")) is None
