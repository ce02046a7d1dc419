"""Pandera (polars backend) models of the released tables, one module per table.

`RELEASE_TABLES` maps each Parquet file name of a release to its model; the pipeline validates
every table against it before publishing, and `vndiplo validate` re-checks a written release.
`schemas/json/<table>.schema.json` is the JSON Schema of one row of each table, generated from
these models by `python -m flows.schema_json` (regenerate and commit after changing a model; a
test fails while the files are stale). Each release's `datapackage.json` and `DATACARD.md` take
their field descriptions from the models too.
"""

from schemas.blocks import Blocks
from schemas.documents import Documents
from schemas.entities import Entities
from schemas.event_mentions import EventMentions
from schemas.events import Events
from schemas.mentions import Mentions
from schemas.rejects import Rejects
from schemas.statements import Statements

RELEASE_TABLES = {
    "documents": Documents,
    "blocks": Blocks,
    "events": Events,
    "statements": Statements,
    "mentions": Mentions,
    "event_mentions": EventMentions,
    "entities": Entities,
    "rejects": Rejects,
}

__all__ = ["RELEASE_TABLES", "Blocks", "Documents", "Entities", "EventMentions", "Events", "Mentions",
           "Rejects", "Statements"]
