"""Read → clean → extract: one call that the command, the admin screen and the sample-data
loader share, so they always agree on what a document says."""

from dataclasses import dataclass

from engagements.ingest.clean import CleanedDocument, clean_document
from engagements.ingest.contract import to_contract
from engagements.ingest.documents import IngestError, RawDocument
from engagements.ingest.extract import Extraction, extract
from engagements.ingest.gazetteer import Gazetteer


@dataclass
class Analysis:
    document: RawDocument
    cleaned: CleanedDocument
    extraction: Extraction
    contract: dict
    gazetteer: Gazetteer  # what the document was read with, for resolving its names again


def analyse(document: RawDocument, *, gazetteer: Gazetteer | None = None) -> Analysis:
    """Extract the ingestion contract from ``document``. Costs a few queries to build the
    gazetteer from the database unless one is passed in (batches pass one in)."""
    cleaned = clean_document(document.text, content_type=document.content_type)
    if not cleaned.text.strip():
        raise IngestError(f"{document.label} has no readable text once scripts and markup go.")
    gazetteer = gazetteer or Gazetteer.from_database()
    extraction = extract(cleaned, gazetteer)
    contract = to_contract(extraction)
    if not contract["participants"]:
        # Also what a block page or an index page served instead of the readout looks like.
        raise IngestError(
            f"{document.label} describes no meeting: no officials meeting or speaking with "
            "each other were found in it."
        )
    return Analysis(document, cleaned, extraction, contract, gazetteer)
