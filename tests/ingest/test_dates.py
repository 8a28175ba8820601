import datetime

import pytest

from engagements.ingest.dates import (
    DAY,
    MONTH,
    YEAR,
    date_line,
    find_dates,
    format_date,
    parse_date,
)

PUB = datetime.date(2025, 9, 10)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("spoke on July 30, 2021 with", datetime.date(2021, 7, 30), DAY),
        ("on 30 July 2021 in Seoul", datetime.date(2021, 7, 30), DAY),
        ("dated 2021-07-30.", datetime.date(2021, 7, 30), DAY),
        ("Friday, July 30, 2021", datetime.date(2021, 7, 30), DAY),
        ("in September 2025 the", datetime.date(2025, 9, 1), MONTH),
        ("the summit in May 2021 and", datetime.date(2021, 5, 1), MONTH),
        ("since 2021, the", datetime.date(2021, 1, 1), YEAR),
    ],
)
def test_explicit_dates_keep_their_precision(text, expected, precision):
    value, found_precision, span = parse_date(text)
    assert (value, found_precision) == (expected, precision)
    assert span in text


def test_today_and_yesterday_resolve_against_publication():
    assert parse_date("met today with", PUB)[0] == PUB
    assert parse_date("Today, the Secretary", PUB)[0] == PUB
    assert parse_date("spoke yesterday", PUB)[0] == datetime.date(2025, 9, 9)


def test_weekday_is_the_latest_such_day_on_or_before_publication():
    assert parse_date("met on Tuesday", PUB)[0] == datetime.date(2025, 9, 9)
    assert parse_date("met on Wednesday", PUB)[0] == PUB
    assert parse_date("met last Wednesday", PUB)[0] == datetime.date(2025, 9, 3)


def test_month_and_day_take_the_publication_year_or_the_one_before():
    assert parse_date("on August 25.", PUB)[0] == datetime.date(2025, 8, 25)
    assert parse_date("on December 25.", PUB)[0] == datetime.date(2024, 12, 25)


def test_a_weekday_with_the_date_picks_the_year_it_fits():
    # Released on the evening of 8 December in Washington, held on Saturday 9 December in Seoul.
    value = parse_date("on Saturday, December 9, the advisors", datetime.date(2023, 12, 8))[0]
    assert value == datetime.date(2023, 12, 9)


def test_relative_dates_without_publication_date_are_not_guessed():
    assert parse_date("met today", None) is None
    mentions = find_dates("on August 25", None)
    assert len(mentions) == 1
    assert mentions[0].value is None


def test_spans_point_into_the_text():
    text = "They met on Tuesday and again on August 25."
    for mention in find_dates(text, PUB):
        assert text[mention.start : mention.end] == mention.text


def test_nothing_is_found_in_undated_text():
    assert find_dates("The 53rd Security Consultative Meeting this fall", PUB) == []


def test_format_date_by_precision():
    day = datetime.date(2021, 5, 1)
    assert format_date(day, DAY) == "2021-05-01"
    assert format_date(day, MONTH) == "2021-05"
    assert format_date(day, YEAR) == "2021"
    assert format_date(None, DAY) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Friday, July 30, 2021", datetime.date(2021, 7, 30)),
        (" July 30, 2021", datetime.date(2021, 7, 30)),
        ("date 2025-09-10", datetime.date(2025, 9, 10)),
        ("Posted on: 10 September 2025", datetime.date(2025, 9, 10)),
        ("Secretary Rubio met on July 30, 2021", None),
        ("today", None),
    ],
)
def test_date_line_recognises_a_line_that_is_only_a_date(line, expected):
    assert date_line(line) == expected


def test_korean_news_day_of_month_resolves_against_publication():
    (mention,) = find_dates("The two ministers met on the 8th in Seoul.", PUB)
    assert mention.value == datetime.date(2025, 9, 8)
    (later,) = find_dates("They met on the 28th.", PUB)
    assert later.value == datetime.date(2025, 8, 28)  # not in the future: last month


def test_korean_style_weekday_in_parentheses_and_abbreviated_month():
    assert parse_date("met on September 10 (Wed.) in New York", PUB)[0] == PUB
    assert parse_date("met Sept. 10 in Washington", PUB)[0] == PUB
