"""Small text helpers shared by the stages: folding, word tokens, stable hashes."""

from __future__ import annotations

import hashlib
import re
import unicodedata

WORD_RE = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """ASCII-fold and lower-case Vietnamese text ("Tô Lâm" -> "to lam"); used for matching only."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


# The older spelling of a syllable the reference data writes the newer way ("kí kết" for "ký kết"): 36 of the
# baomoi-2017 corpus's 31,806 articles write "kí kết", "đã kí", "kí thỏa thuận" or "kí hiệp định", 1,179 the
# same with "ký" (counted 2026-12-05).
OLDER_SPELLING_RE = re.compile(r"(?<!\w)([Kk])í(?!\w)")


def standard_spelling(text: str) -> str:
    """`text` with "kí" written "ký", for matching the reference data's words; same length, so every
    offset into it is one into `text`."""
    return OLDER_SPELLING_RE.sub(r"\1ý", text)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.casefold())


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A content-derived id: the same parts always give the same id, in any run or order."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:length]}"


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
