"""Deterministic IRIs from normalised keys, so re-ingesting is idempotent and two articles
about the same person, institution or place meet on the same node.

>>> person_iri("Oğuz Şahin").value
'https://w3id.org/communique/id/person/oguz-sahin'
>>> person_iri("OGUZ  Sahin") == person_iri("Oğuz Şahin")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from pyoxigraph import NamedNode

from .canonical import country_slug, institution_key, post_key
from .vocab import ID_NS

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SAFE_SEGMENT = re.compile(r"[^A-Za-z0-9._~-]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Transliteration-folded, lower-case key: ``"Oğuz Şahin" -> "oguz-sahin"``."""
    ascii_ = anyascii(text).lower().replace("'", "").replace("\u2019", "")
    return _NON_ALNUM.sub("-", ascii_).strip("-") or "x"


def slug_segment(value: str) -> str:
    """An article id made safe for one IRI path segment (kept readable, never empty)."""
    return _SAFE_SEGMENT.sub("-", value).strip("-") or "x"


def _iri(kind: str, *parts: str) -> NamedNode:
    return NamedNode(f"{ID_NS}{kind}/" + "--".join(p for p in parts if p))


def node_iri(kind: str, slug: str) -> NamedNode:
    """``id/<kind>/<slug>`` for a slug made elsewhere (identity's canonical person IRIs)."""
    return _iri(kind, slug)


def person_iri(name: str) -> NamedNode:
    return _iri("person", fold(name))


def institution_iri(
    name: str, country: str | None = None, article_countries: tuple[str, ...] = ()
) -> NamedNode:
    """Institutions are keyed by name and country: two countries' "Ministry of Defence"
    must not meet, and "Defence Ministry", "Ministry of Defence of X" and "X's Defence
    Ministry" do (see :func:`communique.canonical.institution_key`).

    >>> institution_iri("Azerbaijani Defense Ministry").value.rsplit("/", 1)[-1]
    'ministry-of-defence--azerbaijan'
    """
    key, found = institution_key(name, country, article_countries)
    return institution_node(key, found)


def institution_node(key: str, country: str | None) -> NamedNode:
    return _iri("institution", key, country_slug(country))


def post_iri(title: str, institution: NamedNode | None) -> NamedNode:
    """A post is keyed by its normalised title and its institution."""
    inst = institution.value.rsplit("/", 1)[-1] if institution is not None else ""
    return _iri("post", post_key(title), inst)


def rank_iri(rank: str) -> NamedNode:
    return _iri("rank", fold(rank))


def place_iri(name: str) -> NamedNode:
    return _iri("place", fold(name))


def country_iri(name: str) -> NamedNode:
    """One node per country whatever it is called: ``"Turkey"`` and ``"Türkiye"`` meet.

    >>> country_iri("Turkey") == country_iri("Türkiye") == place_iri("Türkiye")
    True
    """
    return _iri("place", country_slug(name) or fold(name))


def site_iri(name: str, place: str | None = None) -> NamedNode:
    return _iri("site", fold(name), fold(place) if place else "")


def article_iri(article_id: str) -> NamedNode:
    return _iri("article", slug_segment(article_id))


def article_scoped_iri(kind: str, article_id: str, *parts: str) -> NamedNode:
    """IRIs of what belongs to one article only: holdings, events, evidence."""
    return NamedNode(f"{ID_NS}{kind}/{slug_segment(article_id)}/" + "/".join(parts))
