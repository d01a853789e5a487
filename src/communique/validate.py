"""Closed-world checks (SHACL, pyshacl) and open-world reasoning (owlready2 + HermiT).

``validate_graph`` checks a graph against ``ontology/shapes.ttl`` with pyshacl, the reference:
the shape of what the mapping writes (a person has a name, an event has a type, participations
and evidence, …). ``validate_compiled`` runs the same shapes compiled into one SPARQL query
(``shape_queries``), ~25x faster, for ``article_validator`` at ingest; the tests check that
both report the same results.
``check_consistency`` loads a graph together with the ontology into HermiT, which finds
contradictions with the ontology's axioms (a node typed both cq:Person and cq:Institution,
a confidence above 1) and, if asked, lists a few facts it infers.

>>> report = validate_graph('''
... @prefix cq: <https://w3id.org/communique/ontology#> .
... <https://w3id.org/communique/id/person/x> a cq:Person .
... ''')
>>> report.conforms
False
>>> print(report.results[0].message)
A person has a name (cq:name, a plain string).
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import rdflib
from pyoxigraph import Quad, RdfFormat, Store
from rdflib.namespace import OWL, RDF, SH, XSD

from .errors import CommuniqueError, ValidationError
from .paths import ontology_dir
from .shape_queries import load_shapes
from .vocab import CQ_NS

__all__ = [
    "SHAPES_PATH",
    "ConsistencyReport",
    "ValidationReport",
    "ValidationResult",
    "alignment_path",
    "article_validator",
    "check_consistency",
    "load_graph",
    "merge_ontologies",
    "ontology_dir",
    "ontology_path",
    "validate_compiled",
    "validate_graph",
]

#: The SHACL shapes (resolved when the module is imported; see :func:`ontology_dir`).
SHAPES_PATH: Path = ontology_dir() / "shapes.ttl"

_PREFIXES = {
    CQ_NS: "cq:",
    "https://w3id.org/communique/id/role/": "role:",
    str(RDF): "rdf:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/ns/org#": "org:",
}

GraphSource = rdflib.Graph | str | os.PathLike


def ontology_path() -> Path:
    """The core ontology, ``communique.ttl``."""
    return ontology_dir() / "communique.ttl"


def alignment_path() -> Path:
    """The alignment to schema.org, SEM, PROV-O and Wikidata, ``alignment.ttl``."""
    return ontology_dir() / "alignment.ttl"


# ---------------------------------------------------------------------------------------------
# Loading and merging


def load_graph(source: GraphSource) -> rdflib.Graph:
    """An rdflib graph from a graph (returned as is), a dataset (the union of its graphs), a
    file path, or Turtle text.

    A ``str`` is a path when such a file exists, Turtle text otherwise. N-Quads and TriG files
    are read as the union of their graphs.
    """
    if isinstance(source, rdflib.graph.ConjunctiveGraph):  # a Dataset: the union of its graphs
        union = rdflib.Graph()
        for s, p, o, *_ in source.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(source, rdflib.Graph):
        return source
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and Path(source).is_file()
    ):
        path = Path(source)
        if not path.is_file():
            raise CommuniqueError(f"{path}: no such file")
        fmt = rdflib.util.guess_format(path.name) or "turtle"
        try:
            if fmt in ("nquads", "trig"):
                ds = rdflib.Dataset()
                ds.parse(path, format=fmt)
                graph = rdflib.Graph()
                for s, p, o, _ in ds.quads():
                    graph.add((s, p, o))
                return graph
            return rdflib.Graph().parse(path, format=fmt)
        except Exception as exc:  # rdflib raises many kinds of parser errors
            raise CommuniqueError(f"{path}: cannot be parsed as {fmt}: {exc}") from exc
    if isinstance(source, str):
        try:
            return rdflib.Graph().parse(data=source, format="turtle")
        except Exception as exc:
            raise CommuniqueError(f"the Turtle text cannot be parsed: {exc}") from exc
    raise TypeError(f"expected an rdflib.Graph, a path or Turtle text, not {type(source)!r}")


def merge_ontologies(
    sources: Iterable[GraphSource], *, keep_headers: bool = True
) -> tuple[rdflib.Graph, list[str]]:
    """Merge ontology files into one graph, resolving ``owl:imports`` among themselves.

    Nothing is fetched: an ``owl:imports`` of an ontology that is one of ``sources`` is
    dropped together with the imported ontology's header, so the merge has the header of
    the importing ontology only (what the OWL API and owlready2 need to read it in one go).
    Returns the merged graph and the IRIs of imports that none of the sources provides.

    >>> g, missing = merge_ontologies([ontology_path(), alignment_path()])
    >>> len(list(g.subjects(RDF.type, OWL.Ontology))), missing
    (1, [])
    """
    graphs = [load_graph(s) for s in sources]
    headers = {o for g in graphs for o in g.subjects(RDF.type, OWL.Ontology)}
    imported = {o for g in graphs for o in g.objects(None, OWL.imports)}
    merged = rdflib.Graph()
    for g in graphs:
        for s, p, o in g:
            if p == OWL.imports and o in headers:
                continue
            if s in headers and s in imported:
                continue  # the header of an ontology that another source imports
            if not keep_headers and s in headers:
                continue
            merged.add((s, p, o))
    for prefix, ns in graphs[0].namespaces() if graphs else ():
        merged.bind(prefix, ns, override=False)
    missing = sorted(str(i) for i in imported - headers)
    return merged, missing


# ---------------------------------------------------------------------------------------------
# SHACL


class ValidationResult(NamedTuple):
    """One SHACL result: the node, the property path, what is wrong, and how bad it is."""

    focus: str
    path: str | None
    message: str
    severity: str  # "Violation" | "Warning" | "Info"

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}"


@dataclass
class ValidationReport:
    """What :func:`validate_graph` found. ``text`` is meant to be shown to a user."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    text: str = ""

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]


@lru_cache(maxsize=4)
def _shapes_graph(path: str, mtime: float) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="turtle")


def _shorten(term: rdflib.term.Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        for ns, prefix in _PREFIXES.items():
            if term.startswith(ns) and "/" not in term[len(ns) :]:
                return prefix + term[len(ns) :]
        return f"<{term}>"
    if isinstance(term, rdflib.BNode):
        return "[complex path]"
    return term.n3()


def validate_graph(
    data: GraphSource | Store,
    *,
    shapes: GraphSource | None = None,
    inference: str | None = None,
) -> ValidationReport:
    """Validate ``data`` (a graph, a pyoxigraph store, a file, or Turtle text) with the shapes.

    No inference is done by default (fast: the shapes are written for the triples the mapping
    asserts); ``inference="rdfs"`` mixes the core ontology in and infers with it first.
    Warnings are reported but do not make the graph non-conforming.
    """
    import pyshacl

    if shapes is None:
        path = SHAPES_PATH
        if not path.is_file():
            raise CommuniqueError(
                f"{path}: SHACL shapes not found; set COMMUNIQUE_ONTOLOGY_DIR to the folder "
                "that holds shapes.ttl"
            )
        shapes_graph = _shapes_graph(str(path), path.stat().st_mtime)
    else:
        shapes_graph = load_graph(shapes)
    kwargs = {}
    if inference and inference != "none":
        kwargs["ont_graph"] = load_graph(ontology_path())
        graph = load_graph(data)
    else:
        # pyshacl over an in-memory Oxigraph store is ~10x faster than over rdflib (its SPARQL
        # constraint is re-parsed per focus node, and rdflib's parser is slow); nothing is
        # written to the store without inference, so a caller's store is used as is.
        graph = data if isinstance(data, Store) else _to_store(load_graph(data))
    conforms, results_graph, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph,
        inference=inference or "none",
        abort_on_first=False,
        allow_warnings=True,
        meta_shacl=False,
        **kwargs,
    )
    results = []
    for r in results_graph.subjects(RDF.type, SH.ValidationResult):
        severity_iri = results_graph.value(r, SH.resultSeverity)
        severity = str(severity_iri).rsplit("#", 1)[-1] if severity_iri else "Violation"
        message = " ".join(sorted(str(m) for m in results_graph.objects(r, SH.resultMessage)))
        if not message:
            component = results_graph.value(r, SH.sourceConstraintComponent)
            message = f"fails {_shorten(component)}"
        focus = results_graph.value(r, SH.focusNode)
        path = results_graph.value(r, SH.resultPath)
        value = results_graph.value(r, SH.value)
        results.append(_result(focus, path, value, message, severity))
    return _report(bool(conforms), results)


def validate_compiled(data: GraphSource | Store | Iterable) -> ValidationReport:
    """Validate ``data`` with the shapes compiled into SPARQL (:mod:`shape_queries`).

    Reports what :func:`validate_graph` reports without inference, in a few milliseconds
    for an article's graph instead of pyshacl's hundreds. ``data`` is a pyoxigraph store
    (the union of its graphs), pyoxigraph triples or (subject, predicate, object) tuples,
    or what :func:`load_graph` reads. Raises ``shape_queries.UnsupportedShapes`` when the
    shapes use SHACL the compiler does not support.
    """
    compiled = load_shapes(SHAPES_PATH)
    if isinstance(data, Store):
        if any(True for _ in data.named_graphs()):
            union = Store()
            union.extend(Quad(q.subject, q.predicate, q.object) for q in data)
            data = union
    elif isinstance(data, rdflib.Graph | str | os.PathLike):
        data = _to_store(load_graph(data))
    hits = compiled.run(data)
    results = [_result(h.focus, h.path, h.value, h.message, h.severity) for h in hits]
    return _report(not any(h.blocking for h in hits), results)


def _result(focus, path, value, message: str, severity: str) -> ValidationResult:
    """One result as shown, from the rdflib terms of a pyshacl or a compiled result."""
    if value is not None and value != focus:
        message += f" (value: {_shorten(value)})"
    return ValidationResult(_shorten(focus) or "?", _shorten(path), message, severity)


def _report(conforms: bool, results: list[ValidationResult]) -> ValidationReport:
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    results.sort(key=lambda r: (order.get(r.severity, 3), r.focus, r.path or "", r.message))
    return ValidationReport(conforms, results, _report_text(conforms, results))


def article_validator(
    *, max_lines: int = 5, reference: bool = False
) -> Callable[[object, Iterable], None]:
    """A validator for ``ingest``: ``validator(article, triples)`` raises ValidationError
    naming the article and its first violations when the article's graph does not conform.

    ``triples`` are pyoxigraph triples or (subject, predicate, object) tuples, as
    ``mapping.map_extraction`` returns them. Warnings do not stop an article. The shapes
    are compiled when the validator is made (so unsupported SHACL fails before any
    article); ``reference=True`` validates with pyshacl instead (~25x slower).
    """
    if not reference:
        load_shapes(SHAPES_PATH)

    def validator(article, triples: Iterable) -> None:
        store = Store()
        store.extend(Quad(*t[:3]) if isinstance(t, tuple) else Quad(*t) for t in triples)
        report = validate_graph(store) if reference else validate_compiled(store)
        if not report.conforms:
            ident = getattr(article, "id", article)
            lines = [str(r) for r in report.violations]
            more = len(lines) - max_lines
            shown = "; ".join(lines[:max_lines]) + (f"; and {more} more" if more > 0 else "")
            raise ValidationError(
                f"article {ident}: {len(lines)} SHACL violation(s) of ontology/shapes.ttl: {shown}"
            )

    return validator


def _to_store(graph: rdflib.Graph) -> Store:
    store = Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
    return store


def _report_text(conforms: bool, results: Sequence[ValidationResult]) -> str:
    n_viol = sum(r.severity == "Violation" for r in results)
    n_other = len(results) - n_viol
    head = "SHACL: conforms" if conforms else "SHACL: does not conform"
    head += f" ({n_viol} violation{'s' * (n_viol != 1)}, {n_other} warning{'s' * (n_other != 1)})"
    return "\n".join([head, *(f"  {r}" for r in results)])


# ---------------------------------------------------------------------------------------------
# OWL reasoning (owlready2 + HermiT)


@dataclass
class ConsistencyReport:
    """What :func:`check_consistency` found.

    ``inferred`` holds up to ``max_inferred`` (subject, predicate, object) IRIs that HermiT
    inferred and that were not asserted (only when ``infer=True``).
    """

    consistent: bool
    message: str
    inferred: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0
    unresolved_imports: list[str] = field(default_factory=list)


_REASONER_LOCK = threading.Lock()


def check_consistency(
    data: GraphSource | None,
    ontology_paths: Sequence[GraphSource] | None = None,
    *,
    infer: bool = False,
    max_inferred: int = 200,
) -> ConsistencyReport:
    """Run HermiT (through owlready2) over ``data`` plus the ontology.

    ``data`` is a graph, a Turtle / N-Triples / N-Quads / RDF/XML file, Turtle text, or
    ``None`` to check the ontology alone. ``ontology_paths`` defaults to the core ontology;
    pass ``[ontology_path(), alignment_path()]`` to reason with the alignment too (the
    import between them is resolved locally; nothing is fetched). No temporary file is left
    behind, whatever happens.
    """
    import owlready2

    sources = list(ontology_paths) if ontology_paths is not None else [ontology_path()]
    if data is not None:
        sources.append(data)
    merged, missing = merge_ontologies(sources, keep_headers=False)
    merged.remove((None, OWL.imports, None))
    bad = sorted(
        {s.n3() for s, _, o in merged if isinstance(o, rdflib.Literal) and o.datatype == XSD.date}
    )
    if bad:
        raise CommuniqueError(
            "HermiT cannot reason over xsd:date literals (not in the OWL 2 datatype map); "
            f"write xsd:dateTime instead. Found on: {', '.join(bad[:5])}"
        )
    asserted = {(str(s), str(p), str(o)) for s, p, o in merged}
    nt = merged.serialize(format="nt", encoding="utf-8")

    with _REASONER_LOCK, tempfile.TemporaryDirectory(prefix="communique-hermit-") as tmp:
        # owlready2 writes the ontology to a temporary file for HermiT and does not remove it
        # when HermiT reports an inconsistency: keep it in a directory we remove.
        saved_tempdir = tempfile.tempdir
        tempfile.tempdir = tmp
        world = owlready2.World()
        t0 = time.perf_counter()
        try:
            onto = world.get_ontology("http://communique.invalid/check#")
            onto.load(fileobj=io.BytesIO(nt), format="ntriples")
            try:
                owlready2.sync_reasoner_hermit(world, infer_property_values=infer, debug=0)
            except owlready2.OwlReadyInconsistentOntologyError:
                return ConsistencyReport(
                    False,
                    "inconsistent: the data contradicts the ontology (e.g. an individual in two "
                    "disjoint classes, or a value outside a property's range)",
                    seconds=time.perf_counter() - t0,
                    unresolved_imports=missing,
                )
            except owlready2.OwlReadyJavaError as exc:
                raise CommuniqueError(f"HermiT failed: {exc}") from exc
            seconds = time.perf_counter() - t0
            inferred = _inferred_facts(world, asserted, max_inferred) if infer else []
            return ConsistencyReport(
                True, "consistent", inferred, seconds=seconds, unresolved_imports=missing
            )
        finally:
            tempfile.tempdir = saved_tempdir
            world.close()


def _inferred_facts(world, asserted: set[tuple[str, str, str]], limit: int):
    onto = world.get_ontology("http://inferrences/")
    facts = set()
    for s, p, o in onto.get_triples():
        if not (isinstance(s, int) and isinstance(o, int) and s > 0 and o > 0):
            continue
        triple = (world._unabbreviate(s), world._unabbreviate(p), world._unabbreviate(o))
        if triple[0] == "http://inferrences" or triple in asserted:
            continue
        facts.add(triple)
    return sorted(facts)[:limit]


# ---------------------------------------------------------------------------------------------
# The stored graph


def validate_store(store, article_id: str | None = None, *, reason: bool = False):
    """SHACL report (and, with ``reason``, a HermiT consistency report) for the union of the
    article graphs of an ``ArticleStore``, or for one article's graph.

    Returns ``(ValidationReport, ConsistencyReport | None)``.
    """
    from .store import graph_iri

    ox = store.oxigraph
    if article_id is not None:
        graphs = [graph_iri(article_id)]
        if not ox.contains_named_graph(graphs[0]):
            raise CommuniqueError(f"no article {article_id!r} in the store")
    else:
        ontology = "https://w3id.org/communique/graph/ontology"
        graphs = [g for g in ox.named_graphs() if g.value != ontology]
    data = Store()
    for g in graphs:
        quads = ox.quads_for_pattern(None, None, None, g)
        data.extend(Quad(q.subject, q.predicate, q.object) for q in quads)
    report = validate_graph(data)
    consistency = None
    if reason:
        from pyoxigraph import DefaultGraph

        nt = data.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
        graph = rdflib.Graph().parse(data=nt.decode("utf-8"), format="nt")
        consistency = check_consistency(graph, [ontology_path(), alignment_path()])
    return report, consistency
