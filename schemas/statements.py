"""Schema of statements.parquet: who said what, one row per speaker (joint statements: one per side)."""

from typing import Optional

import pandera.polars as pa
import polars as pl

SPEAKER_TYPES = ["person", "joint", "organisation", "document", "country"]


class Statements(pa.DataFrameModel):
    statement_id: str = pa.Field(unique=True, str_matches=r"^stm_[0-9a-f]{16}$", description="Stable id from doc_id, the verb's offset and the speaker.")
    doc_id: str = pa.Field(description="Document the statement was read from.")
    event_id: Optional[str] = pa.Field(nullable=True, description="The contact the statement was made in (the document's main event).")
    speaker_id: Optional[str] = pa.Field(nullable=True, description="entity_id of the speaker; null for a person the reference data does not know (speaker_method 'unlinked_name'), for document/organisation subjects not in the reference data ('Thông điệp', 'Đại hội') and for a joint subject with no event to name its sides.")
    speaker_name: str = pa.Field(description="Canonical name of the speaker, or the subject as written.")
    speaker_type: str = pa.Field(isin=SPEAKER_TYPES, description="person, joint (resolved row of a 'hai bên' statement has type person with joint=true), organisation, document or country.")
    speaker_role: Optional[str] = pa.Field(nullable=True, description="Speaker's office on the event date (English label).")
    speaker_country: Optional[str] = pa.Field(nullable=True, description="ISO 3166-1 alpha-3 code of the speaker's country (for a speaker without speaker_id, the state its title or body names, when it names one).")
    speaker_method: str = pa.Field(description="How the speaker was found: alias_exact, alias_fuzzy, office_holder_on_date, coreference, pronoun_coreference, coordinated_subject, joint_phrase, country_subject_continues_speaker, body_subject_continues_its_head ('Quốc hội Việt Nam ủng hộ …' right after its chair spoke), speaker_phrase, state_body (a body of a state, 'Giới chức Mỹ': no speaker_id, the state in speaker_country), seat_of_government (a building that stands for a government, 'Điện Kremlin cho biết': no speaker_id, its state in speaker_country), name_coreference (a short name, 'ông Moon', of a person named before), spokesperson_coreference (a body's unnamed spokesperson, 'phát ngôn viên Điện Kremlin', who is the person the document named as that body's spokesperson before), state_leader_coreference (a state's leader named by the state, 'nhà lãnh đạo Hàn Quốc', who is the one leader of that state the document named before), document_author (the author of a message named before, 'Thông điệp nhấn mạnh …'), unlinked_title (a titled official the reference data does not know), unlinked_name.")
    joint: bool = pa.Field(description="True when both sides speak together ('hai bên', 'hai nhà lãnh đạo', 'A và B nhấn mạnh').")
    act: str = pa.Field(description="Normalised English label of the speech act (affirm, emphasize, congratulate, thank, invite, propose, agree, …).")
    cameo_code: str = pa.Field(str_matches=r"^\d{3}$", description="CAMEO code of the speech act.")
    verb: str = pa.Field(description="The Vietnamese reporting verb as written.")
    quote_type: str = pa.Field(isin=["direct", "indirect"], description="'direct' when the content is in quotation marks.")
    content: str = pa.Field(description="What was said, without speaker and verb, nor where, to whom or in what it "
                                     "was said when a colon or 'rằng' opens the words.")
    sentence: str = pa.Field(description="The whole sentence the statement comes from.")
    sentence_index: pl.Int32 = pa.Field(ge=0, description="Index of the sentence in the document's sentences.")
    block_kind: str = pa.Field(isin=["lead", "body"], description="Kind of block the sentence is in.")
    char_start: pl.Int32 = pa.Field(ge=0, description="Offset of `sentence` in documents.text.")
    char_end: pl.Int32 = pa.Field(ge=0, description="End offset of `sentence` in documents.text.")
    topics: pl.List(pl.String) = pa.Field(description="Topics of the content from the keyword lexicon.")
    confidence: float = pa.Field(ge=0.0, le=1.0, description="Rule-based confidence, the sum of the evidence that held: 0.40 the speaker is a person, state or organisation of the reference data (0.30 a titled official known from the text, or a joint statement of the event's sides; 0.15 a subject as written or an untitled name); 0.20 the speaker is named in the sentence itself (not a coreference or pronoun); 0.20 the document reports a published event; 0.20 the speaker takes part in it (or speaks for its sides jointly).")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check
    def sentence_span_matches(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("char_end") - pl.col("char_start")) == pl.col("sentence").str.len_chars())

    @pa.dataframe_check
    def every_statement_names_its_speaker(cls, data) -> pl.LazyFrame:
        # A person may be missing from the reference data (no id, but a name); a country never is.
        return data.lazyframe.select(
            (pl.col("speaker_name").str.len_chars() > 0)
            & (pl.col("speaker_id").is_not_null() | (pl.col("speaker_type") != "country"))
        )
