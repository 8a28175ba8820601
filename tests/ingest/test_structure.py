"""What keeps extraction honest: one keyword list seeded into the database, the command reading
the database, officials as data, and one resolver of names shared by the preview and the save."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from engagements.ingest import gazetteer as gazetteer_module
from engagements.ingest.gazetteer import Gazetteer
from engagements.models import Official, Participation, PolicyTopic
from engagements.taxonomy import BASELINE_TOPICS, keywords_by_slug
from tests import factories

pytestmark = pytest.mark.django_db

CALL = """Readout of Secretary Dana Whitlow's Call with Trade Minister Kim Min-jun

March 4, 2026

Secretary of Commerce Dana Whitlow spoke today with Republic of Korea Trade Minister
Minjun Kim about semiconductor supply chains. The two agreed to meet again in Seoul.
"""


def dry_run(path: Path) -> dict:
    out = io.StringIO()
    call_command("ingest_readout", str(path), "--dry-run", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_a_fresh_database_holds_the_one_keyword_list():
    for topic in BASELINE_TOPICS:
        assert PolicyTopic.objects.get(slug=topic.slug).keyword_list == list(topic.keywords)


def test_the_builtin_gazetteer_uses_the_same_list():
    assert {t.slug: t.keywords for t in Gazetteer.default().topics} == keywords_by_slug()
    from_db = {t.slug: t.keywords for t in Gazetteer.from_database().topics}
    assert from_db == keywords_by_slug()


def test_the_command_tags_with_the_keywords_editors_keep(tmp_path):
    document = tmp_path / "call.txt"
    document.write_text(CALL.replace("semiconductor supply chains", "the Arctic corridor"))
    assert "energy" not in dry_run(document)["topics"]
    energy = PolicyTopic.objects.get(slug="energy")
    energy.keywords += "\narctic corridor"
    energy.save()
    assert "energy" in dry_run(document)["topics"]


def test_builtin_officials_are_data_not_code():
    assert not hasattr(gazetteer_module, "_DEFAULT_OFFICIALS")
    data = json.loads(gazetteer_module.BUILTIN_OFFICIALS.read_text())
    assert len(Gazetteer.default().officials) == len(data["officials"])


def test_a_reordered_romanisation_is_the_recorded_official(tmp_path, editor_client):
    kim = factories.official(
        "Kim Min-jun", "KR", title="Trade Minister", start=datetime.date(2025, 7, 1)
    )
    document = tmp_path / "call.txt"
    document.write_text(CALL)
    contract = dry_run(document)
    names = {p["name"] for p in contract["participants"]}
    assert "Kim Min-jun" in names  # the recorded name, although the text says "Minjun Kim"

    # The review screen calls him known, and saving attaches the recorded official.
    response = editor_client.post(
        reverse("admin:engagements_meeting_import"), {"step": "read", "text": CALL}
    )
    forms = [f for f in response.context["participants"] if f.initial.get("name")]
    known = {f.initial["name"]: f.initial["known"] for f in forms}
    assert known["Kim Min-jun"] is True
    out = io.StringIO()
    call_command("ingest_readout", str(document), "--create-officials", stdout=out)
    assert Official.objects.filter(name__icontains="kim").count() == 1
    assert Participation.objects.filter(official=kim).count() == 1
