"""Schema of rejects.parquet: input that could not be used, with the reason (nothing disappears silently)."""

from typing import Optional

import pandera.polars as pa


class Rejects(pa.DataFrameModel):
    source_file: str = pa.Field(description="Path of the rejected file relative to the input folder.")
    sha256: Optional[str] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$", description="sha256 of the raw file bytes.")
    stage: str = pa.Field(isin=["ingest", "clean", "extract"], description="Stage that rejected it.")
    reason: str = pa.Field(str_length={"min_value": 1}, description="One-line reason.")

    class Config:
        strict = True
        coerce = False
