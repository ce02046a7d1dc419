"""Bad input never breaks a release (issue 9, part 5).

One table, one case per kind of bad input file: each becomes exactly one reject row with a stable
reason code, a precise one-line detail, and the raw sha256 and size when the file was read, while
the good file beside it is still ingested. A second table: encodings that can be detected
reliably are decoded instead. Then the whole thing at once: the five seeds plus every bad case
give the five seed documents, one reject row per bad file, and a release that passes every check.

Bad files are generated in tmp_path; the texts are written for these tests.
"""

from __future__ import annotations

import codecs
import os
import random
import re
import shutil
import unicodedata
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, run_stages
from flows.nlp import SimpleAnalyser
from flows.stages import clean, ingest
from flows.stages.ingest import (IngestConfig, InputRejected, SourceFile, parse_sources, raise_if_rejected,
                                 read_sources, reject_code, rejects_summary)
from flows.textutil import sha256_hex
from schemas.rejects import REASON_PATTERN, Rejects

TITLE = "Bộ trưởng Ngoại giao Việt Nam hội đàm với Bộ trưởng Ngoại giao Nga tại Hà Nội"
LEAD = ("Sáng 12/3, tại Hà Nội, Bộ trưởng Ngoại giao Việt Nam đã hội đàm với Bộ trưởng Ngoại giao Liên bang "
        "Nga nhân dịp kỷ niệm quan hệ ngoại giao giữa hai nước.")
BODY = ("Hai bên nhất trí tiếp tục thúc đẩy hợp tác trong các lĩnh vực năng lượng, giáo dục, khoa học và công "
        "nghệ, đồng thời tăng cường phối hợp tại các diễn đàn đa phương.")
ARTICLE = f"{TITLE}\n\n{LEAD}\n\n{BODY}\n"
GOOD = ("Thủ tướng tiếp Đại sứ Liên bang Nga tại Việt Nam\n\nChiều 3/4, tại Trụ sở Chính phủ, Thủ tướng đã "
        "tiếp Đại sứ Liên bang Nga đến chào xã giao nhân dịp bắt đầu nhiệm kỳ công tác tại Việt Nam.\n")
ENGLISH = ("Vietnam and Russia agree to deepen energy cooperation\n\nThe foreign ministers of Vietnam and Russia "
           "met in Hanoi on Tuesday and agreed to expand cooperation in energy, education and science.\n")
RUSSIAN = ("Министры иностранных дел России и Вьетнама провели переговоры в Ханое\n\nСтороны договорились "
           "расширять сотрудничество в области энергетики, образования и науки.\n")
FRENCH = ("Le ministre vietnamien des Affaires étrangères reçu à Moscou\n\nLes deux ministres ont signé une "
          "déclaration commune à l'issue d'entretiens très fructueux.\n")
WITHOUT_DIACRITICS = ("Bo truong Ngoai giao Viet Nam hoi dam voi Bo truong Ngoai giao Nga tai Ha Noi\n\n"
                      "Hai ben nhat tri tiep tuc thuc day hop tac trong cac linh vuc nang luong, giao duc.\n")
REPEATED_SENTENCE = "Hai bên nhất trí tăng cường hợp tác trong lĩnh vực năng lượng và dầu khí. "
UNDER_5_MB = 4_900_000 // len(REPEATED_SENTENCE.encode())  # repetitions: 4.9 MB, just under the size limit

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese software writes it: a base letter from the code page (ô, ư, ă…)
    followed by a combining tone mark when the toned letter has no code of its own."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
            tones = "".join(c for c in decomposed if c in TONE_MARKS)
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


# --- makers: each writes one bad input into `folder` and returns (its name, the bytes it holds, or
# None when ingest must not read them). `original` names a good file already in the folder. --------

def write(name: str, data: bytes | str):
    def make(folder: Path, outside: Path, original: str, monkeypatch):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(raw)
        return name, raw
    return make


def sparse_file(name: str, size: int):
    def make(folder, outside, original, monkeypatch):
        with open(folder / name, "wb") as handle:
            handle.truncate(size)  # a hole: no disk used, and reading it would cost the full size
        return name, None
    return make


def symlink_outside(name: str, relative: bool):
    def make(folder, outside, original, monkeypatch):
        target = outside / "secret.txt"
        target.write_text(f"Chủ tịch nước tiếp Đại sứ Nga\n\n{LEAD}\n", encoding="utf-8")
        (folder / name).symlink_to(os.path.relpath(target, folder) if relative else target)
        return name, None
    return make


def symlink_to_original(name: str):
    def make(folder, outside, original, monkeypatch):
        (folder / name).symlink_to(original)  # inside the folder: followed, so a second copy
        return name, (folder / original).read_bytes()
    return make


def broken_symlink(name: str):
    def make(folder, outside, original, monkeypatch):
        (folder / name).symlink_to("khong_con.txt")
        return name, None
    return make


def fifo(name: str):
    def make(folder, outside, original, monkeypatch):
        os.mkfifo(folder / name)  # opening it for reading would block the run
        return name, None
    return make


def directory(name: str):
    def make(folder, outside, original, monkeypatch):
        (folder / name).mkdir()
        return name, None
    return make


def unreadable(name: str):
    """The tests run as root, for whom chmod 000 changes nothing: make open() fail instead."""
    def make(folder, outside, original, monkeypatch):
        (folder / name).write_text(ARTICLE, encoding="utf-8")
        (folder / name).chmod(0)
        real_open = os.open

        def refusing_open(path, flags, *args, **kwargs):
            if os.fspath(path).endswith(name):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(ingest.os, "open", refusing_open)
        return name, None
    return make


def copy_of_original(name: str, transform=lambda raw: raw):
    def make(folder, outside, original, monkeypatch):
        raw = transform((folder / original).read_bytes())
        (folder / name).write_bytes(raw)
        return name, raw
    return make


def crlf(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


HTML_PAGE = (f"<!DOCTYPE html>\n<html lang=\"vi\">\n<head><title>{TITLE}</title></head>\n<body>\n"
             f"<h1>{TITLE}</h1>\n<p>{LEAD}</p>\n</body>\n</html>\n")
HTML_FRAGMENT = "\n".join(f'<div class="tin"><p class="sapo"><a href="/bai-{i}.html">{TITLE}</a></p></div>'
                          for i in range(5)) + "\n"

# (maker, reason code, a regex the one-line reason must match)
BAD_INPUTS = [
    pytest.param(write("c_empty.txt", b""), "empty", r"^empty: 0 bytes$", id="empty_file"),
    pytest.param(write("c_blank.txt", b" \r\n\t\n   \n"), "whitespace_only", r"^whitespace_only: 9 bytes",
                 id="whitespace_only"),
    pytest.param(write("c_bom_only.txt", "\ufeff\r\n\u200b\n".encode()), "whitespace_only",
                 r"^whitespace_only: 9 bytes", id="byte_order_mark_and_zero_width_only"),
    pytest.param(write("c_random.txt", random.Random(9).randbytes(4096)), "binary",
                 r"^binary: \d+\.\d% control bytes \(limit 1\.0%\)$", id="binary_random_bytes"),
    pytest.param(write("c_image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(3).randbytes(2048)),
                 "binary", r"^binary: ", id="binary_png_named_txt"),
    pytest.param(write("c_utf16_no_bom.txt", ARTICLE.encode("utf-16-le")), "binary", r"^binary: ",
                 id="utf16_without_byte_order_mark"),
    pytest.param(write("c_utf16_truncated.txt", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le") + b"\x41"),
                 "not_utf8", r"^not_utf8: UTF-16 byte-order mark but invalid UTF-16 at byte \d+$",
                 id="utf16_byte_order_mark_odd_length"),
    pytest.param(write("c_latin1.txt", FRENCH.encode("latin-1")), "not_utf8",
                 r"^not_utf8: invalid UTF-8 at byte \d+; read as Windows-1258 only \d+\.\d% .*encoding not "
                 r"detected reliably$", id="latin1_french"),
    pytest.param(write("c_latin1_lossy.txt", ARTICLE.encode("latin-1", errors="replace")), "not_utf8",
                 r"^not_utf8: .*encoding not detected reliably$", id="latin1_vietnamese_saved_lossily"),
    pytest.param(write("c_corrupt.txt", ARTICLE.encode("utf-8")[:40] + b"\xe0" + ARTICLE.encode("utf-8")[40:]),
                 "not_utf8", r"^not_utf8: invalid UTF-8 at byte 40 in an otherwise UTF-8 file",
                 id="utf8_with_one_corrupt_byte"),
    pytest.param(write("c_page.txt", HTML_PAGE), "html", r"^html: an HTML page \(starts with '<!DOCTYPE html'\)$",
                 id="html_page"),
    pytest.param(write("c_fragment.txt", HTML_FRAGMENT), "html",
                 r"^html: \d+% of the characters are inside HTML tags \(limit 10%\)$", id="html_fragment"),
    pytest.param(sparse_file("c_huge.txt", 10_000_000), "too_large",
                 r"^too_large: 10\.0 MB over the 5\.0 MB limit \(not read\)$", id="over_the_size_limit"),
    pytest.param(write("c_repeated.txt", f"{TITLE}\n" + REPEATED_SENTENCE * UNDER_5_MB),
                 "too_long", r"^too_long: \d,\d{3},\d{3} characters \(limit 200,000\)$",
                 id="one_sentence_repeated_under_the_size_limit"),
    pytest.param(write("c_many_lines.txt", f"{TITLE}\n" + "Hai bên nhất trí.\n" * 2_500), "too_long",
                 r"^too_long: 2,501 blocks \(limit 2,000\)$", id="too_many_blocks"),
    pytest.param(write("c_english.txt", ENGLISH), "not_vietnamese",
                 r"^not_vietnamese: 0\.0% of the letters are Vietnamese-specific \(need 2%\)$", id="english"),
    pytest.param(write("c_russian.txt", RUSSIAN), "not_vietnamese", r"^not_vietnamese: 0\.0% ", id="russian"),
    pytest.param(write("c_khong_dau.txt", WITHOUT_DIACRITICS), "not_vietnamese", r"^not_vietnamese: 0\.0% ",
                 id="vietnamese_without_diacritics"),
    pytest.param(write("c_one_paragraph.txt", f"{LEAD} {BODY} {LEAD} {BODY}\n"), "no_title",
                 r"^no_title: the first content line is a \d{3}-character paragraph, not a headline \(limit 300\)$",
                 id="no_line_breaks_no_headline"),
    pytest.param(write("c_headers_only.txt", "https://baoquocte.vn/bai-viet-123.html\n date 2026-01-24\n"),
                 "no_title", r"^no_title: only header lines", id="header_lines_only"),
    pytest.param(write("c_numbers.txt", f"2026\n\n{LEAD}\n"), "no_title",
                 r"^no_title: the first content line has no letters",
                 id="first_line_without_letters"),
    pytest.param(symlink_outside("c_link_out.txt", relative=False), "symlink_outside",
                 r"^symlink_outside: its real location is outside the input folder \(not followed\)$",
                 id="absolute_symlink_outside"),
    pytest.param(symlink_outside("c_link_up.txt", relative=True), "symlink_outside", r"^symlink_outside: ",
                 id="relative_symlink_outside"),
    pytest.param(broken_symlink("c_dangling.txt"), "unreadable", r"^unreadable: broken symlink$",
                 id="broken_symlink"),
    pytest.param(unreadable("c_locked.txt"), "unreadable", r"^unreadable: PermissionError: Permission denied$",
                 id="unreadable_file"),
    pytest.param(fifo("c_pipe.txt"), "not_regular_file", r"^not_regular_file: a FIFO, not a file \(not opened\)$",
                 id="fifo_named_txt"),
    pytest.param(directory("c_folder.txt"), "not_regular_file", r"^not_regular_file: a directory, ",
                 id="directory_named_txt"),
    pytest.param(copy_of_original("dup_copy.txt"), "duplicate", r"^duplicate: same bytes as {original}$",
                 id="same_bytes_other_name"),
    pytest.param(copy_of_original("dup_crlf.txt", crlf), "duplicate",
                 r"^duplicate: same text \(after white-space normalisation\) as {original}$",
                 id="same_text_other_line_ends"),
    pytest.param(symlink_to_original("dup_link.txt"), "duplicate", r"^duplicate: same bytes as {original}$",
                 id="symlink_inside_the_folder"),
]


def ingest_folder(folder: Path, reference, config: IngestConfig = IngestConfig()):
    return parse_sources(read_sources(folder, config), reference, config)


@pytest.fixture
def folders(tmp_path):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    return folder, outside


@pytest.mark.parametrize(("make", "code", "pattern"), BAD_INPUTS)
def test_bad_file_is_one_reject_and_the_good_file_is_still_ingested(reference, folders, monkeypatch, make, code,
                                                                    pattern):
    folder, outside = folders
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    name, raw = make(folder, outside, "a_good.txt", monkeypatch)

    result = ingest_folder(folder, reference)

    assert result.documents["source_file"].to_list() == ["a_good.txt"]
    assert set(result.blocks["doc_id"]) == set(result.documents["doc_id"])
    assert result.rejects.height == 1
    row = result.rejects.row(0, named=True)
    assert row["source_file"] == name
    assert row["stage"] == "ingest"
    assert reject_code(row["reason"]) == code
    assert re.search(pattern.replace("{original}", re.escape("a_good.txt")), row["reason"]), row["reason"]
    if raw is None:  # not read
        assert row["sha256"] is None
    else:
        assert (row["sha256"], row["size_bytes"]) == (sha256_hex(raw), len(raw))
    Rejects.validate(result.rejects)


def test_every_reject_code_has_a_case():
    codes = {param.values[1] for param in BAD_INPUTS}
    assert codes == set(ingest.REJECT_CODES)


# --- encodings that are detected reliably are decoded ---------------------------------------------

DECODED = [
    pytest.param(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "\ufeff" + ARTICLE, id="utf8_with_byte_order_mark"),
    pytest.param(ARTICLE.encode("utf-16"), ARTICLE, id="utf16_le_with_byte_order_mark"),
    pytest.param(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), ARTICLE, id="utf16_be_with_byte_order_mark"),
    pytest.param(ARTICLE.encode("utf-32"), ARTICLE, id="utf32_with_byte_order_mark"),
    pytest.param(to_cp1258(ARTICLE), ARTICLE, id="windows_1258_combining_tone_marks"),
    pytest.param(to_cp1258(ARTICLE.replace("\n", "\r\n")), ARTICLE.replace("\n", "\r\n"), id="windows_1258_crlf"),
]


@pytest.mark.parametrize(("raw", "text"), DECODED)
def test_reliably_detected_encoding_is_decoded(reference, raw, text):
    result = parse_sources([SourceFile("bai.txt", raw)], reference)
    assert result.rejects.height == 0
    blocks = result.blocks.sort("block_index")
    rebuilt = "".join(p + t + s for p, t, s in zip(blocks["raw_prefix"], blocks["text"], blocks["raw_suffix"]))
    assert rebuilt == text
    document = result.documents.row(0, named=True)
    # The blocks rebuild the decoded text, and documents.sha256 is what they rebuild.
    assert document["sha256"] == sha256_hex(text)
    utf8 = parse_sources([SourceFile("bai.txt", ARTICLE.encode("utf-8"))], reference)
    assert document["doc_id"] == utf8.documents["doc_id"].item()
    fields = clean.document_fields(result.documents, clean.clean_blocks(result.blocks, reference), reference)
    assert fields["title"].item() == TITLE


def test_windows_1258_test_bytes_really_use_combining_tone_marks():
    """The cp1258 case is only a test of NFC if the bytes hold separate tone marks."""
    raw = to_cp1258("hội đàm")
    assert b"\xf4\xf2" in raw  # ô followed by the combining dot below
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == "hội đàm"
    assert raw.decode("cp1258") != "hội đàm"


# --- limits and their configuration ---------------------------------------------------------------

def test_size_limit_is_checked_before_the_file_is_opened(reference, folders, monkeypatch):
    folder, _ = folders
    with open(folder / "lon.txt", "wb") as handle:
        handle.truncate(10_000_000)

    def no_open(*args, **kwargs):
        raise AssertionError("a file over the size limit was opened")

    monkeypatch.setattr(ingest.os, "open", no_open)
    sources = read_sources(folder)
    assert [(s.path, s.content, s.size_bytes, s.reject_reason) for s in sources] == [
        ("lon.txt", b"", 10_000_000, "too_large: 10.0 MB over the 5.0 MB limit (not read)")]



@pytest.mark.parametrize("size", [0, 3_000, ingest.READ_CHUNK_BYTES * 3])
def test_a_file_is_read_in_the_size_it_has_not_the_size_limit(folders, monkeypatch, size):
    """os.read allocates what it is asked for: a 5 MB request per small article fragmented the heap."""
    folder, _ = folders
    (folder / "bai.txt").write_bytes(b"a" * size)
    asked, real_read = [], os.read

    def recorded_read(fd, n):
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(ingest.os, "read", recorded_read)
    [source] = read_sources(folder)
    assert source.content == b"a" * size
    assert max(asked) == max(size + 1, ingest.READ_CHUNK_BYTES) < IngestConfig().max_file_bytes


def test_a_file_that_grows_after_its_stat_is_read_to_the_size_limit(folders, monkeypatch):
    folder, _ = folders
    (folder / "bai.txt").write_bytes(b"a" * 10)
    real_read, grown = os.read, []

    def read_then_grow(fd, n):
        chunk = real_read(fd, n)
        if not grown:  # another writer appends while the file is read
            grown.append(True)
            with open(folder / "bai.txt", "ab") as handle:
                handle.write(b"b" * 300)
        return chunk

    monkeypatch.setattr(ingest.os, "read", read_then_grow)
    [source] = read_sources(folder, IngestConfig(max_file_bytes=100))
    assert reject_code(source.reject_reason) == "too_large" and "grew while read" in source.reject_reason

@pytest.mark.parametrize(
    ("config", "code"),
    [
        pytest.param(IngestConfig(max_file_bytes=100), "too_large", id="max_file_bytes"),
        pytest.param(IngestConfig(max_chars=100), "too_long", id="max_chars"),
        pytest.param(IngestConfig(max_blocks=2), "too_long", id="max_blocks"),
        pytest.param(IngestConfig(max_title_chars=20), "no_title", id="max_title_chars"),
        pytest.param(IngestConfig(min_vietnamese_share=0.5), "not_vietnamese", id="min_vietnamese_share"),
    ],
)
def test_limits_are_configurable(reference, folders, config, code):
    folder, _ = folders
    (folder / "bai.txt").write_text(ARTICLE, encoding="utf-8")
    assert ingest_folder(folder, reference).rejects.height == 0
    result = ingest_folder(folder, reference, config)
    assert result.documents.height == 0
    assert reject_code(result.rejects["reason"].item()) == code


def test_windows_1258_threshold_is_configurable(reference):
    raw = to_cp1258(ARTICLE)
    assert parse_sources([SourceFile("a.txt", raw)], reference).rejects.height == 0
    strict = IngestConfig(cp1258_min_vietnamese_share=0.9)
    reason = parse_sources([SourceFile("a.txt", raw)], reference, strict).rejects["reason"].item()
    assert reason.startswith("not_utf8: ") and reason.endswith("encoding not detected reliably")


# --- the input folder itself ----------------------------------------------------------------------

def test_missing_input_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"^input folder not found: .*nowhere$"):
        read_sources(tmp_path / "nowhere")


def test_folder_without_article_files_is_a_one_line_error(tmp_path):
    (tmp_path / "notes.md").write_text("không phải bài báo", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"^no article files matching \*\*/\*\.txt under "):
        read_sources(tmp_path)


def test_folder_of_bad_files_only_gives_rejects_and_no_documents(reference, folders):
    folder, _ = folders
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_text(ENGLISH, encoding="utf-8")
    result = ingest_folder(folder, reference)
    assert result.documents.height == 0 and result.blocks.height == 0
    assert [reject_code(r) for r in result.rejects["reason"]] == ["empty", "not_vietnamese"]


# --- the API the flow uses for the run summary and --strict ---------------------------------------

def test_rejects_summary_and_strict_check(reference):
    result = parse_sources([SourceFile("b.txt", b""), SourceFile("a.txt", ENGLISH.encode()),
                            SourceFile("c.txt", b"\n\n"), SourceFile("d.txt", GOOD.encode())], reference)
    assert rejects_summary(result.rejects) == "3 input files rejected (empty 1, not_vietnamese 1, whitespace_only 1)"
    with pytest.raises(InputRejected, match=r"^strict: 3 input files rejected \(.*\), nothing published \(first: a\.txt: not_vietnamese: "):
        raise_if_rejected(result.rejects)
    clean_run = parse_sources([SourceFile("d.txt", GOOD.encode())], reference)
    assert rejects_summary(clean_run.rejects) == "0 input files rejected"
    raise_if_rejected(clean_run.rejects)


# --- everything at once ---------------------------------------------------------------------------

def test_seeds_plus_every_bad_input_give_the_seed_documents_and_one_reject_per_bad_file(
        reference, folders, monkeypatch, tmp_path):
    from flows.stages.publish import write_release

    folder, outside = folders
    seed_names = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(seed_names) == 5
    for name in seed_names:
        shutil.copy(SEEDS / name, folder / name)
    expected = {}
    for param in BAD_INPUTS:
        make, code, _ = param.values
        name, _ = make(folder, outside, seed_names[0], monkeypatch)
        expected[name] = code
    before = {p: (p.is_symlink(), p.lstat().st_size, p.lstat().st_mtime_ns) for p in tmp_path.rglob("*")}

    run = run_stages(read_sources(folder), reference, SimpleAnalyser())

    assert sorted(run.documents["source_file"]) == seed_names
    assert run.rejects["source_file"].to_list() == sorted(expected)
    assert {f: reject_code(r) for f, r in zip(run.rejects["source_file"], run.rejects["reason"])} == expected
    # The release is written (every schema and cross-table check passes) and carries the rejects.
    tables = run.tables(reference)
    if "relevance" not in tables["documents"].columns:  # until conftest.run_stages runs the relevance stage
        from flows.stages import relevance

        tables["documents"] = relevance.classify_documents(tables["documents"], tables["blocks"], reference)
    release = write_release(tables, tmp_path / "out", "test")
    published = pl.read_parquet(release / "rejects.parquet")
    assert published.equals(run.rejects)
    assert pl.read_parquet(release / "documents.parquet").height == 5
    # Nothing was written, changed or removed outside the output folder.
    after = {p: (p.is_symlink(), p.lstat().st_size, p.lstat().st_mtime_ns) for p in tmp_path.rglob("*")
             if not p.is_relative_to(tmp_path / "out")}
    assert after == before


@pytest.mark.parametrize(
    ("config", "rejected"),
    [
        pytest.param(IngestConfig(), False, id="under_min_letters_not_judged"),
        pytest.param(IngestConfig(min_letters_for_language=10), True, id="judged_when_the_floor_is_lowered"),
    ],
)
def test_language_is_judged_only_on_enough_letters(reference, config, rejected):
    text = "Vladimir Putin, Sergei Lavrov\n\nMoskva, Kremlin.\n"
    result = parse_sources([SourceFile("a.txt", text.encode())], reference, config)
    assert result.rejects["reason"].to_list() == (
        ["not_vietnamese: 0.0% of the letters are Vietnamese-specific (need 2%)"] if rejected else [])


# --- any bytes at all -----------------------------------------------------------------------------

VIETNAMESE_LINES = [TITLE, LEAD, BODY, "", "Ảnh: TTXVN", "<p>", "https://baoquocte.vn/a.html", " date 2026-01-24"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from(VIETNAMESE_LINES), max_size=6).map(lambda lines: "\n".join(lines).encode("utf-8")),
    st.tuples(st.sampled_from(["utf-8", "utf-16", "cp1258", "latin-1"]), st.text(max_size=200)).map(
        lambda pair: pair[1].encode(pair[0], errors="replace")),
))
def test_any_bytes_give_one_document_or_one_reject_with_a_well_formed_reason(reference, raw):
    result = parse_sources([SourceFile("a.txt", raw)], reference)
    assert result.documents.height + result.rejects.height == 1
    for reason in result.rejects["reason"]:
        assert re.match(REASON_PATTERN, reason) and reject_code(reason) in ingest.REJECT_CODES
    if result.documents.height:
        assert result.blocks.height > 0
