"""Score extraction on an annotated corpus in-process, through the `ingest_readout --dry-run
--format json` command the editors and the shared scorer use, with the shared scorer's matching
rules (`score_ingestion.py`, copied beside this file)."""

import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from tests.ingest import score_ingestion as scorer


@dataclass
class CorpusScore:
    docs: int
    failed: list[str]
    participants: float
    quotes: float
    topics: float
    commitments: float
    country: float
    party: float
    date: float
    modality: float

    def as_row(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "failed"}


def records(folder: Path) -> list[dict]:
    lines = []
    for path in sorted(folder.glob("truth*.jsonl")):
        lines += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return lines


def run_command(path: Path) -> dict | None:
    out = io.StringIO()
    try:
        call_command(
            "ingest_readout",
            str(path),
            "--dry-run",
            "--format",
            "json",
            stdout=out,
            stderr=io.StringIO(),
        )
    except CommandError:
        return None
    return json.loads(out.getvalue())


def score(folder: Path) -> CorpusScore:
    """The shared scorer's numbers for every document annotated in ``folder``."""
    part, country, quote, topic, commit, party = (
        scorer.Tally(), scorer.Acc(), scorer.Tally(), scorer.Tally(), scorer.Tally(), scorer.Acc()
    )  # fmt: skip
    date, modality, failed = scorer.Acc(), scorer.Acc(), []
    corpus = records(folder)
    for rec in corpus:
        out = run_command(folder / rec["file"])
        if out is None:
            failed.append(rec["file"])
            out = {}
        tp, pp = rec.get("participants", []), out.get("participants") or []
        pairs = scorer.pair_up(
            tp, pp, lambda t, p: float(scorer.same_person(t["name"], str(p.get("name", ""))))
        )
        part.add(len(tp), len(pp), len(pairs))
        for i, j in pairs:
            country.add(str(pp[j].get("country", "")).upper() == tp[i]["country"].upper())
        tq, pq = rec.get("quotes", []), out.get("quotes") or []
        pairs = scorer.pair_up(
            tq, pq, lambda t, p: scorer.text_match(t["text"], str(p.get("text", "")), 0.8)
        )
        quote.add(len(tq), len(pq), len(pairs))
        truth_topics = {scorer.slug(t) for t in rec.get("topics", [])} & scorer.BASELINE_TOPICS
        found = {scorer.slug(str(t)) for t in out.get("topics") or []} & scorer.BASELINE_TOPICS
        topic.add(len(truth_topics), len(found), len(truth_topics & found))
        tc, pc = rec.get("commitments", []), out.get("commitments") or []
        pairs = scorer.pair_up(
            tc, pc, lambda t, p: scorer.text_match(t["text"], str(p.get("text", "")), 0.6)
        )
        commit.add(len(tc), len(pc), len(pairs))
        for i, j in pairs:
            want = scorer.PARTY.get(scorer.norm_text(tc[i]["by"]), "other")
            got = scorer.PARTY.get(scorer.norm_text(str(pc[j].get("party", ""))), "other")
            party.add(want == got)
        if rec.get("meeting_date") and len(rec["meeting_date"]) == 10:
            date.add(str(out.get("meeting_date") or "")[:10] == rec["meeting_date"])
        if want_modality := scorer.modality_of(rec.get("format")):
            modality.add(out.get("modality") == want_modality)
    return CorpusScore(
        docs=len(corpus),
        failed=failed,
        participants=round(part.prf()[2], 3),
        quotes=round(quote.prf()[2], 3),
        topics=round(topic.prf()[2], 3),
        commitments=round(commit.prf()[2], 3),
        country=round(country.value(), 3),
        party=round(party.value(), 3),
        date=round(date.value(), 3),
        modality=round(modality.value(), 3),
    )
