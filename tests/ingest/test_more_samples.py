"""Six State and Defense Department readouts from mirror sites (readouts_more/, verbatim) end
to end against hand-made truth. The set-level checks mirror the product targets; the
per-document checks pin the rules each text exercises. The development and held-out corpora of
real documents from many more publishers are scored in test_corpus.py.
"""

import json
from pathlib import Path

import pytest

from engagements.ingest.clean import clean_document
from engagements.ingest.contract import to_contract
from engagements.ingest.extract import extract
from engagements.ingest.gazetteer import Gazetteer
from engagements.taxonomy import keywords_by_slug
from tests.ingest.test_samples import norm, same_person

READOUTS = Path(__file__).parent / "readouts_more"
TRUTH = {
    record["file"]: record
    for record in map(json.loads, (READOUTS / "truth.jsonl").read_text().splitlines())
}
MODALITY = {"phone call": "phone_call", "video conference": "video_call"}
PARTY = {"US": "US", "KR": "KR", "both": "joint"}


def slug(topic):
    return topic.replace(" ", "-")


@pytest.fixture(scope="module")
def outputs():
    gazetteer = Gazetteer.default()
    return {
        name: to_contract(extract(clean_document((READOUTS / name).read_text()), gazetteer))
        for name in TRUTH
    }


def f1(tp, n_pred, n_truth):
    return 2 * tp / (n_pred + n_truth) if n_pred + n_truth else 1.0


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_participants_and_countries(outputs, name):
    want, got = TRUTH[name]["participants"], outputs[name]["participants"]
    assert len(got) == len(want), got
    for person in want:
        match = [p for p in got if same_person(person["name"], p["name"])]
        assert match, f"missed {person['name']} in {got}"
        assert match[0]["country"] == person["country"]


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_modality(outputs, name):
    want = MODALITY.get(TRUTH[name]["format"], "in_person")
    assert outputs[name]["modality"] == want


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_meeting_date_when_the_text_establishes_it(outputs, name):
    want = TRUTH[name]["meeting_date"]
    if want:
        assert outputs[name]["meeting_date"] == want
    elif name != "05-dod-austin-shin-call-frontierpost.txt":  # only a mirror's date line
        assert outputs[name]["meeting_date"] is None


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_quotes_and_speakers(outputs, name):
    want, got = TRUTH[name]["quotes"], outputs[name]["quotes"]
    assert len(got) == len(want)
    for quote in want:
        match = [q for q in got if norm(quote["text"]) in norm(q["text"])]
        assert match
        assert same_person(quote["speaker"], match[0]["speaker"] or "")


def test_topics_and_commitments_over_the_set(outputs):
    baseline = set(keywords_by_slug())
    topic_tp = topic_pred = topic_truth = 0
    commit_tp = commit_pred = commit_truth = party_ok = 0
    for name, record in TRUTH.items():
        want = {slug(t) for t in record["topics"]} & baseline
        got = set(outputs[name]["topics"]) & baseline
        topic_tp, topic_pred, topic_truth = (
            topic_tp + len(want & got),
            topic_pred + len(got),
            topic_truth + len(want),
        )
        got_c = list(outputs[name]["commitments"])
        commit_pred += len(got_c)
        commit_truth += len(record["commitments"])
        for c in record["commitments"]:
            match = [g for g in got_c if norm(c["text"]) in norm(g["text"])]
            if match:
                commit_tp += 1
                party_ok += match[0]["party"] == PARTY[c["by"]]
                got_c.remove(match[0])
    assert f1(topic_tp, topic_pred, topic_truth) >= 0.9
    assert f1(commit_tp, commit_pred, commit_truth) >= 0.9
    assert party_ok / commit_tp >= 0.9


def test_a_date_that_is_not_the_meeting_is_not_taken(outputs):
    # "his May 12 appointment" in a readout that says "yesterday" and has no date line.
    assert outputs["02-state-blinken-park-intro-call-2022.txt"]["meeting_date"] is None
