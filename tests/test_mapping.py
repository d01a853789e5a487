"""Mapping: golden graphs compared by isomorphism, plus invariants every graph must keep."""

from __future__ import annotations

import pytest
import rdflib
from conftest import MAPPING_CASES, load_extraction
from rdflib.compare import graph_diff, isomorphic

from communique.mapping import map_extraction
from communique.vocab import CQ, OWL, RDF, XSD_NS


def _rdflib_graph(triples) -> rdflib.Graph:
    g = rdflib.Graph()
    nt = "\n".join(f"{s} {p} {o} ." for s, p, o in triples)
    g.parse(data=nt, format="nt")
    return g


@pytest.mark.parametrize("case", MAPPING_CASES, ids=lambda p: p.stem)
def test_golden_graph(case):
    expected = rdflib.Graph().parse(case.with_suffix(".ttl"), format="turtle")
    got = _rdflib_graph(map_extraction(load_extraction(case)))
    if not isomorphic(expected, got):
        _, missing, extra = graph_diff(expected, got)
        pytest.fail(
            "graph differs from golden file\nmissing:\n"
            + missing.serialize(format="nt")
            + "\nextra:\n"
            + extra.serialize(format="nt")
        )


@pytest.mark.parametrize("case", MAPPING_CASES, ids=lambda p: p.stem)
def test_mapping_is_deterministic(case):
    assert map_extraction(load_extraction(case)) == map_extraction(load_extraction(case))


@pytest.mark.parametrize("case", MAPPING_CASES, ids=lambda p: p.stem)
def test_invariants(case):
    ex = load_extraction(case)
    triples = map_extraction(ex)
    typed = {s for s, p, o in triples if p == RDF.type and o != OWL.NamedIndividual}
    named = {s for s, p, o in triples if p == RDF.type and o == OWL.NamedIndividual}
    assert typed == named, "every individual is an owl:NamedIndividual too"
    for _, _, o in triples:
        dtype = getattr(o, "datatype", None)
        assert dtype is None or dtype.value != XSD_NS + "date", "xsd:date is not OWL 2"
    text = ex.article.text
    spans = {}
    for s, p, o in triples:
        spans.setdefault(s, {})[p] = o
    for node, props in spans.items():
        if CQ.spanText in props:
            start, end = int(props[CQ.startOffset].value), int(props[CQ.endOffset].value)
            assert text[start:end] == props[CQ.spanText].value, node
            assert props[CQ.spanText].value in props[CQ.sentence].value


def test_same_person_in_two_articles_meets_on_one_node(golden_extractions):
    a = golden_extractions["meeting"]
    b = load_extraction(MAPPING_CASES[0])
    b.article.id = "another-article"
    b.officials[0].name = "TOMAS  Ekholm"
    people_a = {s for s, p, o in map_extraction(a) if o == CQ.Person}
    people_b = {s for s, p, o in map_extraction(b) if o == CQ.Person}
    assert people_a == people_b
    events_a = {s for s, p, o in map_extraction(a) if p == CQ.reportedIn}
    events_b = {s for s, p, o in map_extraction(b) if p == CQ.reportedIn}
    assert not events_a & events_b, "events belong to their article"


def test_same_institution_name_in_two_countries_stays_apart(golden_extractions):
    ex = golden_extractions["meeting"]
    ex2 = load_extraction(MAPPING_CASES[0])
    ex2.institutions[0].country = "Kestria"
    inst = {s for s, p, o in map_extraction(ex) if o == CQ.Institution}
    inst2 = {s for s, p, o in map_extraction(ex2) if o == CQ.Institution}
    assert inst and inst2 and not inst & inst2
