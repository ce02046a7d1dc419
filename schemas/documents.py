"""Schema of documents.parquet: one row per ingested article, canonical or duplicate."""

import datetime as dt
from typing import Optional

import pandera.polars as pa
import polars as pl

PUBLISHED_SOURCES = ["date_line", "title_timestamp", "dateline"]
TITLE_SOURCES = ["title_line", "caption"]
DUPLICATE_REASONS = ["near_duplicate", "excerpt"]
RELEVANCE = ["diplomatic_contact", "official_statement", "not_relevant"]


class Documents(pa.DataFrameModel):
    doc_id: str = pa.Field(unique=True, str_matches=r"^doc_[0-9a-f]{16}$",
                           description="Stable id: sha256 of the normalised URL, else of the normalised file text.")
    source_file: str = pa.Field(unique=True, description="Path of the raw file relative to the input folder.")
    url: Optional[str] = pa.Field(nullable=True, description="Article URL when the file names one.")
    outlet: Optional[str] = pa.Field(nullable=True, description="News outlet, from the URL host or a lead marker such as '(PLO)-'; null when the file does not say.")
    title: Optional[str] = pa.Field(nullable=True, description="Headline (normalised); from the opening photo caption when the file has no headline line.")
    title_source: Optional[str] = pa.Field(nullable=True, isin=TITLE_SOURCES, description="Where the title came from: 'title_line' or 'caption'.")
    author: Optional[str] = pa.Field(nullable=True, description="Reporter named in a closing byline, if any.")
    published_at: Optional[dt.datetime] = pa.Field(nullable=True, description="Publication time in Vietnam local time (ICT, UTC+7) as the file states it; null when the file has none.")
    published_at_precision: Optional[str] = pa.Field(nullable=True, isin=["day", "minute"], description="'day' when only the date is known, 'minute' with a time.")
    published_at_source: Optional[str] = pa.Field(nullable=True, isin=PUBLISHED_SOURCES, description="Header field the publication time came from.")
    text: str = pa.Field(description="Cleaned text: kept blocks (title, lead, body) joined by a blank line; offsets in other tables point into it.")
    sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="sha256 of the file's text as UTF-8: the raw bytes, unless the file was decoded from UTF-16/32 or Windows-1258.")
    content_sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="sha256 of the cleaned text (changes when cleaning changes).")
    n_blocks: int = pa.Field(ge=1, description="Number of blocks the raw file was split into.")
    n_kept_blocks: int = pa.Field(ge=0, description="Number of blocks kept in `text`.")
    duplicate_of: Optional[str] = pa.Field(nullable=True, description="doc_id of the canonical article when this one is a near-copy or an excerpt of it; extraction reads canonical documents only.")
    duplicate_reason: Optional[str] = pa.Field(nullable=True, isin=DUPLICATE_REASONS, description="'near_duplicate' (5-gram resemblance >= 0.8) or 'excerpt' (>= 0.8 of its 5-grams contained in the canonical).")
    duplicate_similarity: Optional[float] = pa.Field(nullable=True, ge=0, le=1, description="The resemblance or containment behind duplicate_reason.")
    relevance: str = pa.Field(isin=RELEVANCE, description="What the document can report, decided before annotation from its kept text and the reference data: 'diplomatic_contact' (a sentence holds a contact cue, an official and a foreign side), 'official_statement' (the title or lead holds an official position on a foreign matter) or 'not_relevant'. Only relevant canonical documents are annotated and yield events and statements.")
    relevance_reason: str = pa.Field(description="The evidence behind `relevance`: for a relevant document the block kind and the cues found ('title: contact 'hội đàm', official 'Thủ tướng', foreign 'Nhật Bản''); otherwise the excluded topic or the missing kind of evidence.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check
    def duplicate_has_reason(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("duplicate_of").is_null() == pl.col("duplicate_reason").is_null())

    @pa.dataframe_check
    def not_duplicate_of_itself(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("duplicate_of") != pl.col("doc_id")).fill_null(True))
