"""Exports of a store built from data/ by the real pipeline: Protégé (OWL API) and HermiT
accept the single-file exports, N-Quads round-trips, and `validate` reports on the store."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from conftest import owlcheck
from rdflib.compare import isomorphic

from communique.cli import main
from communique.export import export, import_dataset
from communique.ingest import ingest_paths
from communique.store import ArticleStore
from communique.validate import (
    alignment_path,
    article_validator,
    check_consistency,
    ontology_path,
    validate_store,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A closed store holding data/, ingested with SHACL validation on."""
    path = tmp_path_factory.mktemp("export") / "store"
    with ArticleStore(path) as s:
        report = ingest_paths(s, [REPO / "data"], validator=article_validator())
    assert report.ok, [str(f) for f in report.failures]
    return path


@pytest.fixture(scope="module")
def exports(built, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("files")
    files = {}
    with ArticleStore(built, read_only=True) as s:
        for fmt, ext in [
            ("turtle", "ttl"),
            ("owl", "owl"),
            ("nquads", "nq"),
            ("trig", "trig"),
            ("jsonld", "jsonld"),
            ("ntriples", "nt"),
        ]:
            files[fmt] = out / f"graph.{ext}"
            export(s, files[fmt], fmt)
    return files


@pytest.mark.parametrize("fmt", ["turtle", "owl"])
def test_single_file_exports_are_clean_for_the_owl_api(exports, fmt):
    rc, out = owlcheck(exports[fmt])
    assert rc == 0, out[-3000:]
    assert "unparsed triples: 0" in out and "problems: 0" in out
    assert "header: PARSED_ONE_HEADER" in out or fmt == "owl"


def test_single_file_exports_hold_ontology_and_individuals(exports):
    g = rdflib.Graph().parse(exports["turtle"], format="turtle")
    owl = rdflib.OWL
    assert len(list(g.subjects(rdflib.RDF.type, owl.Ontology))) == 1
    people = set(
        g.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/communique/ontology#Person"))
    )
    assert len(people) > 10
    assert all((p, rdflib.RDF.type, owl.NamedIndividual) in g for p in people)
    for fmt in ("owl", "jsonld", "ntriples"):
        other = rdflib.Graph().parse(
            exports[fmt], format={"owl": "xml", "jsonld": "json-ld", "ntriples": "nt"}[fmt]
        )
        assert isomorphic(g, other), fmt


def test_hermit_finds_the_export_consistent_and_infers_what_the_ontology_promises(exports):
    report = check_consistency(
        exports["ntriples"], [ontology_path(), alignment_path()], infer=True, max_inferred=100000
    )
    assert report.consistent, report.message
    inferred = {p for _, p, _ in report.inferred}
    assert "https://w3id.org/communique/ontology#hasParticipant" in inferred


def test_nquads_roundtrip_gives_an_isomorphic_dataset(built, exports, tmp_path):
    with ArticleStore(tmp_path / "copy") as copy:
        n = import_dataset(copy, exports["nquads"])
        with ArticleStore(built, read_only=True) as orig:
            graphs = {g.value for g in orig.graphs()}
            assert n == len(graphs)
            for g in graphs:
                a = rdflib.Graph().parse(
                    data=orig.oxigraph.dump(format=_nt(), from_graph=_node(g)).decode(), format="nt"
                )
                b = rdflib.Graph().parse(
                    data=copy.oxigraph.dump(format=_nt(), from_graph=_node(g)).decode(), format="nt"
                )
                assert isomorphic(a, b), g
        # importing again replaces, never duplicates
        before = copy.count_quads()
        import_dataset(copy, exports["trig"])
        assert copy.count_quads() == before


def _nt():
    from pyoxigraph import RdfFormat

    return RdfFormat.N_TRIPLES


def _node(iri):
    from pyoxigraph import NamedNode

    return NamedNode(iri)


def test_one_article_export_holds_only_that_article(built, tmp_path):
    with ArticleStore(built, read_only=True) as s:
        aid = s.article_ids()[0]
        out = tmp_path / "one.nq"
        export(s, out, "nquads", article_id=aid)
    graphs = {line.rsplit(" ", 2)[-2] for line in out.read_text().splitlines() if line}
    assert graphs == {f"<https://w3id.org/communique/graph/{aid}>"}


def test_validate_command_on_the_store(built):
    res = CliRunner().invoke(main, ["--store", str(built), "validate"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("SHACL: conforms")
    with ArticleStore(built, read_only=True) as s:
        report, consistency = validate_store(s, s.article_ids()[0], reason=True)
    assert report.conforms and consistency.consistent


def test_validate_reports_a_broken_store(built, tmp_path):
    import shutil

    copy = tmp_path / "broken"
    shutil.copytree(built, copy)
    with ArticleStore(copy) as s:
        s.oxigraph.update(
            "DELETE { GRAPH ?g { ?p <https://w3id.org/communique/ontology#name> ?n } } "
            "WHERE { GRAPH ?g { ?p a <https://w3id.org/communique/ontology#Person> ; "
            "<https://w3id.org/communique/ontology#name> ?n } }"
        )
    res = CliRunner().invoke(main, ["--store", str(copy), "validate"])
    assert res.exit_code == 1
    assert "does not conform" in res.output and "A person has a name" in res.output
