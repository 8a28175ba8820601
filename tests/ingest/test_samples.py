"""The six sample readouts end to end against their hand-made truth (readouts/truth.jsonl).

Matching is as lenient as the project's scorer: people match on name tokens, passages when one
contains the other, topics on the baseline slugs only.
"""

import json
import re
from pathlib import Path

import pytest

from engagements.ingest.clean import clean_document
from engagements.ingest.contract import to_contract
from engagements.ingest.extract import extract
from engagements.ingest.gazetteer import Gazetteer
from engagements.taxonomy import keywords_by_slug

READOUTS = Path(__file__).parent / "readouts"
TRUTH = {
    record["file"]: record
    for record in map(json.loads, (READOUTS / "truth.jsonl").read_text().splitlines())
}
MODALITY = {"phone call": "phone_call", "in-person": "in_person"}


def norm(text):
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", re.sub(r"[*\\_`]", "", text)).strip().lower()


def name_tokens(name):
    stop = {"president", "secretary", "minister", "mr", "ms", "dr", "jr", "the", "of"}
    return {t for t in re.findall(r"[a-z0-9]+", norm(name).replace("-", "")) if len(t) > 1} - stop


def same_person(a, b):
    ta, tb = name_tokens(a), name_tokens(b)
    return bool(ta and tb and (ta <= tb or tb <= ta))


@pytest.fixture(scope="module")
def outputs():
    gazetteer = Gazetteer.default()
    return {
        name: to_contract(extract(clean_document((READOUTS / name).read_text()), gazetteer))
        for name in TRUTH
    }


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_participants_and_their_countries(outputs, name):
    want, got = TRUTH[name]["participants"], outputs[name]["participants"]
    assert len(got) == len(want)
    for person in want:
        match = [p for p in got if same_person(person["name"], p["name"])]
        assert match, f"missed {person['name']}"
        assert match[0]["country"] == person["country"]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_spokespeople_are_speakers_not_participants(outputs, name):
    for spokesperson in TRUTH[name]["spokesperson_or_author"]:
        assert any(same_person(spokesperson["name"], s["name"]) for s in outputs[name]["speakers"])
        assert not any(
            same_person(spokesperson["name"], p["name"]) for p in outputs[name]["participants"]
        )


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_meeting_date_and_modality(outputs, name):
    truth, out = TRUTH[name], outputs[name]
    assert out["meeting_date"] == truth["meeting_date"]
    fmt = truth["format"]
    assert out["modality"] == MODALITY.get(fmt, "in_person")


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_quotes_with_speakers(outputs, name):
    want, got = TRUTH[name]["quotes"], outputs[name]["quotes"]
    assert len(got) == len(want)
    for quote in want:
        text = norm(quote["text"]).rstrip(",")
        match = [q for q in got if text in norm(q["text"]) or norm(q["text"]) in text]
        assert match, f"missed quote {quote['text'][:40]}"
        assert same_person(quote["speaker"], match[0]["speaker"])


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_topics_cover_the_truth(outputs, name):
    want = {re.sub(r"[^a-z0-9]+", "-", t.lower()) for t in TRUTH[name]["topics"]}
    want &= set(keywords_by_slug())
    got = set(outputs[name]["topics"])
    assert want <= got
    assert len(got - want) <= 2  # a few extra keyword hits are tolerated, not a flood


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_commitments_found_with_their_party(outputs, name):
    got = outputs[name]["commitments"]
    want = TRUTH[name]["commitments"]
    for commitment in want:
        text = norm(commitment["text"])
        match = [c for c in got if text in norm(c["text"]) or norm(c["text"]) in text]
        assert match, f"missed commitment {commitment['text'][:50]}"
        party = {"both": "joint"}.get(commitment["by"], commitment["by"])
        assert match[0]["party"] == party
    assert len(got) <= len(want) + 1


def test_evidence_spans_are_text_of_the_document(outputs):
    for name, out in outputs.items():
        text = clean_document((READOUTS / name).read_text()).text
        evidence = out["evidence"]
        for key in ("meeting_date", "modality", "location"):
            if key in evidence:
                assert evidence[key] in text
        for span in evidence["participants"] + evidence["commitments"] + evidence["quotes"]:
            assert span in text


def test_related_meeting_on_august_25_resolves_only_with_a_publication_date(outputs):
    with_date = outputs["22-state-rubio-cho-hyun-sept-2025.txt"]["related_meetings"]
    without = outputs["00-seed-rubio-cho-article.txt"]["related_meetings"]
    assert [m["date"] for m in with_date] == ["2025-08-25"]
    assert [m["date"] for m in without] == [None]
    assert "Lee Jae Myung on August 25" in without[0]["text"]
