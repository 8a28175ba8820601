"""Extraction scored on real documents, through the `ingest_readout --dry-run --format json`
command, with the shared scorer's rules.

`corpus/dev/` is what rules may be written against; `corpus/test/` was annotated before the
extractor ever ran on it and no rule is tuned on it (corpus/ANNOTATION.md). The floors are the
scores last measured (README, "How well extraction holds"), so a change that loses ground on
either set fails here; raise them when a change gains.
"""

from pathlib import Path

import pytest

from tests.ingest.corpus_scoring import score

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"
FIELDS = ("participants", "quotes", "topics", "commitments", "party", "date", "modality")

FLOORS = {
    "dev": {
        "participants": 0.95, "quotes": 0.99, "topics": 0.89, "commitments": 0.80,
        "party": 0.91, "date": 0.86, "modality": 0.99,
    },
    "test": {
        "participants": 0.88, "quotes": 0.80, "topics": 0.84, "commitments": 0.74,
        # Party accuracy is over the commitments found: 63 right of 75 found, where the
        # extractor the set was annotated against found 53 and had 45 right (0.85).
        "party": 0.84, "date": 0.66, "modality": 0.89,
    },
}  # fmt: skip
# Documents of each set the command still refuses although they name officials who met.
REFUSED_AT_MOST = {"dev": 0, "test": 4}


@pytest.mark.parametrize("name", ["dev", "test"])
def test_extraction_holds_its_scores(name):
    result = score(CORPUS / name)
    assert result.docs >= 46
    assert len(result.failed) <= REFUSED_AT_MOST[name], result.failed
    measured = {field: getattr(result, field) for field in FIELDS}
    below = {f: (measured[f], floor) for f, floor in FLOORS[name].items() if measured[f] < floor}
    assert not below, f"below the floor (measured, floor): {below}"


def test_the_two_sets_share_no_document():
    dev = {p.read_bytes() for p in (CORPUS / "dev").glob("*.txt")}
    test = {p.read_bytes() for p in (CORPUS / "test").glob("*.txt")}
    assert len(dev) >= 56
    assert len(test) >= 46
    assert not dev & test
