"""Load the lexicon data files shipped in ``extract/lexicons/`` (once per process)."""

from __future__ import annotations

import re
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
    lx.events = _event_triggers(_rows("events.tsv"), verbs())
    lx.common = frozenset(w.lower() for w in _words("common_words.txt"))
    for row in _rows("anaphora.tsv"):
        lx.anaphora[row[0].lower()] = row[1]
    return lx


# ------------------------------------------------------------------ verb inflection
# events.tsv writes "{meet} with" for "this verb in all its forms"; the frame decides which forms
# keep its reading: a passive frame ("<B> was received by <A>") takes only be + participle, an
# active one the finite forms and the auxiliary-led ones, so the subject stays right before.
_PERFECT = ("has", "have", "had")
_PROGRESSIVE = ("is", "are", "was", "were")
_PASSIVE = _PROGRESSIVE + ("has been", "have been", "had been")
# base form only after these: a bare "meet"/"visit" is also a noun or an imperative
_FUTURE = (
    "will",
    "will also",
    "would",
    "is due to",
    "are due to",
    "is set to",
    "are set to",
    "is expected to",
    "are expected to",
    "is scheduled to",
    "are scheduled to",
    "plans to",
    "plan to",
)
# frames read as "<subject> <verb> <object>". Speeches and ceremonies are reported once they
# happened, and a reception told ahead ("..., where General X will host the guests") is the
# host of a planned visit, not a meeting of its own: those frames take no future forms.
ACTIVE_FRAMES = frozenset(
    "meet call_on visit arrive sign commemorate talk brief accompany show part_in".split()
)
NO_FUTURE_FRAMES = frozenset(("speech", "ceremony", "receive"))
PASSIVE_FRAMES = frozenset(
    "received_by summoned attended_by briefed sign_by sign_passive accompanied_by shown".split()
)
_VERB_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Verb:
    """The forms of one verb; each form may have several spellings."""

    base: tuple[str, ...]
    s: tuple[str, ...]
    past: tuple[str, ...]
    participle: tuple[str, ...]
    ing: tuple[str, ...]


@lru_cache(maxsize=1)
def verbs() -> dict[str, Verb]:
    """``verbs.tsv`` by base form."""
    out: dict[str, Verb] = {}
    for row in _rows("verbs.tsv"):
        forms = [tuple(c.split("|")) for c in row[:5]]
        out[row[0]] = Verb(*forms)
    return out


def verb_forms(verb: Verb, frame: str) -> list[str]:
    """The forms of ``verb`` that keep ``frame``'s reading, auxiliaries included."""
    if frame in PASSIVE_FRAMES:
        return [f"{aux} {p}" for aux in _PASSIVE for p in verb.participle]
    if frame not in ACTIVE_FRAMES and frame not in NO_FUTURE_FRAMES:
        raise ValueError(f"frame {frame!r} reads no verb: write its phrases out")
    forms = [*verb.past, *verb.s]
    forms += [f"{aux} {p}" for aux in _PERFECT for p in verb.participle]
    forms += [f"{aux} {g}" for aux in _PROGRESSIVE for g in verb.ing]
    if frame in ACTIVE_FRAMES:
        forms += [f"{aux} {b}" for aux in _FUTURE for b in verb.base]
    return forms


def expand_phrase(phrase: str, frame: str, table: dict[str, Verb]) -> list[str]:
    """'{meet} with' -> 'met with', 'meets with', 'has met with', ..., 'will meet with'."""
    m = _VERB_SLOT.search(phrase)
    if m is None:
        return [phrase]
    verb = table.get(m.group(1))
    if verb is None:
        raise ValueError(f"{m.group(1)!r} is not in verbs.tsv ({phrase!r})")
    head, tail = phrase[: m.start()], phrase[m.end() :]
    return [" ".join((head + f + tail).split()) for f in verb_forms(verb, frame)]


def _event_triggers(rows: list[list[str]], table: dict[str, Verb]) -> list[tuple[str, str, str]]:
    """Rows of events.tsv with the {verb} notation expanded. A phrase written out wins over a
    generated one, and the first generated wins over later ones (one reading per phrase); a
    progressive whose -ing phrase begins another frame's trigger ("is meeting with" beside the
    noun "meeting with") is left out, so the noun reading stays the only one."""
    written = {r[0].lower(): r[2] for r in rows if not _VERB_SLOT.search(r[0])}
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for row in rows:
        phrase, etype, frame = row[0], row[1], row[2]
        generated = _VERB_SLOT.search(phrase) is not None
        for form in expand_phrase(phrase, frame, table):
            key = form.lower()
            if key in seen or (generated and key in written):
                continue
            words = key.split()
            if generated and words[0] in _PROGRESSIVE and len(words) > 1:
                rest = " ".join(words[1:])
                if any(
                    f != frame and (p == rest or p.startswith(rest + " "))
                    for p, f in written.items()
                ):
                    continue
            seen.add(key)
            out.append((form, etype, frame))
    return out


def _words_lines(name: str) -> list[str]:
    return [r[0] for r in _rows(name)]
