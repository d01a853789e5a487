"""Reading news articles from files, and cleaning the page noise around their text.

Readers turn ``.txt``, ``.json``, ``.jsonl`` and ``.html``/``.htm`` files into
:class:`~communique.model.Article` objects. A bad file never stops a batch: the readers *yield*
an :class:`~communique.errors.ArticleError` (what went wrong, where, how to fix it) and go on.

Every character offset downstream refers to ``Article.text``, which is the output of
:func:`clean_text` (minus a detected headline, see :func:`split_title`).

Where an article's date comes from, first found wins:

1. the record's ``date`` field (JSON), or the HTML page's own publication date;
2. a leading `` date YYYY-MM-DD`` line (the scraper's record date);
3. a date stamp alone on one of the first lines: CMS ``11/05/2019 - 14:20`` (day first),
   AzerNews ``14 March 2023 09:41 (UTC+04:00)``, ``May 3, 2022``, ``2019-05-11 14:20``;
4. a MENAFN document id (``MENAFN15092021…ID…`` carries DDMMYYYY);
5. a ``YYYY-MM-DD`` in the file name (``visit-2024-10-09.txt``).

Dates inside sentences ("Today, on 28 May", "March 9.") are never used: they often lack the year
or describe something else.

>>> date, rest = parse_leading_date(" date 2024-10-09 + ↺ − 16 px\\n\\nHe spoke.Then he left.")
>>> date
datetime.date(2024, 10, 9)
>>> clean_text(rest)
'He spoke. Then he left.'
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .errors import ArticleError
from .model import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NO_DATE",
    "OUTLETS",
    "SUFFIXES",
    "article_from_html",
    "article_from_text",
    "clean_text",
    "iter_articles",
    "looks_like_headline",
    "parse_date",
    "parse_leading_date",
    "read_bytes",
    "read_file",
    "split_title",
]

SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
DEFAULT_MAX_BYTES = 5_000_000
NO_DATE = "no date: add a ` date YYYY-MM-DD` first line or a `date` field"

#: Outlets whose name, alone on the last line, is a signature (removed, and used as ``source``).
OUTLETS = (
    "News.Az",
    "AzerNews",
    "APA",
    "Report.az",
    "Report",
    "Trend",
    "Trend.Az",
    "AZERTAC",
    "Azvision.az",
    "Caliber.Az",
    "Oxu.Az",
    "Day.Az",
    "MENAFN",
    "Xinhua",
    "TASS",
    "Interfax",
    "Interfax-Ukraine",
    "Ukrinform",
    "Anadolu Agency",
    "Daily Sabah",
    "LETA",
    "Reuters",
    "AFP",
    "Associated Press",
    "DVIDS",
)
_OUTLET_BY_KEY = {o.casefold(): o for o in OUTLETS}

# ----------------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TIME = (
    r"(?:\s*(?:[-–—,|]|at)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:UTC|GMT)\s*(?:[+−-]\s*\d{1,2}(?::?\d{2})?)?\)?)?)?"
)
# ISO date, optionally with a time (record dates, ``2019-05-11 14:20`` stamps)
_ISO_RE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC)?)?"
)
# 11/05/2019 - 14:20, 11.05.2019 14:20
_NUM_RE = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})" + _TIME, re.I)
# 14 March 2023 09:41 (UTC+04:00)
_DMY_RE = re.compile(rf"(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})" + _TIME, re.I)
# May 3, 2022
_MDY_RE = re.compile(rf"({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})" + _TIME, re.I)
_WEEKDAY = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+|(?:mon|tue|wed|thu|fri|sat|sun)\.?,\s+",
    re.I,
)
_DATE_LINE = re.compile(r"\A\s*date[ \t]+(\d[\d./-]*\d)\b[ \t]*", re.I)
_MENAFN_ID = re.compile(r"^MENAFN(\d{2})(\d{2})(\d{4})\d*ID\d+$")
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_STAMP_TRIM = re.compile(
    r"^(?:Published|Posted|Updated|Released|Created|Date)(?:\s+on)?\s*:?\s*|[\s|•·–—-]+$", re.I
)
_HEAD_LINES = 6  # how many non-blank lines at the top may hold a date stamp


def _mkdate(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _numeric(a: int, b: int, year: int, sep: str) -> dt.date | None:
    """``a/b/year``: day first (European CMSs of this genre); month first only when the day
    cannot be the first number (``05/13/2019``). Dotted dates are always day first."""
    if sep == "/" and a <= 12 < b:
        return _mkdate(year, a, b)
    return _mkdate(year, b, a)


def parse_date(value: str) -> dt.date | None:
    """Read a date written alone: ``2024-10-09``, an ISO datetime, ``11/05/2019 - 14:20``,
    ``11.05.2019``, ``14 March 2023 09:41 (UTC+04:00)``, ``May 3, 2022``, with an optional
    weekday in front. ``None`` when ``value`` is not exactly one of those (or not a real date).

    >>> parse_date("2024-10-09T08:30:00+04:00")
    datetime.date(2024, 10, 9)
    >>> parse_date("11/05/2019 - 14:20"), parse_date("05/13/2019")
    (datetime.date(2019, 5, 11), datetime.date(2019, 5, 13))
    >>> parse_date("14 March 2023 09:41 (UTC+04:00)")
    datetime.date(2023, 3, 14)
    >>> parse_date("next Tuesday") is None
    True
    """
    s = value.strip()
    if not s or len(s) > 60 or not s[-1:].isalnum() and s[-1:] not in ").":
        return None
    if s[0].isdigit():
        m = _ISO_RE.fullmatch(s)
        if m:
            return _mkdate(int(m[1]), int(m[2]), int(m[3]))
        m = _NUM_RE.fullmatch(s)
        if m:
            return _numeric(int(m[1]), int(m[3]), int(m[4]), m[2])
        m = _DMY_RE.fullmatch(s)
        if m:
            return _mkdate(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        return None
    s = _WEEKDAY.sub("", s, count=1) if s[0].isalpha() else s
    m = _MDY_RE.fullmatch(s)
    if m:
        return _mkdate(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    m = _DMY_RE.fullmatch(s)
    if m:
        return _mkdate(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    return None


def parse_leading_date(raw: str) -> tuple[dt.date | None, str]:
    """Take the article date off the top of a raw text; return ``(date, rest)``.

    Reads a first line `` date YYYY-MM-DD`` (the leading space is optional; whatever follows the
    date on that line stays in ``rest``), then looks at the next few lines for a date stamp
    standing alone on its line (see :func:`parse_date`) and removes it. The date line wins over
    a stamp. Raises :class:`ValueError` when the date line holds an impossible date.

    >>> parse_leading_date("date 2023-03-14\\nText.")
    (datetime.date(2023, 3, 14), 'Text.')
    >>> parse_leading_date("Ruritania Hosts Talks\\n14 March 2023 09:41 (UTC+04:00)\\nText.")
    (datetime.date(2023, 3, 14), 'Ruritania Hosts Talks\\n\\nText.')
    >>> parse_leading_date("No date here.")
    (None, 'No date here.')
    """
    date: dt.date | None = None
    m = _DATE_LINE.match(raw)
    if m:
        date = parse_date(m[1])
        if date is None:
            raise ValueError(
                f"the date line says {m[1]!r}, which is not a valid date: "
                "write it as ` date YYYY-MM-DD`"
            )
        raw = raw[m.end() :]
        if raw.startswith("\r\n"):
            raw = raw[2:]
        elif raw[:1] in ("\n", "\r"):
            raw = raw[1:]
    # a stamp alone on one of the first lines (cheap: only short lines are tried)
    lines = raw.split("\n", 12)
    seen = 0
    for i, line in enumerate(lines[:12]):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if len(s) <= 70 and (s[0].isdigit() or s[0].isalpha()):
            d = parse_date(_STAMP_TRIM.sub("", s))
            if d is not None:
                date = date or d
                lines[i] = ""
                raw = "\n".join(lines)
                break
    return date, raw


def _date_from_name(stem: str) -> dt.date | None:
    m = _NAME_DATE.search(stem)
    return _mkdate(int(m[1]), int(m[2]), int(m[3])) if m else None


# ----------------------------------------------------------------------------------------------
# Noise cleanup

_CHAR_MAP = {
    0x00A0: " ",  # no-break space
    0x2007: " ",
    0x2009: " ",
    0x202F: " ",
    0x3000: " ",
    0x0009: " ",
    0x000B: "\n",
    0x000C: "\n",
    0x0085: "\n",
    0x2028: "\n",
    0x2029: "\n\n",
    0x200B: None,  # zero-width space
    0x2060: None,  # word joiner
    0xFEFF: None,  # BOM / zero-width no-break space
    0x00AD: None,  # soft hyphen
}
_ODD_CHARS = re.compile("[" + "".join(map(chr, _CHAR_MAP)) + "]")


def _odd_char(m: re.Match[str]) -> str:
    return _CHAR_MAP[ord(m.group())] or ""


_SPACES = re.compile(r" {2,}")
_WIDGET = re.compile(r"\+\s*↺\s*[−–-]\s*\d{1,3}\s*px")
_MENAFN_PREFIX = re.compile(r"^\(MENAFN\s*[-–—]\s*([^()\n]{1,80})\)\s*")
_COVER = "Cover picture for the article"
_AGO = re.compile(
    r"^(?:\d{1,3}|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago$", re.I
)
_BYLINE = re.compile(r"^By\s+[A-Z][^.!?:;]{0,60}$")
_TAGS = re.compile(r"^(?:Tags|Keywords|Topics)\s*:.{0,200}$", re.I)
_FURNITURE = frozenset(
    {
        "cancel",
        "facts",
        "share",
        "print",
        "advertisement",
        "read more",
        "related news",
        "latest news",
        "more news",
        "u.s. politics",
        "international cooperation",
        "legal disclaimer:",
    }
)
# an office's name alone on a line ("U.S. Department of Defense", "Estonian Defence Forces",
# "Ministry of National Defence Republic of Lithuania"): a site name or a signature
_ORG_SIGNATURE = re.compile(
    r"^(?!By\s)(?:The\s+)?(?:[A-Z][\w.'’-]*\s+){0,4}"
    r"(?:Department|Ministry|Office|Press Service|Agency|Forces|Command|Headquarters|Embassy|"
    r"Secretariat|Administration|Presidency|Government)"
    r"(?:\s+(?:of|for|and)(?:\s+the)?(?:\s+[A-Z][\w.'’-]*){1,4}){0,2}$"
)
# a bureau named under an office's byline ("Bureau of Arms Control and Nonproliferation")
_BUREAU_LINE = re.compile(
    r"^Bureau (?:of|for) (?:the )?[A-Z][\w'’-]*(?: (?:and|of|the|[A-Z][\w'’-]*)){0,6}$"
)
# "Information prepared by the Press Section": an office signs the page, no headline
_PREPARED_BY = re.compile(r"^Information (?:was )?prepared by\b", re.I)
_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]{2,}(?:\s[A-ZÀ-ÖØ-Þ'’.-]+)*,\s")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]»]*$")
_WRAP_END = re.compile(r"[.!?…:][\"'”’)\]»]*$")
_BULLET = re.compile(r"^(?:[-–—•*▪●]\s|\d{1,2}[.)]\s)")
# an outlet cited as the source: "told News.Az", "Karvenpress reports", "according to APA"
_OUTLET_MENTION = re.compile(
    r"(?<![\w.-])(?:"
    + "|".join(re.escape(o) for o in sorted(OUTLETS, key=len, reverse=True))
    + r")(?![\w-])"
)
_CITED_BEFORE = re.compile(r"(?:\btold|\baccording to|\bvia|\bciting)\s+(?:the\s+)?$")
_CITED_AFTER = re.compile(r",?\s+(?:reports|reported|writes|informs|learned)\b")
_ATTRIBUTION = (
    r"(?:\btold|\baccording to|\bvia|\bciting)\s+(?:the\s+)?{0}(?![\w-])"
    r"|(?<![\w.-]){0},?\s+(?:reports|reported|writes|informs|learned)\b"
)
# an outlet's name by its form: "Bosphorus Post", "Nordic Defence Review", "Karvenpress.com"
_OUTLET_FORM = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w'’&-]*\s+){0,3}[A-Z][\w'’&-]*$"
    r"|^[A-Z][\w-]*\.(?i:az|com|net|org|ru|ua|ge|tr|kz|uz|info|news|lv|lt|ee)$"
)
_OUTLET_HEADS = (
    "post news press times review herald gazette journal tribune telegraph observer daily "
    "today agency wire monitor chronicle courier insider media radio tv"
).split()


def _outlet_form(s: str) -> bool:
    """Looks like an outlet's name: capitalised words, the last ending like an outlet
    ("Bosphorus Post", "Nordic Defence Review", "SarnoNews"), or a domain ("Karvenpress.com")."""
    m = _OUTLET_FORM.match(s)
    if not m:
        return False
    if "." in s.rsplit(" ", 1)[-1]:
        return True
    return s.rsplit(" ", 1)[-1].lower().endswith(tuple(_OUTLET_HEADS))


# missing space after a sentence end: "targeted.Valiyev", "occupation”The", "now?The"
# (the character before is checked in the callback: a leading look-behind would make the
# regex engine try every position instead of jumping to the punctuation)
_GLUE = re.compile(r"([.!?])([\"”“]?)(?=[^\W\d_])")
_GLUE_QUOTE = re.compile(r"([\"”])(?=[^\W\d_])")
_CLOSERS = ')]"”’'  # before the full stop: '(OCC).The', '"ready".The'
_ABBREV = frozenset(
    """Maj Gen Lt Lieut Col Capt Cpt Cmdr Cdr Comdr Cdre Cmdre Adm Brig Sgt Cpl Pvt Mr Mrs Ms
    Dr Prof St Mt Ft Gov Govt Sen Rep Amb Hon Rev Jr Sr Co Corp Inc Ltd No Nos Vol Art Fig Dept
    Est Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs cf approx viz al""".split()
)
# a capitalised word right after the dot that is a domain ending, not a sentence: News.Az
_TLD = frozenset(
    "az Az AZ com Com COM ru Ru RU ua Ua UA ge Ge GE kz Kz KZ uz Uz UZ tr Tr TR info Info "
    "org Org lv Lv LV lt Lt ee Ee".split()
)
_LETTERS = re.compile(r"[^\W\d_]+")


def _sentence_end_before(s: str, dot: int, nxt: int) -> bool:
    """Is ``s[dot]`` (a full stop glued to the capital at ``nxt``) the end of a sentence?"""
    prev = s[dot - 1]
    if prev in _CLOSERS or prev.isdigit():
        return True
    if prev == "_":
        return False
    j = dot - 1
    while j > 0 and s[j - 1].isalpha():
        j -= 1
    left = s[j:dot]
    if j > 0 and s[j - 1] in ".-/@":  # U.S.Army, e.g.The, www.site.Az
        return False
    if len(left) < 2 or left in _ABBREV:
        return False
    m = _LETTERS.match(s, nxt)
    right = m.group() if m else ""
    if right in _TLD:
        return False
    return f"{left}.{right}".casefold() not in _OUTLET_BY_KEY


def _fix_glue(m: re.Match[str]) -> str:
    s = m.string
    nxt = m.end()
    start = m.start()
    if (
        not s[nxt].isupper()
        or not start
        or not (s[start - 1].isalnum() or s[start - 1] in _CLOSERS)
    ):
        return m.group()
    punct, quote = m.group(1), m.group(2)
    if punct == "." and not _sentence_end_before(s, m.start(), nxt):
        return m.group()
    if not quote:
        return punct + " "
    if quote == "“" or (quote == '"' and s.count('"', 0, m.start(2)) % 2 == 0):
        return punct + " " + quote  # an opening quote starts the next sentence
    return punct + quote + " "


def _fix_quote_glue(m: re.Match[str]) -> str:
    s = m.string
    start = m.start()
    if not s[m.end()].isupper() or not start or not s[start - 1].isalnum():
        return m.group()
    if m.group(1) == '"' and s.count('"', 0, m.start()) % 2 == 0:
        return ' "'  # opening quote glued to the previous word
    return m.group(1) + " "


def _fix_spacing(line: str) -> str:
    if "." in line or "?" in line or "!" in line:
        line = _GLUE.sub(_fix_glue, line)
    if '"' in line or "”" in line:
        line = _GLUE_QUOTE.sub(_fix_quote_glue, line)
    return line


_SMALL_WORDS = frozenset(
    """a an and as at but by for from in into nor of on onto or over per than the to up upon
    via vs with within without amid after about against""".split()
)
_HEAD_WORD = re.compile(r"[^\W_][\w'’.&-]*")
_INNER_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"”’]?\s+[A-Z]")


def looks_like_headline(line: str) -> bool:
    """A conservative test for a Title Case headline line: 3–30 words, no sentence inside it,
    no full stop at the end, and at least 80 % of its content words capitalised (small words
    like *of*, *with*, *the* may stay lower case).

    >>> looks_like_headline("Ruritania's President Meets With Chief Of Veldonian Defence Staff")
    True
    >>> looks_like_headline("The minister met his counterpart in Nordhaven.")
    False
    """
    s = line.strip()
    if not 10 <= len(s) <= 200 or s[-1] in ".,;:-–—" or _INNER_SENTENCE.search(s):
        return False
    words = _HEAD_WORD.findall(s)
    if not 3 <= len(words) <= 30:
        return False
    content = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _SMALL_WORDS]
    caps = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return caps >= 2 and caps >= 0.8 * len(content)


_BREADCRUMB = re.compile(r"^[^.!?|:;]{1,40}(?: \| [^.!?|:;]{1,40})+$")
_LABEL = re.compile(r"^[A-Z][\w'’&.-]*(?: [\w'’&-]+)?$")  # one or two words


def _headline_like(line: str) -> bool:
    """Title Case headline, or a sentence-case one: 4–25 words, capital first, no ``. , ; :``
    at the end (only asked of the short lines above the running text)."""
    if looks_like_headline(line):
        return True
    s = line.strip()
    return (
        s[:1].isupper()
        and s[-1] not in ".,;:-–—"
        and 4 <= len(s.split()) <= 25
        and len(s) <= 200
        and not _INNER_SENTENCE.search(s)
    )


def _norm_title(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("‘", "'").split()).casefold()


def _is_body_line(s: str) -> bool:
    """A line of running text: a sentence end (or a colon) after 5+ words, a sentence inside,
    or more than 30 words."""
    n = s.count(" ") + 1
    return (n >= 5 and bool(_WRAP_END.search(s))) or n > 30 or bool(_INNER_SENTENCE.search(s))


def _head(lines: list[str]) -> list[int]:
    """Indices of the non-blank lines above the first line of running text (at most 6): site
    name, section, stamp, headline, dateline."""
    out: list[int] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if len(out) >= 6 or _is_body_line(line):
            break
        out.append(i)
    return out


_DATELINE_HEAD = re.compile(
    rf"^[A-Z][\w'’ .-]*,(?:\s*[A-Z][\w'’ .-]*,)?\s*(?:{_MONTH_RE})\.?\s+\d{{1,2}}\b"
    r"|^[^,]{2,40},.*\([A-Z][\w.& -]{0,30}\)$",  # "Baku, Azerbaijan (Trend)"
    re.I,
)


def split_title(
    text: str, known: str | None = None, skip: Iterable[str] = ()
) -> tuple[str | None, str]:
    """Take the headline out of a cleaned text; return ``(title, body)``.

    The headline is looked for in the head block: the short lines above the first line of
    running text (site name, section, headline, dateline). With ``known`` (a title the record or
    the page gives), a head line that repeats it is removed. Without it, the last head line
    that :func:`looks_like_headline` (Title Case), or reads like a sentence-case headline (4–25
    words, capital first, no ``. , ; :`` at the end), becomes the title — unless it is a
    dateline (``Baku, Azerbaijan, May 28 (Trend)``) or one of the lines in ``skip`` (a site's or
    office's name that cleanup found beside the headline). Nothing is taken when no other text
    would remain.

    >>> split_title("Ruritania And Veldonia Sign Defence Pact\\n\\nThe ministers met.")
    ('Ruritania And Veldonia Sign Defence Pact', 'The ministers met.')
    >>> split_title("The ministers met.\\nThey signed a pact.")
    (None, 'The ministers met.\\nThey signed a pact.')
    """
    lines = text.split("\n")
    head = _head(lines)
    pick: int | None = None
    if known is not None:
        key = _norm_title(known)
        pick = next((i for i in head if _norm_title(lines[i]) == key), None)
    else:
        for i in reversed(head):
            line = lines[i]
            if _DATELINE_HEAD.search(line) or line in skip or _PREPARED_BY.match(line):
                continue
            if looks_like_headline(line) or _headline_like(line):
                pick = i
                break
    if pick is None:
        return known, text
    rest = lines[:pick] + lines[pick + 1 :]
    body = "\n".join(rest).strip("\n")
    body = _BLANK_RUNS.sub("\n\n", body) if "\n\n\n" in body else body
    if not body:
        return known, text
    return (known if known is not None else lines[pick].strip()), body


_BLANK_RUNS = re.compile(r"\n{3,}")


class _Cleaned(NamedTuple):
    text: str
    source: str | None
    date: dt.date | None  # from a MENAFN document id
    not_titles: tuple[str, ...]  # head lines that name the site or office, not the story


def _is_wrapped(lines: list[str]) -> bool:
    """Hard line breaks every ~65 characters (MENAFN copies): most lines of 40+ characters
    are at most 90 characters long, and there are at least three of them."""
    long = [n for n in map(len, lines) if n >= 40]
    return len(long) >= 3 and sum(1 for n in long if n <= 90) >= 0.8 * len(long)


def _continues(line: str) -> bool:
    """A hard-wrapped line whose sentence goes on in the next line."""
    return 40 <= len(line) <= 100 and not _WRAP_END.search(line) and not looks_like_headline(line)


def _signature(line: str, body: str) -> str | None:
    """The outlet or office named by a last line that is only a signature, else ``None``."""
    s = line.strip().lstrip("©").strip()
    if not s or len(s) > 60 or _SENTENCE_END.search(s) and not s.endswith("."):
        return None
    key = s.rstrip(".").casefold()
    if key in _OUTLET_BY_KEY:
        return _OUTLET_BY_KEY[key]
    if len(s.split()) > 7 or s.endswith("."):
        return None
    if _outlet_form(s):
        return s
    # "Karvenpress reports citing …" in the body, then "Karvenpress" on the last line
    if re.search(_ATTRIBUTION.format(re.escape(s)), body):
        return s
    return None


def _attributed_outlet(text: str) -> str | None:
    """A known outlet the body names as its source ("… the ministry told News.Az")."""
    for m in _OUTLET_MENTION.finditer(text):
        before = text[max(0, m.start() - 20) : m.start()]
        if _CITED_BEFORE.search(before) or _CITED_AFTER.match(text, m.end()):
            return _OUTLET_BY_KEY[m.group().casefold()]
    return None


def _byline_office(line: str) -> str | None:
    """The office of a byline signed by an office ("By Office of the Spokesperson"), else None."""
    if _BYLINE.match(line) and _ORG_SIGNATURE.match(rest := line[3:].strip()):
        return rest
    return None


def _clean(raw: str, unwrap: bool = True) -> _Cleaned:
    text = _ODD_CHARS.sub(_odd_char, raw) if _ODD_CHARS.search(raw) else raw
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "↺" in text:
        text = _WIDGET.sub(" ", text)
    lines = [_SPACES.sub(" ", ln).strip() if "  " in ln else ln.strip() for ln in text.split("\n")]
    source: str | None = None
    office: str | None = None
    not_titles: list[str] = []
    menafn_date: dt.date | None = None
    para_start: set[int] = set()

    # aggregator header: everything above "Cover picture for the article" is furniture,
    # except the headline (kept as the first line)
    if _COVER in text:
        for k, line in enumerate(lines[:15]):
            if _COVER in line:
                head = [ln for ln in lines[:k] if ln]
                title = next(
                    (
                        ln
                        for ln in head
                        if ln.casefold() not in _FURNITURE
                        and not _BYLINE.match(ln)
                        and not _AGO.match(ln)
                        and not _ORG_SIGNATURE.match(ln)
                        and looks_like_headline(ln)
                    ),
                    None,
                )
                signers = [ln for ln in head if _ORG_SIGNATURE.match(ln) and ln != title]
                offices = [
                    _byline_office(ln) or ln
                    for ln in head
                    if ln in signers or _byline_office(ln) or _BUREAU_LINE.match(ln)
                ]
                office = (signers or offices or [None])[0]  # a page's office before a byline's
                not_titles.extend(offices)
                rest = line.replace(_COVER, "", 1).strip()
                lines = (
                    ([title, ""] if title else [])
                    + ([*offices, ""] if offices else [])
                    + [rest]
                    + lines[k + 1 :]
                )
                break
        lines = [ln.replace(_COVER, "").strip() if _COVER in ln else ln for ln in lines]

    # re-publisher prefix "(MENAFN- Agency)" on one of the first lines
    seen = 0
    cut: dict[int, int] = {}  # line -> characters of the prefix cut from it (wrap width)
    for i, line in enumerate(lines):
        if not line:
            continue
        if line.startswith("(MENAFN"):
            m = _MENAFN_PREFIX.match(line)
            if m:
                source = m[1].strip()
                lines[i] = line[m.end() :]
                cut[i] = m.end()
                para_start.add(i)
            break
        seen += 1
        if seen >= 4:
            break

    # furniture lines; MENAFN tail (document id, legal disclaimer)
    n = len(lines)
    for i, line in enumerate(lines):
        if not line:
            continue
        low = line.casefold()
        if low == "legal disclaimer:" and i > n // 2:
            del lines[i:]
            break
        if i < 10 and (signer := _byline_office(line)):
            lines[i] = signer  # an office signs: its name stays, it names an institution
            para_start.add(i)
            not_titles.append(signer)
            office = office or signer
        elif (
            low in _FURNITURE
            or _AGO.match(line)
            or (i < 10 and _BYLINE.match(line))
            or (i >= n - 6 and _TAGS.match(line))
        ):
            lines[i] = ""
        elif line.startswith("MENAFN") and (m := _MENAFN_ID.match(line)):
            menafn_date = _mkdate(int(m[3]), int(m[2]), int(m[1]))
            lines[i] = ""

    # the outlet's (or office's) signature alone on the last line
    last = len(lines) - 1
    while last >= 0 and not lines[last]:
        last -= 1
    if last > 0:
        if _ORG_SIGNATURE.match(lines[last]):
            office = office or lines[last]  # an office signs: kept, it names an institution
        else:
            sig = _signature(lines[last], "\n".join(lines[:last]))
            if sig is not None:
                lines[last] = ""
                source = source or sig

    # a breadcrumb at the top: "Politics | SarnoNews"
    seen = 0
    for i, line in enumerate(lines[:12]):
        if not line:
            continue
        seen += 1
        if seen > 3:
            break
        if " | " in line and _BREADCRUMB.match(line):
            last_part = line.rsplit(" | ", 1)[1].strip()
            if _outlet_form(last_part) or last_part.casefold() in _OUTLET_BY_KEY:
                source = source or _OUTLET_BY_KEY.get(last_part.casefold(), last_part)
            lines[i] = ""
            break

    # section labels in the head block ("News", "Press releases", "Defence cooperation") when
    # the head also holds a headline; a site name there is a candidate source
    wrapped = unwrap and _is_wrapped(lines)
    head = _head(lines)
    headlines = [i for i in head if _headline_like(lines[i])]
    if len(head) >= 2 and headlines:
        for i in head:
            ln = lines[i]
            if (
                _LABEL.match(ln)
                and not ln.isupper()
                and not _WRAP_END.search(ln)
                and not _ORG_SIGNATURE.match(ln)
                and not (wrapped and i > 0 and _continues(lines[i - 1]))
            ):
                lines[i] = ""
            elif i == head[0] and headlines[-1] != i and _ORG_SIGNATURE.match(ln):
                not_titles.append(ln)  # the site's name above the headline
                office = office or ln

    # join hard-wrapped lines, and lines whose sentence goes on in lower case
    out: list[str] = []
    prev = ""  # previous physical line (not the joined one)
    for i, line in enumerate(lines):
        if not line:
            out.append("")
            prev = ""
            continue
        if prev and i not in para_start and not _BULLET.match(line):
            first = line[0]
            join = False
            if not _SENTENCE_END.search(prev) and first.islower():
                join = True
            elif (
                wrapped
                # the line was wrapped at its full width, the "(MENAFN- ...)" prefix included
                and 40 <= len(prev) + cut.get(i - 1, 0) <= 100
                and not _WRAP_END.search(prev)
                and (first.isalnum() or first in "\"“‘'(«")
                and not (len(out) == 1 and looks_like_headline(prev) and _DATELINE.match(line))
            ):
                join = True
            if join:
                joined = out[-1]
                if joined.endswith("-") and len(joined) > 1 and joined[-2].isalpha():
                    out[-1] = joined + line  # "Commander-" + "in-Chief"
                else:
                    out[-1] = joined + " " + line
                prev = line
                continue
        out.append(line)
        prev = line

    # collapse blank runs, fix missing spaces after sentence ends
    parts: list[str] = []
    blank = False
    for line in out:
        if not line:
            blank = bool(parts)
            continue
        if blank:
            parts.append("")
            blank = False
        parts.append(_fix_spacing(line))
    result = "\n".join(parts)
    source = source or office or _attributed_outlet(result)
    return _Cleaned(result, source, menafn_date, tuple(not_titles))


def clean_text(raw: str) -> str:
    """Remove page noise and repair the text that extraction reads.

    * a leading `` date YYYY-MM-DD`` line and a date stamp line at the top (see
      :func:`parse_leading_date`); the News.Az font-size widget ``+ ↺ − 16 px``;
    * the re-publisher prefix ``(MENAFN- Agency)``, MENAFN's document id and legal disclaimer;
    * aggregator furniture: ``Cancel``, ``U.S. Politics``, bylines (``By …``), ``11 days ago``,
      ``Share``, ``Print``, ``Tags: …``, and the header block that ends in ``Cover picture for
      the article`` (glued to the next sentence) — of that block only the headline and an
      office's name (``U.S. Department of State``) are kept;
    * site furniture above the story: a breadcrumb (``Politics | SarnoNews``) and one- or
      two-word section labels (``News``, ``Press releases``) in the head block, when the head
      also holds a headline. A site's name there (``Estonian Defence Forces``) is kept;
    * an outlet's signature alone on the last line: a known outlet (:data:`OUTLETS`), a name
      shaped like one (``Bosphorus Post``), or the outlet the body cites (``X reports …``).
      An office's signature (``U.S. Department of Defense``) and ``Information prepared by …``
      are kept: they name institutions;
    * hard line breaks inside sentences: a line is joined to the next when it does not end a
      sentence and the next starts in lower case, or — in a hard-wrapped text — when it is
      40–100 characters long and ends without ``. ! ? :``. Blank lines always stay paragraph
      breaks;
    * a missing space after ``. ? !`` or a closing quote before a capital
      (``targeted.Valiyev`` → ``targeted. Valiyev``), except after abbreviations, initials and
      in domains (``Maj.Gen``, ``U.S.Army``, ``e.g.``, ``News.Az``);
    * no-break and other odd spaces, ``\\r\\n``, runs of spaces and of blank lines.

    Curly quotes, dashes and non-ASCII letters are kept as they are.

    >>> clean_text("(MENAFN- Ruritania Today) The minister met\\nhis counterpart.Talks went well.")
    'The minister met his counterpart. Talks went well.'
    """
    try:
        _, raw = parse_leading_date(raw)
    except ValueError:
        pass
    return _clean(raw).text


# ----------------------------------------------------------------------------------------------
# Building articles


def _where(path: str | None, article_id: str) -> str:
    return path or article_id


def article_from_text(
    raw: str,
    article_id: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
    path: str | None = None,
    line: int | None = None,
    name_date: dt.date | None = None,
    unwrap: bool = True,
    require_date: bool = True,
) -> Article:
    """Build an :class:`Article` from raw text (date line, cleanup, headline).

    Values given as arguments (from a JSON record) win over what the text shows.
    ``name_date`` is the last-resort date (taken from a file name). ``unwrap=False`` turns off
    the joining of hard-wrapped lines by their length (text extracted from HTML has one
    paragraph a line). Raises :class:`ArticleError` when there is no text, or no date while
    ``require_date`` is true (with ``require_date=False`` the article keeps ``date=None``).

    >>> a = article_from_text(" date 2024-01-02\\nVeldonia Opens Embassy\\n\\nIt opened.", "a1")
    >>> a.date, a.title, a.text
    (datetime.date(2024, 1, 2), 'Veldonia Opens Embassy', 'It opened.')
    """
    where = _where(path, article_id)
    if line is not None and where.endswith(f":{line}"):
        where = where[: -len(f":{line}")]  # the error carries the line itself
    try:
        line_date, rest = parse_leading_date(raw)
    except ValueError as exc:
        raise ArticleError(where, str(exc), line if line is not None else 1) from None
    cleaned = _clean(rest, unwrap)
    if not cleaned.text:
        raise ArticleError(
            where,
            "no article text (only a date line or page furniture): put the article's text "
            "after the date line",
            line,
        )
    found_title, text = split_title(cleaned.text, title, cleaned.not_titles)
    date = date or line_date or cleaned.date or name_date
    if date is None and require_date:
        raise ArticleError(where, NO_DATE, line)
    return Article(
        id=article_id,
        text=text,
        date=date,
        title=found_title,
        url=url,
        source=source or cleaned.source,
        path=path,
    )


_HTML_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_TITLE_SEP = re.compile(r"\s+[|–—-]\s+")


def _site_from_title(html: str, title: str | None) -> str | None:
    """The site name after the last separator of ``<title>`` ("Talks held | Ministry of …")."""
    m = _HTML_TITLE.search(html, 0, 50_000)
    if not m:
        return None
    import html as htmllib

    parts = _TITLE_SEP.split(" ".join(htmllib.unescape(m[1]).split()))
    if len(parts) < 2:
        return None
    site = parts[-1].strip()
    if not site or len(site) > 60 or (title and _norm_title(site) == _norm_title(title)):
        return None
    return site


def article_from_html(
    html: str,
    article_id: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
    path: str | None = None,
    line: int | None = None,
    name_date: dt.date | None = None,
    require_date: bool = True,
) -> Article:
    """Build an :class:`Article` from an HTML page: trafilatura finds the main text and the
    page's title, date, site name and URL; the text then goes through :func:`clean_text`.
    Arguments (from a JSON record) win over the page's metadata."""
    import trafilatura  # slow to import; only HTML needs it

    where = _where(path, article_id)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_HTML_DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        raise ArticleError(
            where, f"the HTML could not be parsed ({type(exc).__name__}: {exc})", line
        ) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < 3:
        raise ArticleError(
            where,
            "no main text found in the HTML: give the article's text as a .txt file or a "
            "`text` field instead",
            line,
        )
    page_date = parse_date(doc.date) if getattr(doc, "date", None) else None
    return article_from_text(
        text,
        article_id,
        title=title or (doc.title or None),
        date=date or page_date,
        url=url or (doc.url or None),
        source=source or doc.sitename or _site_from_title(html, doc.title),
        path=path,
        line=line,
        name_date=name_date,
        unwrap=False,
        require_date=require_date,
    )


def _record_str(rec: dict[str, Any], key: str, where: str, line: int | None) -> str | None:
    value = rec.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    raise ArticleError(
        where, f"`{key}` is {_json_kind(value)}, not a string: write it as a JSON string", line
    )


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def _from_record(
    rec: Any,
    *,
    where: str,
    default_id: str,
    path: str,
    line: int | None,
    name_date: dt.date | None,
    require_date: bool = True,
) -> Article:
    if not isinstance(rec, dict):
        raise ArticleError(
            where,
            f"the record is {_json_kind(rec)}, not an object: each record must be a JSON "
            'object like {"id": …, "date": "YYYY-MM-DD", "text": …}',
            line,
        )
    rid = rec.get("id")
    if rid is None or rid == "":
        article_id = default_id
    elif isinstance(rid, str | int) and not isinstance(rid, bool):
        article_id = str(rid).strip() or default_id
    else:
        raise ArticleError(where, f"`id` is {_json_kind(rid)}: give the record a string id", line)
    title = _record_str(rec, "title", where, line)
    url = _record_str(rec, "url", where, line)
    source = _record_str(rec, "source", where, line)
    date_value = _record_str(rec, "date", where, line)
    date = None
    if date_value is not None:
        date = parse_date(date_value) or _parse_date_slow(date_value)
        if date is None:
            raise ArticleError(
                where, f"`date` {date_value!r} is not a date: write it as YYYY-MM-DD", line
            )
    kwargs = {
        "title": title,
        "date": date,
        "url": url,
        "source": source,
        "path": path,
        "line": line,
        "name_date": name_date,
        "require_date": require_date,
    }
    text, html = rec.get("text"), rec.get("html")
    if text is not None:
        if not isinstance(text, str):
            raise ArticleError(
                where, f"`text` is {_json_kind(text)}, not a string: put the article in it", line
            )
        if not text.strip():
            raise ArticleError(where, "`text` is empty: put the article's text in it", line)
        return article_from_text(text, article_id, **kwargs)
    if html is not None:
        if not isinstance(html, str) or not html.strip():
            raise ArticleError(
                where, "`html` is empty or not a string: put the page's HTML in it", line
            )
        return article_from_html(html, article_id, **kwargs)
    raise ArticleError(
        where, "the record has no `text` (or `html`) field: add the article's text", line
    )


def _parse_date_slow(value: str) -> dt.date | None:
    """Unusual record dates ("9 Oct. 2024, Wednesday"): dateparser, day first, off the hot path."""
    import dateparser

    try:
        parsed = dateparser.parse(
            value,
            languages=["en"],
            settings={
                "DATE_ORDER": "DMY",
                "STRICT_PARSING": True,
                "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month", "year"],
            },
        )
    except Exception:  # noqa: BLE001 - dateparser raises on odd input
        return None
    return parsed.date() if parsed else None


# ----------------------------------------------------------------------------------------------
# Files


def _decode(data: bytes, where: str, line: int | None = None) -> str:
    """UTF-8 (with or without BOM); a specific error for NUL bytes, UTF-16 and bad bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ArticleError(where, "the file is UTF-16 text, not UTF-8: re-save it as UTF-8", line)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(
            where,
            f"binary file (NUL byte at byte offset {nul}): articles must be UTF-8 text",
            line if line is not None else data.count(b"\n", 0, nul) + 1,
        )
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[bom:].decode("utf-8")  # (the utf-8-sig codec is slower)
    except UnicodeDecodeError as exc:
        off = exc.start + bom
        raise ArticleError(
            where,
            f"not UTF-8 (invalid byte 0x{data[off]:02x} at byte offset {off}): "
            "re-save the file as UTF-8",
            line if line is not None else data.count(b"\n", 0, off) + 1,
        ) from None


def _json_error(where: str, exc: json.JSONDecodeError, line: int | None = None) -> ArticleError:
    lineno = exc.lineno if line is None else line
    col = exc.colno
    return ArticleError(
        where,
        f"invalid JSON: {exc.msg} at line {lineno}, column {col}: fix the syntax there",
        lineno,
    )


_WS = re.compile(r"[ \t\n\r]*")


def _json_records(text: str) -> list[tuple[Any, int]]:
    """Parse a JSON document into ``(record, line)`` pairs: one for an object, one per element
    for a list (``line`` is where the element starts). Raises :class:`json.JSONDecodeError`."""
    decoder = json.JSONDecoder()
    i = _WS.match(text).end()
    if text[i : i + 1] != "[":
        obj, end = decoder.raw_decode(text, i)
        end = _WS.match(text, end).end()
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
        return [(obj, text.count("\n", 0, i) + 1)]
    out: list[tuple[Any, int]] = []
    i = _WS.match(text, i + 1).end()
    line, counted = 1, 0
    if text[i : i + 1] == "]":
        i += 1
    else:
        while True:
            line += text.count("\n", counted, i)
            counted = i
            obj, i = decoder.raw_decode(text, i)
            out.append((obj, line))
            i = _WS.match(text, i).end()
            c = text[i : i + 1]
            if c == ",":
                i = _WS.match(text, i + 1).end()
            elif c == "]":
                i += 1
                break
            else:
                raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
    i = _WS.match(text, i).end()
    if i != len(text):
        raise json.JSONDecodeError("Extra data", text, i)
    return out


def _too_big(where: str, size: int, limit: int, line: int | None = None) -> ArticleError:
    what = f"line {line} is" if line is not None else "the file is"
    return ArticleError(
        where,
        f"{what} {size:,} bytes, over the {limit:,}-byte limit: split it into smaller files "
        "or raise the limit",
        line,
    )


def read_bytes(
    data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES, require_date: bool = True
) -> Iterator[Article | ArticleError]:
    """Read one file's content already in memory (an upload); the suffix of ``name`` says the
    format. Yields articles and errors, never raises :class:`ArticleError`."""
    p = Path(name)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        yield _unsupported(name, suffix)
        return
    if suffix == ".jsonl":
        lines = iter(data.splitlines(keepends=True))
        yield from _read_jsonl_lines(lines, name, p, max_bytes, require_date)
        return
    if len(data) > max_bytes:
        yield _too_big(name, len(data), max_bytes)
        return
    if not data.strip():
        yield ArticleError(
            name, "the file is empty" if not data else "the file has only blank space"
        )
        return
    try:
        text = _decode(data, name)
        name_date = _date_from_name(p.stem)
        if suffix == ".txt":
            yield article_from_text(
                text, p.stem, path=name, name_date=name_date, require_date=require_date
            )
        elif suffix in (".html", ".htm"):
            yield article_from_html(
                text, p.stem, path=name, name_date=name_date, require_date=require_date
            )
        else:
            yield from _read_json(text, name, p, name_date, require_date)
    except ArticleError as exc:
        yield exc


def _read_json(
    text: str, name: str, p: Path, name_date: dt.date | None, require_date: bool
) -> Iterator[Article | ArticleError]:
    try:
        records = _json_records(text)
    except json.JSONDecodeError as exc:
        yield _json_error(name, exc)
        return
    if not records:
        yield ArticleError(name, "the JSON list is empty: add article records to it", 1)
        return
    single = len(records) == 1 and text.lstrip()[:1] != "["
    for n, (rec, line) in enumerate(records, start=1):
        try:
            yield _from_record(
                rec,
                where=name,
                default_id=p.stem if single else f"{p.stem}-{n}",
                path=name if single else f"{name}:{line}",
                line=None if single else line,
                name_date=name_date,
                require_date=require_date,
            )
        except ArticleError as exc:
            yield exc


def _read_jsonl_lines(
    lines: Iterator[bytes | int], name: str, p: Path, max_bytes: int, require_date: bool = True
) -> Iterator[Article | ArticleError]:
    name_date = _date_from_name(p.stem)
    records = 0
    for lineno, raw in enumerate(lines, start=1):
        size = raw if isinstance(raw, int) else len(raw)
        if size > max_bytes:
            yield _too_big(name, size, max_bytes, lineno)
            records += 1
            continue
        assert isinstance(raw, bytes)
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        records += 1
        try:
            text = _decode(raw, name, lineno)
            try:
                rec = json.loads(text)
            except json.JSONDecodeError as exc:
                raise _json_error(name, exc, lineno) from None
            yield _from_record(
                rec,
                where=name,
                default_id=f"{p.stem}-{lineno}",
                path=f"{name}:{lineno}",
                line=lineno,
                name_date=name_date,
                require_date=require_date,
            )
        except ArticleError as exc:
            yield exc
    if not records:
        yield ArticleError(name, "the file is empty: write one JSON record per line")


def _bounded_lines(f: Any, max_bytes: int) -> Iterator[bytes | int]:
    """Lines of a binary file; a line over ``max_bytes`` is skipped through in chunks and
    given as its size (an ``int``), so it is never held whole."""
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes:
            size = len(line)
            while not line.endswith(b"\n"):
                line = f.readline(1 << 20)
                if not line:
                    break
                size += len(line)
            yield size
            continue
        yield line


def _unsupported(name: str, suffix: str) -> ArticleError:
    kind = f"'{suffix}'" if suffix else "without a suffix"
    return ArticleError(
        name,
        f"unsupported file type {kind}: give articles as {', '.join(SUFFIXES)} files",
    )


def read_file(
    path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, *, require_date: bool = True
) -> Iterator[Article | ArticleError]:
    """Read one article file (``.txt``, ``.json``, ``.jsonl``, ``.html``, ``.htm``).

    Yields one article (several for a JSON list or JSON Lines) and, instead of raising, an
    :class:`ArticleError` for each thing that cannot be read. The article id is the record's
    ``id``, else the file name's stem (``<stem>-<line>`` for JSON Lines, ``<stem>-<n>`` for the
    n-th record of a JSON list). A ``.jsonl`` file may be any size: the limit applies to each
    line; other files over ``max_bytes`` are refused without being read. With
    ``require_date=False`` an article without any date is kept (``date=None``) instead of
    being reported.
    """
    p = Path(path)
    name = str(p)
    suffix = p.suffix.lower()
    try:
        st = p.stat()
    except FileNotFoundError:
        yield ArticleError(name, "no such file or folder: check the path")
        return
    except PermissionError:
        yield ArticleError(name, "cannot be read (permission denied): check its permissions")
        return
    except OSError as exc:
        yield ArticleError(name, f"cannot be read ({exc.strerror or exc}): check the path")
        return
    if p.is_dir():
        yield ArticleError(name, "is a folder: pass it to iter_articles to read what it holds")
        return
    if suffix not in SUFFIXES:
        yield _unsupported(name, suffix)
        return
    if suffix != ".jsonl" and st.st_size > max_bytes:
        yield _too_big(name, st.st_size, max_bytes)
        return
    try:
        with open(p, "rb") as f:
            if suffix == ".jsonl":
                if st.st_size == 0:
                    yield ArticleError(name, "the file is empty: write one JSON record per line")
                    return
                lines = _bounded_lines(f, max_bytes)
                yield from _read_jsonl_lines(lines, name, p, max_bytes, require_date)
                return
            data = f.read(max_bytes + 1)
    except PermissionError:
        yield ArticleError(name, "cannot be read (permission denied): check its permissions")
        return
    except OSError as exc:
        yield ArticleError(name, f"cannot be read ({exc.strerror or exc}): check the file")
        return
    yield from read_bytes(data, name, max_bytes=max_bytes, require_date=require_date)


def _walk(folder: Path, errors: list[ArticleError]) -> list[Path]:
    found: list[tuple[tuple[str, ...], Path]] = []

    def onerror(exc: OSError) -> None:
        errors.append(
            ArticleError(
                exc.filename or str(folder),
                "folder cannot be read (permission denied): check its permissions",
            )
        )

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = Path(root).relative_to(folder).parts
        for f in files:
            low = f.lower()
            if f.startswith(".") or low.endswith(".gold.json"):
                continue
            if os.path.splitext(low)[1] in SUFFIXES:
                found.append(((*rel, f), Path(root, f)))
    found.sort(key=lambda t: t[0])
    return [p for _, p in found]


def iter_articles(
    paths: Iterable[Path | str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    require_date: bool = True,
) -> Iterator[Article | ArticleError]:
    """Read articles from files and folders, in order; yields errors instead of raising.

    Folders are read recursively in sorted order, taking only the supported suffixes and
    skipping hidden files and folders and ``*.gold.json`` annotation files. A file passed
    explicitly must have a supported suffix. A file reached twice is read once. See
    :func:`read_file` for ``max_bytes`` and ``require_date``.
    """
    done: set[str] = set()
    for item in paths:
        p = Path(item)
        if p.is_dir():
            errors: list[ArticleError] = []
            files = _walk(p, errors)
            yield from errors
            if not files and not errors:
                yield ArticleError(
                    str(p), f"the folder holds no {', '.join(SUFFIXES)} files: check the path"
                )
            todo = files
        else:
            todo = [p]
        for f in todo:
            key = os.path.realpath(f)
            if key in done:
                continue
            done.add(key)
            yield from read_file(f, max_bytes, require_date=require_date)
