"""Load the lexicon data files shipped in ``extract/lexicons/`` (once per process)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pycountry


def _rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated lexicon file, comments and blank lines skipped."""
    text = (
        resources.files("communique.extract").joinpath("lexicons").joinpath(name).read_text("utf-8")
    )
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _words(name: str) -> list[str]:
    text = (
        resources.files("communique.extract").joinpath("lexicons").joinpath(name).read_text("utf-8")
    )
    out: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        out.extend(line.split())
    return out


def _col(row: list[str], i: int) -> str:
    return row[i] if len(row) > i else ""


@dataclass
class Country:
    code: str
    name: str
    names: list[str]  # every noun form, canonical first
    demonyms: list[str]


@dataclass
class KnownInstitution:
    name: str
    aliases: list[str]
    kind: str
    parent: str | None


@dataclass
class Lexicons:
    ranks: dict[str, str] = field(default_factory=dict)  # surface -> full form
    rank_abbrevs: set[str] = field(default_factory=set)  # surfaces matched as written
    post_heads: set[str] = field(default_factory=set)  # lower-case
    post_mods: set[str] = field(default_factory=set)
    post_abbrevs: dict[str, str] = field(default_factory=dict)  # as written -> full
    domains: dict[str, str] = field(default_factory=dict)  # lower surface -> portfolio
    inst_heads: dict[str, tuple[str, bool]] = field(default_factory=dict)  # lower -> kind, lower ok
    institutions: list[KnownInstitution] = field(default_factory=list)
    outlets: set[str] = field(default_factory=set)
    countries: dict[str, Country] = field(default_factory=dict)  # code -> Country
    places: list[tuple[str, str, str, list[str]]] = field(default_factory=list)
    site_heads: dict[str, bool] = field(default_factory=dict)  # lower -> lower ok
    standalone_sites: list[str] = field(default_factory=list)  # "Pentagon", "Cenotaph"
    org_words: set[str] = field(default_factory=set)  # lower-case
    honorifics: dict[str, str] = field(default_factory=dict)  # as written -> kind
    events: list[tuple[str, str, str]] = field(default_factory=list)  # phrase, type, frame
    common: frozenset[str] = frozenset()
    anaphora: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load() -> Lexicons:
    lx = Lexicons()
    for row in _rows("ranks.tsv"):
        surface, full = row[0], _col(row, 1) or row[0]
        lx.ranks[surface] = full
        if _col(row, 1) and ("." in surface or surface.upper() == surface or len(surface) <= 5):
            lx.rank_abbrevs.add(surface)
        elif _col(row, 1) and surface.replace(" ", "").isalpha() and surface[:3] != full[:3]:
            lx.rank_abbrevs.add(surface)
    for row in _rows("posts.tsv"):
        surface, kind = row[0], _col(row, 1)
        if kind == "head":
            lx.post_heads.add(surface.lower())
        elif kind == "mod":
            lx.post_mods.add(surface.lower())
        elif kind == "abbr":
            lx.post_abbrevs[surface] = _col(row, 2)
    for row in _rows("domains.tsv"):
        lx.domains[row[0].lower()] = _col(row, 1) or row[0]
    for row in _rows("institution_heads.tsv"):
        lx.inst_heads[row[0].lower()] = (_col(row, 1) or "body", _col(row, 2) == "lower")
    for row in _rows("institutions.tsv"):
        aliases = [a for a in _col(row, 1).split("|") if a]
        lx.institutions.append(
            KnownInstitution(row[0], aliases, _col(row, 2) or "body", _col(row, 3) or None)
        )
    lx.outlets = set(_words_lines("outlets.txt"))
    for row in _rows("countries.tsv"):
        code, name = row[0], row[1]
        names = [name] + [a for a in _col(row, 2).split("|") if a]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attr in ("common_name", "name", "official_name"):
                v = getattr(iso, attr, None)
                if v and v not in names and "," not in v:
                    names.append(v)
        demonyms = [d for d in _col(row, 3).split("|") if d]
        lx.countries[code] = Country(code, name, names, demonyms)
    for row in _rows("places.tsv"):
        lx.places.append(
            (
                row[0],
                _col(row, 1) or "place",
                _col(row, 2),
                [a for a in _col(row, 3).split("|") if a],
            )
        )
    for row in _rows("site_heads.tsv"):
        if _col(row, 1) == "standalone":
            lx.standalone_sites.append(row[0])
        else:
            lx.site_heads[row[0].lower()] = _col(row, 1) == "lower"
    lx.org_words = {w.lower() for w in _words_lines("org_words.txt")}
    for row in _rows("honorifics.tsv"):
        lx.honorifics[row[0]] = _col(row, 1) or "honorific"
    for row in _rows("events.tsv"):
        lx.events.append((row[0], row[1], row[2]))
    lx.common = frozenset(w.lower() for w in _words("common_words.txt"))
    for row in _rows("anaphora.tsv"):
        lx.anaphora[row[0].lower()] = row[1]
    return lx


def _words_lines(name: str) -> list[str]:
    return [r[0] for r in _rows(name)]
