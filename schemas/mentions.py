"""Schema of mentions.parquet: every entity mention found in kept text and captions, and how it was linked."""

from typing import Optional

import pandera.polars as pa
import polars as pl

ENTITY_TYPES = ["person", "country", "place", "organisation", "title", "pronoun", "joint", "joint_document", "document",
                "state_body", "relative", "ner"]


class Mentions(pa.DataFrameModel):
    doc_id: str = pa.Field(description="Document of the mention.")
    sentence_index: pl.Int32 = pa.Field(ge=0, description="Sentence of the mention (see event_mentions/statements).")
    block_index: pl.Int32 = pa.Field(ge=0, description="Block of the sentence.")
    sentence_start: pl.Int32 = pa.Field(ge=0, description="Offset of the mention in its sentence.")
    sentence_end: pl.Int32 = pa.Field(ge=0, description="End offset of the mention in its sentence.")
    char_start: pl.Int32 = pa.Field(nullable=True, ge=0, description="Offset in documents.text; null for captions (not part of the cleaned text).")
    char_end: pl.Int32 = pa.Field(nullable=True, ge=0, description="End offset in documents.text; null for captions.")
    surface: str = pa.Field(description="The mention as written, title included ('Tổng thống Nga Vladimir Putin').")
    entity_type: str = pa.Field(isin=ENTITY_TYPES, description="person, country, place, organisation, title (a bare office), pronoun, joint, joint_document ('Tuyên bố chung'), document, state_body (a body of the state named right after it: 'Giới chức' in 'Giới chức Mỹ'), relative (a leader's wife named after 'Phu nhân' or 'Đệ nhất phu nhân', or son named with 'Jr': no official), or ner (an underthesea NER span that matched no reference entity).")
    entity_id: Optional[str] = pa.Field(nullable=True, description="Linked entity in entities.parquet; null when unlinked.")
    name: Optional[str] = pa.Field(nullable=True, description="Canonical name of a linked entity, or the name as written for a person the reference data does not know.")
    office_id: Optional[str] = pa.Field(nullable=True, description="Office named by the title in the mention.")
    role: Optional[str] = pa.Field(nullable=True, description="Generic role of that office (president, prime_minister, …).")
    resolve: Optional[str] = pa.Field(nullable=True, isin=["holder", "coref"], description="How a bare title resolves: the office holder on the event date, or the nearest earlier person with that role.")
    link_method: Optional[str] = pa.Field(nullable=True, description="alias_exact, alias_fuzzy (misspelling within a small edit distance), unlinked_title (a person missing from the reference data, named with a title: role and country from the text), unlinked_name (after an honorific only), office_holder_on_date, coreference, pronoun_coreference, title, speaker_phrase, ner_unlinked, honorific_name ('ông'/'bà' and a one-word name the NER tagger found, 'Ông Moon', that names no one the reference data knows), name_coreference (the same, resolved to a person named before it: 'Moon Jae-in'), this_country (a body or an office followed by 'nước này', 'this country': the state the document named last before it, 'Bộ Ngoại giao nước này' after 'Bộ Ngoại giao Trung Quốc').")
    alias_kind: Optional[str] = pa.Field(nullable=True, description="Kind of alias matched (full, short, surname, given_name, initial, transliteration, misspelling).")
    ner_tag: Optional[str] = pa.Field(nullable=True, description="underthesea NER tag (PER, LOC, ORG, MISC) overlapping the mention.")
    country: Optional[str] = pa.Field(nullable=True, description="ISO 3166-1 alpha-3 code of the country word inside a person's title ('Thủ tướng Nhật Bản Shinzo Abe' -> JPN), which gives the country of an official the reference data does not know; null otherwise.")

    class Config:
        strict = True
        coerce = False
