"""The whole sample record as `make run` loads it (the Historian's data, the seed meeting, the
White House posts and both governments' releases, the last two through the readout pipeline):
one event is one meeting, both sides are present, both governments' readouts show side by side,
and quotes are quotations. About a minute: the load runs once for the module, inside a
transaction rolled back at the end.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from engagements import dedupe
from engagements.ingest.clean import normalise_chars
from engagements.models import DistinctMeetings, Meeting, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def record(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_sample_data", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def published(record):
    return list(
        Meeting.objects.published()
        .prefetch_related("participations", "statements", "sources")
        .order_by("date", "pk")
    )


def test_no_event_is_recorded_twice(published):
    settled = {(p.first_id, p.second_id) for p in DistinctMeetings.objects.all()}
    shared = []
    for i, a in enumerate(published):
        people = {p.official_id for p in a.participations.all()}
        for b in published[i + 1 :]:
            if (b.date - a.last_day).days > 2:
                break
            if not people & {p.official_id for p in b.participations.all()}:
                continue
            pair = (min(a.pk, b.pk), max(a.pk, b.pk))
            if a.parent_id == b.pk or b.parent_id == a.pk or pair in settled:
                continue
            shared.append((str(a), str(b)))
    assert shared == []
    assert dedupe.possible_duplicates(Meeting.objects.published()) == []


def test_nearly_every_meeting_lists_both_governments(published):
    both = [m for m in published if {p.side_id for p in m.participations.all()} >= {"US", "KR"}]
    assert len(both) / len(published) >= 0.95
    # The rest are visits whose record names no US official and whose host cannot be inferred
    # (private or informal visits, funerals).
    one_sided = [m.title for m in published if m not in both]
    assert all("visit" in title for title in one_sided), one_sided


def test_at_least_ten_meetings_show_both_governments_readouts(client, published):
    compared = [
        m
        for m in published
        if {s.issuing_country_id for s in m.statements.all() if s.kind == Statement.Kind.READOUT}
        >= {"US", "KR"}
    ]
    assert len(compared) >= 10
    page = client.get(compared[0].get_absolute_url()).content.decode()
    assert '<div class="compare">' in page
    assert page.count('class="compare__column"') == 2


def test_every_quote_is_found_in_quotation_marks_in_a_source(published):
    def flat(text: str) -> str:
        return re.sub(r"\s+", " ", normalise_chars(text))

    missing = []
    for meeting in published:
        sources = [flat(s.raw_text) for s in meeting.sources.all()]
        for quote in meeting.statements.all():
            if quote.kind != Statement.Kind.QUOTE:
                continue
            words = re.escape(flat(quote.text).strip())
            # Closed, or cut off with the stored copy of a page that stops mid-quotation.
            quoted = re.compile(rf"[\"“‘']\s*{words}\s*(?:[,.]?\s*[\"”’']|$)")
            if not any(quoted.search(text) for text in sources):
                missing.append(quote.text[:60])
    assert missing == []


def test_meetings_whose_record_names_a_subject_carry_its_topic(published):
    trade = next(m for m in published if "Free Trade Agreement" in m.summary)
    assert "trade" in {t.slug for t in trade.topics.all()}
    # A place alone is not a subject: meeting at Camp David in 2008 was not trilateral.
    camp_david = next(m for m in published if m.date.year == 2008 and "Camp David" in m.summary)
    assert "japan-trilateral" not in {t.slug for t in camp_david.topics.all()}


def test_the_loader_says_what_it_settled(record):
    assert "One event, one meeting:" in record
    assert "ROK releases:" in record


def test_sources_say_when_their_copy_was_retrieved_not_when_it_was_loaded(record):
    from engagements.models import Source

    release = Source.objects.get(url__contains="mofa.go.kr/us-en/brd/m_4511/view.do?seq=761835")
    assert release.retrieved_at.date().isoformat() == "2026-12-02"
    assert release.publisher.startswith("Ministry of Foreign Affairs, Republic of Korea")
    # Kept for review (no date in the text), still with the publisher the index names.
    queued = Source.objects.get(url__contains="view.do?seq=319928")
    assert queued.publisher.startswith("Ministry of Foreign Affairs, Republic of Korea")
    assert not queued.meetings.exists()
    post = Source.objects.filter(url__startswith="https://bidenwhitehouse.archives.gov/").first()
    assert post.retrieved_at.date().isoformat() == "2026-11-30"
