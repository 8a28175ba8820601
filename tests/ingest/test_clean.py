import datetime

from engagements.ingest.clean import clean_document, parse_front_matter

FRONT_MATTER = """---
tags: statements-releases
date: '2021-02-03'
source_url: https://example.gov/briefing-room/2021/02/03/readout/
title: "Readout of President Joseph R. Biden, Jr. Call with President Moon Jae-in\\
  \\ of the Republic of\\_Korea"
---

President Joseph R. Biden, Jr. spoke today with President Moon Jae-in of
the Republic of Korea to stress his commitment to strengthening the
United States\\-ROK alliance. They also agreed on the need for the
restoration of democracy in Burma.

\\###
"""


def test_front_matter_gives_title_date_and_source():
    doc = clean_document(FRONT_MATTER)
    assert doc.title == (
        "Readout of President Joseph R. Biden, Jr. Call with President Moon Jae-in of the "
        "Republic of Korea"
    )
    assert doc.published_on == datetime.date(2021, 2, 3)
    assert doc.source_url == "https://example.gov/briefing-room/2021/02/03/readout/"
    assert doc.front_matter["date"] == "2021-02-03"


def test_hard_wraps_are_joined_and_markdown_escapes_removed():
    doc = clean_document(FRONT_MATTER)
    body = doc.text[doc.body_start :]
    assert body.startswith("President Joseph R. Biden, Jr. spoke today with President Moon")
    assert "of the Republic of Korea to stress" in body
    assert "United States-ROK alliance" in body
    assert "\n" not in body  # one paragraph
    assert "###" not in doc.text
    assert "\\" not in doc.text


def test_text_starts_with_the_title_paragraph():
    doc = clean_document(FRONT_MATTER)
    assert doc.text[: len(doc.title)] == doc.title
    assert doc.text[len(doc.title) : doc.body_start] == "\n\n"


def test_scraped_page_debris_is_removed():
    raw = (
        "Secretary meets minister to discuss alliance\n\n"
        "Webp marcor 1\n"
        "Marco Rubio, Secretary of State | Wikipedia\n\n"
        "Secretary meets minister to discuss alliance\n\n"
        "ORGANIZATIONS IN THIS STORY\n\n"
        "Secretary of State Marco Rubio met with Republic of Korea Foreign Minister Cho Hyun.\n\n"
        "Share\n\nPrint\n\n"
        "ORGANIZATIONS IN THIS STORY"
    )
    doc = clean_document(raw)
    assert doc.title == "Secretary meets minister to discuss alliance"
    assert doc.text == (
        "Secretary meets minister to discuss alliance\n\n"
        "Secretary of State Marco Rubio met with Republic of Korea Foreign Minister Cho Hyun."
    )


def test_blog_wrapper_and_leading_date_lines_are_removed():
    raw = (
        "Friday, July 30, 2021\n\n"
        "Readout of Secretary Austin's Phone Call With Minister Suh\n\n"
        " July 30, 2021\n\n"
        "Secretary Austin spoke with Minister Suh today.\n\n"
        "No comments:\n\nPost a Comment"
    )
    doc = clean_document(raw)
    assert doc.published_on == datetime.date(2021, 7, 30)
    assert doc.title == "Readout of Secretary Austin's Phone Call With Minister Suh"
    assert doc.text.endswith("Secretary Austin spoke with Minister Suh today.")
    assert "comment" not in doc.text.lower()


def test_mirror_date_line_in_front_of_the_title():
    raw = (
        " date 2025-09-10 Secretary Rubio's Meeting With Republic Of Korea Foreign Minister Cho\n"
        "The below is attributable to Principal Deputy Spokesperson Tommy Pigott:\n"
        "Secretary of State Marco Rubio met today with Republic of Korea (ROK) Foreign Minister "
        "Cho Hyun following the historic bilateral meeting between President Trump and ROK "
        "President Lee Jae Myung on August 25.\n"
    )
    doc = clean_document(raw)
    assert doc.published_on == datetime.date(2025, 9, 10)
    assert doc.title == "Secretary Rubio's Meeting With Republic Of Korea Foreign Minister Cho"
    # Long lines are paragraphs of their own, not a hard-wrapped block.
    assert doc.text.split("\n\n")[1] == (
        "The below is attributable to Principal Deputy Spokesperson Tommy Pigott:"
    )


def test_typography_is_normalised():
    doc = clean_document(
        "A title here\n\n\u201cThe U.S.\u2013ROK Alliance,\u201d he said\u00a0of North "
        "Korea\u2019s programs \u2014 all of them."
    )
    assert doc.text.endswith(
        '"The U.S.-ROK Alliance," he said of North Korea\'s programs \u2014 all of them.'
    )


def test_html_page_keeps_main_text_and_reads_head():
    html = """<!doctype html><html><head>
      <title>Readout of the Call | U.S. Department of State</title>
      <meta property="article:published_time" content="2024-01-09T10:00:00-05:00">
      <link rel="canonical" href="https://www.state.gov/readout-of-the-call/">
      <script>var tracking = 1;</script><style>p { color: red }</style>
    </head><body>
      <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
      <main><article>
        <h1>Readout of the Call</h1>
        <figure><img src="x.jpg"><figcaption>The Secretary | State Department</figcaption></figure>
        <p>Secretary Blinken spoke today with Foreign Minister Park Jin
           of the Republic of Korea.</p>
        <p>They agreed to   coordinate closely.</p>
      </article></main>
      <aside>Related: other news</aside>
      <footer>Privacy policy</footer>
    </body></html>"""
    doc = clean_document(html, content_type="text/html")
    assert doc.title == "Readout of the Call"
    assert doc.published_on == datetime.date(2024, 1, 9)
    assert doc.source_url == "https://www.state.gov/readout-of-the-call/"
    assert doc.text == (
        "Readout of the Call\n\n"
        "Secretary Blinken spoke today with Foreign Minister Park Jin of the Republic of Korea."
        "\n\nThey agreed to coordinate closely."
    )


def test_block_page_is_flagged():
    doc = clean_document(
        "<html><body><h1>Access Denied</h1><p>You don't have permission to "
        "access this server.</p></body></html>",
        content_type="text/html",
    )
    assert any("block" in note for note in doc.notes)


def test_unofficial_translation_marker_is_noted_and_dropped():
    doc = clean_document(
        "Outcome of the Foreign Ministers' Meeting\n\n*Unofficial Translation*\n\n"
        "Minister of Foreign Affairs Cho Hyun held a meeting with Secretary of State Marco Rubio "
        "on September 10 in Washington, D.C. and discussed the alliance at length today."
    )
    assert "unofficial translation" in doc.notes
    assert "Translation" not in doc.text


def test_parse_front_matter_leaves_plain_text_alone():
    assert parse_front_matter("No front matter here.") == ({}, "No front matter here.")


def test_section_labels_and_site_banners_are_not_the_title():
    raw = (
        "UNITED24 - Make a charitable donation in support of Ukraine!\n\n"
        "Weapons of Mass Destruction (WMD)\n\nUS Department of State\n\n"
        "Secretary Roe's Meeting with Republic of Korea Foreign Minister Park\n\n"
        "Readout\nOffice of the Spokesperson\nMay 20, 2023\n\n"
        "Secretary of State Jane Roe met today with ROK Foreign Minister Park Min-su.\n\n"
        "NEWSLETTER\nJoin the GlobalSecurity.org mailing list\n"
    )
    doc = clean_document(raw)
    assert doc.title == "Secretary Roe's Meeting with Republic of Korea Foreign Minister Park"
    assert doc.published_on == datetime.date(2023, 5, 20)
    assert "Secretary of State Jane Roe met today" in doc.text


def test_ministry_page_labels_and_mirror_bylines_are_skipped():
    mofa = clean_document(
        "Press Releases\n\nForeign Minister Holds Telephone Conversation with Her US "
        "Counterpart\n\nDate\n2017-07-28\n\n1. Foreign Minister Kim spoke by phone.\n"
    )
    assert mofa.title.startswith("Foreign Minister Holds Telephone Conversation")
    assert mofa.published_on == datetime.date(2017, 7, 28)
    mirror = clean_document(
        " date 2024-01-01 FP Report\n\nSecretary Roe calls Minister Park\n\nBody text here.\n"
    )
    assert mirror.title == "Secretary Roe calls Minister Park"
