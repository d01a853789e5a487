"""The ontology as Protégé and a reasoner see it, and the ROBOT/OOPS!-style checks.

* the OWL API (what Protégé uses) parses it with no problem and finds it OWL 2 DL;
* HermiT (through owlready2) finds it consistent with a small article graph and infers
  transitive sub-organisations and direct participants (property chain);
* a mapping bug (a person typed as an institution, …) is an inconsistency;
* ``communique.ontology_check`` is clean on the ontology and finds each planted problem in
  ``tests/data/ontology/broken.ttl``.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

import owlready2
import pytest
import rdflib
from conftest import owlcheck as _owlcheck

from communique import vocab
from communique.ontology_check import load_checks, main, run_checks
from communique.validate import alignment_path, merge_ontologies, ontology_path

DATA = Path(__file__).parent / "data" / "ontology"
SAMPLE = DATA / "sample.ttl"
BROKEN = DATA / "broken.ttl"
ID = vocab.ID_NS
CQ = vocab.CQ_NS
ORG = vocab.ORG_NS


def _write_merged(sources, dest: Path) -> Path:
    graph, missing = merge_ontologies(sources)
    assert missing == []
    graph.serialize(dest, format="turtle")
    return dest


def test_owlapi_core_is_clean_owl2_dl():
    rc, out = _owlcheck(ontology_path())
    assert out.strip().splitlines()[-1] == "problems: 0", out
    assert rc == 0
    assert "OWL 2 DL: in profile" in out
    assert "header: PARSED_ONE_HEADER" in out
    classes = int(out.split("classes: ")[1].split()[0])
    assert classes >= len(vocab.CLASSES)  # the parse really saw the ontology


def test_owlapi_alignment_with_core_is_clean_owl2_dl(tmp_path):
    # alignment.ttl owl:imports the core by its w3id IRI, which cannot be fetched here: check
    # the two merged into one document (the import resolved locally).
    merged = _write_merged([ontology_path(), alignment_path()], tmp_path / "aligned.ttl")
    rc, out = _owlcheck(merged)
    assert out.strip().splitlines()[-1] == "problems: 0", out
    assert rc == 0
    assert "OWL 2 DL: in profile" in out


def test_owlapi_sample_article_graph_is_clean(tmp_path):
    # what the mapping writes, with the ontology, opens in Protégé without guessed entities
    merged = _write_merged([ontology_path(), SAMPLE], tmp_path / "sample-with-core.ttl")
    rc, out = _owlcheck(merged)
    assert out.strip().splitlines()[-1] == "problems: 0", out
    assert rc == 0


# ---------------------------------------------------------------------------------------------
# HermiT through owlready2


def _world(*sources, extra_turtle: str = "") -> owlready2.World:
    graph, missing = merge_ontologies(list(sources), keep_headers=False)
    assert missing == []
    if extra_turtle:
        graph.parse(data=SAMPLE_PREFIXES + extra_turtle, format="turtle")
    world = owlready2.World()
    nt = graph.serialize(format="nt", encoding="utf-8")  # owlready2 cannot read Turtle
    world.get_ontology("http://communique.invalid/test#").load(
        fileobj=io.BytesIO(nt), format="ntriples"
    )
    return world


SAMPLE_PREFIXES = f"""
@prefix cq: <{CQ}> .
@prefix org: <{ORG}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix person: <{ID}person/> .
@prefix inst: <{ID}institution/> .
@prefix evid: <{ID}evidence/> .
@prefix holding: <{ID}holding/> .
"""


def _reason(world: owlready2.World) -> float:
    t0 = time.perf_counter()
    owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    return time.perf_counter() - t0


def _holds(world: owlready2.World, s: str, p: str, o: str) -> bool:
    rows = list(world.sparql(f"SELECT ?o WHERE {{ <{s}> <{p}> ?o . }}"))
    return any(row[0] is not None and row[0].iri == o for row in rows)


@pytest.fixture(scope="module")
def reasoned():
    world = _world(ontology_path(), SAMPLE)
    seconds = _reason(world)
    yield world, seconds
    world.close()


@pytest.fixture(scope="module")
def reasoned_aligned():
    world = _world(ontology_path(), alignment_path(), SAMPLE)
    seconds = _reason(world)
    yield world, seconds
    world.close()


def test_hermit_consistent_and_quick(reasoned):
    world, seconds = reasoned
    assert list(world.inconsistent_classes()) == []
    assert seconds < 30, f"HermiT took {seconds:.1f} s"


def test_hermit_infers_transitive_sub_organisation(reasoned):
    world, _ = reasoned
    general_staff = f"{ID}institution/general-staff-az"
    ministry = f"{ID}institution/mod-az"
    assert not _holds(world, general_staff, f"{ORG}subOrganizationOf", ministry)  # not asserted
    assert _holds(world, general_staff, f"{ORG}transitiveSubOrganizationOf", ministry)


def test_hermit_infers_direct_participants_through_the_chain(reasoned):
    world, _ = reasoned
    event = f"{ID}event/a1-ev1"
    for person in ("karim-valiyev", "eirik-kristoffersen"):
        assert _holds(world, event, f"{CQ}hasParticipant", f"{ID}person/{person}")
    # not a participant: the site, the article
    assert not _holds(world, event, f"{CQ}hasParticipant", f"{ID}site/ministry-hq")


def test_hermit_with_alignment_consistent_and_infers_org_holds(reasoned_aligned):
    world, _ = reasoned_aligned
    assert list(world.inconsistent_classes()) == []
    assert _holds(
        world,
        f"{ID}person/karim-valiyev",
        f"{ORG}holds",
        f"{ID}post/chief-of-the-general-staff-az",
    )


WRONG = {
    "person-typed-as-institution": "person:karim-valiyev a cq:Institution .",
    "holder-is-an-institution": "holding:a1-h1 cq:holder inst:mod-az .",
    "confidence-above-one": 'evid:a1-e1 cq:confidence "1.5"^^xsd:decimal .',
}


@pytest.mark.parametrize("turtle", WRONG.values(), ids=WRONG.keys())
def test_hermit_finds_mapping_bugs_inconsistent(turtle, tmp_path, monkeypatch):
    # owlready2 leaves its temporary file behind when HermiT says inconsistent: keep it here
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    world = _world(ontology_path(), SAMPLE, extra_turtle=turtle)
    try:
        with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
            _reason(world)
    finally:
        world.close()


# ---------------------------------------------------------------------------------------------
# ROBOT-report / OOPS!-style checks


def test_checks_are_clean_on_the_ontology():
    assert run_checks([ontology_path(), alignment_path()]) == []


# check name -> terms it must report in broken.ttl (and nothing else)
EXPECTED = {
    "duplicate-label": {"http://example.org/broken#Leader"},
    "missing-definition": {"http://example.org/broken#Undefined"},
    "missing-inverse": {"http://example.org/broken#member"},
    "missing-label": {"http://example.org/broken#Unlabelled"},
    "missing-license": {"http://example.org/broken"},
    "missing-ontology-metadata": {"http://example.org/broken"},
    "missing-version-iri": {"http://example.org/broken"},
    "property-without-domain": {"http://example.org/broken#knows"},
    "property-without-range": {"http://example.org/broken#nickname"},
    "top-class-not-disjoint": {"http://example.org/broken#Thing"},
    "xsd-date": {"http://example.org/broken#born"},
}


@pytest.fixture(scope="module")
def broken_findings():
    return run_checks([BROKEN])


def test_every_check_has_a_planted_problem():
    assert {c.name for c in load_checks()} == set(EXPECTED)


@pytest.mark.parametrize("check", sorted(EXPECTED))
def test_check_finds_its_planted_problem(broken_findings, check):
    found = {f.term for f in broken_findings if f.check == check}
    assert found == EXPECTED[check]
    assert all(f.message for f in broken_findings if f.check == check)


def test_checks_have_titles_and_descriptions():
    for check in load_checks():
        assert check.title and check.title != check.name, check.name
        assert len(check.description) > 30, check.name


def test_main_exit_codes_and_output(capsys):
    assert main([str(ontology_path()), str(alignment_path())]) == 0
    assert "no findings" in capsys.readouterr().out
    assert main([str(BROKEN)]) == 1
    out = capsys.readouterr().out
    assert "top-class-not-disjoint: http://example.org/broken#Thing:" in out
    assert main([str(DATA / "does-not-exist.ttl")]) == 2


def test_merge_resolves_the_import_locally():
    graph, missing = merge_ontologies([ontology_path(), alignment_path()])
    headers = set(graph.subjects(rdflib.RDF.type, rdflib.OWL.Ontology))
    assert headers == {rdflib.URIRef("https://w3id.org/communique/ontology/alignment")}
    assert not list(graph.objects(None, rdflib.OWL.imports))
    assert missing == []
    _, missing_alone = merge_ontologies([alignment_path()])
    assert missing_alone == ["https://w3id.org/communique/ontology"]
