"""The underthesea adapter: sentence splitting and per-sentence token analysis with char offsets.

Only underthesea's offline components are used (`sent_tokenize`, and the word segmentation, POS,
chunking and NER CRF models behind `ner`). Guarantees:

- `ner_batch(sentences)` gives, for every sentence, exactly the words, POS tags and NER tags that
  `underthesea.ner(sentence)` gives with the pinned underthesea 9.5.0 / underthesea_core 3.3.2
  (tests/test_nlp_equivalence.py checks it on the seeds and on generated sentences). The chunk
  tag is `""` unless asked for: nothing in the pipeline reads it and the NER model's features do
  not use it.
- It is fast (about 9-10x underthesea.ner on real articles, benchmarks/run.py) because it feeds
  underthesea's own loaded models (once per process) the same features, computed differently:
  stock underthesea rebuilds every column of the sentence for every token and feature template
  (quadratic in sentence length, about 94% of its time); here each template is one pass over a
  batch of sentences, feature strings are memoised by word, and word-segmentation features are
  computed in Python instead of underthesea_core's Rust featurizer wherever the two provably
  agree (SAFE_CHARACTERS). Features the model has no weight for are passed as "" (a CRF ignores
  unknown attributes), which only shortens the tagger's work.
- `UndertheseaAnalyser` caches token analyses in-process by sentence text, because republished
  stories repeat sentences verbatim.

Everything else in the pipeline talks to `Analyser`, so tests can swap in a fake.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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


_INITIAL_END_RE = re.compile(r"(?:^|[\s(\"'])[^\W\d_]\.$")
# A bullet between items run together on one line: "… vui vẻ nhận lời * Ngày 27-6, Chủ tịch nước …".
_BULLET_RE = re.compile(r"\s\*\s+(?=[^\W\d_])")


# A photo caption or subheading run into the next sentence, which opens with a capitalised adverbial
# that never stands inside a sentence after a lower-case word: "… nếu xung đột với nhau Trong cuộc họp
# báo …", "(Ảnh: TTXVN) Theo phóng viên …".
_RUN_ON_OPENING_RE = re.compile(r"(?<=\w|\))\s+(?=(?:Theo|Trong|Tại|Sau|Trước|Khi|Sáng|Chiều|Tối|Hôm|Phát biểu|Bên cạnh"
                                r"|Tuy nhiên)\s)")
# A capitalised word after a word that comes before a name is the name: "ông Sáng", "anh Khi".
_BEFORE_A_NAME_WORDS = ("ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "em")
_BEFORE_A_NAME_RE = re.compile(rf"(?<!\w)(?:{'|'.join(_BEFORE_A_NAME_WORDS)})$")
_BEFORE_A_NAME_CHARS = max(map(len, _BEFORE_A_NAME_WORDS))


def _run_on_opening(text: str, opening: re.Match[str]) -> bool:
    """Whether the capitalised adverbial after `opening` starts a sentence: a lower-case word, a digit or
    a closing bracket before it, and no word that comes before a name."""
    start = opening.start()
    last = text[start - 1]
    # (only the few characters before it can hold that word; the look-behind still sees the one before them)
    return (last == ")" or last.islower() or last.isdigit()) and not _BEFORE_A_NAME_RE.search(
        text, max(0, start - _BEFORE_A_NAME_CHARS), start)


def split_run_on(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans cut where a bullet (" * ") starts another item, the bullet left out, and where a
    sentence opens right after a caption or subheading run into it (`_RUN_ON_OPENING_RE`): items that
    lost their line breaks are no one sentence."""
    items: list[tuple[int, int]] = []
    for start, end in spans:
        for bullet in _BULLET_RE.finditer(text, start, end):
            items.append((start, bullet.start()))
            start = bullet.end()
        items.append((start, end))
    cut: list[tuple[int, int]] = []
    for start, end in items:
        for opening in _RUN_ON_OPENING_RE.finditer(text, start, end):
            if not _run_on_opening(text, opening):
                continue
            cut.append((start, opening.start()))
            start = opening.end()
        cut.append((start, end))
    return cut


def join_initials(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans with a split after a name's initial undone: underthesea's `sent_tokenize` ends
    a sentence at a non-ASCII initial ("Đ." in "Tổng thống Mỹ Đ.Trăm, …") but never at an ASCII
    one ("V.Putin"). A span that ends in one capital letter and a full stop joins the next one when
    nothing separates them (glued sentences are spaced by the clean stage, which keeps initials
    glued). With a space it may be a word of one letter ending a sentence: "… tới Ý. Ngày 2.2, …"."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            previous_start, previous_end = joined[-1]
            tail = text[previous_start:previous_end]
            if _INITIAL_END_RE.search(tail) and tail[-2].isupper() and previous_end == start:
                joined[-1] = (previous_start, end)
                continue
        joined.append((start, end))
    return joined


class UndertheseaAnalyser:
    """Analyser backed by underthesea (CRF models shipped in the wheel; no network).

    Tokens come from `ner_batch` (underthesea's exact tags, chunk left `""`) and are cached by
    sentence text. `sentences(text)` also annotates the text's sentences in one batch (a batch is
    about twice as fast per sentence as one sentence at a time), so the `tokens` calls that
    usually follow are cache hits.

    cache_size: sentences kept. A cached analysis takes about 12 KB (40 MiB for 3,353 sentences,
    measured on 2026-12-02), and across documents few sentences repeat (about 2% of the sentences of
    the first 10,000 baomoi articles), so the cache needs to hold little more than one document: 5,000
    sentences (about 60 MB per worker; 200,000 let a worker grow by several hundred MB on the corpus).
    """

    def __init__(self, cache_size: int = 5_000):
        self.cache_size = cache_size
        self._setup()

    def _setup(self) -> None:
        from underthesea import sent_tokenize

        self._sent_tokenize = sent_tokenize
        self._cache: dict[str, list[Token]] = {}

    # The cache and the bound underthesea functions are per process: a copy sent to another
    # process (a process-pool task runner) rebuilds them there.
    def __getstate__(self) -> dict:
        return {"cache_size": self.cache_size}

    def __setstate__(self, state: dict) -> None:
        self.cache_size = state["cache_size"]
        self._setup()

    def sentences(self, text: str) -> list[tuple[int, int]]:
        spans = split_run_on(text, join_initials(text, spans_of(text, self._sent_tokenize(text))))
        self.tokens_batch([text[start:end] for start, end in spans])
        return spans

    def tokens(self, sentence: str) -> list[Token]:
        cached = self._cache.get(sentence)
        if cached is None:
            cached = self.tokens_batch([sentence])[0]
        return cached

    def tokens_batch(self, sentences: list[str]) -> list[list[Token]]:
        """`tokens` of each sentence; the uncached ones are annotated in one `ner_batch` call."""
        missing = list(dict.fromkeys(s for s in sentences if s not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > self.cache_size:
                # Drop the older half (insertion order): bounded memory, no per-hit bookkeeping.
                for key in list(itertools.islice(self._cache, len(self._cache) // 2 + len(missing))):
                    del self._cache[key]
            for sentence, rows in zip(missing, ner_batch(missing)):
                self._cache[sentence] = _to_tokens(sentence, rows)
        return [self._cache[s] if s in self._cache else _to_tokens(s, ner_batch([s])[0]) for s in sentences]


def _to_tokens(sentence: str, rows: list[tuple[str, str, str, str]]) -> list[Token]:
    spans = align(sentence, [row[0] for row in rows])
    return [Token(row[0], row[1], row[2], row[3], start, end) for row, (start, end) in zip(rows, spans)]


class SimpleAnalyser:
    """A dependency-free stand-in for tests: splits sentences at '. ', at bullets and after run-on captions
    (`split_run_on`), and tags nothing."""

    def sentences(self, text: str) -> list[tuple[int, int]]:
        import re

        parts: list[str] = []
        for piece in re.split(r"(?<=[.!?])\s+(?=[^\W\d_])", text):
            # "V. Putin": a single-letter initial does not end a sentence.
            if parts and re.search(r"(?:^|\s)\w\.$", parts[-1]):
                parts[-1] = f"{parts[-1]} {piece}"
            else:
                parts.append(piece)
        return split_run_on(text, spans_of(text, parts))

    def tokens(self, sentence: str) -> list[Token]:
        return []


# --- The fast annotator --------------------------------------------------------------------------

# underthesea's template syntax (pipeline/*/tagged_feature.py): T[row] or T[row1,row2] (rows
# relative to the current token; a range is joined with spaces), then an optional [column] and
# an optional .function. Parsed with underthesea's own regular expression.
_TEMPLATE_RE = re.compile(
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?")
# The placeholder underthesea puts in the column a model is about to predict.
_PREDICTED = "X"


@dataclass(frozen=True)
class _Template:
    prefix: str  # "T[-1].lower=": underthesea prefixes every feature with its template
    column: int
    first: int
    last: int | None  # None for a single row
    function: Callable[[str], object] | None
    # The model's attributes (each mapped to itself, so the memo below holds the model's own
    # strings): a feature string outside them has no weight, so it becomes "" (see _batch_features).
    known: dict[str, str] | None = None
    # Feature by row value, emptied when it reaches `memo_limit` entries (bounded memory). Words
    # repeat, and a dict lookup is cheaper than building the string, calling the function and
    # checking `known`.
    memo: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def memo_limit(self) -> int:
        # A single row takes its values from the vocabulary (a few tens of thousands of words in
        # a large corpus); a joined range of words repeats less, and 30,000 entries keep the
        # common ones (measured: fewer misses than 10,000, about 10% faster on real articles).
        return 50_000 if self.last is None else 30_000


def _compile_templates(templates: Sequence[str], functions: dict[str, Callable[[str], object]],
                       known: frozenset[str] | None = None) -> list[_Template]:
    known_map = None if known is None else {attribute: attribute for attribute in known}
    compiled = []
    for syntax in templates:
        matched = _TEMPLATE_RE.match(syntax)
        if matched is None:
            raise ValueError(f"unsupported underthesea feature template: {syntax!r}")
        column = int(matched.group("column")) if matched.group("column") else 0
        last = matched.group("index2")
        name = matched.group("function")
        if name is not None and name not in functions:
            raise ValueError(f"unsupported function in underthesea feature template: {syntax!r}")
        compiled.append(_Template(f"{syntax}=", column, int(matched.group("index1")),
                                  int(last) if last else None, functions[name] if name else None, known_map))
    return compiled


def _features(columns: list[list[str]], templates: list[_Template]) -> list[tuple[str, ...]]:
    """The CRF features of one sentence, token by token, as underthesea's `word2features` makes them."""
    return _batch_features(columns, [len(columns[0])], templates)


def _batch_features(columns: list[list[str]], lengths: list[int], templates: list[_Template]) -> list[tuple[str, ...]]:
    """The CRF features of consecutive sentences (their columns concatenated; `lengths` says
    where each ends), token by token, as underthesea's `word2features` makes them per sentence.

    Same strings in the same order, except that with `known` (the model's attributes) a string
    the model does not know is replaced by "": a CRF gives an unknown attribute no weight, so the
    tags are the same, and the tagger has less to read. The only other difference is the
    schedule: each template is one pass over the whole batch (values and joined row ranges
    computed once) instead of a rebuild of every column for every token and template.
    underthesea's rules, per sentence and in its order: a first row before the sentence gives
    BOS; a first or last row after it gives EOS; otherwise the row (or the rows joined by a
    space), through the template's function if any. A row range that crosses into the next
    sentence is computed but always overwritten by BOS or EOS.
    """
    total = sum(lengths)
    if total == 0:
        return []
    starts = list(itertools.accumulate(lengths, initial=0))[:-1]
    values_of: dict[tuple[int, int, bool], tuple[list[str], set[str]]] = {}
    edges_of: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    per_template = []
    for t in templates:
        first = t.first
        last = first if t.last is None else t.last
        if last < first:  # not used by underthesea's templates; keep its per-token rules verbatim
            per_template.append([f for start, n in zip(starts, lengths)
                                 for f in _features_slow([c[start:start + n] for c in columns], t)])
            continue
        width = last - first + 1
        key = (t.column, width, t.last is None)
        if key not in values_of:
            column = columns[t.column]
            values = column if t.last is None else list(map(" ".join, zip(*[column[k:] for k in range(width)])))
            values_of[key] = (values, set(values) | {""})
        values, distinct = values_of[key]
        # values[p + first] for every position p, "" where that is outside the batch (always a
        # BOS or EOS position).
        shifted = values[first:first + total] if first >= 0 else [""] * -first + values[:total + first]
        shifted += [""] * (total - len(shifted))
        memo = t.memo
        missing = distinct.difference(memo)
        if missing:
            if len(memo) + len(missing) > t.memo_limit:
                memo.clear()
                missing = distinct
            memo.update(_features_of(t, list(missing)))
        feats = list(map(memo.__getitem__, shifted))
        edges = edges_of.get((first, last))
        if edges is None:
            edges = edges_of[(first, last)] = _edges(starts, lengths, first, last)
        bos, eos = _feature(t, "BOS", apply=False), _feature(t, "EOS", apply=False)
        for p in edges[0]:
            feats[p] = bos
        for p in edges[1]:
            feats[p] = eos
        per_template.append(feats)
    return list(zip(*per_template))


def _edges(starts: list[int], lengths: list[int], first: int, last: int) -> tuple[list[int], list[int]]:
    """Positions (in the batch) whose template value is BOS, and those whose value is EOS."""
    bos, eos = [], []
    for start, n in zip(starts, lengths):
        n_bos = min(n, max(0, -first))
        bos.extend(range(start, start + n_bos))
        eos.extend(range(start + max(n_bos, n - last), start + n))
    return bos, eos


def _features_of(t: _Template, values: list[str]) -> dict[str, str]:
    """value -> feature string of template `t` ("" when the model does not know it)."""
    prefix, function = t.prefix, t.function
    if function is None:
        strings = [prefix + value for value in values]
    else:
        strings = [prefix + str(function(value)) for value in values]
    if t.known is not None:
        get = t.known.get
        strings = [get(string, "") for string in strings]
    return dict(zip(values, strings))


def _feature(t: _Template, value: str, apply: bool = True) -> str:
    feature = t.prefix + (str(t.function(value)) if apply and t.function is not None else value)
    return feature if t.known is None or feature in t.known else ""


def _features_slow(columns: list[list[str]], t: _Template) -> list[str]:
    n = len(columns[0])
    last = t.first if t.last is None else t.last
    feats = []
    for i in range(n):
        if i + t.first < 0:
            feats.append(t.prefix + "BOS")
        elif i + t.first >= n or (t.last is not None and i + last >= n):
            feats.append(t.prefix + "EOS")
        else:
            word = " ".join(columns[t.column][i + t.first: i + last + 1]) if t.last is not None else columns[t.column][i + t.first]
            feats.append(t.prefix + (word if t.function is None else str(t.function(word))))
    return feats


def crfsuite_attributes(path: str) -> frozenset[str]:
    """The attribute strings of a CRFsuite model file (the format underthesea's models use).

    Layout (crfsuite's crf1m model): a header ("lCRF", size, "FOMC", version, counts, then the
    offsets of the features, labels, attributes, label refs and attribute refs chunks); the
    attributes chunk is a CQDB whose backward array gives, for each attribute id in order, the
    offset of its record (id, key size, key with a trailing NUL).
    """
    import struct

    with open(path, "rb") as handle:
        data = handle.read()
    magic, _, kind, _, _, _, n_attributes, _, _, offset, _, _ = struct.unpack_from("<4sI4sIIIIIIIII", data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"not a CRFsuite model: {path}")
    chunk, _, _, _, backward_size, backward_offset = struct.unpack_from("<4sIIIII", data, offset)
    if chunk != b"CQDB" or backward_size != n_attributes:
        raise ValueError(f"unexpected attribute table in {path}")
    attributes = []
    for ident in range(backward_size):
        (record,) = struct.unpack_from("<I", data, offset + backward_offset + 4 * ident)
        found, size = struct.unpack_from("<II", data, offset + record)
        if found != ident:
            raise ValueError(f"unexpected attribute record {found} (expected {ident}) in {path}")
        attributes.append(data[offset + record + 8: offset + record + 7 + size].decode("utf-8"))
    return frozenset(attributes)


def _model_attributes(folder: str, name: str = "*.bin") -> frozenset[str] | None:
    """Attributes of the one model file matching `name` in `folder`; None (no filtering: the
    features are then passed whole, which gives the same tags, only slower) if that fails."""
    from pathlib import Path

    paths = sorted(Path(folder).glob(name))
    try:
        return crfsuite_attributes(str(paths[0])) if len(paths) == 1 else None
    except (OSError, ValueError, UnicodeDecodeError):
        return None


class _Tagger:
    """One of underthesea's CRF models (its own loaded singleton) with its compiled feature templates."""

    def __init__(self, predictor, feature_module, model_folder: str | None = None):
        self.model = predictor.model
        functions = {"lower": feature_module.text_lower, "istitle": feature_module.text_istitle,
                     "isallcap": feature_module.text_isallcap, "isdigit": feature_module.text_isdigit,
                     "is_in_dict": feature_module.text_is_in_dict}
        known = _model_attributes(model_folder) if model_folder else None
        self.templates = _compile_templates(predictor.transformer.template, functions, known)
        self.columns = {t.column for t in self.templates}

    def tag(self, columns: list[list[str]], lengths: list[int]) -> list[str]:
        """Tags of consecutive sentences (columns concatenated, `lengths` tokens each), concatenated."""
        features = _batch_features(columns, lengths, self.templates)
        tags: list[str] = []
        start = 0
        for n in lengths:
            if n:
                tags += self.model.tag(features[start:start + n])
            start += n
        return tags


# Characters on which Python's str.lower/str.upper and underthesea_core's Rust featurizer (its
# `lower`, `istitle` and `isdigit`) agree: ASCII, Latin-1, Latin Extended-A, the Vietnamese
# letters of Latin Extended-B (Ơ ơ Ư ư), combining diacritics, Latin Extended Additional (all
# precomposed Vietnamese letters), general punctuation and currency signs.
# tests/test_nlp_equivalence.py checks every one of them against the Rust featurizer. Outside
# this set the two can differ (Rust knows a newer Unicode: e.g. "ƛ" gained an upper case), so a
# sentence with any other character is featurized by the Rust code itself, as underthesea does.
SAFE_CHARACTERS = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)]
    + ["\u01a0", "\u01a1", "\u01af", "\u01b0"] + [chr(c) for c in range(0x300, 0x370)]
    + [chr(c) for c in range(0x1E00, 0x1F00)] + [chr(c) for c in range(0x2010, 0x205F)]
    + [chr(c) for c in range(0x20A0, 0x20C0)])
# A token never contains a space (underthesea's patterns do not match one, unless a caller gave
# word_tokenize `fixed_words`); a token that did would go to the Rust featurizer.
SAFE_TOKEN_CHARACTERS = SAFE_CHARACTERS - {" "}


def _rust_isdigit(word: str) -> bool:
    """underthesea_core's `isdigit`, which is Rust's `word.parse::<i32>().is_ok()`: an optional
    sign, then ASCII digits, within the 32-bit range ("-0", "+7", "007" are digits; "2147483648",
    "1.5", "²" and "١" are not; probed on the featurizer itself)."""
    digits = word[1:] if word[:1] in ("+", "-") else word
    if not digits or not all("0" <= character <= "9" for character in digits):
        return False
    return -(2**31) <= int(word) < 2**31


def _rust_istitle(word: str) -> bool:
    """underthesea_core's `istitle`: every space-separated part starts with a character that
    upper-casing leaves unchanged ("2026", "-" and "HÀ" are title; "ß" and "hà" are not)."""
    return all(part[:1].upper() == part[:1] for part in word.split(" "))


def _all_true(joined_flags: str) -> bool:
    """`istitle` of a space-joined range of tokens, from the tokens' own flags ("True True")."""
    return "False" not in joined_flags


class _WordSegmenter:
    """underthesea's `word_tokenize` (regex tokens, CRF tags B-W/I-W, I-W glued to the previous
    word with a space) with its Rust featurizer's features computed in Python when every
    character of the tokens is in SAFE_CHARACTERS (and none is a space): the same strings,
    without the per-token cost of the Rust featurizer (about 25 µs a token).

    Features of a joined range of tokens are built from per-token columns: for such tokens
    `lower` works character by character, so the lower case of "A B" is "a b", the dictionary
    test of a range is the lower-cased range in the dictionary, and `istitle` of a range is
    every token's `istitle` (the Rust function tests the first character of each
    space-separated part).
    """

    # Columns of `columns()`: the token, its lower case, its istitle and isdigit flags.
    TOKEN, LOWER, ISTITLE, ISDIGIT = range(4)

    def __init__(self):
        from os.path import join

        import joblib
        import underthesea.pipeline.word_tokenize as word_tokenize_module
        from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

        word_tokenize_module.word_tokenize("Khởi động")  # loads underthesea's model (once per process)
        self._model = word_tokenize_module.word_tokenize_model
        self._tokenize = tokenize
        self._regex_module = sys.modules[tokenize.__module__]
        self._normalize_characters = self._regex_module.normalize_characters_in_text
        self._normalize_token = self._regex_module.token_normalize
        self._normalized: dict[str, str] = {}
        self._flags: dict[str, tuple[str, str]] = {}
        # The files underthesea's FastCRFSequenceTagger.load read to build that featurizer.
        folder = join(word_tokenize_module.__path__[0], "models", "ws_crf_vlsp2013_20230727")
        dictionary = frozenset(joblib.load(join(folder, self._model.path_dictionary)))
        self.template_names = joblib.load(join(folder, self._model.path_features))
        known = _model_attributes(folder, self._model.path_model)
        # As underthesea_core computes them (each checked against it by the tests) ...
        self.reference_templates = _compile_templates(self.template_names, {
            "lower": str.lower, "isdigit": _rust_isdigit, "istitle": _rust_istitle,
            "is_in_dict": lambda word: word.lower() in dictionary}, known)
        # ... and as computed here, from the per-token columns.
        self.templates = [self._from_columns(t, dictionary) for t in self.reference_templates]

    def _from_columns(self, t: _Template, dictionary: frozenset[str]) -> _Template:
        if t.function is None or t.column != 0:
            return t
        name = t.prefix[t.prefix.rindex(".") + 1:-1]
        joined = t.last is not None
        if name == "lower":
            return dataclasses.replace(t, column=self.LOWER, function=None, memo={})
        if name == "is_in_dict":
            return dataclasses.replace(t, column=self.LOWER, function=dictionary.__contains__, memo={})
        if name == "istitle":
            return dataclasses.replace(t, column=self.ISTITLE, function=_all_true if joined else None, memo={})
        if name == "isdigit" and not joined:
            return dataclasses.replace(t, column=self.ISDIGIT, function=None, memo={})
        return t

    def columns(self, tokens: list[str]) -> list[list[str]]:
        flags = self._flags
        if len(flags) > 100_000:
            flags.clear()
        found = list(map(flags.get, tokens))
        for k, pair in enumerate(found):
            if pair is None:
                token = tokens[k]
                pair = found[k] = flags[token] = (str(_rust_istitle(token)), str(_rust_isdigit(token)))
        return [tokens, list(map(str.lower, tokens)), [pair[0] for pair in found], [pair[1] for pair in found]]

    def batch_features(self, sentences: list[list[str]], templates: list[_Template] | None = None) -> list[tuple]:
        """Features of consecutive sentences of safe tokens (see the class docstring)."""
        flat = [token for tokens in sentences for token in tokens]
        return _batch_features(self.columns(flat), [len(tokens) for tokens in sentences],
                               self.templates if templates is None else templates)

    def _tokens(self, sentence: str) -> list[str]:
        """underthesea's `regex_tokenize.tokenize(sentence)` as `word_tokenize` calls it.

        Same steps: normalise the characters of the text, match its token pattern (read from the
        module at each call, as underthesea does), normalise each token. Two shortcuts with the
        same result: a match's text is `m.group()` (underthesea walks `groupdict()` for the first
        named group that matched, and every alternative of the pattern is one named group
        spanning the whole match), and token normalisation, a pure function, is memoised.
        """
        text = self._normalize_characters(sentence)
        tokens = [match.group() for match in self._regex_module.patterns.finditer(text)]
        memo = self._normalized
        if len(memo) > 100_000:
            memo.clear()
        out = []
        for token in tokens:
            normalized = memo.get(token)
            if normalized is None:
                normalized = memo[token] = self._normalize_token(token, use_character_normalize=True)
            out.append(normalized)
        return out

    def __call__(self, sentences: list[str]) -> list[list[str]]:
        """The words of each sentence, as underthesea's `word_tokenize(sentence)` gives them."""
        tokens = [self._tokens(sentence) for sentence in sentences]
        safe = [bool(t) and all(t) and SAFE_TOKEN_CHARACTERS.issuperset("".join(t)) for t in tokens]
        features = iter(self.batch_features([t for t, ok in zip(tokens, safe) if ok]))
        out = []
        for sentence_tokens, ok in zip(tokens, safe):
            if not sentence_tokens:
                out.append([])
                continue
            if ok:
                x = list(itertools.islice(features, len(sentence_tokens)))
            else:  # underthesea's own Rust featurizer
                x = self._model.featurizer.process([[[token] for token in sentence_tokens]])[0]
            out.append(self._words(sentence_tokens, self._model.estimator.tag(x)))
        return out

    @staticmethod
    def _words(tokens: list[str], tags: list[str]) -> list[str]:
        words: list[str] = []
        for tag, token in zip(tags, tokens):
            if tag == "I-W" and words:
                words[-1] = words[-1] + " " + token
            else:
                words.append(token)
        return words


class FastNER:
    """underthesea's word_tokenize → pos_tag → (chunk) → ner, with linear-time CRF features.

    Word segmentation: `_WordSegmenter` (underthesea's tokenizer and model, features computed in
    Python). POS, chunking and NER: underthesea's loaded models fed the features their Python
    templates would make.
    """

    def __init__(self):
        from os.path import dirname

        from underthesea.pipeline.chunking import tagged_feature as chunk_features
        from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
        from underthesea.pipeline.ner import tagged_feature as ner_features
        from underthesea.pipeline.ner.model_crf import CRFNERPredictor
        from underthesea.pipeline.pos_tag import tagged_feature as pos_features
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        self._word_tokenize = _WordSegmenter()
        # Each predictor loads the one *.bin file beside its module.
        self._pos = _Tagger(CRFPOSTagPredictor.Instance(), pos_features, dirname(pos_features.__file__))
        self._chunk = _Tagger(CRFChunkingPredictor.Instance(), chunk_features, dirname(chunk_features.__file__))
        self._ner = _Tagger(CRFNERPredictor.Instance(), ner_features, dirname(ner_features.__file__))
        # Columns as underthesea builds them: pos_tag sees (word, X), chunk (word, pos, X),
        # ner (word, pos, chunk, X). NER's templates read word, POS and its own placeholder only;
        # if a model version ever read the chunk column, the chunk model would run regardless.
        self._ner_needs_chunk = 2 in self._ner.columns

    def analyse(self, sentences: list[str], with_chunk: bool = False) -> list[list[tuple[str, str, str, str]]]:
        """(word, pos, chunk, ner) per token of each sentence; chunk is "" unless `with_chunk`."""
        words_of = self._word_tokenize(sentences)
        lengths = [len(words) for words in words_of]
        words = [word for sentence_words in words_of for word in sentence_words]
        if not words:
            return [[] for _ in sentences]
        placeholder = [_PREDICTED] * len(words)
        pos = self._pos.tag([words, placeholder], lengths)
        if with_chunk or self._ner_needs_chunk:
            chunk = self._chunk.tag([words, pos, placeholder], lengths)
        else:
            chunk = [""] * len(words)
        ner = self._ner.tag([words, pos, chunk, placeholder], lengths)
        if not with_chunk:
            chunk = [""] * len(words)
        rows = list(zip(words, pos, chunk, ner))
        out, start = [], 0
        for n in lengths:
            out.append(rows[start:start + n])
            start += n
        return out


@functools.cache
def fast_ner() -> FastNER:
    """The process-wide annotator (models load once per process, on first use)."""
    return FastNER()


def ner_batch(sentences: list[str], with_chunk: bool = False) -> list[list[tuple[str, str, str, str]]]:
    """(word, pos, chunk, ner) per token for each sentence, as `underthesea.ner(sentence)` gives them.

    Words, POS and NER tags equal underthesea's exactly. The chunk tag is `""` unless
    `with_chunk=True` (then it equals underthesea's too): the pipeline does not use it, and
    without it one of the four CRF passes is skipped.
    """
    annotator = fast_ner()
    out: list[list[tuple[str, str, str, str]]] = []
    # Batches bound the memory of the feature lists; a few hundred sentences already spread the
    # per-template cost of a batch thin.
    for start in range(0, len(sentences), _BATCH_SIZE):
        out += annotator.analyse(sentences[start:start + _BATCH_SIZE], with_chunk)
    return out


_BATCH_SIZE = 256
