"""`flows.nlp.ner_batch` gives exactly the tags of `underthesea.ner` (issue 10).

- the linear-time featurizer makes, token by token, the same feature strings in the same order as
  underthesea's own `word2features` for each model's templates (POS, chunking, NER), on token
  lists with the awkward cases (empty tokens, spaces inside tokens, digits, punctuation, one token);
- on every sentence of the seeds, and on generated Vietnamese-like sentences (syllables with
  diacritics in lower, Title and ALL CAPS, numbers, dates such as 5/4/2021, times, punctuation,
  quotes, empty and whitespace-only strings, very long sentences), `ner_batch` equals
  `underthesea.ner` on words, POS and NER tags, and with `with_chunk=True` on chunk tags too.

Stock underthesea is slow (quadratic in sentence length), so generated sentences are mostly
short, a few are long, and examples are batched: the file takes about 40 s of CPU time.
"""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
import underthesea
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from flows import nlp


def seed_sentences() -> list[str]:
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences += underthesea.sent_tokenize(line)
    return sentences


def without_chunk(rows):
    return [(word, pos, "", ner) for word, pos, _, ner in rows]


def assert_same_as_underthesea(sentences: list[str]) -> None:
    fast = nlp.ner_batch(sentences)
    fast_with_chunk = nlp.ner_batch(sentences, with_chunk=True)
    for sentence, rows, rows_with_chunk in zip(sentences, fast, fast_with_chunk, strict=True):
        stock = underthesea.ner(sentence)
        assert rows_with_chunk == stock, sentence
        assert rows == without_chunk(stock), sentence


def test_seed_sentences_are_tagged_exactly_as_underthesea_tags_them():
    sentences = seed_sentences()
    assert len(sentences) > 100
    assert_same_as_underthesea(sentences)


def test_underthesea_is_the_pinned_version():
    # The tags are golden data: a new underthesea (or model) must be a deliberate upgrade.
    from importlib.metadata import version

    assert version("underthesea") == "9.5.0"
    assert version("underthesea_core") == "3.3.2"  # its Rust featurizer and CRF tagger


@pytest.mark.parametrize("sentence", [
    "Tổng thống Putin thăm Hà Nội ngày 5/4/2021.",  # safe characters: Python features
    "Ông Lavrov đến Ⅻ phường, diện tích 20 m² và ƛ.",  # outside them: underthesea_core's featurizer
    "",
    "   ",
])
def test_both_word_feature_paths_give_underthesea_tags(sentence):
    assert_same_as_underthesea([sentence])


# --- Featurizer against underthesea's word2features -----------------------------------------------

TOKEN = st.one_of(
    st.sampled_from(["", " ", "a  b", " x", "y ", "Hà Nội", "hà Nội", "HÀ NỘI", "5/4/2021", "2021", "-",
                     ",", ".", "“", "Ê", "ǅ", "ǆ", "Ⅻ", "²", "١٢", "İ", "ß", "X", "BOS", "EOS"]),
    st.text(max_size=6),
)


@pytest.mark.parametrize("tagger_name, module_name", [
    ("_pos", "underthesea.pipeline.pos_tag"),
    ("_chunk", "underthesea.pipeline.chunking"),
    ("_ner", "underthesea.pipeline.ner"),
])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_features_equal_underthesea_word2features(tagger_name, module_name, data):
    import importlib

    features_module = importlib.import_module(module_name + ".tagged_feature")
    tagger = getattr(nlp.fast_ner(), tagger_name)
    templates = [t.prefix[:-1] for t in tagger.templates]
    n_columns = max(t.column for t in tagger.templates) + 1
    sentences = data.draw(st.lists(st.lists(st.tuples(*[TOKEN] * n_columns), min_size=1, max_size=9),
                                   min_size=1, max_size=3))
    expected = [features_module.word2features(rows, i, templates) for rows in sentences for i in range(len(rows))]
    columns = [[row[j] for rows in sentences for row in rows] for j in range(n_columns)]
    lengths = [len(rows) for rows in sentences]
    full = [dataclasses.replace(t, known=None, memo={}) for t in tagger.templates]
    assert [list(f) for f in nlp._batch_features(columns, lengths, full)] == expected
    # With the model's attributes, a feature the model does not know becomes "" (no weight).
    known = tagger.templates[0].known
    filtered = [[f if f in known else "" for f in row] for row in expected]
    assert [list(f) for f in nlp._batch_features(columns, lengths, tagger.templates)] == filtered


def test_features_of_a_range_ending_before_the_token():
    # "T[-3,-2][1]" (POS template): BOS until the range starts inside the sentence.
    from underthesea.pipeline.pos_tag import tagged_feature

    template = ["T[-3,-2][1]", "T[-2,-1]", "T[1,2].lower", "T[0,1].istitle"]
    compiled = nlp._compile_templates(template, {"lower": tagged_feature.text_lower,
                                                 "istitle": tagged_feature.text_istitle})
    for n in range(1, 6):
        rows = [(f"W{i}", f"p{i}") for i in range(n)]
        expected = [tagged_feature.word2features(rows, i, template) for i in range(n)]
        columns = [[r[0] for r in rows], [r[1] for r in rows]]
        assert [list(f) for f in nlp._features(columns, compiled)] == expected


def test_an_unknown_template_is_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="unsupported"):
        nlp._compile_templates(["W[0]"], {})
    with pytest.raises(ValueError, match="unsupported function"):
        nlp._compile_templates(["T[0].shape"], {})


# --- Word segmentation features against underthesea_core's Rust featurizer ---------------------------

def rust_features(segmenter, tokens):
    return segmenter._model.featurizer.process([[[token] for token in tokens]])[0]


def without_filter(templates):
    return [dataclasses.replace(t, known=None, memo={}) for t in templates]


def test_python_word_features_equal_rust_on_every_safe_character():
    # Tokens never contain whitespace (underthesea's tokenizer splits on it), so neither do these.
    segmenter = nlp.fast_ner()._word_tokenize
    tokens = [c for c in sorted(nlp.SAFE_TOKEN_CHARACTERS) if not c.isspace()]
    expected = rust_features(segmenter, tokens)
    for templates in (segmenter.reference_templates, segmenter.templates):
        assert [list(f) for f in segmenter.batch_features([tokens], without_filter(templates))] == expected
    known = segmenter.templates[0].known
    filtered = [[f if f in known else "" for f in row] for row in expected]
    assert [list(f) for f in segmenter.batch_features([tokens])] == filtered


@pytest.mark.parametrize("token", ["0", "-0", "+7", "-00", "007", "2147483647", "2147483648", "-2147483648",
                                   "-2147483649", "1.5", "-", "+", "+-1", "0-", "²", "١", "12a"])
def test_python_isdigit_feature_equals_rust_on_numbers(token):
    segmenter = nlp.fast_ner()._word_tokenize
    for templates in (segmenter.reference_templates, segmenter.templates):
        assert [list(f) for f in segmenter.batch_features([[token]], without_filter(templates))] == rust_features(
            segmenter, [token])


SAFE_TOKEN = st.text(alphabet=sorted(c for c in nlp.SAFE_TOKEN_CHARACTERS if not c.isspace()), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(SAFE_TOKEN, min_size=1, max_size=12), min_size=1, max_size=4))
def test_python_word_features_equal_rust_on_token_lists(sentences):
    segmenter = nlp.fast_ner()._word_tokenize
    expected = [row for tokens in sentences for row in rust_features(segmenter, tokens)]
    for templates in (segmenter.reference_templates, segmenter.templates):
        got = segmenter.batch_features(sentences, without_filter(templates))
        assert [list(f) for f in got] == expected


def test_model_attributes_are_read_from_the_crfsuite_files():
    annotator = nlp.fast_ner()
    for tagger_templates in (annotator._pos.templates, annotator._ner.templates, annotator._word_tokenize.templates):
        known = tagger_templates[0].known
        assert known and len(known) > 1000
        prefixes = tuple(t.prefix for t in tagger_templates)
        assert all(attribute.startswith(prefixes) for attribute in known)


# --- Generated sentences ----------------------------------------------------------------------------

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu",
          "r", "s", "t", "th", "tr", "v", "x"]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "uô", "ươ", "iê", "ai", "ao",
          "oi", "ôi", "ơi", "ui", "ưu", "ay", "uy"]
CODAS = ["", "", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none, huyền, sắc, hỏi, ngã, nặng
PUNCTUATION = [",", ".", ";", ":", "!", "?", "...", "…", "-", "–", "(", ")", '"', "“", "”", "'", "%", "/"]
COMMON = ["Việt Nam", "Liên bang Nga", "Tổng thống", "Vladimir Putin", "V.Putin", "Thủ tướng", "Hà Nội",
          "TP.HCM", "Bộ Ngoại giao", "hợp tác", "kinh tế", "ngày", "tháng", "năm", "ông", "bà", "Mr.",
          "UBND", "H'Mông", "e-mail", "http://baomoi.com/a-b.epi", "ASEAN", "v.v.", "Covid-19", "G20",
          # Outside flows.nlp.SAFE_CHARACTERS: these sentences take the Rust featurizer path.
          "Ⅻ", "m²", "١٢", "ΑΣ", "ƛ", "中国", "😀", "İstanbul", "Straße"]


# Every onset + vowel + tone + coda (NFC), drawn from one list: cheaper for hypothesis than
# composing each syllable from four draws.
SYLLABLES = sorted({unicodedata.normalize("NFC", onset + vowels[0] + tone + vowels[1:] + coda)
                    for onset in ONSETS for vowels in VOWELS for tone in TONES for coda in CODAS})
CASES = (str.lower, str.lower, str.lower, str.title, str.upper)
syllable = st.builds(lambda text, case: case(text), st.sampled_from(SYLLABLES), st.sampled_from(CASES))


@st.composite
def number(draw):
    day, month, year = draw(st.integers(1, 31)), draw(st.integers(1, 12)), draw(st.integers(1900, 2030))
    return draw(st.sampled_from([
        f"{day}/{month}/{year}", f"{day:02d}/{month:02d}", f"{day}-{month}-{year}", f"{day}.{month}.{year}",
        f"{year}", f"{day}", f"{day},{month}", f"{year}.{day:03d}.000", f"{day}:{month:02d}:{day:02d}",
        f"{day}%", f"{day}x{month}", f"{year}s", f"0{day}-{year}-{month:03d}",
    ]))


piece = st.one_of(syllable, syllable, syllable, syllable, number(), st.sampled_from(PUNCTUATION),
                  st.sampled_from(COMMON))
separator = st.sampled_from([" ", " ", " ", " ", "", "  ", "\t"])


@st.composite
def vietnamese_like_sentence(draw):
    kind = draw(st.sampled_from(["short"] * 18 + ["medium"] * 4 + ["long", "blank", "caps"]))
    if kind == "blank":
        return draw(st.sampled_from(["", " ", "   ", "\t", "\n"]))
    size = {"short": (1, 10), "medium": (10, 30), "long": (30, 90), "caps": (2, 12)}[kind]
    pieces = draw(st.lists(st.tuples(piece, separator), min_size=size[0], max_size=size[1]))
    text = "".join(p + gap for p, gap in pieces).strip()
    return text.upper() if kind == "caps" else text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(vietnamese_like_sentence(), min_size=30, max_size=30))
def test_generated_sentences_are_tagged_exactly_as_underthesea_tags_them(sentences):
    assert_same_as_underthesea(sentences)


def test_the_analyser_uses_the_fast_tags_and_keeps_offsets():
    analyser = nlp.UndertheseaAnalyser()
    sentence = "Ngày 5/4/2021, Tổng thống Vladimir Putin hội đàm với Thủ tướng Phạm Minh Chính tại Moskva."
    tokens = analyser.tokens(sentence)
    stock = underthesea.ner(sentence)
    assert [(t.text, t.pos, t.ner) for t in tokens] == [(w, p, n) for w, p, _, n in stock]
    assert all(t.chunk == "" for t in tokens)
    for token in tokens:
        assert sentence[token.start:token.end] == token.text
    assert analyser.tokens_batch([sentence, ""]) == [tokens, []]


def test_the_analyser_survives_a_trip_to_another_process():
    import pickle

    analyser = nlp.UndertheseaAnalyser(cache_size=10)
    analyser.tokens("Hà Nội")
    copy = pickle.loads(pickle.dumps(analyser))
    assert copy.cache_size == 10
    assert copy.tokens("Hà Nội") == analyser.tokens("Hà Nội")
