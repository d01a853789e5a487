"""Plain dataclasses passed from extraction to mapping. No RDF here.

Every offset is a character offset into ``Article.text`` (the cleaned text), so a fact can be
traced back to its sentence and span.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    """One news article after reading and noise cleanup."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None  # file it was read from (and ``:line`` for JSON Lines)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence, the exact span, and the rule that read it."""

    start: int  # span start in Article.text
    end: int  # span end (exclusive)
    sentence_start: int
    sentence_end: int
    rule: str  # name of the rule / pattern that produced the fact
    confidence: float = 0.9


@dataclass
class PostMention:
    """One post an official holds, as written ("Chief of the General Staff")."""

    title: str  # the post title without its institution ("Chief of the General Staff")
    institution: str | None = None  # key of an Institution in the same Extraction
    evidence: Evidence | None = None


@dataclass
class Official:
    """A person the text names (official, head of state, historical leader, scholar)."""

    key: str  # unique within the extraction
    name: str  # full name as best known in the article ("Karim Valiyev")
    rank: str | None = None  # written out in full ("Lieutenant General")
    posts: list[PostMention] = field(default_factory=list)
    country: str | None = None  # country name ("Azerbaijan")
    aliases: list[str] = field(default_factory=list)  # other forms used ("Valiyev")
    mentions: list[Evidence] = field(default_factory=list)  # first is the defining mention


@dataclass
class Institution:
    """A body: ministry, army, staff, alliance, unit, school, mission."""

    key: str
    name: str  # canonical name ("Ministry of Defense")
    aliases: list[str] = field(default_factory=list)  # variants and acronyms
    parent: str | None = None  # key of the Institution it is part of
    country: str | None = None
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class Place:
    """A country, city, region or sea."""

    key: str
    name: str
    kind: str = "place"  # "country" | "city" | "region" | "place"
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class Site:
    """A named site: memorial, park, museum, base, headquarters building."""

    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    place: str | None = None  # key of a Place
    mentions: list[Evidence] = field(default_factory=list)


@dataclass
class Participant:
    """Who took part in an event and in which role."""

    ref: str  # key of an Official, Institution or Place (a visited country)
    role: str  # host | guest | visitor | visited | speaker | attendee | signatory | participant
    evidence: Evidence | None = None


EVENT_TYPES = (
    "Meeting",
    "Visit",
    "Statement",
    "Commemoration",
    "Briefing",
    "Signing",
    "Ceremony",
    "Talk",
)
ROLES = (
    "host",
    "guest",
    "visitor",
    "visited",
    "speaker",
    "attendee",
    "signatory",
    "participant",
)


@dataclass
class Event:
    """Something that happened and is reported: meeting, visit, statement, …"""

    key: str
    type: str  # one of EVENT_TYPES
    participants: list[Participant] = field(default_factory=list)
    site: str | None = None  # key of a Site
    place: str | None = None  # key of a Place where it happened, when stated
    date: dt.date | None = None
    quote: str | None = None  # for statements: what was said (verbatim from the text)
    evidence: Evidence | None = None


@dataclass
class Extraction:
    """Everything read from one article."""

    article: Article
    officials: list[Official] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence offsets


def extraction_to_dict(ex: Extraction) -> dict:
    """A JSON-ready dict (dates as ISO strings): for `communique extract` and golden tests."""
    from dataclasses import asdict

    def conv(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: conv(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [conv(v) for v in value]
        return value

    return conv(asdict(ex))


def extraction_from_dict(data: dict) -> Extraction:
    """Inverse of :func:`extraction_to_dict`."""

    def day(value):
        return dt.date.fromisoformat(value) if value else None

    def ev(d):
        return Evidence(**d) if d else None

    def evs(items):
        return [Evidence(**d) for d in items or []]

    a = dict(data["article"])
    a["date"] = day(a.get("date"))
    return Extraction(
        article=Article(**a),
        officials=[
            Official(
                **{
                    **o,
                    "posts": [
                        PostMention(**{**p, "evidence": ev(p.get("evidence"))})
                        for p in o.get("posts", [])
                    ],
                    "mentions": evs(o.get("mentions")),
                }
            )
            for o in data.get("officials", [])
        ],
        institutions=[
            Institution(**{**i, "mentions": evs(i.get("mentions"))})
            for i in data.get("institutions", [])
        ],
        sites=[Site(**{**s, "mentions": evs(s.get("mentions"))}) for s in data.get("sites", [])],
        places=[Place(**{**p, "mentions": evs(p.get("mentions"))}) for p in data.get("places", [])],
        events=[
            Event(
                **{
                    **e,
                    "date": day(e.get("date")),
                    "evidence": ev(e.get("evidence")),
                    "participants": [
                        Participant(**{**p, "evidence": ev(p.get("evidence"))})
                        for p in e.get("participants", [])
                    ],
                }
            )
            for e in data.get("events", [])
        ],
        sentences=[tuple(s) for s in data.get("sentences", [])],
    )
