"""Dumps of the store: one file for Protégé and colleagues, or a dataset that keeps one graph
per article.

``turtle``/``owl``/``jsonld``/``ntriples`` hold the union of every article graph plus the
ontology (one ``owl:Ontology`` header), so Protégé loads the file as it is; ``nquads``/``trig``
keep the named graphs and re-load into an identical store.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from pyoxigraph import RdfFormat

from .errors import CommuniqueError
from .store import ArticleStore, graph_iri

FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "owl": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
}
DATASET_FORMATS = {"nquads", "trig"}
PREFIXES = {
    "cq": "https://w3id.org/communique/ontology#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}


def export(
    store: ArticleStore,
    output: str | Path | BinaryIO,
    fmt: str = "turtle",
    article_id: str | None = None,
) -> None:
    """Write the store (or one article's graph) to ``output`` in ``fmt``."""
    if fmt not in FORMATS:
        raise CommuniqueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rdf_format = FORMATS[fmt]
    ox = store.oxigraph
    if article_id is not None:
        g = graph_iri(article_id)
        if not ox.contains_named_graph(g):
            raise CommuniqueError(f"no article {article_id!r} in the store")
        if fmt in DATASET_FORMATS:
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"
            _write_dataset_graph(store, query, g, output, rdf_format)
        else:
            ox.dump(output, rdf_format, from_graph=g, prefixes=_prefixes(fmt))
        return
    if fmt in DATASET_FORMATS:
        ox.dump(output, rdf_format, prefixes=_prefixes(fmt))
        return
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    triples.serialize(output, rdf_format)


def _prefixes(fmt: str) -> dict[str, str] | None:
    return PREFIXES if fmt in ("turtle", "trig") else None


def _write_dataset_graph(store, query, g, output, rdf_format) -> None:
    from pyoxigraph import Quad, serialize

    quads = (Quad(t.subject, t.predicate, t.object, g) for t in store.query(query))
    serialize(quads, output, rdf_format)
