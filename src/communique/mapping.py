"""Extraction (plain dataclasses) → RDF triples of one article's named graph.

This is the only module that mints RDF terms for instance data. Everything an article
attests goes into its own graph, including the type and name of shared nodes (a person, an
institution), so removing an article removes exactly its contribution while the union graph
still holds one node per person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from pyoxigraph import Literal, NamedNode

from . import iris
from .canonical import (
    WIKIDATA,
    country,
    country_name,
    country_slug,
    institution_key,
    institution_wikidata,
    post_key,
)
from .model import EVENT_TYPES, Evidence, Extraction
from .names import NameInfo, name_info
from .vocab import CQ, ORG, OWL, RDF, RDFS, ROLE, ROLE_INDIVIDUALS, SKOS, XSD

Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]


@dataclass
class PersonMention:
    """One person node of an article graph, as cross-article identity sees it."""

    node: NamedNode  # the node's IRI as mapped (before identity gives the canonical one)
    name: str
    info: NameInfo
    evidence: frozenset[str]  # "c:<country>", "p:<post key>", "i:<institution>"
    rank: str | None  # the rank written out in full
    profile: str  # the match key: a hash of name key, spelling, evidence and rank


@dataclass
class EventReport:
    """One event as one article reports it."""

    node: NamedNode  # event/<article>/<n> as mapped
    n: int
    cls: str
    date: dt.date | None
    participants: list[tuple[NamedNode, str]] = field(default_factory=list)  # (who, role)
    site: NamedNode | None = None
    place: NamedNode | None = None


@dataclass
class MappedArticle:
    """An article's triples plus what identity needs to resolve its people and events."""

    article_id: str
    date: dt.date | None
    triples: list[Triple]
    people: list[PersonMention]
    events: list[EventReport]


def profile_key(info: NameInfo, name: str, evidence: frozenset[str], rank: str | None) -> str:
    """The match key of a person mention: equal for equal spelling, evidence and rank."""
    raw = "\x1f".join([info.key, " ".join(name.split()), *sorted(evidence), "r:" + (rank or "")])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def date_time(value: dt.date) -> Literal:
    """``xsd:dateTime`` at midnight: ``xsd:date`` is outside the OWL 2 datatype map."""
    return Literal(f"{value.isoformat()}T00:00:00", datatype=XSD.dateTime)


class _Graph:
    """Collects triples in insertion order without duplicates."""

    def __init__(self) -> None:
        self.triples: dict[Triple, None] = {}

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal | None) -> None:
        if o is not None:
            self.triples[(s, p, o)] = None

    def individual(self, node: NamedNode, cls: NamedNode, label: str | None) -> None:
        self.add(node, RDF.type, cls)
        self.add(node, RDF.type, OWL.NamedIndividual)
        if label:
            self.add(node, RDFS.label, Literal(label))


def map_extraction(ex: Extraction) -> list[Triple]:
    """All triples of the article's graph, deterministic for a given extraction.

    >>> from communique.model import Article, Extraction, Official
    >>> art = Article(id="a1", text="Colonel Ann Lee spoke.", date=dt.date(2024, 1, 2))
    >>> ex = Extraction(article=art, officials=[Official(key="p1", name="Ann Lee",
    ...                 rank="Colonel")])
    >>> triples = map_extraction(ex)
    >>> (iris.person_iri("Ann Lee"), CQ.name, Literal("Ann Lee")) in triples
    True
    """
    return map_article(ex).triples


def map_article(ex: Extraction) -> MappedArticle:
    """The article's triples (:func:`map_extraction`) with its person mentions and event
    reports, for cross-article identity."""
    g = _Graph()
    art = ex.article
    a = iris.article_iri(art.id)
    text = art.text
    g.individual(a, CQ.Article, art.title or art.id)
    g.add(a, CQ.articleId, Literal(art.id))
    if art.title:
        g.add(a, CQ.title, Literal(art.title))
    if art.url:
        g.add(a, CQ.url, Literal(art.url, datatype=XSD.anyURI))
    if art.source:
        g.add(a, CQ.source, Literal(art.source))
    if art.date:
        g.add(a, CQ.published, date_time(art.date))

    def evidence(node: NamedNode, ev: Evidence | None) -> None:
        if ev is None:
            return
        e = iris.article_scoped_iri("evidence", art.id, f"{ev.start}-{ev.end}-{iris.fold(ev.rule)}")
        g.add(node, CQ.evidence, e)
        if (e, RDF.type, CQ.Evidence) in g.triples:
            return
        g.individual(e, CQ.Evidence, None)
        g.add(e, CQ.inArticle, a)
        g.add(e, CQ.sentence, Literal(text[ev.sentence_start : ev.sentence_end].strip()))
        g.add(e, CQ.startOffset, Literal(str(ev.start), datatype=XSD.integer))
        g.add(e, CQ.endOffset, Literal(str(ev.end), datatype=XSD.integer))
        g.add(e, CQ.spanText, Literal(text[ev.start : ev.end]))
        g.add(e, CQ.rule, Literal(ev.rule))
        conf = Decimal(str(round(ev.confidence, 3)))
        g.add(e, CQ.confidence, Literal(str(conf), datatype=XSD.decimal))

    def named(node: NamedNode, cls: NamedNode, name: str, aliases: list[str] = ()) -> None:
        g.individual(node, cls, name)
        g.add(node, CQ.name, Literal(name))
        for alias in aliases:
            if alias and alias != name:
                g.add(node, CQ.alias, Literal(alias))

    countries: dict[str, NamedNode] = {}

    def country_node(name: str | None) -> NamedNode | None:
        """One node per country (ISO name and codes, Wikidata), whatever it is called."""
        if not name:
            return None
        if name not in countries:
            node = iris.country_iri(name)
            canonical = country_name(name) or name
            named(node, CQ.Country, canonical, [name])
            iso = country(name)
            if iso is not None:
                g.add(node, CQ.countryCode, Literal(iso.code))
                if iso.alpha3:
                    g.add(node, CQ.countryCodeAlpha3, Literal(iso.alpha3))
                if iso.wikidata:
                    g.add(node, SKOS.exactMatch, NamedNode(WIKIDATA + iso.wikidata))
            countries[name] = node
        return countries[name]

    # Places ----------------------------------------------------------------------------
    places: dict[str, NamedNode] = {}
    for pl in ex.places:
        if pl.kind == "country":
            node = country_node(pl.name)
        else:
            node = iris.place_iri(pl.name)
            named(node, CQ.Place, pl.name)
        for m in pl.mentions[:1]:
            evidence(node, m)
        places[pl.key] = node
    named_countries = tuple(p.name for p in ex.places if p.kind == "country")

    # Institutions ------------------------------------------------------------------------
    # key and country of each: its own country, else one its name says, else its parent's
    by_key = {inst.key: inst for inst in ex.institutions}
    resolved: dict[str, tuple[str, str | None]] = {}

    def resolve(key: str, seen: frozenset[str] = frozenset()) -> tuple[str, str | None]:
        if key not in resolved:
            inst = by_key[key]
            ikey, icountry = institution_key(inst.name, inst.country, named_countries)
            if icountry is None and inst.parent in by_key and inst.parent not in seen:
                icountry = resolve(inst.parent, seen | {key})[1]
                if icountry is not None:
                    ikey = institution_key(inst.name, icountry, named_countries)[0]
            resolved[key] = (ikey, icountry)
        return resolved[key]

    insts: dict[str, NamedNode] = {}
    inst_country: dict[str, str | None] = {}
    for inst in ex.institutions:
        ikey, icountry = resolve(inst.key)
        insts[inst.key] = iris.institution_node(ikey, icountry)
        inst_country[inst.key] = icountry
    for inst in ex.institutions:
        node = insts[inst.key]
        named(node, CQ.Institution, inst.name, inst.aliases)
        g.add(node, CQ.country, country_node(inst_country[inst.key]))
        qid = institution_wikidata(resolved[inst.key][0])
        if qid:
            g.add(node, SKOS.exactMatch, NamedNode(WIKIDATA + qid))
        if inst.parent and inst.parent in insts and insts[inst.parent] != node:
            g.add(node, ORG.subOrganizationOf, insts[inst.parent])
        for m in inst.mentions[:1]:
            evidence(node, m)

    # Sites -----------------------------------------------------------------------------
    sites: dict[str, NamedNode] = {}
    for site in ex.sites:
        place_name = None
        if site.place is not None:
            place_name = next((p.name for p in ex.places if p.key == site.place), None)
        node = iris.site_iri(site.name, place_name)
        named(node, CQ.Site, site.name, site.aliases)
        g.add(node, CQ.locatedIn, places.get(site.place) if site.place else None)
        for m in site.mentions[:1]:
            evidence(node, m)
        sites[site.key] = node

    # Officials, posts, ranks, holdings -----------------------------------------------------
    people: dict[str, NamedNode] = {}
    keys: dict[NamedNode, tuple[str, set[str], str | None]] = {}
    for off in ex.officials:
        p = iris.person_iri(off.name)
        people[off.key] = p
        named(p, CQ.Person, off.name, off.aliases)
        g.add(p, CQ.country, country_node(off.country))
        info = name_info(off.name)
        g.add(p, CQ.nameKey, Literal(info.key))
        name, ev, rank_name = keys.setdefault(p, (off.name, set(), off.rank))
        if off.country:
            ev.add("c:" + country_slug(off.country))
        for pm in off.posts:
            ev.add("p:" + post_key(pm.title))
            if pm.institution in insts:
                ev.add("i:" + insts[pm.institution].value.rsplit("/", 1)[-1])
                if inst_country.get(pm.institution):
                    ev.add("c:" + country_slug(inst_country[pm.institution]))
        if rank_name is None and off.rank:
            keys[p] = (name, ev, off.rank)
        for m in off.mentions[:1]:
            evidence(p, m)
        rank = None
        if off.rank:
            rank = iris.rank_iri(off.rank)
            named(rank, CQ.Rank, off.rank)
        posts = off.posts or ([None] if rank is not None else [])
        for pm in posts:
            inst_node = insts.get(pm.institution) if pm and pm.institution else None
            post = iris.post_iri(pm.title, inst_node) if pm else None
            key = iris.fold(off.name) + "/" + (post.value.rsplit("/", 1)[-1] if post else "rank")
            h = iris.article_scoped_iri("holding", art.id, key)
            g.individual(h, CQ.PostHolding, None)
            g.add(h, CQ.holder, p)
            g.add(p, CQ.holds, h)
            g.add(h, CQ.rank, rank)
            g.add(h, CQ.attestedIn, a)
            if art.date:
                g.add(h, CQ.attestedOn, date_time(art.date))
            if post is not None:
                g.individual(post, CQ.Post, pm.title)
                g.add(post, CQ.postTitle, Literal(pm.title))
                g.add(post, ORG.postIn, inst_node)
                g.add(h, CQ.post, post)
            first = off.mentions[0] if off.mentions else None
            evidence(h, (pm.evidence if pm else None) or first)

    mentions = []
    for p, (name, ev, rank_name) in keys.items():
        info = name_info(name)
        pid = profile_key(info, name, frozenset(ev), rank_name)
        g.add(p, CQ.matchKey, Literal(pid))
        mentions.append(PersonMention(p, name, info, frozenset(ev), rank_name, pid))

    # Events ----------------------------------------------------------------------------
    refs: dict[str, NamedNode] = {**people, **insts, **places}
    reports = []
    for n, ev in enumerate(ex.events, start=1):
        cls = ev.type if ev.type in EVENT_TYPES else "Event"
        e = iris.article_scoped_iri("event", art.id, str(n))
        g.individual(e, CQ[cls], None)
        g.add(e, CQ.reportedIn, a)
        when = ev.date or art.date
        report = EventReport(
            e,
            n,
            cls,
            when,
            site=sites.get(ev.site) if ev.site else None,
            place=places.get(ev.place) if ev.place else None,
        )
        reports.append(report)
        if when:
            g.add(e, CQ.date, date_time(when))
        g.add(e, CQ.atSite, sites.get(ev.site) if ev.site else None)
        g.add(e, CQ.inPlace, places.get(ev.place) if ev.place else None)
        if ev.quote:
            g.add(e, CQ.quote, Literal(ev.quote))
        evidence(e, ev.evidence)
        seen: set[tuple[NamedNode, str]] = set()
        for part in ev.participants:
            who = refs.get(part.ref)
            if who is None or (who, part.role) in seen:
                continue
            seen.add((who, part.role))
            report.participants.append((who, part.role))
            pt = iris.article_scoped_iri("event", art.id, str(n), f"p{len(seen)}")
            g.individual(pt, CQ.Participation, None)
            g.add(e, CQ.hasParticipation, pt)
            g.add(pt, CQ.participationIn, e)
            g.add(pt, CQ.participant, who)
            role = part.role if part.role in ROLE_INDIVIDUALS else "participant"
            g.add(pt, CQ.role, ROLE[role])
            evidence(pt, part.evidence or ev.evidence)
    return MappedArticle(art.id, art.date, list(g.triples), mentions, reports)
