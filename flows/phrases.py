"""A phrase matcher for large lexicons: thousands of names found in linear time.

Python's `re` tries every branch of an alternation at every position, so a pattern built from a
few thousand aliases costs milliseconds per kilobyte of text. `PhraseMatcher` indexes the phrases
by their first token instead: text is split once into tokens (runs of word characters, or single
punctuation marks), and only tokens that start some phrase are looked at further.

Guarantees: a match starts and ends at token boundaries, which is what `(?<!\\w)phrase(?!\\w)`
means for the regular-expression version; at each position the longest phrase wins and matches
do not overlap (leftmost-longest, like an alternation sorted longest first); white space between
tokens is not compared ("Liên  bang Nga" matches "Liên bang Nga"). With `ignore_case`, tokens are
compared casefolded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

TOKEN_RE = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class PhraseMatch:
    """The part of `re.Match` the stages use: `start()`, `end()`, `span()`, `group(0)`."""

    text: str
    begin: int
    stop: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop

    def span(self) -> tuple[int, int]:
        return self.begin, self.stop

    def group(self, index: int = 0) -> str:
        return self.text[self.begin:self.stop]


class PhraseMatcher:
    def __init__(self, phrases: Iterable[str], ignore_case: bool = False):
        self.ignore_case = ignore_case
        self._lengths: dict[str, list[int]] = {}
        self._phrases: set[tuple[str, ...]] = set()
        for phrase in phrases:
            tokens = tuple(self._key(t) for t in TOKEN_RE.findall(phrase))
            if not tokens or tokens in self._phrases:
                continue
            self._phrases.add(tokens)
            self._lengths.setdefault(tokens[0], []).append(len(tokens))
        for lengths in self._lengths.values():
            lengths.sort(reverse=True)
        self._max_length = max((n for ns in self._lengths.values() for n in ns), default=0)
        # Tokens as they may be written that can start a phrase; with ignore_case the lower-case,
        # capitalised and upper-case forms, so most tokens are ruled out without casefolding them.
        self._starts = frozenset(
            {v for k in self._lengths for v in (k, k.capitalize(), k.upper())} if ignore_case else self._lengths)

    def _key(self, token: str) -> str:
        return token.casefold() if self.ignore_case else token

    def _match_at(self, keys: list[str], index: int) -> int:
        """Number of tokens of the longest phrase starting at `index`, or 0."""
        for length in self._lengths.get(keys[index], ()):
            if index + length <= len(keys) and tuple(keys[index:index + length]) in self._phrases:
                return length
        return 0

    def token_matches(self, tokens: list[str]) -> Iterator[tuple[int, int]]:
        """(first token, number of tokens) of each match in a token list from `TOKEN_RE.findall`."""
        starts = self._starts
        candidates = [index for index, token in enumerate(tokens) if token in starts]
        if not candidates:
            return
        keys = [self._key(t) for t in tokens] if self.ignore_case else tokens
        free_from = 0
        for index in candidates:
            if index < free_from:
                continue  # inside the previous match: matches do not overlap
            length = self._match_at(keys, index)
            if length:
                yield index, length
                free_from = index + length

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[PhraseMatch]:
        endpos = len(text) if endpos is None else endpos
        tokens = TOKEN_RE.findall(text, pos, endpos)
        spans = None
        for index, length in self.token_matches(tokens):
            if spans is None:  # offsets only once something matched
                spans = [m.span() for m in TOKEN_RE.finditer(text, pos, endpos)]
            yield PhraseMatch(text, spans[index][0], spans[index + length - 1][1])

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> PhraseMatch | None:
        return next(self.finditer(text, pos, endpos), None)

    def ending_at(self, text: str, end: int, window: int = 200) -> PhraseMatch | None:
        """The longest phrase whose last token ends right before `end` (white space between allowed).

        Only the last `window` characters before `end` are read: far longer than any phrase."""
        found = [m for m in TOKEN_RE.finditer(text, max(0, end - window), end)][-self._max_length:] if self._max_length else []
        keys = [self._key(m.group()) for m in found]
        for start in range(len(keys)):
            if keys[start] in self._lengths and self._match_at(keys, start) == len(keys) - start:
                return PhraseMatch(text, found[start].start(), found[-1].end())
        return None
