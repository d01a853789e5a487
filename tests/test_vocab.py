"""vocab.py (what the mapping writes) and ontology/communique.ttl (what the ontology declares)
cannot drift: same cq: terms, same kinds, same role individuals, same event types."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

from communique import model, vocab
from communique.validate import SHAPES_PATH, ontology_path

CQ = rdflib.Namespace(vocab.CQ_NS)
ROLE_NS = rdflib.Namespace(vocab.ID_NS + "role/")
KINDS = {
    OWL.Class: vocab.CLASSES,
    OWL.ObjectProperty: vocab.OBJECT_PROPERTIES,
    OWL.DatatypeProperty: vocab.DATATYPE_PROPERTIES,
}
# The OWL 2 datatype map has no xsd:date (HermiT refuses it); these are the ones we may use.
OWL2_DATATYPES = {"dateTime", "string", "integer", "decimal", "anyURI", "nonNegativeInteger"}


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path())


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_PATH)


def _declared(g: rdflib.Graph, kind: rdflib.URIRef) -> set[str]:
    return {
        str(s)[len(vocab.CQ_NS) :]
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(vocab.CQ_NS)
    }


@pytest.mark.parametrize("kind", list(KINDS), ids=lambda k: k.fragment)
def test_vocab_terms_are_declared_with_their_kind(onto, kind):
    missing = set(KINDS[kind]) - _declared(onto, kind)
    assert not missing, f"in vocab.py but not declared as {kind.n3()} in communique.ttl"


@pytest.mark.parametrize("kind", list(KINDS), ids=lambda k: k.fragment)
def test_declared_terms_are_in_vocab(onto, kind):
    extra = _declared(onto, kind) - set(KINDS[kind])
    assert not extra, f"declared as {kind.n3()} in communique.ttl but not in vocab.py"


def test_every_cq_term_in_the_ontology_is_declared_and_in_vocab(onto):
    """No cq: IRI anywhere in the file (subject or object) escapes the contract."""
    used = {
        str(t)[len(vocab.CQ_NS) :]
        for triple in onto
        for t in triple
        if isinstance(t, rdflib.URIRef) and str(t).startswith(vocab.CQ_NS)
    }
    assert used == set(vocab.CLASSES + vocab.OBJECT_PROPERTIES + vocab.DATATYPE_PROPERTIES)


def test_no_term_has_two_kinds(onto):
    seen: dict[str, rdflib.URIRef] = {}
    for kind in KINDS:
        for name in _declared(onto, kind):
            assert name not in seen, f"cq:{name} is both {seen[name].n3()} and {kind.n3()}"
            seen[name] = kind


def test_vocab_tuples_have_no_duplicates():
    names = vocab.CLASSES + vocab.OBJECT_PROPERTIES + vocab.DATATYPE_PROPERTIES
    assert len(names) == len(set(names))
    assert len(vocab.ROLE_INDIVIDUALS) == len(set(vocab.ROLE_INDIVIDUALS))


@pytest.mark.parametrize("role", vocab.ROLE_INDIVIDUALS)
def test_role_individuals_are_typed_and_labelled(onto, role):
    node = ROLE_NS[role]
    assert (node, RDF.type, CQ.Role) in onto
    assert (node, RDF.type, OWL.NamedIndividual) in onto
    assert rdflib.Literal(role, lang="en") in set(onto.objects(node, RDFS.label))


def test_no_other_role_individuals(onto):
    declared = {str(s) for s in onto.subjects(RDF.type, CQ.Role)}
    assert declared == {str(ROLE_NS[r]) for r in vocab.ROLE_INDIVIDUALS}


def test_model_event_types_match_the_ontology(onto):
    for name in model.EVENT_TYPES:
        assert (CQ[name], RDFS.subClassOf, CQ.Event) in onto, name
    subclasses = {str(s)[len(vocab.CQ_NS) :] for s in onto.subjects(RDFS.subClassOf, CQ.Event)}
    assert subclasses == set(model.EVENT_TYPES)


def test_external_terms_of_vocab_are_declared_with_their_standard_kind(onto):
    org = rdflib.Namespace(vocab.ORG_NS)
    prov = rdflib.Namespace(vocab.PROV_NS)
    for name in ("postIn", "subOrganizationOf", "transitiveSubOrganizationOf"):
        assert (org[name], RDF.type, OWL.ObjectProperty) in onto, name
    assert (org.transitiveSubOrganizationOf, RDF.type, OWL.TransitiveProperty) in onto
    assert (org.subOrganizationOf, RDFS.subPropertyOf, org.transitiveSubOrganizationOf) in onto
    # PROV-O declares these as object properties: never another kind
    for name in ("wasDerivedFrom", "hadPrimarySource"):
        kinds = set(onto.objects(prov[name], RDF.type))
        assert kinds == {OWL.ObjectProperty}, name


def test_only_owl2_datatypes(onto):
    xsd = "http://www.w3.org/2001/XMLSchema#"
    used = {str(t)[len(xsd) :] for tr in onto for t in tr if str(t).startswith(xsd)}
    used |= {
        str(o.datatype)[len(xsd) :]
        for o in onto.objects()
        if isinstance(o, rdflib.Literal) and o.datatype
    }
    used -= {"minInclusive", "maxInclusive"}  # facets of the confidence range
    assert used <= OWL2_DATATYPES, used - OWL2_DATATYPES
    assert set(vocab.XSD_NS + n for n in ("dateTime", "string")) <= {x.value for x in vocab.XSD}
    assert "date" not in {x.value[len(xsd) :] for x in vocab.XSD}


def _sh_in(shapes: rdflib.Graph, path: rdflib.URIRef) -> set[rdflib.URIRef]:
    values = set()
    for prop in shapes.subjects(SH.path, path):
        for lst in shapes.objects(prop, SH["in"]):
            values |= set(rdflib.collection.Collection(shapes, lst))
        for q in shapes.objects(prop, SH.qualifiedValueShape):
            for lst in shapes.objects(q, SH["in"]):
                values |= set(rdflib.collection.Collection(shapes, lst))
    return values


def test_shapes_use_the_same_roles_and_event_types(shapes):
    assert _sh_in(shapes, CQ.role) == {ROLE_NS[r] for r in vocab.ROLE_INDIVIDUALS}
    assert _sh_in(shapes, RDF.type) == {CQ[t] for t in model.EVENT_TYPES}
    event_shape = rdflib.URIRef("https://w3id.org/communique/shapes#EventShape")
    event_shape_targets = set(shapes.objects(event_shape, SH.targetClass))
    assert event_shape_targets == {CQ.Event} | {CQ[t] for t in model.EVENT_TYPES}


def test_no_xsd_date_shape_targets_every_class(shapes):
    shape = rdflib.URIRef("https://w3id.org/communique/shapes#NoXsdDateShape")
    targets = set(shapes.objects(shape, SH.targetClass))
    assert targets == {CQ[c] for c in vocab.CLASSES}


def test_shapes_mention_only_vocab_terms(shapes):
    names = set(vocab.CLASSES + vocab.OBJECT_PROPERTIES + vocab.DATATYPE_PROPERTIES)
    used = {
        str(t)[len(vocab.CQ_NS) :]
        for tr in shapes
        for t in tr
        if isinstance(t, rdflib.URIRef) and str(t).startswith(vocab.CQ_NS)
    }
    assert used <= names, used - names
