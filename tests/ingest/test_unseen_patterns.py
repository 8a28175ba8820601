"""Rules that make extraction hold on documents it was not written for, each on invented text:
meetings named as nouns, delegations, transcripts, dates on page furniture, undertakings in
their many phrasings, attributed fragments, and the fallbacks that keep a document from being
refused. Names and wording are made up; none comes from a corpus document."""

import datetime

from engagements.ingest.clean import clean_document
from engagements.ingest.contract import to_contract
from engagements.ingest.extract import extract
from engagements.ingest.gazetteer import Gazetteer, title_fits

# Nobody here is a known official: titles, qualifiers and labels must do the work.
EMPTY = Gazetteer(topics=Gazetteer.default().topics)


def contract(raw: str) -> dict:
    return to_contract(extract(clean_document(raw), EMPTY))


def names(found: dict) -> set[tuple[str, str]]:
    return {(p["name"], p["country"]) for p in found["participants"]}


def test_a_meeting_named_as_a_noun_gives_both_sides_and_its_date():
    result = contract(
        "Menu\n\nIn a telephone conversation with US Secretary of Energy Dana Whitlow on "
        "Tuesday, March 3, 2026, Minister of Trade Park Min-ho of the Republic of Korea "
        "reaffirmed the partnership.\n"
    )
    assert names(result) == {("Dana Whitlow", "US"), ("Park Min-ho", "KR")}
    assert result["meeting_date"] == "2026-03-03"
    assert result["modality"] == "phone_call"


def test_the_heads_of_each_delegation_are_the_participants():
    result = contract(
        "Joint Press Statement\n\nThe two governments held the fifth round of their dialogue on "
        "March 3, 2026. ROK Deputy Minister for Economic Planning Han Ji-woo and U.S. Deputy "
        "Assistant Secretary of Commerce for Asia Lena Ortiz led their respective delegations.\n"
    )
    assert names(result) == {("Han Ji-woo", "KR"), ("Lena Ortiz", "US")}
    assert result["meeting_date"] == "2026-03-03"


def test_a_transcript_takes_its_speakers_and_its_date_line():
    result = contract(
        "Remarks with Foreign Minister Park Before Their Meeting\n\nWashington, DC\nMarch 4, "
        "2026\n\nSECRETARY WHITLOW: Good morning. It is a pleasure to welcome Foreign Minister "
        "Park to Washington.\n\nFOREIGN MINISTER PARK: Thank you, Secretary Dana Whitlow.\n"
    )
    assert result["published_on"] == "2026-03-04"
    assert result["meeting_date"] == "2026-03-04"
    assert result["modality"] == "in_person"
    assert {p["country"] for p in result["participants"]} == {"US", "KR"}


def test_a_date_label_below_the_menu_is_the_publication_date():
    menu = "\n".join(f"Menu item {n}" for n in range(20))
    result = contract(
        f"{menu}\n\nMinister Holds Talks with US Envoy\n\nDate\n2026-03-05\n\n"
        "Minister of Unification Park Min-ho met with U.S. Special Envoy Lena Ortiz on "
        "March 4 in Seoul.\n"
    )
    assert result["published_on"] == "2026-03-05"
    assert result["meeting_date"] == "2026-03-04"


def test_undertakings_in_their_usual_phrasings_with_their_party():
    result = contract(
        "Readout\n\nMarch 4, 2026\n\nSecretary of Energy Dana Whitlow met today with ROK "
        "Minister of Trade Park Min-ho. The two sides agreed to fully restore the working "
        "group, and pledged to meet again within the year. Secretary Whitlow said the United "
        "States would keep its export licences open, adding that the ROK will expand purchases "
        "of liquefied natural gas. They welcomed the announcement of a new research centre.\n"
    )
    found = {c["text"]: c["party"] for c in result["commitments"]}
    assert any("agreed to fully restore" in t and p == "joint" for t, p in found.items())
    assert any(t.startswith("pledged to meet again") and p == "joint" for t, p in found.items())
    assert any("would keep its export licences" in t and p == "US" for t, p in found.items())
    assert any(t.startswith("the ROK will expand") and p == "KR" for t, p in found.items())
    assert not any("welcomed the announcement" in t for t in found)


def test_a_few_quoted_words_count_when_the_sentence_gives_them_to_someone():
    result = contract(
        "Readout\n\nMarch 4, 2026\n\nSecretary of Energy Dana Whitlow met today with ROK "
        'Minister of Trade Park Min-ho. Whitlow called the partnership "indispensable." The '
        'meeting took place under the "Shared Future Initiative" banner.\n'
    )
    assert result["quotes"] == [{"speaker": "Dana Whitlow", "text": "indispensable"}]


def test_officials_of_both_sides_named_in_the_opening_are_offered_and_flagged():
    result = contract(
        "Notes from the capital\n\nU.S. Secretary of Energy Dana Whitlow and ROK Minister of "
        "Trade Park Min-ho reviewed progress on the reactor programme, officials said.\n"
    )
    assert names(result) == {("Dana Whitlow", "US"), ("Park Min-ho", "KR")}
    assert result["confidence"]["participants"] < 0.6
    assert result["modality"] == "in_person"
    assert result["confidence"]["modality"] < 0.6


def test_a_family_name_alone_is_not_a_known_official_whose_post_does_not_fit():
    gazetteer = Gazetteer.default()
    # A Vice President of that surname is known; an ambassador of the same name is not them.
    assert gazetteer.find_official("Harris", title="Ambassador") is None
    assert gazetteer.find_official("Harris", title="Vice President") is not None


def test_an_official_takes_the_name_form_the_page_writes():
    gazetteer = Gazetteer.default()
    known = gazetteer.find_official("Pompeo")
    assert known.name != "Mike Pompeo"
    doc = clean_document(
        "Press Availability\n\nMike Pompeo\nSecretary of State\nMay 4, 2018\n\n"
        "SECRETARY POMPEO: It is an honour to welcome Foreign Minister Park Min-ho to "
        "Washington.\n"
    )
    found = to_contract(extract(doc, gazetteer))
    assert "Mike Pompeo" in {p["name"] for p in found["participants"]}
    assert doc.published_on == datetime.date(2018, 5, 4)


def test_a_lower_case_counterpart_is_a_participant_of_the_side_it_names():
    result = contract(
        "U.S. Secretary of Energy Dana Whitlow and his South Korean counterpart, Park Min-ho, "
        "warned against provocations.\n\nWhitlow and Park met Tuesday in Seoul.\n"
    )
    assert names(result) == {("Dana Whitlow", "US"), ("Park Min-ho", "KR")}


def test_a_title_in_title_case_ends_where_the_name_does():
    result = contract(
        "Secretary Whitlow and ROK Foreign Minister Park Min-ho Before Their Meeting\n\n"
        "Secretary Whitlow met Foreign Minister Park Min-ho on March 3, 2026.\n"
    )
    assert ("Park Min-ho", "KR") in names(result)


def test_a_photo_caption_is_not_the_headline_and_a_breadcrumb_is_not_either():
    result = contract(
        "News / Asia\n\nWhitlow Pledges Cooperation With Seoul\n\n"
        "Minister Park Min-ho talks with U.S. Secretary of Energy Dana Whitlow during their "
        "meeting in Seoul, South Korea, March 3, 2026\n\nThe two met on Sunday.\n"
    )
    assert result["title"] == "Whitlow Pledges Cooperation With Seoul"
    assert result["meeting_date"] == "2026-03-03"


def test_a_short_given_name_finds_the_official_recorded_under_the_full_one():
    gazetteer = Gazetteer.default()
    biden = gazetteer.find_official("Joseph R. Biden")
    assert biden is not None
    assert gazetteer.find_official("Joe Biden") == biden
    assert gazetteer.find_official("Nobody Biden") is None


def test_a_title_fits_a_post_only_when_its_words_name_that_post():
    assert title_fits("Foreign Minister", "Minister of Foreign Affairs")
    assert title_fits("U.S. Secretary of State", "Secretary of State")
    assert not title_fits("Foreign Minister", "Prime Minister")
    assert not title_fits("Vice President", "President of the United States")


def test_a_word_of_a_title_or_portfolio_is_never_a_name():
    result = contract(
        "Readout\n\nMinister of Trade, Industry and Energy Park Min-ho met U.S. Secretary of "
        "Energy Dana Whitlow on March 3, 2026.\n"
    )
    assert "Industry" not in {p["name"] for p in result["participants"]}
    assert ("Park Min-ho", "KR") in names(result)


def test_a_transcript_is_about_the_people_its_title_names():
    result = contract(
        "Whitlow Meets South Korean Foreign Minister Park Min-ho\n\n"
        "SECRETARY WHITLOW: Good afternoon. This morning we met Defense Minister Han Ji-woo and "
        "Secretary of Defense Lena Ortiz; now the foreign minister and I will take questions.\n\n"
        "FOREIGN MINISTER PARK: Thank you, Secretary Dana Whitlow.\n"
    )
    assert {p["name"] for p in result["participants"]} == {"Park Min-ho", "Dana Whitlow"}


def test_shared_values_and_an_office_name_are_background_not_topics():
    result = contract(
        "Readout\n\nSecretary Dana Whitlow met Minister Park Min-ho of the Republic of Korea on "
        "March 3, 2026. They affirmed that the alliance rests on shared democratic values, and "
        "discussed shipbuilding with the Coordinator for Indo-Pacific Affairs.\n"
    )
    assert result["topics"] == ["shipbuilding"]


def test_a_dateline_dates_the_story_over_a_mirrors_later_date_line():
    result = contract(
        "date 2026-03-05 Whitlow Speaks With South Korean Counterpart\n\n"
        "SEOUL, March 4, 2026 — Secretary of Energy Dana Whitlow spoke by phone yesterday with "
        "Minister of Trade Park Min-ho of the Republic of Korea.\n"
    )
    assert result["published_on"] == "2026-03-04"
    assert result["meeting_date"] == "2026-03-03"


def test_a_two_letter_family_name_is_a_name():
    result = contract(
        "Remarks Before Meeting With Foreign Minister Oh Ji-min\n\nSeoul\nMarch 4, 2026\n\n"
        "FOREIGN MINISTER OH: Welcome to Seoul.\n\nSECRETARY WHITLOW: Thank you, Minister.\n"
    )
    assert {p["country"] for p in result["participants"]} == {"US", "KR"}
