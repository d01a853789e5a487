"""Dumps of the store: one file for Protégé and colleagues, or a dataset that keeps one graph
per article — all streamed, so a large store is exported in bounded memory.

``turtle``/``owl``/``jsonld``/``ntriples`` hold the union of every article graph plus the
ontology (one ``owl:Ontology`` header), so Protégé loads the file as it is. The union is
de-duplicated by an external sort (``sort -u``, which spills to disk) instead of a hash set
of every triple. ``nquads``/``trig`` keep the named graphs; :func:`import_dataset` loads them
back into a store unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import RdfFormat, parse, serialize

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
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
}


def export(
    store: ArticleStore,
    output: str | Path | BinaryIO,
    fmt: str = "turtle",
    article_id: str | None = None,
    sort_memory: str = "256M",
) -> None:
    """Write the store (or one article's graph) to ``output`` in ``fmt``.

    >>> import io
    >>> from pyoxigraph import NamedNode
    >>> s = ArticleStore(None)
    >>> _ = s.replace_article("a", [(NamedNode("http://x/s"), NamedNode("http://x/p"),
    ...                              NamedNode("http://x/o"))])
    >>> out = io.BytesIO(); export(s, out, "ntriples"); out.getvalue()
    b'<http://x/s> <http://x/p> <http://x/o> .\\n'
    """
    if fmt not in FORMATS:
        raise CommuniqueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rdf_format = FORMATS[fmt]
    ox = store.oxigraph
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None
    if article_id is not None:
        g = graph_iri(article_id)
        if not ox.contains_named_graph(g):
            raise CommuniqueError(f"no article {article_id!r} in the store")
        if fmt in DATASET_FORMATS:
            from pyoxigraph import Quad

            quads = (
                Quad(q.subject, q.predicate, q.object, g)
                for q in ox.quads_for_pattern(None, None, None, g)
            )
            serialize(quads, output, rdf_format, prefixes=prefixes)
        else:
            ox.dump(output, rdf_format, from_graph=g, prefixes=prefixes)
        return
    if fmt in DATASET_FORMATS:
        ox.dump(output, rdf_format, prefixes=prefixes)
        return
    with tempfile.TemporaryDirectory(prefix="communique-export-") as tmp:
        union = _sorted_union(store, Path(tmp), sort_memory)
        triples = parse(path=str(union), format=RdfFormat.N_TRIPLES)
        serialize(triples, output, rdf_format, prefixes=prefixes)


def _sorted_union(store: ArticleStore, tmp: Path, sort_memory: str) -> Path:
    """Every graph's triples as N-Triples, de-duplicated by ``sort -u`` (bounded memory)."""
    raw, union = tmp / "all.nt", tmp / "union.nt"
    ox = store.oxigraph
    with raw.open("wb") as out:
        for g in ox.named_graphs():
            ox.dump(out, RdfFormat.N_TRIPLES, from_graph=g)
    sort = shutil.which("sort")
    if sort is None:  # pragma: no cover - every POSIX system has sort(1)
        raise CommuniqueError("the union export needs the `sort` command (coreutils)")
    env = {**os.environ, "LC_ALL": "C"}
    subprocess.run(
        [sort, "-u", "-S", sort_memory, "-T", str(tmp), "-o", str(union), str(raw)],
        check=True,
        env=env,
    )
    raw.unlink()
    return union


def import_dataset(store: ArticleStore, path: str | Path) -> int:
    """Load an N-Quads or TriG dump (as written by :func:`export`) into the store; returns
    the number of named graphs loaded. Graphs already present are replaced whole."""
    path = Path(path)
    fmt = {".nq": RdfFormat.N_QUADS, ".nquads": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG}
    if path.suffix not in fmt:
        raise CommuniqueError(f"{path}: import reads .nq or .trig dumps (one graph per article)")
    if not path.is_file():
        raise CommuniqueError(f"{path}: no such file")
    ox = store.oxigraph
    graphs = set()
    try:
        for q in parse(path=str(path), format=fmt[path.suffix]):
            graphs.add(q.graph_name)
    except SyntaxError as exc:
        raise CommuniqueError(f"{path}: not valid {path.suffix[1:]}: {exc}") from None
    for g in graphs:
        if ox.contains_named_graph(g):
            ox.remove_graph(g)
    ox.load(path=str(path), format=fmt[path.suffix])
    ox.flush()
    return len(graphs)
