"""Ingest: read raw article files, reject the unusable ones, parse headers, split into raw blocks.

What it guarantees:
- every path under the input folder that matches `IngestConfig.pattern` ends up either as one
  document or as one reject row (`source_file`, `sha256`, `size_bytes`, `stage`, `reason`): a bad
  file never stops the good ones. The only errors raised are one-line ones for a missing input
  folder or a folder with no matching path;
- ingest writes nothing, and reads nothing outside the input folder: a matched path whose real
  location is outside it (a symlink, or a path through a symlinked folder) is rejected without
  being opened; directories, FIFOs and devices named like articles are never opened either. (`**`
  does not descend into symlinked folders, so files below one are not matched at all.)
- work per file is bounded before anything expensive: the size comes from `stat` before the file
  is opened and a file over `max_file_bytes` is never read; a decoded text over `max_chars`
  characters or `max_blocks` blocks is rejected before any later stage sees it (a 10 MB file of
  one repeated sentence once stalled annotation for more than 30 minutes, issue 9);
- a document's decoded text is recoverable exactly from its blocks: the concatenation of
  `raw_prefix + text + raw_suffix` over its blocks in `block_index` order. For a UTF-8 file
  (every file seen so far) that text is the file's bytes; `documents.sha256` is the sha256 of that
  text as UTF-8, so it is the sha256 of the raw bytes for a UTF-8 file, and of the UTF-8
  transcoding for a file decoded from UTF-16/UTF-32 or Windows-1258;
- `doc_id` depends only on content (the article URL when the file has one, else its normalised
  text), never on file names, file order or the time of the run.

Rejects. `reason` is one line, "<code>: <detail>", where the code (one of `REJECT_CODES`) is
stable and the detail gives the measured figure and the limit. Checks run in this order and the
first that fails names the reason:

    symlink_outside   the path's real location is outside the input folder (never followed)
    not_regular_file  a directory, FIFO, socket or device whose name matches the pattern
    unreadable        opening or reading failed (permissions, I/O error, broken symlink)
    too_large         more than `max_file_bytes` bytes (from stat, before reading)
    empty             0 bytes
    binary            control bytes (C0 other than tab, LF, VT, FF, CR; and DEL) make up at least
                      `binary_control_share` of the bytes
    not_utf8          not UTF-8, no UTF-16/UTF-32 byte-order mark, and not clearly Vietnamese when
                      read as Windows-1258 ("encoding not detected reliably")
    too_long          more than `max_chars` characters
    whitespace_only   nothing but white space, byte-order marks and zero-width characters
    html              an HTML page: starts with <!DOCTYPE html>/<html>, or at least
                      `max_html_tag_share` of its characters are inside tags
    no_title          no headline among the first content lines: only header lines, a first line
                      without letters, or one longer than `max_title_chars` (a paragraph)
    not_vietnamese    Vietnamese-specific letters are under `min_vietnamese_share` of its letters
                      (texts with fewer than `min_letters_for_language` letters are not judged)
    too_long          more than `max_blocks` blocks (lines and glued sentences)
    duplicate         same bytes, same article URL, or same normalised text as a file earlier in
                      path order (the reason names that file)

`sha256` is null when the file was not read (symlink_outside, not_regular_file, unreadable,
too_large); `size_bytes` is null when there is no regular file to measure (symlink_outside,
not_regular_file, a broken symlink).

Encodings. UTF-8, with or without a byte-order mark, is the norm (all 31,806 baomoi-2017 files
and every seed). A UTF-16 or UTF-32 byte-order mark is reliable evidence, so such files are
decoded. Any other file that is not valid UTF-8 is tried as Windows-1258, the Windows code page
for Vietnamese, which writes tone marks as combining characters (the text is NFC-normalised after
decoding), and is accepted only when at least `cp1258_min_vietnamese_share` of its letters are
Vietnamese-specific and under `cp1258_max_utf8_share` of its non-ASCII bytes form UTF-8
sequences (else it is a UTF-8 file with a corrupt byte, whose mojibake is not Vietnamese text).
That tells cp1258 from Latin-1/Windows-1252, which decode without error but carry almost no such
letters; charset-normalizer 3.4 cannot tell them apart (measured: it labels 200 of 200
cp1258-encoded corpus articles cp1258, but a French Latin-1 test text cp1258 too), so it is not
used. The legacy font encodings TCVN3 (ABC) and VNI have no Python codec: such files are rejected
as not_utf8.

Vietnamese test. "Vietnamese-specific letters" (`VIETNAMESE_LETTERS`) are the precomposed
letters of the Vietnamese alphabet outside Latin-1: đ, ă, ơ, ư and the toned vowels Latin-1 lacks
(ả, ạ, ấ, ẽ, ĩ, ỳ, …). English, Russian, French or German text has none. Text without diacritics
("khong dau") is rejected too: the annotator and gazetteers need the diacritics.

Use: `parse_sources(read_sources(folder, config), reference, config)` gives an `IngestResult`
whose `rejects` frame is the release's rejects table; `rejects_summary(rejects)` is the one-line
count for the run summary, and `raise_if_rejected(rejects)` raises `InputRejected` (one line) for
a strict run.

Blocks are lines; a line whose sentences arrive glued together without a space ("quốc tế.Ngày
5/4") is split at those glued boundaries first, so that captions and bylines hidden inside such a
run become blocks of their own. Photo credits glued into a one-line body ("… lễ đón. Ảnh: TTXVN
Năm nay, hai nước …", "(Ảnh: X)", "Ảnh minh họa", "Nguồn: X", "Video: …", "Clip: …") are cut out
too (`credit_spans`): the caption sentence a credit closes and the credit become one block (the
clean stage labels it `caption`), and the sentence after the credit starts a new block. Where a
credit ends is decided by `credit_end` (rules there; names it cannot tell from a sentence start
are listed in photo_credits.tsv). Cuts only move block boundaries, so no text is lost: white
space between two blocks goes to the later block's `raw_prefix`. The first content line (the
headline) is never cut at credits. Measured on 300 random corpus files outside the gold samples
(issue 7 report): 177 credits in lead and body lines of 96 files; 25 of 30 splits read by hand
right before the last two rules (quotation ends, a credit right after "Ảnh minh họa"). Header lines (URL, a leading " date YYYY-MM-DD", a trailing
"DD/MM/YYYY HH:MM" timestamp, a "Thứ bảy, 24/1/2026, 21:30 (GMT+7)" dateline) become `metadata`
blocks with a `header_role`, and the date they carry becomes `published_at`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from flows.reference import Reference, read_tsv
from flows.stages.dates import FIRST_ONLINE_NEWS_YEAR
from flows.textutil import sha256_hex, stable_id

URL_RE = re.compile(r"^https?://\S+$")
DATE_LINE_RE = re.compile(r"^date\s+(\d{4})-(\d{2})-(\d{2})(?:\s+|$)")
TITLE_TIMESTAMP_RE = re.compile(
    r"\s+(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[-,|]?\s*(\d{1,2}):(\d{2}))?(?:\s*\(?GMT\s*\+\s*7\)?)?\s*$"
)
DATELINE_RE = re.compile(
    r"^(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*,\s*)?(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[-,|]?\s*(\d{1,2}):(\d{2}))?"
    r"(?:\s*\(?GMT\s*\+\s*7\)?)?$",
    re.IGNORECASE,
)
# A glued boundary candidate: sentence punctuation directly followed by a word character.
GLUED_RE = re.compile(r"(?<=\S)[.!?…]+(?=\w)")

REJECT_CODES = (
    "symlink_outside", "not_regular_file", "unreadable", "too_large", "empty", "binary", "not_utf8",
    "too_long", "whitespace_only", "html", "not_vietnamese", "no_title", "duplicate",
)


def _vietnamese_letters() -> frozenset[str]:
    """Every precomposed Vietnamese letter (both cases) outside Latin-1."""
    bases = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # grave, acute, hook, tilde, dot
    letters = {unicodedata.normalize("NFC", base + tone) for base in bases for tone in tones} | {"đ"}
    letters |= {letter.upper() for letter in letters}
    return frozenset(letter for letter in letters if len(letter) == 1 and ord(letter) > 0xFF)


VIETNAMESE_LETTERS = _vietnamese_letters()
VIETNAMESE_LETTER_RE = re.compile("[" + "".join(sorted(VIETNAMESE_LETTERS)) + "]")
LETTER_RE = re.compile(r"[^\W\d_]")
# C0 control bytes other than the white-space ones (tab, LF, VT, FF, CR), and DEL.
CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)) + b"\x7f"
CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
HIGH_BYTES = bytes(range(0x80, 0x100))
UTF8_SEQUENCE_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
HTML_START_RE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(<!doctype\s+html|<html[\s>])", re.IGNORECASE)
HTML_TAG_RE = re.compile(r"<!--.*?-->|<!doctype[^<>]*>|</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>",
                         re.IGNORECASE | re.DOTALL)
# Block kinds the clean stage never takes as a title (it looks past them, see CleanConfig).
NOT_TITLE_KINDS = ("markup", "site_chrome", "sidebar")

DOCUMENT_COLUMNS = {
    "doc_id": pl.String,
    "source_file": pl.String,
    "url": pl.String,
    "sha256": pl.String,
    "published_at": pl.Datetime("us"),
    "published_at_precision": pl.String,
    "published_at_source": pl.String,
}
BLOCK_COLUMNS = {
    "doc_id": pl.String,
    "block_index": pl.Int32,
    "header_role": pl.String,
    "raw_prefix": pl.String,
    "text": pl.String,
    "raw_suffix": pl.String,
    "raw_start": pl.Int32,
    "raw_end": pl.Int32,
}
REJECT_COLUMNS = {
    "source_file": pl.String,
    "sha256": pl.String,
    "size_bytes": pl.Int64,
    "stage": pl.String,
    "reason": pl.String,
}


@dataclass(frozen=True)
class IngestConfig:
    """Options of the ingest stage (figures measured on the 31,806 baomoi-2017 articles, the seeds
    and the test fixtures).

    pattern: which files under the input folder are articles.
    header_lines: how many leading non-empty lines may hold header fields (URL, date line,
        title, dateline); the seeds never use more than three.
    max_file_bytes: larger files are rejected from `stat`, unread (5 MB, issue 9; the largest
        corpus article is 50 KB).
    max_chars: longer decoded texts are rejected as too_long (largest corpus article: 37,107
        characters). The stages' cost grows faster than the length: one document of distinct
        sentences on one line took, through every stage in process with underthesea, 3.3 s at
        173,000 characters, 12.5 s at 347,000 and 37 s at 694,000 (measured here), which is how
        a 10 MB file ran for over 30 minutes.
    max_blocks: documents with more blocks are rejected as too_long (the most in the corpus: 25,
        after glued sentences are split; seeds: 58; fixtures: 23). Per-block work grows faster
        too: the same sentences one per line took 13.5 s for 2,000 lines and 52 s for 4,000.
    binary_control_share: a file with at least this share of control bytes is binary (no corpus
        file has a single one; random bytes have about 13%).
    min_vietnamese_share: a text whose Vietnamese-specific letters are under this share of its
        letters is not Vietnamese (corpus: lowest 3.7%, 0.1th percentile 7.8%, median 19%;
        English, Russian and French text: 0%).
    min_letters_for_language: texts with fewer letters are not judged by `min_vietnamese_share`:
        a share over a few dozen letters is noise (a short line of foreign names, "Vladimir Putin,
        Sergei Lavrov", holds no Vietnamese-specific letter at all), and a text that short costs
        nothing downstream. English, Russian or French articles have hundreds of letters.
    cp1258_min_vietnamese_share: bytes that are not UTF-8 are accepted as Windows-1258 only above
        this share (200 corpus articles encoded as cp1258: lowest 13%; Vietnamese text saved
        lossily as Latin-1 and read as cp1258: at most 1.7%; a French Latin-1 text loaded with
        Portuguese and Italian words: 2.1%).
    cp1258_max_utf8_share: ... and only when under this share of their non-ASCII bytes form valid
        UTF-8 sequences: a UTF-8 file with one corrupt byte is not Windows-1258, although read as
        such its mojibake ("HĂ  Ná»™i") has 3-13% Vietnamese-specific letters (measured on 200 corpus
        articles with one byte inserted). Those 200 articles encoded as cp1258: at most 1.0%;
        UTF-8 files: 100%.
    max_html_tag_share: a text with at least this share of its characters inside HTML tags is an
        HTML page (corpus: at most 2.5%).
    max_title_chars: a title line is at most this long (longest corpus first line: 255 characters;
        seeds and fixtures, timestamp included: 173); a longer first line is a paragraph.
    title_search_lines: how many leading content lines may hold the title when markup or site
        chrome comes first (the clean stage's `title_search_blocks`).
    max_caption_chars: the sentence before a photo credit is its caption only up to this length;
        a longer one is body and the credit becomes a block alone. A line ending with a credit
        and no longer than this is one caption and is not cut (the caption lines of multi-line
        pages). Over the 821 credits with a caption in 1,500 random corpus files outside the gold
        samples, the caption before the credit has a median of 61 characters, 95% are under 172
        and 99% under 279; 5 are over 300.
    max_credit_words: a credit with no full stop or bracket ends within this many words
        ("Trí Dũng/TTXVN", "Hồng Điệp - TTXVN", "Japan Times": photographers' names have 2-4
        syllables, plus an outlet); when no sentence start is found within them, only the first
        word is taken, so that a misread credit leaves words in the body rather than body text
        in the caption.
    max_credit_chars: a bracketed credit "(Ảnh: …)" closes within this many characters.
    max_video_title_chars: the title after "Video:"/"Clip:" runs to its sentence end within this
        many characters; with no sentence end that close, it is left in the body (no cut).
    """

    pattern: str = "**/*.txt"
    header_lines: int = 3
    max_file_bytes: int = 5_000_000
    max_chars: int = 200_000
    max_blocks: int = 2_000
    binary_control_share: float = 0.01
    min_vietnamese_share: float = 0.02
    min_letters_for_language: int = 100
    cp1258_min_vietnamese_share: float = 0.05
    cp1258_max_utf8_share: float = 0.5
    max_html_tag_share: float = 0.10
    max_title_chars: int = 300
    title_search_lines: int = 3
    max_caption_chars: int = 300
    max_credit_words: int = 6
    max_credit_chars: int = 80
    max_video_title_chars: int = 200


@dataclass(frozen=True)
class SourceFile:
    """One raw input file: its path relative to the input folder and its bytes.

    size_bytes: the size from `stat` (None: `len(content)`).
    reject_reason: set by `read_sources` when the file was not read ("<code>: <detail>"); its
        `content` is then empty.
    """

    path: str
    content: bytes
    size_bytes: int | None = None
    reject_reason: str | None = None

    @property
    def digest(self) -> str | None:
        """sha256 of the bytes read; None when the file was not read."""
        return None if self.reject_reason else sha256_hex(self.content)

    def ref(self) -> SourceRef:
        return SourceRef(self.path, self.digest, self.size_bytes, self.reject_reason)


@dataclass(frozen=True)
class SourceRef:
    """An input file as read, without its bytes: one row of `read_refs`' frame."""

    path: str
    digest: str | None
    size_bytes: int | None = None
    reject_reason: str | None = None


# What the flow keeps of every input file while the batches that prepare it read the bytes again
# (`read_paths`): one row per file, the fields of `SourceRef` in their order. A frame rather than a list of
# objects: 31,806 files take 2.5 MiB as columns against 9.7 MiB as SourceRef objects (measured), and a
# batch's rows are a slice of it, sent to a task as a few buffers rather than 250 objects.
SOURCE_REF_SCHEMA = pl.Schema({"path": pl.String, "digest": pl.String, "size_bytes": pl.Int64,
                               "reject_reason": pl.String})


def refs_of(sources: Iterable[SourceFile | SourceRef]) -> pl.DataFrame:
    """The references of `sources`, in their order, as `read_refs` gives them (SOURCE_REF_SCHEMA)."""
    columns: dict[str, list] = {name: [] for name in SOURCE_REF_SCHEMA}
    for source in sources:  # one at a time: `read_refs` gives each file's bytes, let go after hashing
        ref = source.ref() if isinstance(source, SourceFile) else source
        for name, column in columns.items():
            column.append(getattr(ref, name))
    return pl.DataFrame(columns, schema=SOURCE_REF_SCHEMA)


class InputChanged(Exception):
    """An input file changed between the run's first reading (its fingerprint) and its preparation."""


@dataclass(frozen=True)
class IngestResult:
    documents: pl.DataFrame
    blocks: pl.DataFrame
    rejects: pl.DataFrame


class Rejected(ValueError):
    """A file that cannot be used; `str()` is its one-line reject reason "<code>: <detail>"."""

    def __init__(self, code: str, detail: str):
        assert code in REJECT_CODES, code
        super().__init__(f"{code}: {' '.join(detail.split())}")
        self.code = code


class InputRejected(Exception):
    """Raised by `raise_if_rejected` (strict runs): one line naming the count and the first reject."""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


READ_CHUNK_BYTES = 1 << 16  # what a file that grows after its stat is read in


def _read_bytes(path: str | Path, limit: int) -> tuple[bytes, int]:
    """(at most `limit` bytes, st_mode) of a path, opened without following a final symlink and
    without blocking (a FIFO swapped in after the stat must not hang the run)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if not stat.S_ISREG(mode):
            return b"", mode
        chunks, remaining = [], limit
        while remaining > 0:
            # Ask for the size the file has (plus one byte, to see its end), not for `limit`: os.read
            # allocates what it is asked for, and a 5 MB buffer per 5 KB article, shrunk after the
            # read, left the flow's heap fragmented (52 MiB more RSS after reading 31,806 files,
            # measured on 2026-12-02; 7 MiB of it held).
            chunk = os.read(fd, min(remaining, max(info.st_size + 1, READ_CHUNK_BYTES)))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks), mode
    finally:
        os.close(fd)


def _read_one(relative: str, path: Path, root: Path, config: IngestConfig, real_parent: str | None = None,
              parent_inside: bool | None = None) -> SourceFile:
    """Stat, check, then read one matched path. Never follows a path out of `root` (the resolved
    input folder), never opens a file that is not regular, never reads more than
    `max_file_bytes + 1` bytes. `real_parent`: `path.parent` resolved, and `parent_inside`: whether
    it is in `root`, when the caller has them (`_read_each` works them out once per folder)."""

    def reject(code: str, detail: str, size: int | None = None) -> SourceFile:
        return SourceFile(relative, b"", size, str(Rejected(code, detail)))

    try:
        if real_parent is None:
            resolved_parent = path.parent.resolve()
            real_parent, parent_inside = str(resolved_parent), resolved_parent.is_relative_to(root)
        # Strings and os calls, not Path objects: pathlib's overhead was most of the time of
        # reading 31,806 small files (measured on 2026-12-02: 2.0 s, of which 0.34 s reading and hashing).
        real = os.path.join(real_parent, path.name)
        # A name is one component, so the file is in `root` when its folder is, or when it is `root`.
        inside = bool(parent_inside) or real == str(root)
        info = os.lstat(real)
        if stat.S_ISLNK(info.st_mode):
            resolved = path.resolve()
            real, inside = str(resolved), resolved.is_relative_to(root)
            if inside:
                info = os.stat(real)
    except RuntimeError as err:  # a symlink loop
        return reject("unreadable", f"cannot resolve the path ({err})")
    except FileNotFoundError:
        return reject("unreadable", "broken symlink" if path.is_symlink() else "the file vanished")
    except OSError as err:
        return reject("unreadable", f"cannot stat: {type(err).__name__}: {err.strerror or err}")
    if not inside:
        return reject("symlink_outside", "its real location is outside the input folder (not followed)")
    if not stat.S_ISREG(info.st_mode):
        return reject("not_regular_file", f"a {_file_kind(info.st_mode)}, not a file (not opened)")
    if info.st_size > config.max_file_bytes:
        return reject("too_large", f"{_megabytes(info.st_size)} over the {_megabytes(config.max_file_bytes)} "
                      "limit (not read)", info.st_size)
    try:
        content, mode = _read_bytes(real, config.max_file_bytes + 1)
    except OSError as err:
        return reject("unreadable", f"{type(err).__name__}: {err.strerror or err}", info.st_size)
    if not stat.S_ISREG(mode):  # swapped after the stat
        return reject("not_regular_file", f"a {_file_kind(mode)}, not a file (not read)")
    if len(content) > config.max_file_bytes:  # it grew after the stat
        return reject("too_large", f"over the {_megabytes(config.max_file_bytes)} limit (grew while read)",
                      len(content))
    return SourceFile(relative, content, len(content))


def read_sources(input_dir: Path, config: IngestConfig = IngestConfig()) -> list[SourceFile]:
    """Every path matching `config.pattern` under `input_dir`, in path order; a path that cannot
    be read safely comes back with its `reject_reason` set instead of its bytes."""
    return list(_read_each(input_dir, _matched(input_dir, config), config))


def read_refs(input_dir: Path, config: IngestConfig = IngestConfig()) -> pl.DataFrame:
    """`read_sources` without keeping the bytes: each file is read, hashed and let go (a corpus'
    bytes are never held at once); one row per file, in path order (SOURCE_REF_SCHEMA)."""
    return refs_of(_read_each(input_dir, _matched(input_dir, config), config))


def read_paths(input_dir: Path, refs: pl.DataFrame, config: IngestConfig = IngestConfig()) -> list[SourceFile]:
    """The files of `refs` (rows of `read_refs`) read again (as `read_sources` reads them); raises
    InputChanged, one line, when one no longer has the digest or reject reason it had."""
    expected = [SourceRef(*row) for row in refs.select(*SOURCE_REF_SCHEMA).iter_rows()]
    sources = list(_read_each(input_dir, [input_dir / ref.path for ref in expected], config))
    for ref, source in zip(expected, sources):
        if source.ref() != ref:
            raise InputChanged(f"input file {ref.path} changed while the run was reading it; run again")
    return sources


def _matched(input_dir: Path, config: IngestConfig) -> list[Path]:
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    # Sorted by their parts, which is the order of Path objects, without Path's slow comparison.
    paths = sorted(input_dir.glob(config.pattern), key=lambda path: path.parts)
    if not paths:
        raise FileNotFoundError(f"no article files matching {config.pattern} under {input_dir}")
    return paths


def _read_each(input_dir: Path, paths: list[Path], config: IngestConfig) -> Iterator[SourceFile]:
    root = input_dir.resolve()
    # Each folder is resolved, placed and named relative to the input folder once, not each file.
    folders: dict[str, tuple[str | None, bool | None, str]] = {}  # by the folder's path as given
    for path in paths:
        folder_key = os.path.dirname(path)
        folder = folders.get(folder_key)
        if folder is None:
            try:
                real_parent = path.parent.resolve()
                resolved = str(real_parent), real_parent.is_relative_to(root)
            except (OSError, RuntimeError):
                resolved = None, None  # _read_one turns the error into a reject
            prefix = path.parent.relative_to(input_dir).as_posix()
            folder = folders[folder_key] = (*resolved, "" if prefix == "." else prefix + "/")
        real_parent, parent_inside, prefix = folder
        yield _read_one(prefix + path.name, path, root, config, real_parent, parent_inside)


def normalise_url(url: str) -> str:
    """Scheme-less, lower-case host, single slashes, no trailing slash, no query or fragment."""
    match = re.match(r"^https?://([^/]+)(/[^?#]*)?", url.strip(), re.IGNORECASE)
    if not match:
        return url.strip()
    host = match.group(1).lower().removeprefix("www.")
    path = re.sub(r"/{2,}", "/", match.group(2) or "").rstrip("/")
    return host + path


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    return normalise_url(url).split("/", 1)[0]


def doc_id_for(url: str | None, text: str) -> str:
    if url:
        return stable_id("doc", "url", normalise_url(url))
    # A byte-order mark is an encoding artefact, not text: a copy saved with one is the same text.
    normalised = " ".join(unicodedata.normalize("NFC", text).lstrip("\ufeff").split())
    return stable_id("doc", "text", normalised)


@dataclass
class _Block:
    start: int
    end: int
    header_role: str | None = None


SPACE_OR_BOM = " \t\f\v\u00a0\u2000\u2001\u2002\u2003\u2009\u200b\u3000\ufeff"


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, stripped of surrounding white space (and a byte-order mark)."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group(0)
        stripped = line.strip(SPACE_OR_BOM).strip()
        if not stripped:
            continue
        lead = line.index(stripped)
        spans.append((match.start() + lead, match.start() + lead + len(stripped)))
    return spans


def glued_boundaries(line: str, abbreviations: frozenset[str]) -> list[int]:
    """Offsets where a new sentence starts glued to the previous one ("quốc tế.Ngày")."""
    cuts = []
    for match in GLUED_RE.finditer(line):
        following = line[match.end() : match.end() + 2]
        # A new sentence starts with a capitalised word: upper case, then lower case.
        if len(following) < 2 or not (following[0].isupper() and following[1].islower()):
            continue
        before = line[: match.start()].rsplit(None, 1)[-1] if line[: match.start()].strip() else ""
        token = before.lstrip("([\"'“‘")
        if "://" in token or token.lower().startswith("www"):
            continue  # a URL or host name, not a sentence
        last = token.rsplit(".", 1)[-1]  # "TP.Huế" ends a sentence at "Huế"
        letters = re.sub(r"[^\w]", "", last)
        # "V.Putin" (an initial), "TP.Hồ Chí Minh" (an abbreviation) and "U.S.A" are not sentence ends.
        if len(letters) <= 1 or last in abbreviations:
            continue
        cuts.append(match.end())
    return cuts


def _split_header(text: str, spans: list[tuple[int, int]], header_lines: int) -> list[_Block]:
    blocks: list[_Block] = []
    for index, (start, end) in enumerate(spans):
        line = text[start:end]
        if index >= header_lines:
            blocks.append(_Block(start, end))
            continue
        if URL_RE.match(line):
            blocks.append(_Block(start, end, "url"))
            continue
        if DATELINE_RE.match(line):
            blocks.append(_Block(start, end, "dateline"))
            continue
        date_line = DATE_LINE_RE.match(line)
        if date_line:
            cut = start + len(date_line.group(0).rstrip())
            blocks.append(_Block(start, cut, "date_line"))
            rest_start = start + date_line.end()
            if rest_start < end:
                start = rest_start
                line = text[start:end]
            else:
                continue
        stamp = TITLE_TIMESTAMP_RE.search(line)
        # Only a title line carries a timestamp; a body paragraph ending in a date is left alone,
        # and so is a headline ending in a historical date ("… Quốc khánh 2/9/1945") without a time.
        if (stamp and not any(b.header_role is None for b in blocks) and len(line) - len(stamp.group(0)) > 0
                and (stamp.group(4) is not None or int(stamp.group(3)) >= FIRST_ONLINE_NEWS_YEAR)):
            stamp_start = start + stamp.start() + (len(stamp.group(0)) - len(stamp.group(0).lstrip()))
            blocks.append(_Block(start, start + stamp.start()))
            blocks.append(_Block(stamp_start, end, "title_timestamp"))
            continue
        blocks.append(_Block(start, end))
    return blocks


@dataclass(frozen=True)
class PhotoCredits:
    """The lexicon of `photo_credits.tsv`: credit names (`credit`: agencies, outlets, sources that
    a credit may name in more than capitalised words, e.g. "Lao động") as tuples of words, and
    `opener`s, sentence-initial words that end a credit written without a full stop."""

    names: frozenset[tuple[str, ...]]
    longest_name: int
    openers: frozenset[str]


_PHOTO_CREDITS: dict[Path, PhotoCredits] = {}


def photo_credits(reference: Reference) -> PhotoCredits:
    """`photo_credits.tsv` of the reference folder, read once per folder."""
    folder = reference.folder
    if folder not in _PHOTO_CREDITS:
        rows = read_tsv(folder / "photo_credits.tsv")
        names = frozenset(tuple(r["value"].split()) for r in rows if r["kind"] == "credit")
        _PHOTO_CREDITS[folder] = PhotoCredits(
            names=names, longest_name=max((len(n) for n in names), default=0),
            openers=frozenset(r["value"] for r in rows if r["kind"] == "opener"),
        )
    return _PHOTO_CREDITS[folder]


# A photo credit or caption marker: "Ảnh: X", "(Ảnh: X)", "Nguồn: X", "Video: …", "Clip: …", and
# "Ảnh minh họa" without a colon. Capitalised labels only: "ảnh:" in running text is a word. It
# follows the start of the text, white space, an opening bracket or sentence punctuation, or a dash
# ("… chờ đợi - Ảnh: WTNH").
CREDIT_LABEL_RE = re.compile(
    r"(?<![^\s(\[.!?…”\"'\-–—])(?P<open>\(\s*)?(?:"
    r"(?P<marker>Ảnh minh họa|Ảnh minh hoạ|Ảnh tư liệu|Ảnh chụp màn hình)(?!\s*:)\s*\)?\.?"
    r"|(?P<label>Ảnh minh họa|Ảnh minh hoạ|Ảnh tư liệu|Nguồn ảnh|Nguồn [Cc]lip|Nguồn [Vv]ideo|Ảnh|ẢNH|Nguồn|Photo"
    r"|Đồ họa|Video|Clip)\s*:\s*)"
)
# A sentence boundary with a space: punctuation, closing quotes or brackets, space, then a letter,
# an opening quote or a digit ("… tại Moskva. “Chúng tôi …").
SPACED_BOUNDARY_RE = re.compile(r"(?<=\S)[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?\w)")
TRAILING_PUNCTUATION = ".,;:)]\"”’"


def _is_sentence_end(line: str, punctuation_start: int, abbreviations: frozenset[str]) -> bool:
    """Does the full stop at `punctuation_start` end a sentence? Not after an initial ("V. Putin",
    "N.D"), an abbreviation ("TP. HCM") or inside a URL."""
    before = line[:punctuation_start].rsplit(None, 1)[-1] if line[:punctuation_start].strip() else ""
    token = before.lstrip("([\"'“‘")
    if "://" in token or token.lower().startswith("www"):
        return False
    last = token.rsplit(".", 1)[-1]
    letters = re.sub(r"[^\w]", "", last)
    return len(letters) > 1 and last not in abbreviations


def sentence_starts(line: str, abbreviations: frozenset[str]) -> list[int]:
    """Offsets where a sentence starts after a space ("… tại Moskva. Ngày 5/4"), by the rules of
    `glued_boundaries`: the next word is capitalised (or a quote or a number opens it)."""
    starts = []
    for match in SPACED_BOUNDARY_RE.finditer(line):
        following = line[match.end() :].lstrip("\"“‘([")
        if not following or not (following[0].isupper() or following[0].isdigit()):
            continue
        if _is_sentence_end(line, match.start(), abbreviations):
            starts.append(match.end())
    return starts


def _word_kind(word: str) -> str:
    """"upper" (TTXVN, THÙY), "title" (Reuters, Hà), "lower", or "other" (digits, initials, signs)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    if letters and word[0].isupper() and any(c.islower() for c in letters):
        return "title"
    if word[:1].islower():
        return "lower"
    return "other"


def _known_credit(words: list[str], at: int, credits: PhotoCredits) -> int:
    """How many words from `at` form a known credit name (longest match), 0 if none."""
    for size in range(min(credits.longest_name, len(words) - at), 0, -1):
        candidate = tuple(words[at : at + size])
        candidate = (*candidate[:-1], candidate[-1].rstrip(TRAILING_PUNCTUATION))
        if candidate in credits.names:
            return size
    return 0


def credit_end(line: str, start: int, credits: PhotoCredits, abbreviations: frozenset[str],
               max_words: int) -> int:
    """End offset of the credit name that starts at `start` ("Ảnh: |Trí Dũng/TTXVN Tổng Bí thư …").

    A credit has no closing punctuation when the next sentence follows it on the same line, so
    its end is decided word by word: a known name (photo_credits.tsv) ends it unless a "/" or "-"
    joins another name; a word ending with a full stop or a ")" ends it; "X/TTXVN" ends it; and
    the next sentence starts (the credit ends before it) at an opener word ("Theo", "Tại", "Thủ
    tướng" …), a quote or number, a capitalised word followed by a lower-case one ("Dây cáp"),
    or a switch between CAPITALS and Title case ("THÙY LINH Anh Tuấn", "Quang Liêm HLV"). The
    first word always belongs to the credit. When none of that happens within `max_words` words,
    the credit is its first word only: a name cut short leaves words in the body, never body
    text in the caption."""
    matches = [m for _, m in zip(range(max_words + 2), re.finditer(r"\S+", line[start:]))]
    words = [m.group(0) for m in matches]
    if not words:
        return start
    at = 0
    joined = False  # the previous word was a separator or ended with one: the name goes on
    while at < len(words) and at < max_words:
        word = words[at]
        if at > 0 and not joined:
            bare = word.rstrip(TRAILING_PUNCTUATION)
            kind = _word_kind(bare)
            previous = _word_kind(words[at - 1].rstrip(TRAILING_PUNCTUATION))
            following = _word_kind(words[at + 1]) if at + 1 < len(words) else "other"
            if (bare in credits.openers or word[0] in "\"“‘" or word[0].isdigit()
                    or (kind == "title" and following == "lower")
                    or (kind == "title" and previous == "upper") or (kind == "upper" and previous == "title")):
                return start + matches[at - 1].end()
        known = _known_credit(words, at, credits)
        size = max(known, 1)
        last = words[at + size - 1]
        at += size
        end = start + matches[at - 1].end()
        if at < len(words) and words[at] in ("/", "-", "–", "&"):
            joined = True
            at += 1
            continue
        if last.endswith(("/", "-")):
            joined = True
            continue
        joined = False
        slash_agency = re.search(r"/[^\W\d_]{2,}\W*$", last) and _word_kind(last.rsplit("/", 1)[1]) == "upper"
        if last.endswith((")", "]")) or slash_agency:  # "(Ảnh: X)", "Trí Dũng/TTXVN"
            return end
        if last.endswith(".") and _is_sentence_end(line, start + matches[at - 1].end() - 1, abbreviations):
            return end
        if known:
            return end
    if at >= max_words:
        return start + matches[0].end()
    return start + matches[min(at, len(matches)) - 1].end()


def credit_spans(line: str, credits: PhotoCredits, abbreviations: frozenset[str], config: IngestConfig,
                 glued: list[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each photo credit with the caption it closes: each span becomes one block.

    - "Caption. Ảnh: X Next sentence": a credit closes the caption before it, so the block runs
      from the start of that sentence (or the end of the previous credit) to the end of the
      credit, and the next sentence starts a new block. A preceding "sentence" longer than
      `max_caption_chars` is body, not a caption: the credit alone is the block.
    - "(Ảnh: X)": the credit ends at the bracket.
    - "Ảnh minh họa" without a colon is a caption by itself (the sentence before it is body).
    - "Video: title." / "Clip: title?": a video's title runs to the end of its sentence (at most
      `max_video_title_chars`); the sentence before it is body.
    A line that is one caption (its first credit ends it and it is at most `max_caption_chars`
    long, as caption lines of multi-line pages are) gives no span.
    `glued`: the line's glued boundaries (`glued_boundaries`), when the caller has them; they
    start sentences too, and no credit runs across one ("Ảnh: TTXVN.Tổng Bí thư")."""
    if not CREDIT_LABEL_RE.search(line):
        return []  # most lines: skip the sentence scan
    if glued is None:
        glued = glued_boundaries(line, abbreviations)
    spans: list[tuple[int, int]] = []
    starts = sorted(set(sentence_starts(line, abbreviations)) | set(glued))
    previous_end = 0
    position = 0
    while True:
        match = CREDIT_LABEL_RE.search(line, position)
        if not match:
            break
        label_start = match.start()
        limit = next((cut for cut in glued if cut > match.end()), len(line))
        if match.group("marker"):
            block_start, end = label_start, match.end()
        elif match.group("label") in ("Video", "Clip"):
            block_start = label_start
            later = [s for s in starts if match.end() < s <= match.end() + config.max_video_title_chars]
            end = later[0] if later else match.end()
            if not later:  # the title runs into the body with no sentence end: leave it in the body
                position = match.end()
                continue
        else:
            if match.group("open"):
                close = line.find(")", match.end(), min(limit, match.end() + config.max_credit_chars))
                end = close + 1 if close != -1 else credit_end(
                    line[:limit], match.end(), credits, abbreviations, config.max_credit_words)
            else:
                end = credit_end(line[:limit], match.end(), credits, abbreviations, config.max_credit_words)
            # the caption ends where the separator before the label starts (". Ảnh", " - Ảnh", " (Ảnh")
            separator_start = len(line[:label_start].rstrip(" \t-–—(["))
            earlier = [s for s in starts if previous_end <= s < separator_start]
            block_start = earlier[-1] if earlier else previous_end
            caption = line[block_start:separator_start].rstrip(".!?… ")
            # A sentence that closes a quotation opened in an earlier sentence is what someone
            # said, not a caption; a caption longer than max_caption_chars is body too: the credit
            # is a block by itself.
            closes_quote = ((caption.endswith("”") and "“" not in caption)
                            or (caption.endswith('"') and caption.count('"') % 2 == 1))
            if label_start - block_start > config.max_caption_chars or closes_quote:
                block_start = label_start
            if spans and not line[spans[-1][1] : label_start].strip(" \t-–—(["):
                # "Ảnh minh họa. Nguồn: X": a credit right after a caption belongs to it
                block_start = spans.pop()[0]
        # a "." or ")" right after the credit belongs to it
        while end < limit and line[end] in ".)]":
            end += 1
        if not spans and not line[end:].strip() and end <= config.max_caption_chars:
            break  # the whole line is one caption
        spans.append((block_start, end))
        position = previous_end = max(end, match.end())
    return spans


def _split_glued(text: str, blocks: list[_Block], reference: Reference, config: IngestConfig) -> list[_Block]:
    """Split content lines into blocks at glued sentence boundaries and around photo credits.

    The first content line (the title) is split only at glued boundaries: a headline that names
    a clip ("Clip: …") is still the headline."""
    result: list[_Block] = []
    abbreviations = reference.abbreviations
    credits = photo_credits(reference)
    first_content = next((i for i, b in enumerate(blocks) if b.header_role is None), None)
    for index, block in enumerate(blocks):
        if block.header_role is not None:
            result.append(block)
            continue
        line = text[block.start : block.end]
        cuts = glued_boundaries(line, abbreviations)
        if index != first_content:
            spans = credit_spans(line, credits, abbreviations, config, cuts)
            # a glued boundary inside a span is the caption's own sentence end ("nhà máy.Ảnh: X")
            cuts = [cut for cut in cuts if not any(start < cut < end for start, end in spans)]
            cuts = sorted({cut for cut in [*cuts, *(c for span in spans for c in span)]
                           if 0 < cut < len(line) and line[cut:].strip()})
        start = block.start
        for cut in cuts:
            if not line[start - block.start : cut].strip():
                continue  # nothing but white space since the last cut
            # white space between two blocks goes to the next block's raw_prefix
            cut_start = block.start + len(line[:cut].rstrip())
            result.append(_Block(start, cut_start))
            start = block.start + len(line) - len(line[cut:].lstrip())
        result.append(_Block(start, block.end))
    return result


def _published_at(text: str, blocks: list[_Block]) -> tuple[dt.datetime | None, str | None, str | None]:
    for role in ("date_line", "title_timestamp", "dateline"):
        for block in blocks:
            if block.header_role != role:
                continue
            raw = text[block.start : block.end]
            try:
                if role == "date_line":
                    y, m, d = DATE_LINE_RE.match(raw + " ").groups()
                    return dt.datetime(int(y), int(m), int(d)), "day", role
                match = (DATELINE_RE.match(raw) if role == "dateline" else TITLE_TIMESTAMP_RE.search(" " + raw))
                d, m, y, hh, mm = match.groups()
                if hh is None:
                    return dt.datetime(int(y), int(m), int(d)), "day", role
                return dt.datetime(int(y), int(m), int(d), int(hh), int(mm)), "minute", role
            except (ValueError, AttributeError):
                continue
    return None, None, None


def vietnamese_share(text: str, letters: int | None = None) -> float:
    """Share of the letters of `text` (NFC) that are Vietnamese-specific (`VIETNAMESE_LETTERS`);
    `letters`: the number of letters in `text`, when the caller has counted them."""
    if letters is None:
        letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    return len(VIETNAMESE_LETTER_RE.findall(text)) / letters


def decode_text(content: bytes, config: IngestConfig = IngestConfig()) -> tuple[str, str]:
    """(text, encoding) of a file's bytes by the rules in the module docstring, or raise Rejected
    (binary, not_utf8)."""
    for mark, codec, label in BYTE_ORDER_MARKS:
        if content.startswith(mark):
            try:
                text = content.decode(codec)
            except UnicodeDecodeError as err:
                raise Rejected("not_utf8", f"{label} byte-order mark but invalid {label} at byte {err.start}") from None
            share = len(CONTROL_CHARS_RE.findall(text)) / max(1, len(text))
            if share >= config.binary_control_share:
                raise Rejected("binary", f"{share:.1%} control characters after the {label} byte-order mark "
                               f"(limit {config.binary_control_share:.1%})")
            return text, codec
    share = (len(content) - len(content.translate(None, CONTROL_BYTES))) / len(content)
    if share >= config.binary_control_share:
        raise Rejected("binary", f"{share:.1%} control bytes (limit {config.binary_control_share:.1%})")
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    high = len(content) - len(content.translate(None, HIGH_BYTES))
    utf8 = sum(len(sequence) for sequence in UTF8_SEQUENCE_RE.findall(content)) / high
    if utf8 >= config.cp1258_max_utf8_share:
        raise Rejected("not_utf8", f"invalid UTF-8 at byte {first_bad} in an otherwise UTF-8 file ({utf8:.0%} of "
                       "non-ASCII bytes form UTF-8 sequences): a corrupt UTF-8 file, encoding not detected reliably")
    try:
        # Windows-1258 writes most tones as combining marks; NFC composes them.
        text = unicodedata.normalize("NFC", content.decode("cp1258"))
    except UnicodeDecodeError as err:
        raise Rejected("not_utf8", f"invalid UTF-8 at byte {first_bad}, and byte {err.start} is not "
                       "Windows-1258 either: encoding not detected reliably") from None
    vietnamese = vietnamese_share(text)
    if vietnamese >= config.cp1258_min_vietnamese_share:
        return text, "cp1258"
    raise Rejected("not_utf8", f"invalid UTF-8 at byte {first_bad}; read as Windows-1258 only {vietnamese:.1%} "
                   f"of letters are Vietnamese (need {config.cp1258_min_vietnamese_share:.0%}): encoding not "
                   "detected reliably")


def _check_html(text: str, config: IngestConfig) -> None:
    start = HTML_START_RE.match(text.lstrip(SPACE_OR_BOM))
    if start:
        raise Rejected("html", f"an HTML page (starts with {start.group(1)!r})")
    inside_tags = sum(len(tag) for tag in HTML_TAG_RE.findall(text)) / len(text) if "<" in text else 0.0
    if inside_tags >= config.max_html_tag_share:
        raise Rejected("html", f"{inside_tags:.0%} of the characters are inside HTML tags "
                       f"(limit {config.max_html_tag_share:.0%})")


def _check_vietnamese(text: str, config: IngestConfig) -> None:
    text = unicodedata.normalize("NFC", text)
    letters = sum(map(str.isalpha, text))
    if letters < config.min_letters_for_language:
        return
    vietnamese = vietnamese_share(text, letters)
    if vietnamese < config.min_vietnamese_share:
        raise Rejected("not_vietnamese", f"{vietnamese:.1%} of the letters are Vietnamese-specific "
                       f"(need {config.min_vietnamese_share:.0%})")


def _check_title(text: str, blocks: list[_Block], reference: Reference, config: IngestConfig) -> None:
    """Reject a file whose first content lines hold no headline.

    Like the clean stage, look past markup, site chrome and sidebar lines; an opening photo
    caption is accepted (clean derives the title from it). The first other line is the title
    and must be at most `max_title_chars` long: a longer one is a paragraph (a page whose line
    breaks were lost, or a body without its headline)."""
    content = [b for b in blocks if b.header_role is None]
    if not content:
        raise Rejected("no_title", "only header lines, no title or text")
    for block in content[: config.title_search_lines]:
        line = text[block.start : block.end]
        nfc_line = unicodedata.normalize("NFC", line)
        kinds = [kind for kind, pattern, _ in reference.block_patterns if pattern.search(nfc_line)]
        if any(kind in NOT_TITLE_KINDS for kind in kinds):
            continue
        if "caption" in kinds:
            return
        if not LETTER_RE.search(line):
            raise Rejected("no_title", f"the first content line has no letters ({line[:40]!r})")
        if len(line) > config.max_title_chars:
            raise Rejected("no_title", f"the first content line is a {len(line):,}-character paragraph, not a "
                           f"headline (limit {config.max_title_chars})")
        return
    raise Rejected("no_title", f"the first {config.title_search_lines} content lines are markup or site chrome")


def parse_source(source: SourceFile, reference: Reference, config: IngestConfig = IngestConfig()):
    """One file -> (document row, block rows), or raise Rejected with the reject reason."""
    size = source.size_bytes if source.size_bytes is not None else len(source.content)
    if source.reject_reason is not None:
        code, detail = source.reject_reason.split(": ", 1)
        raise Rejected(code, detail)
    if size > config.max_file_bytes:
        raise Rejected("too_large", f"{_megabytes(size)} over the {_megabytes(config.max_file_bytes)} limit")
    if size == 0:
        raise Rejected("empty", "0 bytes")
    text, encoding = decode_text(source.content, config)
    if len(text) > config.max_chars:  # before the line scan: bound the work on huge texts
        raise Rejected("too_long", f"{len(text):,} characters (limit {config.max_chars:,})")
    spans = _line_spans(text)
    if not spans:
        raise Rejected("whitespace_only", f"{size:,} bytes of white space, byte-order marks or zero-width "
                       "characters")
    _check_html(text, config)
    header = _split_header(text, spans, config.header_lines)
    _check_title(text, header, reference, config)
    _check_vietnamese(text, config)
    blocks = _split_glued(text, header, reference, config)
    if len(blocks) > config.max_blocks:
        raise Rejected("too_long", f"{len(blocks):,} blocks (limit {config.max_blocks:,})")
    url = next((text[b.start : b.end] for b in blocks if b.header_role == "url"), None)
    published_at, precision, published_source = _published_at(text, blocks)
    doc_id = doc_id_for(url, text)
    document = {
        "doc_id": doc_id,
        "source_file": source.path,
        "url": url,
        # The blocks rebuild `text`; for a UTF-8 file its UTF-8 bytes are the raw bytes.
        "sha256": sha256_hex(source.content) if encoding == "utf-8" else sha256_hex(text),
        "published_at": published_at,
        "published_at_precision": precision,
        "published_at_source": published_source,
    }
    rows = []
    previous_end = 0
    for index, block in enumerate(blocks):
        rows.append(
            {
                "doc_id": doc_id,
                "block_index": index,
                "header_role": block.header_role,
                "raw_prefix": text[previous_end : block.start],
                "text": text[block.start : block.end],
                "raw_suffix": text[block.end :] if index == len(blocks) - 1 else "",
                "raw_start": block.start,
                "raw_end": block.end,
            }
        )
        previous_end = block.end
    return document, rows


# Columns `parse_each` adds to its documents for `set_aside_repeats` (never published).
SOURCE_COLUMNS = {"source_bytes_sha256": pl.String, "source_size_bytes": pl.Int64}


def parse_each(sources: list[SourceFile], reference: Reference, config: IngestConfig = IngestConfig()
               ) -> IngestResult:
    """Parse every source on its own (no comparison between files), in path order: what one file
    gives depends on that file alone, so any batch of files can be parsed anywhere and cached.
    Documents carry the SOURCE_COLUMNS that `set_aside_repeats` needs."""
    documents, blocks, rejects = [], [], []
    for source in sorted(sources, key=lambda s: s.path):
        size = source.size_bytes if source.size_bytes is not None else len(source.content)
        was_read = source.reject_reason is None and size <= config.max_file_bytes
        digest = sha256_hex(source.content) if was_read else None
        # A broken symlink or a directory has no size to report.
        reported_size = None if source.reject_reason and source.size_bytes is None else size
        try:
            document, rows = parse_source(source, reference, config)
        except Rejected as err:
            rejects.append({"source_file": source.path, "sha256": digest, "size_bytes": reported_size,
                            "stage": "ingest", "reason": str(err)})
            continue
        documents.append(dict(document, source_bytes_sha256=digest, source_size_bytes=reported_size))
        blocks.extend(dict(row, source_file=source.path) for row in rows)
    return IngestResult(
        documents=pl.DataFrame(documents, schema=DOCUMENT_COLUMNS | SOURCE_COLUMNS),
        blocks=pl.DataFrame(blocks, schema=BLOCK_COLUMNS | {"source_file": pl.String}),
        rejects=pl.DataFrame(rejects, schema=REJECT_COLUMNS),
    )


REPEAT_KEY_COLUMNS = ["source_file", "doc_id", "url", *SOURCE_COLUMNS]


def repeated_sources(candidates: pl.DataFrame) -> pl.DataFrame:
    """The `duplicate` reject rows among parsed files (REPEAT_KEY_COLUMNS, any order): of two files
    with the same bytes, article URL or normalised text (the same doc_id), the one later in path
    order is the reject, and its reason names the earliest such file."""
    first_with_bytes: dict[str, str] = {}
    first_with_doc_id: dict[str, str] = {}
    rejects = []
    for row in candidates.select(REPEAT_KEY_COLUMNS).sort("source_file").iter_rows(named=True):
        digest, path = row["source_bytes_sha256"], row["source_file"]
        if digest in first_with_bytes:
            reason = Rejected("duplicate", f"same bytes as {first_with_bytes[digest]}")
        elif row["doc_id"] in first_with_doc_id:
            what = "article URL" if row["url"] else "text (after white-space normalisation)"
            reason = Rejected("duplicate", f"same {what} as {first_with_doc_id[row['doc_id']]}")
        else:
            first_with_bytes[digest] = first_with_doc_id[row["doc_id"]] = path
            continue
        rejects.append({"source_file": path, "sha256": digest, "size_bytes": row["source_size_bytes"],
                        "stage": "ingest", "reason": str(reason)})
    return pl.DataFrame(rejects, schema=REJECT_COLUMNS)


def set_aside_repeats(documents: pl.DataFrame, blocks: pl.DataFrame, candidates: pl.DataFrame | None = None
                      ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(documents, blocks, duplicate rejects): the files that repeat an earlier file among
    `candidates` (REPEAT_KEY_COLUMNS; default: `documents` themselves, see `repeated_sources`)
    taken out of `documents` and `blocks` (both with `source_file`), and their reject rows."""
    repeats = repeated_sources(documents if candidates is None else candidates)
    if repeats.height:  # a filter copies every column, so only when there is something to take out
        kept_files = pl.col("source_file").is_in(repeats["source_file"].implode()).not_()
        documents, blocks = documents.filter(kept_files), blocks.filter(kept_files)
    return documents, blocks, repeats


def drop_repeated_sources(parsed: IngestResult) -> IngestResult:
    """`parsed` (from `parse_each`) without the repeated files, which become `duplicate` rejects
    (`repeated_sources`), and without the SOURCE_COLUMNS and the blocks' `source_file`."""
    documents, blocks, repeats = set_aside_repeats(parsed.documents, parsed.blocks)
    return IngestResult(
        documents=documents.drop(*SOURCE_COLUMNS).sort("source_file"),
        blocks=blocks.drop("source_file"),
        rejects=pl.concat([parsed.rejects, repeats], how="vertical").sort("source_file"),
    )


def parse_sources(
    sources: list[SourceFile], reference: Reference, config: IngestConfig = IngestConfig()
) -> IngestResult:
    """Parse every source in path order; each bad file becomes one reject row and never stops the
    good ones. Of two copies of an article, the one later in path order is the reject."""
    return drop_repeated_sources(parse_each(sources, reference, config))


def reject_code(reason: str) -> str:
    """The stable code of a reject reason ("binary: 37.0% control bytes" -> "binary")."""
    return reason.split(":", 1)[0]


def rejects_summary(rejects: pl.DataFrame) -> str:
    """One line for logs and the CLI: "3 input files rejected (binary 1, empty 2)"."""
    if rejects.height == 0:
        return "0 input files rejected"
    counts = Counter(reject_code(reason) for reason in rejects["reason"])
    parts = ", ".join(f"{code} {counts[code]}" for code in sorted(counts))
    noun = "file" if rejects.height == 1 else "files"
    return f"{rejects.height} input {noun} rejected ({parts})"


def raise_if_rejected(rejects: pl.DataFrame) -> None:
    """For strict runs: raise InputRejected (one line: the summary and the first reject in path
    order) when any input file was rejected; return quietly otherwise."""
    if rejects.height == 0:
        return
    first = rejects.sort("source_file").row(0, named=True)
    raise InputRejected(f"strict: {rejects_summary(rejects)}, nothing published "
                        f"(first: {first['source_file']}: {first['reason']})")
