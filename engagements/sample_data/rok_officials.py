"""ROK officials as our sources name them, and whom a remark says was met.

The Historian's remarks name ROK officials by title and name ("President Yoon Suk Yeol"), often
by title and family name only ("President Kim"), in several romanisations and with the odd
misspelling. The gazetteer below says who they were. Pure Python, no Django.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

# --- The gazetteer ------------------------------------------------------------------------
# Only people whose identity and posts we are sure of. The post dates decide whom a bare family
# name means on a given day and which title they held. Someone missing here is simply not
# recorded as a participant — a wrong person would be worse than a missing one. An end left
# open means "not needed": the dates only have to cover the days the data mentions them.

LEADER, PRIME_MINISTER, FOREIGN_MINISTER, SECURITY_ADVISER = "leader", "pm", "fm", "nsa"


@dataclass(frozen=True)
class KoreanPost:
    category: str
    title: str
    start: datetime.date
    end: datetime.date | None

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KoreanOfficial:
    name: str  # as English-language sources usually write it, family name first
    family_name: str
    hangul: str
    posts: tuple[KoreanPost, ...] = ()
    aliases: tuple[str, ...] = ()  # other established written forms, stored as aliases
    misspellings: tuple[str, ...] = ()  # forms seen in the Historian's data; matched only

    @property
    def forms(self) -> set[str]:
        return {normal_name(n) for n in (self.name, *self.aliases, *self.misspellings)}

    def post_on(self, day: datetime.date, category: str = "", title: str = "") -> KoreanPost | None:
        held = [p for p in self.posts if p.covers(day) and category in ("", p.category)]
        return max(held, key=lambda p: (p.title == title, p.start), default=None)


def _post(category: str, title: str, start: str, end: str | None = None) -> KoreanPost:
    end_date = datetime.date.fromisoformat(end) if end else None
    return KoreanPost(category, title, datetime.date.fromisoformat(start), end_date)


def _president(start: str, end: str | None = None) -> KoreanPost:
    return _post(LEADER, "President", start, end)


def _foreign_minister(start: str, end: str | None = None) -> KoreanPost:
    return _post(FOREIGN_MINISTER, "Foreign Minister", start, end)


ROK_OFFICIALS = (
    KoreanOfficial("Syngman Rhee", "Rhee", "이승만", (_president("1948-07-24", "1960-04-26"),)),
    KoreanOfficial(
        "Paik Too-chin",
        "Paik",
        "백두진",
        (_post(PRIME_MINISTER, "Prime Minister", "1953-04-24", "1954-06-17"),),
    ),
    # Head of the caretaker government after Rhee's fall in 1960; the remarks title him.
    KoreanOfficial("Huh Chung", "Huh", "허정"),
    KoreanOfficial(
        "Park Chung-hee",
        "Park",
        "박정희",
        (
            _post(
                LEADER,
                "Chairman of the Supreme Council for National Reconstruction",
                "1961-07-03",
                "1963-12-16",
            ),
            _post(LEADER, "Acting President", "1962-03-24", "1963-12-16"),
            _president("1963-12-17", "1979-10-26"),
        ),
    ),
    KoreanOfficial(
        "Chung Il-kwon",
        "Chung",
        "정일권",
        (_post(PRIME_MINISTER, "Prime Minister", "1964-05-10", "1970-12-20"),),
        aliases=("Il Kwon Chung",),
    ),
    KoreanOfficial(
        "Kim Jong-pil",
        "Kim",
        "김종필",
        (_post(PRIME_MINISTER, "Prime Minister", "1971-06-04", "1975-12-18"),),
        aliases=("Kim Chong-pil", "Chong Pil Kim"),
    ),
    KoreanOfficial(
        "Choi Kyu-hah",
        "Choi",
        "최규하",
        (_post(PRIME_MINISTER, "Prime Minister", "1975-12-19", "1979-12-06"),),
    ),
    KoreanOfficial("Chun Doo-hwan", "Chun", "전두환", (_president("1980-09-01", "1988-02-24"),)),
    KoreanOfficial("Roh Tae-woo", "Roh", "노태우", (_president("1988-02-25", "1993-02-24"),)),
    KoreanOfficial(
        "Kim Young-sam",
        "Kim",
        "김영삼",
        (_president("1993-02-25", "1998-02-24"),),
        aliases=("Kim Yong-sam",),  # McCune–Reischauer, as the Historian writes it
    ),
    KoreanOfficial(
        "Kim Dae-jung",
        "Kim",
        "김대중",
        (_president("1998-02-25", "2003-02-24"),),
        misspellings=("Kin Dae-Jung",),
    ),
    KoreanOfficial("Roh Moo-hyun", "Roh", "노무현", (_president("2003-02-25", "2008-02-24"),)),
    KoreanOfficial("Lee Myung-bak", "Lee", "이명박", (_president("2008-02-25", "2013-02-24"),)),
    KoreanOfficial(
        "Park Geun-hye",
        "Park",
        "박근혜",
        (_president("2013-02-25", "2017-03-10"),),
        misspellings=("Park Gyeun-hye",),
    ),
    KoreanOfficial(
        "Hwang Kyo-ahn",
        "Hwang",
        "황교안",
        (_post(LEADER, "Acting President", "2016-12-09", "2017-05-10"),),
    ),
    KoreanOfficial("Moon Jae-in", "Moon", "문재인", (_president("2017-05-10", "2022-05-09"),)),
    KoreanOfficial("Yoon Suk Yeol", "Yoon", "윤석열", (_president("2022-05-10", "2025-04-04"),)),
    KoreanOfficial(
        "Choi Sang-mok",
        "Choi",
        "최상목",
        (_post(LEADER, "Acting President", "2024-12-27", "2025-03-24"),),
    ),
    KoreanOfficial(
        "Lee Jae Myung", "Lee", "이재명", (_president("2025-06-04"),), aliases=("Lee Jae-myung",)
    ),
    # Foreign Ministers in office during Secretaries of State's visits whose records name no
    # Korean official, so that the host can be inferred; terms as the Ministry of Foreign
    # Affairs lists its former ministers.
    KoreanOfficial(
        "Pyun Yung-tai", "Pyun", "변영태", (_foreign_minister("1951-04-16", "1955-07-28"),)
    ),
    KoreanOfficial(
        "Park Tong-jin", "Park", "박동진", (_foreign_minister("1975-12-19", "1980-09-01"),)
    ),
    KoreanOfficial(
        "Lee Sang-ock", "Lee", "이상옥", (_foreign_minister("1990-12-27", "1993-02-25"),)
    ),
    KoreanOfficial(
        "Han Sung-joo", "Han", "한승주", (_foreign_minister("1993-02-26", "1994-12-23"),)
    ),
    KoreanOfficial(
        "Yoo Chong-ha", "Yoo", "유종하", (_foreign_minister("1996-11-07", "1998-03-03"),)
    ),
    KoreanOfficial(
        "Choi Sung-hong", "Choi", "최성홍", (_foreign_minister("2002-01-29", "2003-02-27"),)
    ),
    KoreanOfficial(
        "Ban Ki-moon", "Ban", "반기문", (_foreign_minister("2004-01-17", "2006-11-09"),)
    ),
    KoreanOfficial(
        "Song Min-soon", "Song", "송민순", (_foreign_minister("2006-12-01", "2008-02-29"),)
    ),
    KoreanOfficial(
        "Yu Myung-hwan", "Yu", "유명환", (_foreign_minister("2008-02-29", "2010-09-04"),)
    ),
    KoreanOfficial(
        "Kim Sung-hwan", "Kim", "김성환", (_foreign_minister("2010-10-08", "2013-03-10"),)
    ),
    KoreanOfficial(
        "Yun Byung-se",
        "Yun",
        "윤병세",
        (_foreign_minister("2013-03-11", "2017-06-17"),),
        misspellings=("Yun Byun-se",),
    ),
    KoreanOfficial(
        "Kang Kyung-wha", "Kang", "강경화", (_foreign_minister("2017-06-18", "2021-02-08"),)
    ),
    KoreanOfficial(
        "Chung Eui-yong", "Chung", "정의용", (_foreign_minister("2021-02-09", "2022-05-10"),)
    ),
    KoreanOfficial("Park Jin", "Park", "박진", (_foreign_minister("2022-05-12", "2024-01-10"),)),
    KoreanOfficial(
        "Cho Tae-yul", "Cho", "조태열", (_foreign_minister("2024-01-11", "2025-07-18"),)
    ),
    KoreanOfficial(
        "Cho Hyun", "Cho", "조현", (_foreign_minister("2025-07-19"),), aliases=("FM Cho",)
    ),
    KoreanOfficial(
        "Cho Tae-yong",
        "Cho",
        "조태용",
        (_post(SECURITY_ADVISER, "National Security Advisor", "2023-03-29"),),
    ),
)
ROK_BY_NAME = {official.name: official for official in ROK_OFFICIALS}

_TITLE_CATEGORY = {
    "Acting President": LEADER,
    "President": LEADER,
    "Chairman": LEADER,
    "Prime Minister": PRIME_MINISTER,
    "Premier": PRIME_MINISTER,
    "Foreign Minister": FOREIGN_MINISTER,
    "National Security Advisor": SECURITY_ADVISER,
}
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
MENTION = re.compile(
    rf"\b(?P<title>{'|'.join(_TITLE_CATEGORY)})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
)
_MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
}  # fmt: skip
_KOREAN_QUALIFIERS = {"Korean", "Korea's", "Korea’s", "ROK", "With", "Met", "And"}


def normal_name(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.;])\s+(?=[A-Z\[])", text)


def _foreign_qualified(sentence: str, position: int) -> bool:
    """ "Russian President Putin": a capitalised word before the title that is not Korean."""
    before = sentence[:position].split()
    if not before or not before[-1][0].isupper() or not before[-1][-1].isalpha():
        return False  # sentence start, lower case, or the end of a list item ("Kim,")
    return before[-1] not in _KOREAN_QUALIFIERS


def mentions(text: str, *, after_with: bool) -> Iterable[tuple[str, str]]:
    """(title, name) pairs. With ``after_with``, only those after "with" in their sentence —
    the people someone *met* ("Met with President Kim"), not those whose inauguration or
    funeral was attended ("Attended the funeral of President Park")."""
    for sentence in _sentences(text):
        start = 0
        if after_with:
            found = re.search(r"\bwith\b", sentence, re.IGNORECASE)
            if not found:
                continue
            start = found.end()
        for match in MENTION.finditer(sentence, start):
            if _foreign_qualified(sentence, match.start()):
                continue
            words = match["name"].split()
            while words and words[-1] in _MONTHS:
                words.pop()
            yield match["title"], " ".join(words)


@dataclass(frozen=True)
class Counterpart:
    official: KoreanOfficial
    title: str  # the post held that day, else the title the source gives


def resolve_korean(title: str, name: str, day: datetime.date) -> Counterpart | None:
    """Whom "``title`` ``name``" meant on ``day``: a full name must match one official's name
    or a known form of it; a bare family name must match exactly one official holding a post
    of that kind on that day. Anything else is None."""
    category = _TITLE_CATEGORY[title]
    if len(name.split()) > 1:
        matches = [o for o in ROK_OFFICIALS if normal_name(name) in o.forms]
    else:
        matches = [
            o
            for o in ROK_OFFICIALS
            if normal_name(o.family_name) == normal_name(name) and o.post_on(day, category)
        ]
    if len(matches) != 1:
        return None
    official = matches[0]
    # The post held that day wins over the source's title: the Historian calls Foreign
    # Minister Yun Byung-se "Prime Minister" in April 2013.
    post = official.post_on(day, category, title) or official.post_on(day)
    written = "Prime Minister" if title == "Premier" else title
    return Counterpart(official, post.title if post else written)


def korean_counterparts(text: str, day: datetime.date) -> list[Counterpart]:
    """The ROK officials a remark says were met, in order, each once."""
    found: dict[str, Counterpart] = {}
    for title, name in mentions(text, after_with=True):
        counterpart = resolve_korean(title, name, day)
        if counterpart and counterpart.official.name not in found:
            found[counterpart.official.name] = counterpart
    return list(found.values())


def sole_holder(category: str, title: str, day: datetime.date) -> Counterpart | None:
    """The one official who held a post of ``category`` titled ``title`` on ``day`` (the
    President, the Foreign Minister), or None when the gazetteer knows none or several (an
    acting President beside a suspended one)."""
    holders = [
        o for o in ROK_OFFICIALS if any(p.covers(day) and p.category == category for p in o.posts)
    ]
    if len(holders) != 1:
        return None
    post = holders[0].post_on(day, category)
    return Counterpart(holders[0], post.title) if post and post.title == title else None
