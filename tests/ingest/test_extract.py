import datetime

import pytest

from engagements.ingest.clean import clean_document
from engagements.ingest.contract import CONTRACT_KEYS, to_contract
from engagements.ingest.extract import extract, split_sentences
from engagements.ingest.gazetteer import Gazetteer
from engagements.taxonomy import keywords_by_slug

GAZETTEER = Gazetteer.default()
# Officials the built-in gazetteer does not know, so titles and qualifiers must do the work.
EMPTY = Gazetteer(topics=Gazetteer.default().topics)


def run(body, *, title="Readout", date="2025-09-10", gazetteer=GAZETTEER):
    raw = f"---\ndate: '{date}'\ntitle: \"{title}\"\n---\n{body}\n"
    return extract(clean_document(raw), gazetteer)


def people(found):
    return [(p.name, p.title, p.country) for p in found]


def test_sentences_do_not_break_on_initials_titles_or_acronyms():
    text = "Dr. Kim met Ms. Cara Abercrombie at the U.S. National Security Council. Then more."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Dr. Kim met Ms. Cara Abercrombie at the U.S. National Security Council.",
        "Then more.",
    ]


def test_participants_come_from_titles_and_qualifiers_for_unknown_people():
    result = run(
        "Secretary of Defense Jane Roe met today with ROK Minister of National Defense Park "
        "Min-su in Seoul.",
        gazetteer=EMPTY,
    )
    assert people(result.participants) == [
        ("Jane Roe", "Secretary of Defense", "US"),
        ("Park Min-su", "Minister of National Defense", "KR"),
    ]


def test_people_in_a_following_clause_are_not_participants():
    result = run(
        "Secretary of State Marco Rubio met with Republic of Korea Foreign Minister Cho Hyun "
        "following the recent meeting between President Trump and South Korean President Lee "
        "Jae Myung on August 25."
    )
    assert [p.name for p in result.participants] == ["Marco Rubio", "Cho Hyun"]
    assert result.related_meetings[0].date == datetime.date(2025, 8, 25)


def test_spokesperson_is_a_speaker_not_a_participant():
    result = run(
        "The below is attributable to Spokesperson Jane Doe:\n\n"
        "Deputy Secretary of State John Smith met today with Japanese Vice Foreign Minister "
        "Taro Yamada."
    )
    assert people(result.participants) == [
        ("John Smith", "Deputy Secretary of State", "US"),
        ("Taro Yamada", "Vice Foreign Minister", "JP"),
    ]
    assert [p.name for p in result.speakers] == ["Jane Doe"]


def test_later_short_references_merge_into_the_full_name():
    result = run(
        "National Security Advisor Jake Sullivan spoke by phone today with Republic of Korea "
        "National Security Advisor Kim Sung-han. Mr. Sullivan congratulated Mr. Kim.",
        date="2022-05-12",
    )
    assert [p.name for p in result.participants] == ["Jake Sullivan", "Kim Sung-han"]
    assert len(result.participants[1].mentions) == 2


def test_appositive_titles_and_organisations_give_countries():
    result = run(
        "The meeting was convened by Dr. Kim Tae-hyo, Principal Deputy National Security "
        "Advisor of the ROK; and Ms. Cara Abercrombie, Coordinator for Defense Policy at the NSC."
    )
    assert people(result.participants) == [
        ("Kim Tae-hyo", "Principal Deputy National Security Advisor", "KR"),
        ("Cara Abercrombie", "Coordinator for Defense Policy", "US"),
    ]


def test_title_is_the_fallback_for_participants():
    result = run(
        "The Secretary and the Foreign Minister discussed the alliance.",
        title="Secretary Rubio's Meeting With Republic Of Korea Foreign Minister Cho",
    )
    assert [(p.name, p.country) for p in result.participants] == [
        ("Marco Rubio", "US"),
        ("Cho Hyun", "KR"),
    ]


@pytest.mark.parametrize(
    ("body", "title", "modality"),
    [
        ("President Biden met today with President Yoon.", "Readout", "in_person"),
        ("Mr. Sullivan spoke by phone today with Mr. Kim.", "Readout", "phone_call"),
        ("President Biden spoke today with President Moon.", "Readout of the Call", "phone_call"),
        ("President Biden met virtually today with Prime Minister Kishida.", "Readout",
         "video_call"),
        ("President Biden met with President Yoon on the sidelines of the NATO Summit.",
         "Readout", "in_person"),
        ("Secretary Austin held a video conference with Minister Suh today.", "Readout",
         "video_call"),
    ],
)  # fmt: skip
def test_modality(body, title, modality):
    assert run(body, title=title).modality == modality


def test_sidelines_event_and_place_give_the_location():
    result = run(
        "President Joseph R. Biden, Jr. met today with President Yoon Suk Yeol of the Republic "
        "of Korea (ROK) on the margins of the United Nations General Assembly in New York.",
        date="2022-09-21",
    )
    assert result.parent_event == "United Nations General Assembly"
    assert result.location == "New York"
    assert result.meeting_date == datetime.date(2022, 9, 21)
    assert result.evidence["meeting_date"].text == "met today"


def test_meeting_date_is_null_when_the_text_does_not_establish_it():
    result = run("President Biden met with President Yoon in Seoul.")
    assert result.meeting_date is None
    assert result.date_precision is None


def test_explicit_meeting_date_next_to_a_meeting_noun():
    result = run(
        "In line with the April 2023 Washington Declaration, the two sides launched the "
        "inaugural meeting of the group on July 18, 2023, in Seoul.",
        date="2023-07-18",
    )
    assert (result.meeting_date, result.date_precision) == (datetime.date(2023, 7, 18), "day")
    assert result.location == "Seoul"


def test_quotes_are_attributed_before_and_after():
    result = run(
        'According to Principal Deputy Spokesperson Tommy Pigott, "The Secretary and Foreign '
        'Minister underscored the lasting strength of the Alliance."\n\n'
        '"They emphasized their shared commitment to addressing the threats," Pigott said.\n\n'
        'The so-called "strategic flexibility" was not discussed.'
    )
    assert [(q.speaker, q.text) for q in result.quotes] == [
        ("Tommy Pigott",
         "The Secretary and Foreign Minister underscored the lasting strength of the Alliance."),
        ("Tommy Pigott", "They emphasized their shared commitment to addressing the threats"),
    ]  # fmt: skip
    for quote in result.quotes:
        assert result.text[quote.span.start : quote.span.end].startswith(quote.text[:20])


def test_commitments_and_their_parties():
    result = run(
        "President Joseph R. Biden, Jr. spoke today with President Moon Jae-in of the Republic "
        "of Korea to stress his commitment to strengthening the alliance. The two leaders agreed "
        "to closely coordinate on the Democratic People's Republic of Korea. The Presidents "
        "discussed a range of issues. The Secretary said the United States welcomes ROK "
        "investment into the United States.",
        date="2021-02-03",
    )
    assert [(c.party, c.text[:30]) for c in result.commitments] == [
        ("US", "President Joseph R. Biden, Jr."),
        ("joint", "The two leaders agreed to clos"),
        ("US", "The Secretary said the United "),
    ]
    assert result.commitments[1].topics == ["north-korea"]


def test_statements_without_an_undertaking_are_not_commitments():
    result = run(
        "The NCG will be an enduring mechanism for strengthening the Alliance. The two officials "
        "discussed ways to further develop their alliance. The NCG will be held quarterly."
    )
    assert [c.text for c in result.commitments] == ["The NCG will be held quarterly."]
    assert result.commitments[0].party == "joint"


def test_topics_from_keywords_with_evidence():
    result = run(
        "They discussed supply chain resilience, critical technologies, economic and energy "
        "security, and equitable defense burden sharing under the SMA."
    )
    slugs = [t.slug for t in result.topics]
    assert slugs == [
        "supply-chains", "technology", "economic-security", "energy", "defense-burden-sharing",
    ]  # fmt: skip
    for topic in result.topics:
        assert result.text[topic.span.start : topic.span.end] == topic.span.text


def test_acronym_keywords_do_not_match_inside_words():
    assert Gazetteer.default().find_topics("a small NCG and an SMA") == [
        ("nuclear-consultative-group", 8, 11),
        ("defense-burden-sharing", 19, 22),
    ]
    assert Gazetteer.default().find_topics("smart ncg-like smashing") == []


def test_gazetteer_resolves_aliases_and_short_names_by_date():
    g = Gazetteer.default()
    assert g.find_official("Joe Biden").name == "Joseph R. Biden, Jr."
    assert g.find_official("Yoon Suk-yeol").name == "Yoon Suk Yeol"
    assert g.find_official("Cho", title="Foreign Minister", on=datetime.date(2025, 9, 10)).name == (
        "Cho Hyun"
    )
    assert g.find_official("Cho") is None  # several officials, no date: ambiguous


def test_baseline_keywords_cover_the_baseline_taxonomy():
    assert len(keywords_by_slug()) == 22
    assert all(k == k.lower() for words in keywords_by_slug().values() for k in words)


def test_contract_has_exactly_the_design_keys():
    result = run("Secretary of State Marco Rubio met today with Foreign Minister Cho Hyun.")
    contract = to_contract(result)
    assert tuple(contract) == CONTRACT_KEYS
    assert contract["meeting_date"] == "2025-09-10"
    assert contract["participants"][0] == {
        "name": "Marco Rubio", "title": "Secretary of State", "country": "US",
    }  # fmt: skip
    assert contract["evidence"]["participants"] == [
        "Secretary of State Marco Rubio", "Foreign Minister Cho Hyun",
    ]  # fmt: skip


# --- rules added for readouts from other publishers (tests/ingest/readouts_more) ----------


@pytest.mark.parametrize(
    "sentence",
    [
        # State: "held his introductory call yesterday with …"
        "Secretary of State Jane Roe held her introductory call today with ROK Minister of "
        "Foreign Affairs Park Min-su.",
        # Korea Herald: "had his first phone call with …"
        "South Korean Defense Minister Park Min-su had his first phone call with U.S. "
        "Secretary of Defense Jane Roe on Tuesday.",
        # AP: "held annual security talks with …"
        "Secretary of Defense Jane Roe held annual security talks with South Korean Defense "
        "Minister Park Min-su in Seoul on Tuesday.",
    ],
)
def test_held_or_had_with_determiners_and_adjectives_is_a_meeting_verb(sentence):
    result = run(sentence, gazetteer=EMPTY)
    assert {p.name for p in result.participants} == {"Jane Roe", "Park Min-su"}
    assert {p.country for p in result.participants} == {"US", "KR"}


def test_lower_case_title_in_news_prose_and_video_conference():
    result = run(
        "Foreign minister Park Min-su held his first video conference with U.S. Secretary of "
        "State Jane Roe on Friday, a day after taking office.",
        gazetteer=EMPTY,
        date="2022-05-13",
    )
    assert people(result.participants) == [
        ("Park Min-su", "Foreign minister", "KR"),
        ("Jane Roe", "Secretary of State", "US"),
    ]
    assert result.modality == "video_call"
    assert result.meeting_date == datetime.date(2022, 5, 13)


def test_long_named_meeting_and_family_name_in_capitals():
    # Japan's MOFA: "Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan, held a
    # Japan-U.S.-ROK Foreign Ministers' Video Conference Meeting with …"
    result = run(
        "On August 15, Mr. SATO Kenji, Minister for Foreign Affairs of Japan, held a "
        "Japan-U.S.-Republic of Korea (ROK) Foreign Ministers' Video Conference Meeting with "
        "the Honorable Jane Roe, Secretary of State of the United States of America, and His "
        "Excellency Dr. Park Min-su, Minister of Foreign Affairs of the Republic of Korea.",
        gazetteer=EMPTY,
    )
    assert [(p.name, p.country) for p in result.participants] == [
        ("Sato Kenji", "JP"),
        ("Jane Roe", "US"),
        ("Park Min-su", "KR"),
    ]
    assert result.modality == "video_call"


def test_phone_talks_are_a_phone_call():
    result = run(
        "On the morning of Sunday, January 24, Minister of National Defense Park Min-su held "
        "phone talks with his new US counterpart, Jane Roe.",
        gazetteer=EMPTY,
    )
    assert result.modality == "phone_call"


def test_talks_in_a_city_are_in_person():
    result = run(
        "Secretary of Defense Jane Roe held annual security talks with South Korean Defense "
        "Minister Park Min-su in Seoul on Tuesday.",
        gazetteer=EMPTY,
    )
    assert result.modality == "in_person"
    assert result.location == "Seoul"


def test_nickname_in_the_text_is_kept_as_the_participant_name():
    # MOFA writes "Tony Blinken"; the gazetteer knows him as "Antony J. Blinken".
    result = run(
        "First Vice Foreign Minister Lim Sung-nam had a telephone conversation with US Deputy "
        "Secretary of State Tony Blinken on the morning of January 13."
    )
    assert "Tony Blinken" in [p.name for p in result.participants]


def test_coordinated_verb_shares_the_subject_of_the_clause():
    result = run(
        "Secretary of State Jane Roe spoke with ROK Foreign Minister Park Min-su. The Secretary "
        "congratulated Foreign Minister Park on his appointment and reaffirmed the U.S. resolve "
        "to work closely with the ROK.",
        gazetteer=EMPTY,
    )
    assert [c.party for c in result.commitments] == ["US"]


def test_the_two_with_a_verb_and_their_shared_commitment_are_joint():
    result = run(
        "Secretary of State Jane Roe spoke with ROK Foreign Minister Park Min-su. Minister Park "
        "said the two agreed to meet soon. The Secretary thanked Minister Park for their shared "
        "commitment to denuclearization.",
        gazetteer=EMPTY,
    )
    assert [c.party for c in result.commitments] == ["joint", "joint"]


def test_a_capitals_pledge_is_that_countrys_commitment():
    result = run(
        "Secretary of Defense Jane Roe held talks with South Korean Defense Minister Park "
        "Min-su in Seoul and said he was encouraged by Seoul's pledge to raise defense spending.",
        gazetteer=EMPTY,
    )
    assert [c.party for c in result.commitments] == ["KR"]


def test_quote_attributed_with_said_according_to_the_ministry():
    result = run(
        "South Korean Defense Minister Park Min-su had his first phone call with US Secretary "
        "of Defense Jane Roe on Thursday, the ministry said.\n\n"
        '"The alliance is a blood-forged bond, like two wheels of a cart," Park said, according '
        "to the ministry.",
        gazetteer=EMPTY,
    )
    assert [(q.speaker, q.text[:12]) for q in result.quotes] == [("Park Min-su", "The alliance")]


def test_country_compound_counts_as_a_topic():
    result = run(
        "Secretary of State Jane Roe met ROK Foreign Minister Park Min-su. They discussed "
        "DPRK-Russia military cooperation."
    )
    assert "russia" in [t.slug for t in result.topics]
