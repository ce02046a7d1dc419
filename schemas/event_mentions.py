"""Schema of event_mentions.parquet: where each event is reported (document, sentence, span)."""


import pandera.polars as pa
import polars as pl


class EventMentions(pa.DataFrameModel):
    event_id: str = pa.Field(description="Event in events.parquet.")
    doc_id: str = pa.Field(description="Document reporting it.")
    sentence_index: pl.Int32 = pa.Field(ge=0, description="Sentence with the trigger.")
    block_kind: str = pa.Field(isin=["title", "lead", "body", "caption"], description="Kind of block of that sentence (a caption marks a historical mention).")
    char_start: pl.Int32 = pa.Field(nullable=True, ge=0, description="Offset of the sentence in documents.text (null for captions).")
    char_end: pl.Int32 = pa.Field(nullable=True, ge=0, description="End offset of the sentence in documents.text (null for captions).")
    trigger: str = pa.Field(description="Trigger word as written.")
    sentence: str = pa.Field(description="The sentence.")

    class Config:
        strict = True
        coerce = False
