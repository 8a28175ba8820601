#!/usr/bin/env python3
# Copied, with only these two lines added, from the project's shared tools (tools/score_ingestion.py) so that the tests can
# score extraction with the same rules without reading anything outside the repository.
"""Score readout extraction against hand-annotated truth.

Runs a command once per annotated document and compares the JSON it prints
(the extraction contract in ../DESIGN.md, "Ingestion output") with truth.jsonl.

    score_ingestion.py --truth DIR/truth.jsonl \
        --cmd '.venv/bin/python manage.py ingest_readout --dry-run --format json {file}'

{file} is replaced by the document's absolute path. Standard library only.
Prints one row per field and, last, one summary line starting with "score:".
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shlex
import subprocess
import sys
import unicodedata
from pathlib import Path

# The baseline taxonomy every install ships (DESIGN.md). Topics outside it are not scored.
BASELINE_TOPICS = {
    "north-korea", "deterrence", "nuclear-consultative-group", "defense-burden-sharing",
    "shipbuilding", "investment", "trade", "supply-chains", "economic-security",
    "technology", "energy", "critical-minerals", "indo-pacific", "japan-trilateral",
    "taiwan-strait", "russia", "ukraine", "climate-change", "democracy", "sanctions",
    "nuclear-powered-submarines", "global-health",
}
HONORIFICS = {"president", "secretary", "minister", "mr", "ms", "dr", "jr", "sr", "the", "of", "h", "e"}
PARTY = {"us": "US", "kr": "KR", "both": "joint", "joint": "joint"}


def norm_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub(r"[*\\_`]", "", s)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = s.replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", s).strip().lower()


def tokens(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", norm_text(s).replace("-", ""))


def name_tokens(name: str) -> set[str]:
    return {t for t in tokens(name) if len(t) > 1 and t not in HONORIFICS}


def slug(topic: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm_text(topic)).strip("-")


def same_person(a: str, b: str) -> bool:
    ta, tb = name_tokens(a), name_tokens(b)
    return bool(ta and tb and (ta <= tb or tb <= ta or len(ta & tb) >= 2))


def text_match(truth: str, pred: str, need: float) -> float:
    t, p = norm_text(truth), norm_text(pred)
    if not t or not p:
        return 0.0
    if t in p or p in t:
        return 1.0
    tt, pt = tokens(truth), tokens(pred)
    covered = sum(1 for w in set(tt) if w in set(pt)) / max(1, len(set(tt)))
    ratio = difflib.SequenceMatcher(None, t, p).ratio()
    best = max(covered, ratio)
    return best if best >= need else 0.0


def pair_up(truth: list, pred: list, score) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by descending score (score 0 = no match)."""
    cands = sorted(
        ((score(t, p), i, j) for i, t in enumerate(truth) for j, p in enumerate(pred)),
        reverse=True,
    )
    used_t, used_p, pairs = set(), set(), []
    for s, i, j in cands:
        if s <= 0 or i in used_t or j in used_p:
            continue
        used_t.add(i), used_p.add(j), pairs.append((i, j))
    return pairs


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, n_truth: int, n_pred: int, n_match: int) -> None:
        self.tp += n_match
        self.fp += n_pred - n_match
        self.fn += n_truth - n_match

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


class Acc:
    def __init__(self) -> None:
        self.ok = self.n = 0

    def add(self, good: bool) -> None:
        self.n += 1
        self.ok += bool(good)

    def value(self) -> float:
        return self.ok / self.n if self.n else 0.0


def modality_of(fmt: str | None) -> str | None:
    f = norm_text(fmt or "")
    if not f or f == "unknown":
        return None
    if "phone" in f or "call" in f and "video" not in f:
        return "phone_call"
    if "video" in f or "virtual" in f:
        return "video_call"
    return "in_person"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True, type=Path)
    ap.add_argument("--cmd", required=True, help="command with {file}; run from the current folder")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("-v", "--verbose", action="store_true", help="print each document's misses")
    args = ap.parse_args()

    base = args.truth.parent
    part, country, quote, speaker, topic, commit, party = Tally(), Acc(), Tally(), Acc(), Tally(), Tally(), Acc()
    date, modality, failures = Acc(), Acc(), 0
    records = [json.loads(line) for line in args.truth.read_text().splitlines() if line.strip()]
    for rec in records:
        path = (base / rec["file"]).resolve()
        cmd = [a.replace("{file}", str(path)) for a in shlex.split(args.cmd)]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
            out = json.loads(run.stdout) if run.returncode == 0 else None
        except (subprocess.TimeoutExpired, json.JSONDecodeError):
            out = None
        if not isinstance(out, dict):
            failures += 1
            print(f"FAILED {rec['file']}: exit {getattr(locals().get('run'), 'returncode', '?')}", file=sys.stderr)
            out = {}

        # participants (people who met), with their country
        tp, pp = rec.get("participants", []), out.get("participants") or []
        pairs = pair_up(tp, pp, lambda t, p: float(same_person(t["name"], str(p.get("name", "")))))
        part.add(len(tp), len(pp), len(pairs))
        for i, j in pairs:
            country.add(str(pp[j].get("country", "")).upper() == tp[i]["country"].upper())
        if args.verbose:
            hit = {i for i, _ in pairs}
            for i, t in enumerate(tp):
                if i not in hit:
                    print(f"  {rec['file']}: missed participant {t['name']}")

        # quotes, with their speaker
        tq, pq = rec.get("quotes", []), out.get("quotes") or []
        pairs = pair_up(tq, pq, lambda t, p: text_match(t["text"], str(p.get("text", "")), 0.8))
        quote.add(len(tq), len(pq), len(pairs))
        for i, j in pairs:
            speaker.add(same_person(tq[i]["speaker"], str(pq[j].get("speaker") or "")))

        # topics from the baseline taxonomy
        tt = {slug(t) for t in rec.get("topics", [])} & BASELINE_TOPICS
        pt = {slug(str(t)) for t in out.get("topics") or []} & BASELINE_TOPICS
        topic.add(len(tt), len(pt), len(tt & pt))
        if args.verbose and tt ^ pt:
            print(f"  {rec['file']}: topics missed {sorted(tt - pt)} extra {sorted(pt - tt)}")

        # commitments, with the committing party
        tc, pc = rec.get("commitments", []), out.get("commitments") or []
        pairs = pair_up(tc, pc, lambda t, p: text_match(t["text"], str(p.get("text", "")), 0.6))
        commit.add(len(tc), len(pc), len(pairs))
        for i, j in pairs:
            want = PARTY.get(norm_text(tc[i]["by"]), "other")
            got = PARTY.get(norm_text(str(pc[j].get("party", ""))), "other")
            party.add(want == got)

        # meeting date (day-precise truth only) and modality
        if rec.get("meeting_date") and len(rec["meeting_date"]) == 10:
            date.add(str(out.get("meeting_date") or "")[:10] == rec["meeting_date"])
        want_mod = modality_of(rec.get("format"))
        if want_mod:
            modality.add(out.get("modality") == want_mod)

    rows = [("participants", part), ("quotes", quote), ("topics", topic), ("commitments", commit)]
    print(f"{'field':<22}{'P':>7}{'R':>7}{'F1':>7}")
    for name, t in rows:
        p, r, f = t.prf()
        print(f"{name:<22}{p:7.2f}{r:7.2f}{f:7.2f}")
    for name, a in [("participant country", country), ("quote speaker", speaker),
                    ("commitment party", party), ("meeting date", date), ("modality", modality)]:
        print(f"{name:<22}{'acc':>7}{a.value():14.2f}  ({a.ok}/{a.n})")
    summary = {name: round(t.prf()[2], 3) for name, t in rows}
    summary.update(date=round(date.value(), 3), modality=round(modality.value(), 3),
                   party=round(party.value(), 3), country=round(country.value(), 3),
                   docs=len(records), failed=failures)
    print("score: " + " ".join(f"{k}={v}" for k, v in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
