"""One key per country, institution and post whatever the article's naming style, from the
shipped tables in ``communique/data/`` and pycountry (no network).

>>> country("Turkey").name, country("Türkiye").code, country("Republic of Korea").name
('Türkiye', 'TR', 'South Korea')
>>> country("Ostmark") is None
True
>>> institution_key("Defence Ministry", "Azerbaijan")
('ministry-of-defence', 'Azerbaijan')
>>> institution_key("Ministry of Defence of Azerbaijan", None)
('ministry-of-defence', 'Azerbaijan')
>>> institution_key("Azerbaijan's Defense Ministry", None)
('ministry-of-defence', 'Azerbaijan')
>>> institution_key("Marenian Navy", "Marenia")
('navy', 'Marenia')
>>> institution_key("North Atlantic Treaty Organization", None)
('nato', None)
>>> post_key("First Deputy Defense Minister") == post_key("First Deputy Minister of Defence")
True
>>> post_key("Chief of General Staff") == post_key("Chief of the General Staff")
True
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from anyascii import anyascii

DATA = Path(__file__).parent / "data"
WIKIDATA = "http://www.wikidata.org/entity/"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _fold(text: str) -> str:
    ascii_ = anyascii(text).lower().replace("'", "").replace("\u2019", "")
    return _NON_ALNUM.sub("-", ascii_).strip("-")


@dataclass(frozen=True)
class Country:
    """A country of ISO 3166-1: the name Communique uses, its codes and Wikidata item."""

    code: str  # alpha-2
    alpha3: str
    name: str
    wikidata: str | None = None


def _rows(path: Path):
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if row and not row[0].startswith("#"):
                yield row + [""] * 5


@lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, Country], dict[str, Country], dict[str, str]]:
    """(by folded name or alias, by alpha-2, demonym fold -> alpha-2)."""
    by_name: dict[str, Country] = {}
    by_code: dict[str, Country] = {}
    demonyms: dict[str, str] = {}
    for code, name, aliases, dems, qid, *_ in _rows(DATA / "countries.tsv"):
        iso = pycountry.countries.get(alpha_2=code)
        c = Country(code, iso.alpha_3 if iso else "", name, qid or None)
        by_code[code] = c
        names = [name, *filter(None, aliases.split("|"))]
        if iso:
            names += [
                iso.name,
                getattr(iso, "common_name", "") or "",
                getattr(iso, "official_name", "") or "",
            ]
        for n in names:
            if n:
                by_name.setdefault(_fold(n), c)
        for d in filter(None, dems.split("|")):
            demonyms[_fold(d)] = code
    return by_name, by_code, demonyms


@lru_cache(maxsize=4096)
def country(name: str | None) -> Country | None:
    """The ISO country a name stands for (table first, then pycountry), else None (an
    invented or unknown country keeps its written name)."""
    if not name:
        return None
    by_name, by_code, demonyms = _country_tables()
    key = _fold(name)
    if key in by_name:
        return by_name[key]
    if key in demonyms:
        return by_code[demonyms[key]]
    try:
        iso = pycountry.countries.lookup(name)
    except LookupError:
        return None
    if iso.alpha_2 in by_code:
        return by_code[iso.alpha_2]
    label = getattr(iso, "common_name", None) or iso.name
    return Country(iso.alpha_2, iso.alpha_3, label, None)


def country_name(name: str | None) -> str | None:
    """The name a country node carries: the ISO country's, or the written one."""
    if not name:
        return None
    c = country(name)
    return c.name if c else name.strip()


def country_slug(name: str | None) -> str:
    """The IRI slug of a country (``"Turkey" -> "turkiye"``); empty for no country."""
    canonical = country_name(name)
    return _fold(canonical) if canonical else ""


# --- institutions ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _known_institutions() -> tuple[dict[str, str], dict[str, str]]:
    """(folded name -> key, key -> Wikidata item)."""
    keys: dict[str, str] = {}
    qids: dict[str, str] = {}
    for key, names, qid, *_ in _rows(DATA / "institutions.tsv"):
        for n in filter(None, names.split("|")):
            keys[_fold(n)] = key
        keys[key] = key
        if qid:
            qids[key] = qid
    return keys, qids


def institution_wikidata(key: str) -> str | None:
    """Wikidata item of a well-known institution key, or None."""
    return _known_institutions()[1].get(key)


_SPELLING = {"defense": "defence", "organization": "organisation"}
_MINISTRY_QUALIFIERS = {"first", "deputy", "vice", "state", "assistant", "acting", "chief"}


def _country_span(tokens: list[str], hints: tuple[str, ...]) -> tuple[int, int, str] | None:
    """(start, end, country name) of the first country or demonym in ``tokens``; ``hints``
    are country names (possibly invented) the article uses."""
    by_name, by_code, demonyms = _country_tables()
    stems = []
    for hint in hints:
        h = _fold(hint)
        if len(h) >= 4 and "-" not in h:
            stems.append((h[:-1] if h.endswith(("a", "e")) else h, hint))
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            words = tokens[i : i + size]
            key = "-".join(words)
            stripped = key[:-1] if key.endswith("s") else key  # "azerbaijans" (possessive)
            for k in (key, stripped):
                if k in by_name:
                    return i, i + size, by_name[k].name
                if k in demonyms:
                    return i, i + size, by_code[demonyms[k]].name
            if size == 1:
                # an invented country: its name or an adjective made from it ("Marenian")
                for stem, hint in stems:
                    if key.startswith(stem) and len(key) - len(stem) <= 3:
                        return i, i + 1, hint
    return None


def institution_key(
    name: str, country_hint: str | None = None, article_countries: tuple[str, ...] = ()
) -> tuple[str, str | None]:
    """(key, country) of an institution as written: the country's name, adjective or
    possessive is taken out of the name (and becomes the country when none is given),
    "X Ministry" is "Ministry of X", spelling is British. The IRI adds the country.
    ``article_countries`` are the countries the article names (invented ones included), so
    that "Ostmark Defence Forces" is known to be Ostmark's."""
    known, _ = _known_institutions()
    folded = _fold(name)
    if folded in known:
        return known[folded], None
    tokens = [t for t in folded.split("-") if t and t != "the"]
    found_country = None
    hints = ((country_hint,) if country_hint else ()) + tuple(article_countries)
    span = _country_span(tokens, hints)
    if span is not None and len(tokens) > span[1] - span[0]:
        start, end, found_country = span
        # "... of Azerbaijan" / "... of the Republic of Azerbaijan"
        if start > 0 and tokens[start - 1] == "of" and end == len(tokens):
            start -= 1
        tokens = tokens[:start] + tokens[end:]
    tokens = [_SPELLING.get(t, t) for t in tokens]
    if len(tokens) >= 2 and tokens[-1] == "ministry" and tokens[0] != "ministry":
        tokens = ["ministry", "of", *tokens[:-1]]
    key = "-".join(tokens) or folded or "x"
    return key, (country_name(country_hint) if country_hint else found_country)


# --- posts ----------------------------------------------------------------------------------
_DOMAIN_ALIASES = {"foreign": ["foreign", "affairs"]}


def post_key(title: str) -> str:
    """A key for a post title: folded, without "the", British spelling, and "X Minister"
    written "Minister of X" (``"First Deputy Defense Minister"`` →
    ``"first-deputy-minister-of-defence"``)."""
    tokens = [_SPELLING.get(t, t) for t in _fold(title).split("-") if t and t != "the"]
    if len(tokens) >= 2 and tokens[-1] == "minister" and "of" not in tokens:
        head = [t for t in tokens[:-1] if t in _MINISTRY_QUALIFIERS]
        domain = [t for t in tokens[:-1] if t not in _MINISTRY_QUALIFIERS]
        if domain and domain != ["prime"]:
            if domain == ["foreign"]:
                domain = _DOMAIN_ALIASES["foreign"]
            tokens = [*head, "minister", "of", *domain]
    return "-".join(tokens) or "x"
