"""Schema of events.parquet: one row per real-world contact, merged across documents."""

import datetime as dt
from typing import Optional

import pandera.polars as pa
import polars as pl

EVENT_TYPES = ["phone_call", "talks", "meeting", "reception", "visit", "ceremony", "banquet", "message",
               "joint_statement", "agreement"]
DATE_PRECISIONS = ["day", "month", "year", "none"]
PARTICIPANT = pl.Struct({"entity_id": pl.String, "name": pl.String, "office_id": pl.String,
                         "role": pl.String, "country": pl.String, "link_method": pl.String})


class Events(pa.DataFrameModel):
    event_id: str = pa.Field(unique=True, str_matches=r"^evt_[0-9a-f]{16}$", description="Stable id from date, type and participant ids (undated events: from the document).")
    event_type: str = pa.Field(isin=EVENT_TYPES, description="Kind of contact.")
    cameo_code: str = pa.Field(str_matches=r"^\d{3}$", description="CAMEO code: 041 phone call, 042 visit, 043 host a visit, 044 meeting in a third country, 046 talks, 051 praise/congratulate, 018 condolence, 057 agreement, 040 consult.")
    plover_category: Optional[str] = pa.Field(nullable=True, description="PLOVER event category (e.g. CONSULT, AGREE, SUPPORT).")
    plover_mode: Optional[str] = pa.Field(nullable=True, description="PLOVER mode within the category (e.g. phone, visit, host).")
    date: Optional[dt.date] = pa.Field(nullable=True, description="Day the contact happened (not the publication day); null when the text does not fix it.")
    end_date: Optional[dt.date] = pa.Field(nullable=True, description="Last day of a multi-day contact ('từ ngày 14 đến 15-1').")
    date_precision: str = pa.Field(isin=DATE_PRECISIONS, description="How much of the date is known: day, month, year or none.")
    date_source: Optional[str] = pa.Field(nullable=True, isin=["text", "relative_to_published", "published_year", "inferred_anniversary", "inferred_year_mention", "inferred_office"], description="How the date was fixed.")
    date_text: Optional[str] = pa.Field(nullable=True, description="The date expression as written ('chiều 24-2', 'tối nay').")
    time_of_day: Optional[str] = pa.Field(nullable=True, isin=["rạng sáng", "sáng", "trưa", "chiều", "tối", "đêm"], description="Part of the day when the text says it.")
    location: Optional[str] = pa.Field(nullable=True, description="Most specific place named (building, city or country).")
    location_id: Optional[str] = pa.Field(nullable=True, description="entity_id of the location in entities.parquet.")
    location_city: Optional[str] = pa.Field(nullable=True, description="City of the location.")
    location_country: Optional[str] = pa.Field(nullable=True, description="ISO 3166-1 alpha-3 code of the location's country.")
    geo_precision: str = pa.Field(isin=["building", "city", "region", "country", "none"], description="Level of the location.")
    participants: pl.List(PARTICIPANT) = pa.Field(description="People (or, for joint statements, countries) taking part: the subject and the object or partner of the contact, never a name inside a place ('Thành phố Hồ Chí Minh'), a possessive or a leader recalled from the past. Each with its office on the event date, role (office label; for an official the reference data does not know, the title's role), country, and link_method (alias_exact, office_holder_on_date, coreference, …; unlinked_title for an official the reference data does not know, named with a title whose role and country come from the text: entity_id null; office_unresolved for an official named only by an office and its state, with no name ('Tổng thống Senegal'), or a counterpart named only by his state ('người đồng cấp Qatar'): entity_id null; officials_of_state for officials named only as a group of a state, the partner of the contact ('các nhà ngoại giao Nga', 'phái đoàn Pakistan'); state_body for a state's body named with its state, the receiver of a handover ('bàn giao 6 tàu tuần tra cho Cảnh sát Biển Việt Nam'): entity_id null: entity_id null, the state in country; meeting_host for the international organisation whose summit or meeting the other side attends ('tham dự hội nghị thượng đỉnh NATO'): the organisation's entity_id, country null; naval_force and naval_commander for the ship or navy of a naval port visit and its commander, visit_host for the state a visit goes to).")
    historical: bool = pa.Field(description="True for a past contact mentioned in passing (e.g. in a caption), not the article's subject.")
    trigger: str = pa.Field(description="The Vietnamese trigger word as written in the first source ('điện đàm', 'hội kiến'); for a visit told only by where an official is ('Tại Warsaw, Tổng thống Trump phát biểu …'), the place's name ('Warsaw').")
    source_doc_ids: pl.List(pl.String) = pa.Field(description="Documents reporting the event (canonical documents and their duplicates).")
    n_sources: pl.Int32 = pa.Field(ge=1, description="Number of source documents.")
    involves_vietnam: bool = pa.Field(description="True when one side of the contact is Vietnamese (a contact between two other countries is in scope too, with false).")
    confidence: float = pa.Field(ge=0.0, le=1.0, description="Rule-based confidence, the sum of the evidence that held (weights from what predicted a right event on the dev gold): 0.30 the document's main event (0.15 a secondary, framing or past contact); 0.20 the trigger is in the lead (0.10 body or title; 0 a caption); 0.25 a contact between officials of both sides (0 a visit, a visit hosted only by a state, or states only); 0.15 exactly two participants; 0.10 the date is written in the text or relative to the publication date (0.05 no date; 0 an inferred date). Merged events keep the highest. Filter on it to trade recall for precision.")

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check
    def day_precision_has_date(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("date_precision") == "none") | pl.col("date").is_not_null())

    @pa.dataframe_check
    def n_sources_counts_sources(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("n_sources") == pl.col("source_doc_ids").list.len())

    @pa.dataframe_check
    def end_not_before_start(cls, data) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("end_date") >= pl.col("date")).fill_null(True))
