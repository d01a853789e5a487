"""Counts of what the store holds, for `communique stats` and the endpoint."""

from __future__ import annotations

from .store import ArticleStore
from .vocab import CQ

_COUNTED = {
    "articles": CQ.Article,
    "officials": CQ.Person,
    "institutions": CQ.Institution,
    "posts": CQ.Post,
    "sites": CQ.Site,
    "places": CQ.Place,
    "countries": CQ.Country,
    "events": None,
}


def store_stats(store: ArticleStore) -> dict[str, int]:
    """Distinct individuals per kind, events, triples and quads."""
    out: dict[str, int] = {}
    for key, cls in _COUNTED.items():
        if cls is None:
            q = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e {CQ.reportedIn} ?a }}"
        else:
            q = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}"
        out[key] = int(next(iter(store.query(q)))["n"].value)
    out["triples"] = store.count_triples()
    out["quads"] = store.count_quads()
    return out
