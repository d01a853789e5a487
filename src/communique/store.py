"""The embedded Oxigraph store: one named graph per article, queries over their union.

Why a wrapper: the union-default-graph flag, the atomic replace of an article's graph and the
lock error of a second writer are decided here once, not at every call site.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, QuerySolutions, QueryTriples, Store

from .errors import CommuniqueError, StoreLockedError
from .vocab import CQ, GRAPH_NS

DEFAULT_STORE = "communique-store"
STORE_ENV = "COMMUNIQUE_STORE"


def default_store_path() -> Path:
    """``$COMMUNIQUE_STORE`` or ``./communique-store``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def graph_iri(article_id: str) -> NamedNode:
    """The named graph that holds everything one article attests.

    >>> graph_iri("seed-1").value
    'https://w3id.org/communique/graph/seed-1'
    """
    from .iris import slug_segment

    return NamedNode(GRAPH_NS + slug_segment(article_id))


def _open(path: Path | None, read_only: bool) -> Store:
    if path is None:
        return Store()
    try:
        if read_only:
            if not (path / "CURRENT").exists():
                raise CommuniqueError(
                    f"no store at {path}: build one first with `communique --store {path} ingest`"
                )
            return Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(
                f"the store at {path} is in use by another process (a running `communique "
                "serve` or ingest). Stop it, or send the articles through that server "
                "(`communique serve --allow-updates` accepts Graph Store Protocol PUTs)."
            ) from None
        raise CommuniqueError(f"cannot open the store at {path}: {exc}") from None


class ArticleStore:
    """An Oxigraph store (on disk, or in memory when ``path`` is None) of article graphs.

    >>> s = ArticleStore(None)
    >>> s.replace_article("a1", [(NamedNode("http://x/s"), CQ.name, NamedNode("http://x/o"))])
    1
    >>> s.count_triples()
    1
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._store = _open(self.path, read_only)

    @property
    def oxigraph(self) -> Store:
        """The underlying pyoxigraph Store (for the endpoint and exports)."""
        return self._store

    # --- writing -------------------------------------------------------------------------
    def replace_article(self, article_id: str, triples: Iterable[tuple]) -> int:
        """Replace the article's graph by ``triples`` in one transaction; return their count.

        A new article is added with one atomic ``extend``; an article already stored is
        replaced by one SPARQL update (DROP + INSERT DATA), which Oxigraph applies atomically,
        so a reader never sees a half-written article.
        """
        g = graph_iri(article_id)
        quads = list(dict.fromkeys(Quad(s, p, o, g) for s, p, o in triples))
        if not self._store.contains_named_graph(g):
            self._store.extend(quads)
            self._store.add_graph(g)
            return len(quads)
        body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
        self._store.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body} }} }}")
        return len(quads)

    def remove_article(self, article_id: str) -> bool:
        """Drop the article's graph; False when it was not stored."""
        g = graph_iri(article_id)
        if not self._store.contains_named_graph(g):
            return False
        self._store.remove_graph(g)
        return True

    def flush(self) -> None:
        self._store.flush()

    # --- reading -------------------------------------------------------------------------
    def query(self, sparql: str, substitutions: dict | None = None, **kwargs):
        """Run a SPARQL query over the union of all article graphs."""
        kwargs.setdefault("use_default_graph_as_union", True)
        return self._store.query(sparql, substitutions=substitutions, **kwargs)

    def article_ids(self) -> list[str]:
        """Ids of the stored articles (from their metadata triples)."""
        res = self.query(
            f"SELECT ?id WHERE {{ ?a a {CQ.Article} ; {CQ.articleId} ?id }} ORDER BY ?id"
        )
        return [row["id"].value for row in res]

    def graphs(self) -> Iterator[NamedNode]:
        return iter(self._store.named_graphs())

    def count_triples(self) -> int:
        """Distinct triples in the union graph."""
        res = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
        )
        return int(next(iter(res))["n"].value)

    def count_quads(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        del self._store

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


__all__ = [
    "ArticleStore",
    "DefaultGraph",
    "QuerySolutions",
    "QueryTriples",
    "default_store_path",
    "graph_iri",
]
