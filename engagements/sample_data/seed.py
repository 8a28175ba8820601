"""The meeting the project started from, curated by hand: Secretary Rubio and Foreign Minister
Cho Hyun on 10 September 2025, from the news article that started the project
(data/readouts/00-seed-…) and the State Department readout of the same meeting (22-state-…).

Everything an editor would have entered is written down here as data; ``read_seed`` reads the
two documents and checks that every passage and quote quoted below is really in them, so the
curation cannot drift from its sources unnoticed.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from engagements.sample_data import SampleDataError

ARTICLE_FILE = "readouts/00-seed-rubio-cho-article.txt"
READOUT_FILE = "readouts/22-state-rubio-cho-hyun-sept-2025.txt"

MEETING_DATE = datetime.date(2025, 9, 10)
# Named as imported meetings are (engagements.naming): who met, and where.
MEETING_TITLE = "Rubio – Cho Hyun, Washington"

# The State Department readout, as mirrored by MENAFN (the URL in samples/readouts/truth.jsonl;
# the mirror is where the text was retrieved). The first line of the file is the mirror's own
# date line and title, not part of the release.
READOUT_URL = (
    "https://menafn.com/1110044464/"
    "Secretary-Rubios-Meeting-With-Republic-Of-Korea-Foreign-Minister-Cho"
)
# The release's own title; the mirror capitalises every word ("Republic Of Korea").
READOUT_TITLE = "Secretary Rubio's Meeting with Republic of Korea Foreign Minister Cho"
READOUT_PUBLISHER = "U.S. Department of State"
SPOKESPERSON_OFFICE = "Office of the Spokesperson"

ARTICLE_TITLE = (
    "Secretary Rubio meets South Korean foreign minister to discuss alliance and regional security"
)
# Where the stored copy of the article was retrieved from.
ARTICLE_URL = (
    "https://thefederalnewswire.com/stories/675290845-secretary-rubio-meets-south-korean-"
    "foreign-minister-to-discuss-alliance-and-regional-security"
)
ARTICLE_PUBLISHER = "The Federal Newswire"

RUBIO_ID = "rubio-marco"  # pocom's person id
RUBIO_TAKES_OFFICE = datetime.date(2025, 1, 21)  # pocom: entered on duty
TRUMP_ID = "trump-donald-j"  # presidents.xml id
PIGOTT = "Tommy Pigott"
PIGOTT_TITLE = "Principal Deputy Spokesperson"

TOPICS = (
    "investment",
    "deterrence",
    "indo-pacific",
    "defense-burden-sharing",
    "shipbuilding",
    "trade",
    "north-korea",
)

# The quotes are the article's: it attributes both to the spokesperson, in quotation marks.
QUOTES = (
    "The Secretary and Foreign Minister underscored the lasting strength of the U.S.–ROK "
    "Alliance, the linchpin of peace, security, and prosperity on the Korean Peninsula and "
    "throughout the Indo-Pacific for more than 70 years. The Secretary said the United States "
    "welcomes ROK investment into the United States and stated his interest in deepening "
    "cooperation on this front.",
    "The Secretary Rubio and Foreign Minister Cho discussed advancing the U.S.-ROK Alliance "
    "through a forward-looking agenda that strengthens deterrence in the Indo-Pacific, expands "
    "equitable defense burden sharing, revitalizes American manufacturing through ROK "
    "investment in shipbuilding and other strategic sectors, and promotes a fair and reciprocal "
    "trade partnership. They emphasized their shared commitment to addressing the "
    "destabilizing threats posed by North Korea’s unlawful nuclear and missile programs,",
)


@dataclass(frozen=True)
class SeedCommitment:
    party: str  # an ISO code, or "joint"
    passage: str  # the readout's exact words
    text: str  # the undertaking, as analysts should read it
    topics: tuple[str, ...]


COMMITMENTS = (
    SeedCommitment(
        party="US",
        passage="The Secretary said the United States welcomes ROK investment into the United "
        "States and stated his interest in deepening cooperation on this front.",
        text="The United States welcomes ROK investment into the United States and seeks deeper "
        "cooperation on it.",
        topics=("investment",),
    ),
    SeedCommitment(
        party="joint",
        passage="They emphasized their shared commitment to addressing the destabilizing threats "
        "posed by North Korea’s unlawful nuclear and missile programs.",
        text="The United States and the ROK reiterated their commitment to addressing threats "
        "from North Korea’s nuclear and missile programs.",
        topics=("north-korea",),
    ),
)
FIRST_STATUS_NOTE = "Recorded when the commitment was made; not yet assessed."

# The Rubio–Cho meeting "followed" the Trump–Lee meeting; it was not on its sidelines, so it is
# not its parent. The model has no field for a related meeting yet: the summary says it.
SUMMIT_DATE = datetime.date(2025, 8, 25)
SUMMIT_TITLE = "Trump – Lee Jae Myung, Washington"
# Earlier names of the two seed meetings, by which a database loaded before finds them again.
FORMER_TITLES = {
    MEETING_TITLE: ("Secretary Rubio's Meeting With Republic of Korea Foreign Minister Cho Hyun",),
    SUMMIT_TITLE: ("President Trump's Meeting With Republic of Korea President Lee Jae Myung",),
}
SUMMIT_LOCATION = "Washington, D.C."
SUMMIT_SUMMARY = (
    "President Donald J. Trump met Republic of Korea President Lee Jae Myung on 25 August 2025. "
    "Recorded from the news article about Secretary Rubio's meeting with Foreign Minister Cho "
    "Hyun on 10 September 2025, which followed it; no readout of this meeting is loaded yet."
)
MEETING_SUMMARY = (
    "Secretary of State Marco Rubio met Republic of Korea Foreign Minister Cho Hyun on "
    "10 September 2025, following the meeting between President Trump and ROK President Lee "
    "Jae Myung on 25 August 2025 (“President Trump's Meeting With Republic of Korea President "
    "Lee Jae Myung”). They underscored the strength of the U.S.–ROK Alliance and discussed "
    "deterrence in the Indo-Pacific, more equitable defense burden sharing, ROK investment in "
    "American shipbuilding and other strategic sectors, and a fair and reciprocal trade "
    "partnership. The Secretary welcomed ROK investment in the United States, and both sides "
    "reiterated their commitment to addressing the threats from North Korea’s nuclear and "
    "missile programs."
)


@dataclass(frozen=True)
class SeedDocuments:
    article: str  # the article page as scraped, boilerplate included (the Source's raw text)
    readout: str  # the mirror's page text (the Source's raw text)
    readout_release: str  # the release itself, without the mirror's date line


def _read(data_dir: Path, name: str) -> str:
    path = data_dir / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SampleDataError(path, f"cannot be read ({exc.strerror})") from exc


def _require(text: str, passage: str, path: Path) -> None:
    if " ".join(passage.split()) not in " ".join(text.split()):
        raise SampleDataError(path, f"no longer contains the curated passage {passage[:60]!r}…")


def read_seed(data_dir: Path) -> SeedDocuments:
    article = _read(data_dir, ARTICLE_FILE)
    readout = _read(data_dir, READOUT_FILE)
    for quote in QUOTES:
        _require(article, quote, data_dir / ARTICLE_FILE)
    for commitment in COMMITMENTS:
        _require(readout, commitment.passage, data_dir / READOUT_FILE)
    first_line, _, release = readout.strip().partition("\n")
    if MEETING_DATE.isoformat() not in first_line:
        raise SampleDataError(
            data_dir / READOUT_FILE,
            f"the first line should be the date line ({MEETING_DATE})",
            line=1,
        )
    return SeedDocuments(article=article, readout=readout, readout_release=release.strip())
