"""Schema of entities.parquet: the reference people, countries, places and organisations of this release."""

from typing import Optional

import pandera.polars as pa
import polars as pl

OFFICE_SPAN = pl.Struct({"office_id": pl.String, "label_en": pl.String, "start": pl.Date, "end": pl.Date})


class Entities(pa.DataFrameModel):
    entity_id: str = pa.Field(unique=True, str_matches=r"^(person|country|place|org):\S+$", description="Stable id with a type prefix (person:vladimir-putin, country:RUS, place:moskva, org:cpv).")
    entity_type: str = pa.Field(isin=["person", "country", "place", "organisation"], description="Type of entity.")
    name: str = pa.Field(description="Canonical Vietnamese name.")
    country: Optional[str] = pa.Field(nullable=True, description="ISO 3166-1 alpha-3 code of the entity's country.")
    aliases: pl.List(pl.String) = pa.Field(description="Surface forms linked to the entity.")
    offices: pl.List(OFFICE_SPAN) = pa.Field(description="Offices held, with tenure dates (people only).")

    class Config:
        strict = True
        coerce = False
