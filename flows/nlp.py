"""The underthesea adapter: sentence splitting and per-sentence token analysis with char offsets.

Only underthesea's offline components are used (`sent_tokenize`, `ner`). `ner` already runs word
segmentation, POS tagging and chunking internally and returns all four tags per token, so each
sentence is analysed exactly once. Results are cached in-process by sentence text, because
republished stories repeat sentences verbatim.

Everything else in the pipeline talks to `Analyser`, so tests can swap in a fake.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Token:
    text: str
    pos: str
    chunk: str
    ner: str
    start: int  # offset in the sentence, or -1 when the token could not be aligned
    end: int


class Analyser(Protocol):
    def sentences(self, text: str) -> list[tuple[int, int]]: ...

    def tokens(self, sentence: str) -> list[Token]: ...


def align(sentence: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Char spans of word pieces in `sentence`; underthesea joins syllables with spaces."""
    spans, cursor = [], 0
    for piece in pieces:
        found = sentence.find(piece, cursor)
        if found < 0:
            alternative = piece.replace("_", " ")
            found = sentence.find(alternative, cursor)
        if found < 0:
            spans.append((-1, -1))
            continue
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    return spans


def spans_of(text: str, parts: list[str]) -> list[tuple[int, int]]:
    """Spans of consecutive parts of `text` (sentences), falling back to the rest of the text."""
    spans, cursor = [], 0
    for part in parts:
        part = part.strip()
        if not part:
            continue
        found = text.find(part, cursor)
        if found < 0:
            continue
        spans.append((found, found + len(part)))
        cursor = found + len(part)
    if not spans and text.strip():
        start = len(text) - len(text.lstrip())
        spans.append((start, len(text.rstrip())))
    return spans


class UndertheseaAnalyser:
    """Analyser backed by underthesea (CRF models shipped in the wheel; no network)."""

    def __init__(self, cache_size: int = 200_000):
        from underthesea import ner, sent_tokenize

        self._sent_tokenize = sent_tokenize
        self._ner = ner
        self.tokens = functools.lru_cache(maxsize=cache_size)(self._tokens)  # type: ignore[method-assign]

    def sentences(self, text: str) -> list[tuple[int, int]]:
        return spans_of(text, self._sent_tokenize(text))

    def _tokens(self, sentence: str) -> list[Token]:
        rows = self._ner(sentence)
        spans = align(sentence, [row[0] for row in rows])
        return [Token(row[0], row[1], row[2], row[3], start, end) for row, (start, end) in zip(rows, spans)]


class SimpleAnalyser:
    """A dependency-free stand-in for tests: splits sentences at '. ' and tags nothing."""

    def sentences(self, text: str) -> list[tuple[int, int]]:
        import re

        parts: list[str] = []
        for piece in re.split(r"(?<=[.!?])\s+(?=[^\W\d_])", text):
            # "V. Putin": a single-letter initial does not end a sentence.
            if parts and re.search(r"(?:^|\s)\w\.$", parts[-1]):
                parts[-1] = f"{parts[-1]} {piece}"
            else:
                parts.append(piece)
        return spans_of(text, parts)

    def tokens(self, sentence: str) -> list[Token]:
        return []
