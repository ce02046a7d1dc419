"""Schema of blocks.parquet: the audit trail of cleaning and deduplication.

Every block of every article is here, kept or not, with its kind and the reason it was dropped.
The checks prove the two promises of the table: the raw file text is recoverable block by block
(raw offsets tile the file: each block starts where the previous ended plus its `raw_prefix`),
and the cleaned text is the kept blocks' `clean_text` joined by a blank line (kept offsets tile
`documents.text`; `vndiplo validate` also compares the two tables).
"""

from typing import Optional

import pandera.polars as pa
import polars as pl

from flows.stages.clean import BLOCK_KINDS, KEPT_KINDS

SEPARATOR_LENGTH = 2  # the blank line between kept blocks


class Blocks(pa.DataFrameModel):
    doc_id: str = pa.Field(description="Document the block belongs to.")
    block_index: pl.Int32 = pa.Field(ge=0, description="Position of the block in the raw file (0-based).")
    kind: str = pa.Field(isin=list(BLOCK_KINDS), description="What the block is: title, lead, body, caption, byline, pull_quote, pull_quote_attribution, sidebar, site_chrome, metadata or markup.")
    kept: bool = pa.Field(description="True when the block is part of the cleaned document text.")
    reason: Optional[str] = pa.Field(nullable=True, description="Why the block is not kept ('caption: …', 'sidebar: after …', 'exact_duplicate: repeats block 4', …); null for kept blocks.")
    duplicate_of_doc_id: Optional[str] = pa.Field(nullable=True, description="Document of the block this one repeats, when it does.")
    duplicate_of_block: pl.Int32 = pa.Field(nullable=True, ge=0, description="block_index of the block this one repeats, when it does.")
    header_role: Optional[str] = pa.Field(nullable=True, isin=["url", "date_line", "title_timestamp", "dateline"], description="Header field carried by a metadata block.")
    raw_prefix: str = pa.Field(description="Raw text (white space) between the previous block and this one.")
    text: str = pa.Field(description="The block's original text, exactly as in the file.")
    raw_suffix: str = pa.Field(description="Raw text after the last block of the file (empty for other blocks).")
    raw_start: pl.Int32 = pa.Field(ge=0, description="Offset of `text` in the decoded file.")
    raw_end: pl.Int32 = pa.Field(ge=0, description="End offset of `text` in the decoded file.")
    clean_text: str = pa.Field(description="Normalised text of the block (NFC, old-style tone marks, single spaces).")
    char_start: pl.Int32 = pa.Field(nullable=True, ge=0, description="Offset of clean_text in documents.text; null when not kept.")
    char_end: pl.Int32 = pa.Field(nullable=True, ge=0, description="End offset of clean_text in documents.text; null when not kept.")

    class Config:
        strict = True
        coerce = False
        unique = ["doc_id", "block_index"]

    @pa.dataframe_check
    def kept_kinds_only(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(~pl.col("kept") | pl.col("kind").is_in(list(KEPT_KINDS)))

    @pa.dataframe_check
    def dropped_blocks_have_a_reason(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("kept") | pl.col("reason").is_not_null())

    @pa.dataframe_check
    def kept_blocks_have_offsets(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.when(pl.col("kept"))
            .then((pl.col("char_end") - pl.col("char_start")) == pl.col("clean_text").str.len_chars())
            .otherwise(pl.col("char_start").is_null() & pl.col("char_end").is_null())
            .fill_null(False)
        )

    @pa.dataframe_check
    def raw_text_is_recoverable(cls, data) -> pl.LazyFrame:
        ordered = data.lazyframe.sort("doc_id", "block_index")
        previous_end = pl.col("raw_end").shift(1).over("doc_id").fill_null(0)
        return ordered.select(
            ((pl.col("raw_end") - pl.col("raw_start")) == pl.col("text").str.len_chars())
            & (pl.col("raw_start") == previous_end + pl.col("raw_prefix").str.len_chars())
        )

    @pa.dataframe_check
    def kept_blocks_tile_the_cleaned_text(cls, data) -> pl.LazyFrame:
        kept = data.lazyframe.filter(pl.col("kept")).sort("doc_id", "block_index")
        previous_end = pl.col("char_end").shift(1).over("doc_id")
        expected = pl.when(previous_end.is_null()).then(0).otherwise(previous_end + SEPARATOR_LENGTH)
        return kept.select(pl.col("char_start") == expected)
