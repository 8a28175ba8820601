"""Turn a raw readout (plain text, markdown with YAML front matter, or HTML) into clean prose.

The cleaned text is what every later step quotes offsets into, so it is built once here:
the title as its first paragraph, then the body with page debris removed, hard wraps re-joined
into one line per paragraph, and typography normalised (straight quotes, ASCII hyphens, plain
spaces). Paragraphs are separated by one blank line.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from engagements.ingest.dates import date_line

# Curly quotes become straight and dash variants ASCII hyphens, so that patterns and the
# review screen see one spelling. The em dash stays: it separates words, a hyphen joins them.
_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
        "\u2015": "\u2014",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u3000": " ", "\t": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
    }
)  # fmt: skip

# Whole lines that are page furniture rather than the readout (compared lower-cased, with
# trailing punctuation stripped). Kept general: share bars, blog footers, story widgets.
_DEBRIS_LINES = re.compile(
    r"^(?:no comments|\d+ comments?|post a comment|newer post|older post|home|share|share this"
    r"(?: page| article| story| post)?|print|print this page|email|e-?mail this|tweet|facebook"
    r"|twitter|x|linkedin|whatsapp|copy link|link copied|subscribe|read more|read next|more news"
    r"|related|related (?:articles|stories|posts|content|news)|recommended|advertisement"
    r"|sponsored|skip to (?:main )?content|back to top|top of page|you may also like"
    r"|subscribe to: post comments \(atom\)|tags|topics|categories|filed under|listen"
    r"|listen to this article"
    r"|sign up for (?:our|the) newsletter.*|follow us.*|share on .*|print friendly.*"
    r"|\d+ min(?:ute)? read|###|\*\s*\*\s*\*|-{3,}|_{3,}|\*{3,})$"
)
# Section labels and bylines at the top of a page ("Press Releases", "News Zone", "Readout",
# "Office of the Spokesperson", "FP Report"): not the title, and not content.
_SECTION_LABEL = re.compile(
    r"^(?:press releases?|news releases?|news(?: zone| room|room)?|readouts?|statements?"
    r"|(?:office of the )?spokesperson'?s? (?:office|statements?)|office of the spokesperson"
    r"|(?:the )?(?:u\.?s\.? )?department of (?:state|defense|war)|(?:u\.?s\.? )?state department"
    r"|ministry of (?:foreign affairs|national defense)(?:,? republic of korea)?|date|briefings?"
    r"|[a-z]{1,6} report|by [a-z][\w.' -]{2,60}"
    # A breadcrumb: "News / Asia", "Home > Press Center > Press Releases".
    r"|[\w.' -]{2,30}(?:\s+[/>›]\s+[\w.' -]{2,30}){1,4})$",
    re.IGNORECASE,
)
# An image caption with a credit: "Jane Roe, Minister of Trade | Wikimedia".
_CAPTION = re.compile(
    r"^(?:[^.!?]{2,120}\s\|\s[^|]{2,60}|(?:photo|image|picture|credit|caption|source)"
    r"(?: by| credit)?\s*:.{0,150}|\((?:photo|image)[^)]{0,150}\))$",
    re.IGNORECASE,
)
# An image file name or format label left behind by a scraper ("Jpeg roej 2").
_IMAGE_DEBRIS = re.compile(
    r"^(?:(?:webp|jpe?g|png|gif|svg|avif|image|img|thumbnail)\b[\w\s.-]{0,40}"
    r"|[\w.-]+\.(?:webp|jpe?g|png|gif|svg|avif))$",
    re.IGNORECASE,
)
_TRANSLATION_NOTE = re.compile(r"^[*_(\[]*\s*unofficial\s+translation\s*[*_)\].:]*$", re.I)
_BLOCK_PAGE = re.compile(
    r"access denied|request blocked|you don't have permission to access|are you a robot"
    r"|enable javascript and cookies|checking your browser|attention required|just a moment"
    r"|unusual traffic from your computer|error reference number|page not found|404 not found",
    re.IGNORECASE,
)
_HEADLINE = re.compile(
    r"\b(?:readout|meetings?|meets?|met|calls?|talks|conversation|conference|visits?|statement"
    r"|holds|held|speaks|spoke|remarks|joint|trilateral|bilateral|summit|dialogue)\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^(?:[-*+•]\s+|\d{1,2}[.)]\s+)")
# Lines of a hard-wrapped paragraph are shorter than this; longer lines are paragraphs.
_WRAP_WIDTH = 100


@dataclass
class CleanedDocument:
    """A readout ready for extraction. ``text`` starts with the title as its own paragraph
    (when one was found) so that facts read from the title have a span, and ``body_start`` is
    the offset where the body begins. ``notes`` records things an editor should know
    ("unofficial translation", "looks like a block page")."""

    text: str
    front_matter: dict = field(default_factory=dict)
    title: str = ""
    published_on: datetime.date | None = None
    source_url: str | None = None
    body_start: int = 0
    notes: list[str] = field(default_factory=list)


def normalise_chars(text: str) -> str:
    """Unicode NFKC, straight quotes, ASCII hyphens, plain spaces, no zero-width characters."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.translate(_CHAR_MAP)


# --- YAML front matter -------------------------------------------------------------------

_YAML_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\u00a0",
    "L": "\u2028", "P": "\u2029",
}  # fmt: skip


def _yaml_double_quoted(raw: str) -> str:
    """Decode a YAML double-quoted scalar (without its quotes), including folded lines."""
    lines = raw.split("\n")
    joined = lines[0]
    for line in lines[1:]:
        if joined.endswith("\\") and not joined.endswith("\\\\"):
            joined = joined[:-1] + line.lstrip()  # an escaped line break joins without space
        else:
            joined = joined.rstrip() + " " + line.strip()
    out, i = [], 0
    while i < len(joined):
        ch = joined[i]
        if ch != "\\" or i + 1 == len(joined):
            out.append(ch)
            i += 1
            continue
        code = joined[i + 1]
        width = {"x": 2, "u": 4, "U": 8}.get(code)
        if width:
            try:
                out.append(chr(int(joined[i + 2 : i + 2 + width], 16)))
                i += 2 + width
                continue
            except ValueError:
                pass
        out.append(_YAML_ESCAPES.get(code, code))
        i += 2
    return "".join(out)


def parse_front_matter(text: str) -> tuple[dict, str]:
    """Split a leading ``---`` YAML block of flat ``key: value`` pairs from the body.

    Only the scalar forms that publishers' exports use are understood (plain, single- and
    double-quoted, folded over several lines); anything else is kept as a raw string.
    """
    m = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", text, re.DOTALL)
    if not m:
        return {}, text
    data: dict[str, str] = {}
    key, raw = None, []

    def flush():
        if key is None:
            return
        value = "\n".join(raw).strip()
        if value.startswith('"') and value.endswith('"') and len(value) > 1:
            value = _yaml_double_quoted(value[1:-1])
        elif value.startswith("'") and value.endswith("'") and len(value) > 1:
            value = re.sub(r"\s*\n\s*", " ", value[1:-1]).replace("''", "'")
        else:
            value = re.sub(r"\s*\n\s*", " ", value)
        data[key] = value.strip()

    for line in m.group(1).split("\n"):
        km = re.match(r"^([A-Za-z_][\w-]*):(?:\s+(.*)|\s*)$", line)
        if km and not line.startswith((" ", "\t")):
            flush()
            key, raw = km.group(1), [km.group(2) or ""]
        elif key is not None:
            raw.append(line)
    flush()
    return data, text[m.end() :]


def _iso_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    m = re.match(r"\s*['\"]?(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# --- HTML --------------------------------------------------------------------------------

_DROP_TAGS = [
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "svg", "iframe", "figure", "figcaption", "button", "select", "dialog", "picture", "video",
]  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "blockquote", "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "hr", "address",
    "time",
}  # fmt: skip
_SITE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014-]{2,60}$")
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")

# The HTML parser checks scopes by scanning its stack of open elements, so each start tag costs
# time in proportion to the current depth: 100,000 nested <div>s took a minute to parse. Browsers
# cap the depth too (Blink at 512); real pages stay far below this one.
_MAX_DEPTH = 256
# Elements that hold no content (void), or that the parser closes when the next one of their
# kind starts (<p>, <li>, table parts, which a page may leave unclosed): they do not deepen the
# tree, and counting them would make ordinary pages look deep.
_UNCOUNTED_TAGS = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
        "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
        "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody",
        "tfoot", "colgroup", "caption", "option", "optgroup",
    }
)  # fmt: skip
# Every "<" followed by a letter is counted, even inside a script, a comment or an attribute
# value, where the parser makes no element of it: counting too many only removes tags sooner,
# while an element the count missed would let a page nest without limit.
_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")


def _limit_nesting(html: str) -> str:
    """``html`` without the tags that would nest elements deeper than ``_MAX_DEPTH`` (their
    text stays, in the deepest element kept), in one pass. A page within the limit comes back
    unchanged."""
    kept: list[str] = []
    copied = depth = excess = 0
    tag_end = -1  # the next ">", found once and reused by every tag that starts before it
    for match in _TAG_START.finditer(html):
        closing, name = match[1], match[2].lower()
        if name in _UNCOUNTED_TAGS or match.start() < copied:
            continue
        if closing and not excess:
            depth = max(depth - 1, 0)
            continue
        if not closing and depth < _MAX_DEPTH:
            depth += 1
            continue
        if tag_end < match.end():
            tag_end = html.find(">", match.end())
        if tag_end < 0:
            break  # the parser drops a tag that the document ends inside
        excess += -1 if closing else 1
        kept.append(html[copied : match.start()])
        kept.append(" ")  # the words on either side of a removed tag stay apart
        copied = tag_end + 1
    if not kept:
        return html
    kept.append(html[copied:])
    return "".join(kept)


def _html_text(node) -> str:
    """The text under ``node``: a blank line around each block element, a line break for each
    <br>, runs of whitespace inside text as one space.

    The tree is walked with an explicit stack of child iterators rather than by recursion, so
    that no nesting depth can exhaust Python's stack."""
    parts: list[str] = []
    # Each entry: the children still to visit, and whether their parent is a block (whose end
    # is marked once they are done).
    stack = [(iter(node.iter(include_text=True)), False)]
    while stack:
        children, is_block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if is_block:
                parts.append("\n\n")
            continue
        tag = child.tag
        if tag == "-text":
            parts.append(_WHITESPACE.sub(" ", child.text_content or ""))
        elif tag == "br":
            parts.append("\n")
        elif tag in _BLOCK_TAGS:
            parts.append("\n\n")
            stack.append((iter(child.iter(include_text=True)), True))
        elif not tag.startswith("-"):
            stack.append((iter(child.iter(include_text=True)), False))
    # Spaces around line breaks go line by line: a pattern such as "[ \t]*\n" would re-read a
    # long run of spaces from each of its positions.
    text = "\n".join(line.strip(" \t") for line in "".join(parts).split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def html_to_text(html: str) -> tuple[str, dict]:
    """The main text of an HTML page and what its head says (title, date, source_url)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_limit_nesting(html))
    meta: dict[str, str] = {}

    def content_of(selector: str, attr: str = "content") -> str | None:
        node = tree.css_first(selector)
        value = node.attributes.get(attr) if node is not None else None
        return value.strip() if value else None

    for selector in [
        'meta[property="article:published_time"]', 'meta[name="article:published_time"]',
        'meta[property="og:published_time"]', 'meta[name="date"]', 'meta[name="DC.date"]',
        'meta[name="dcterms.date"]', 'meta[itemprop="datePublished"]',
        'meta[name="publish-date"]', 'meta[name="pubdate"]',
    ]:  # fmt: skip
        if value := content_of(selector):
            meta["date"] = value
            break
    if "date" not in meta and (value := content_of("time[datetime]", "datetime")):
        meta["date"] = value
    if value := content_of('link[rel="canonical"]', "href") or content_of(
        'meta[property="og:url"]'
    ):
        meta["source_url"] = value

    for tag in _DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()
    root = (
        tree.css_first("article")
        or tree.css_first("main")
        or tree.css_first('[role="main"]')
        or tree.body
        or tree.root
    )
    h1 = root.css_first("h1") if root is not None else None
    if h1 is None:
        h1 = tree.css_first("h1")
    title = h1.text(strip=True) if h1 is not None else None
    if not title:
        title = content_of('meta[property="og:title"]')
    if not title and (node := tree.css_first("title")):
        title = _SITE_SUFFIX.sub("", " ".join(node.text(strip=True).split()))
    if title:
        meta["title"] = " ".join(title.split())
    return (_html_text(root) if root is not None else ""), meta


def _looks_like_html(raw: str) -> bool:
    head = raw.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in raw)


# --- markdown and lines ------------------------------------------------------------------


# Every pattern here reads on from its opening marker only as far as the next marker of its
# kind ("[", "(", "**", "<"), so the stretches that failed attempts read do not overlap and a
# line of any length is cleaned in time proportional to its length. (Patterns that read to the
# end of the line from each unclosed "[" or "*" made one 200 KB line take two minutes.)
#
# A link target, which may hold one level of parentheses (".../wiki/Alliance_(treaty)").
_TARGET = r"\((?:[^()]*(?:\([^()]*\)[^()]*)*)\)"
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]" + _TARGET)  # images carry no readout text
_MD_LINK = re.compile(r"\[([^\[\]]+)\]" + _TARGET)  # links keep their words
_INLINE_TAG = re.compile(r"</?(?:sup|sub|em|strong|b|i|u|span|a|small)\b[^<>]*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~'\"])")  # \- \### \*
# Emphasis markers around words, not the asterisks of a footnote or a list bullet. Inside
# strong emphasis a lone "*" or "_" may appear; inside emphasis, only between letters
# ("snake_case").
_STRONG = re.compile(
    r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"
)
_EMPHASIS_STAR = re.compile(
    r"(?<![\w*])\*(?=[^\s*])((?:[^*]|(?<=\w)\*(?=\w))+?)(?<=[^\s*])\*(?![\w*])"
)
_EMPHASIS_UNDERSCORE = re.compile(
    r"(?<!\w)_(?=[^\s_])((?:[^_]|(?<=\w)_(?=\w))+?)(?<=[^\s_])_(?!\w)"
)
# Inner runs of spaces are one space in the cleaned text anyway; made one here, before the date
# and title patterns read the line, none of them meets a run long enough to re-read at length.
_SPACE_RUN = re.compile(r"(?<=\S)\s{2,}")


def _strip_markdown(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _INLINE_TAG.sub("", line)
    line = _BREAK_TAG.sub(" ", line)
    line = _HEADING.sub("", line)
    line = _QUOTE.sub("", line)
    line = _ESCAPE.sub(r"\1", line)
    line = _STRONG.sub(lambda m: m[1] or m[2], line)
    line = _EMPHASIS_STAR.sub(r"\1", line)
    line = _EMPHASIS_UNDERSCORE.sub(r"\1", line)
    return _SPACE_RUN.sub(" ", line)


def _comparable(line: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", line.lower()).strip()


def _is_debris(line: str) -> bool:
    stripped = line.strip()
    key = stripped.lower().rstrip(":.!").strip()
    if _DEBRIS_LINES.match(key) or _IMAGE_DEBRIS.match(stripped) or _CAPTION.match(stripped):
        return True
    # A short all-capitals label with no sentence punctuation ("PEOPLE IN THIS ARTICLE"); a
    # transcript's "MINISTER ROE:" ends with a colon and is kept.
    words = stripped.split()
    return (
        2 <= len(words) <= 6
        and stripped.isupper()
        and not re.search(r"[.:;!?\d\"]", stripped)
        and len(stripped) >= 8
    )


def _paragraphs(lines: list[str]) -> list[str]:
    """Group lines into paragraphs, re-joining hard-wrapped lines.

    A block of lines (between blank lines) is hard-wrapped when all its lines but the last are
    shorter than a typical wrap width; then its lines are joined, except where a list item
    starts. A block of long lines is one paragraph per line (a page that uses one newline per
    paragraph).
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if not block:
            continue
        wrapped = len(block) > 1 and all(len(line) <= _WRAP_WIDTH for line in block[:-1])
        if not wrapped:
            paragraphs.extend(line.strip() for line in block)
            continue
        current = ""
        for line in block:
            text = line.strip()
            starts_item = bool(_LIST_ITEM.match(text)) and not line.startswith("    ")
            if current and (starts_item or (current.endswith(":") and len(current) < 160)):
                paragraphs.append(current)
                current = text
            else:
                current = f"{current} {text}" if current else text
        if current:
            paragraphs.append(current)
    return paragraphs


# Where pages put the publication date when it is not among the first lines: a "Date" label
# (alone above the date, or run into it: "DateMarch 4, 2026"), a numeric date line
# ("03/14/2024 | Press release"), or a dated lead ("March 4, 2024: …", "SEOUL, March 4, 2024 —").
_DATE_LABEL = re.compile(
    r"^(?:[-*•]\s*)?(?:date|posted|published|released)\s*:?\s*(?P<rest>.*)$", re.I
)
_NUMERIC_DATE = re.compile(
    r"^(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?:\s*(?:\||[-\u2013\u2014,])\s*.{0,40})?$"
)
_DATED_LEAD = re.compile(
    r"^(?:[A-Z][A-Za-z.]+(?:[ ,]+[A-Z][A-Za-z.]+){0,3},?\s+)?(?P<date>(?:[A-Z][a-z]+day,?\s+)?"
    r"[A-Z][a-z]{2,8}\.?\s+[0-3]?\d,\s+(?:19|20)\d\d)\s*(?:[:\u2013\u2014]|-{1,2})\s+\S"
)
# A line this long is prose: below it, a date alone on a line is the text's, not the page's.
_PROSE_LINE = 400
# How far down a page its publication date is looked for (menus can run to dozens of lines).
_DATE_SEARCH_LINES = 40


def publication_date(lines: list[str]) -> datetime.date | None:
    """The publication date a page gives below its first lines, or None."""
    label_above = False
    in_header = True  # before the first paragraph of prose
    for line in [line.strip() for line in lines if line.strip()][:_DATE_SEARCH_LINES]:
        # A date alone on its line among the banners and bylines above the text: a transcript's
        # "May 4, 2026" under the speaker's name and place.
        if in_header and (day := date_line(line)):
            return day
        in_header = in_header and len(line) < _PROSE_LINE
        if m := _NUMERIC_DATE.match(line):
            try:
                return datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                pass
        if m := _DATE_LABEL.match(line):
            if not m["rest"]:
                label_above = True
                continue
            if day := date_line(m["rest"]):
                return day
        if label_above and (day := date_line(line)):
            return day
        label_above = False
        if (m := _DATED_LEAD.match(line)) and (day := date_line(m["date"])):
            return day
    return None


# A photo caption ends with the day the picture was taken ("…, in Seoul, April 17, 2011"); a
# headline does not.
_CAPTION_DATE_END = re.compile(r",\s+[A-Z][a-z]{2,8}\.?\s+[0-3]?\d,\s+(?:19|20)\d\d\.?$")


def _is_title_candidate(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 30
        and len(line) <= 250
        and not line.rstrip().endswith((".", ":"))
        and not _CAPTION_DATE_END.search(line.rstrip())
    )


def clean_document(raw: str, *, content_type: str = "text/plain") -> CleanedDocument:
    """Clean a raw readout. ``content_type`` "text/html" (or HTML-looking input) goes through
    the HTML path; anything else is treated as plain text or markdown."""
    notes: list[str] = []
    meta: dict[str, str] = {}
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    front, body = parse_front_matter(raw)
    meta.update(front)
    if "html" in content_type.lower() or _looks_like_html(body):
        body, html_meta = html_to_text(body)
        for key, value in html_meta.items():
            meta.setdefault(key, value)

    body = normalise_chars(body)
    lines = [_strip_markdown(line).rstrip() for line in body.split("\n")]

    title = normalise_chars(meta.get("title", "")).strip()
    title = re.sub(r"\s+", " ", _strip_markdown(title))
    published_on = _iso_date(meta.get("date")) or _iso_date(meta.get("published_time"))
    published_on = published_on or _iso_date(meta.get("published"))

    # The top of a page: mirrors' date lines, the title (perhaps repeated), debris. Look at
    # the first few non-blank lines only; deeper down a date line is content.
    kept: list[str] = []
    seen_text = 0
    guessed_title = not title
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if _TRANSLATION_NOTE.match(stripped):
            notes.append("unofficial translation")
            continue
        if _is_debris(stripped):
            continue
        if seen_text < 4 and _SECTION_LABEL.match(stripped):
            continue
        if seen_text < 4:
            lead = re.match(r"^date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$", stripped, re.IGNORECASE)
            if lead:  # a mirror's " date 2025-09-10 Title" line
                published_on = published_on or _iso_date(lead.group(1))
                stripped = lead.group(2).strip()
                if not stripped:
                    continue
            elif (day := date_line(stripped)) is not None:
                published_on = published_on or day
                continue
            if _is_title_candidate(stripped) and (
                not title
                or (guessed_title and _HEADLINE.search(stripped) and not _HEADLINE.search(title))
            ):
                # A line naming an engagement beats a site banner taken for the title.
                title, guessed_title = stripped, True
                continue
            if title and _comparable(stripped) == _comparable(title):
                continue
            seen_text += 1
        kept.append(stripped)

    published_on = published_on or publication_date(lines)
    paragraphs = [re.sub(r" {2,}", " ", p) for p in _paragraphs(kept)]
    paragraphs = [p for p in paragraphs if p and not _is_debris(p)]
    # A repeated title further down (after captions) is also dropped.
    if title:
        paragraphs = [
            p
            for i, p in enumerate(paragraphs)
            if not (i < 4 and _comparable(p) == _comparable(title))
        ]
    body_text = "\n\n".join(paragraphs)
    text = f"{title}\n\n{body_text}" if title else body_text
    body_start = len(title) + 2 if title else 0

    words = len(body_text.split())
    if _BLOCK_PAGE.search(text[:2000]) and words < 300:
        notes.append("looks like a block or error page, not a readout")
    elif words < 25:
        notes.append("no readout text found")

    front_matter = {k: meta[k] for k in ("title", "date", "source_url") if meta.get(k)}
    if title:
        front_matter["title"] = title
    if published_on and "date" not in front_matter:
        front_matter["date"] = published_on.isoformat()
    return CleanedDocument(
        text=text,
        front_matter=front_matter,
        title=title,
        published_on=published_on,
        source_url=meta.get("source_url") or None,
        body_start=body_start,
        notes=notes,
    )
