"""Schema of rejects.parquet: input that could not be used, with the reason (nothing disappears silently).

One row per rejected input file. `reason` is one line, "<code>: <detail>": the code is stable
(for ingest, one of `flows.stages.ingest.REJECT_CODES`, listed with their rules in that module's
docstring) so rows can be counted by kind; the detail names the measured figure and the limit,
or the earlier file a duplicate copies.
"""

from typing import Optional

import pandera.polars as pa

# "<code>: <detail>", the code in snake case, the whole reason on one line.
REASON_PATTERN = r"^[a-z][a-z0-9_]*: [^\r\n]+$"


class Rejects(pa.DataFrameModel):
    source_file: str = pa.Field(description="Path of the rejected file relative to the input folder.")
    sha256: Optional[str] = pa.Field(
        nullable=True, str_matches=r"^[0-9a-f]{64}$",
        description="sha256 of the raw file bytes; null when the file was not read (outside the input "
                    "folder, not a regular file, unreadable, over the size limit).")
    size_bytes: Optional[int] = pa.Field(
        nullable=True, ge=0,
        description="File size in bytes (from stat when the file was not read); null when there is no "
                    "regular file to measure (a symlink out of the folder, a directory, a broken symlink).")
    stage: str = pa.Field(isin=["ingest", "clean", "extract"], description="Stage that rejected it.")
    reason: str = pa.Field(str_matches=REASON_PATTERN,
                           description="One line: a stable reason code, a colon, then the detail "
                                       "(e.g. 'binary: 37.0% control bytes (limit 1.0%)').")

    class Config:
        strict = True
        coerce = False
