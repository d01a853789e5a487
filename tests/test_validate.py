"""SHACL validation (ontology/shapes.ttl) and the HermiT consistency check of validate.py."""

from __future__ import annotations

import doctest
import tempfile
from pathlib import Path

import pyoxigraph
import pytest
import rdflib

from communique import ontology_check, validate, vocab
from communique.errors import CommuniqueError
from communique.validate import (
    SHAPES_PATH,
    ValidationResult,
    alignment_path,
    article_validator,
    check_consistency,
    ontology_path,
    validate_graph,
)

SAMPLE = Path(__file__).parent / "data" / "ontology" / "sample.ttl"
ID = vocab.ID_NS
PREFIXES = f"""
PREFIX cq: <{vocab.CQ_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX role: <{ID}role/>
PREFIX article: <{ID}article/>
PREFIX person: <{ID}person/>
PREFIX inst: <{ID}institution/>
PREFIX post: <{ID}post/>
PREFIX rank: <{ID}rank/>
PREFIX holding: <{ID}holding/>
PREFIX event: <{ID}event/>
PREFIX part: <{ID}participation/>
PREFIX evid: <{ID}evidence/>
PREFIX site: <{ID}site/>
PREFIX place: <{ID}place/>
"""

KARIM = f"<{ID}person/karim-valiyev>"
HOLDING = f"<{ID}holding/a1-h1>"
POST = f"<{ID}post/chief-of-the-general-staff-az>"
EVENT = f"<{ID}event/a1-ev1>"
P1 = f"<{ID}participation/a1-ev1-p1>"
E1 = f"<{ID}evidence/a1-e1>"
ARTICLE = f"<{ID}article/a1>"


@pytest.fixture(scope="module")
def sample() -> rdflib.Graph:
    return rdflib.Graph().parse(SAMPLE)


def _broken(sample: rdflib.Graph, update: str) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in sample:
        g.add(t)
    before = len(g)
    g.update(PREFIXES + update)
    assert len(g) != before or "DELETE" in update and "INSERT" in update, "update changed nothing"
    return g


def _delete(s: str, p: str) -> str:
    return f"DELETE WHERE {{ {s} {p} ?o }}"


def _replace(s: str, p: str, o: str) -> str:
    return f"DELETE {{ {s} {p} ?o }} INSERT {{ {s} {p} {o} }} WHERE {{ {s} {p} ?o }}"


# id -> (SPARQL update that breaks the sample, expected (focus, path, message fragment, severity),
#        further expected results if the break necessarily breaks more than one constraint)
CASES = {
    "person-without-name": (
        _delete("person:karim-valiyev", "cq:name"),
        (KARIM, "cq:name", "A person has a name", "Violation"),
    ),
    "person-name-not-a-string": (
        _replace("person:karim-valiyev", "cq:name", '"Karim Valiyev"@en'),
        (KARIM, "cq:name", "A person has a name", "Violation"),
    ),
    "holding-without-holder": (
        _delete("holding:a1-h1", "cq:holder"),
        (HOLDING, "cq:holder", "exactly one holder", "Violation"),
    ),
    "holding-with-two-holders": (
        "INSERT DATA { holding:a1-h1 cq:holder person:eirik-kristoffersen }",
        (HOLDING, "cq:holder", "exactly one holder", "Violation"),
    ),
    "holder-not-a-person": (
        _replace("holding:a1-h1", "cq:holder", "inst:mod-az"),
        (HOLDING, "cq:holder", "is a cq:Person", "Violation"),
    ),
    "holding-with-two-posts": (
        "INSERT DATA { holding:a1-h1 cq:post post:x . post:x a cq:Post ; cq:postTitle 'X' }",
        (HOLDING, "cq:post", "at most one post", "Violation"),
    ),
    "holding-post-not-a-post": (
        _replace("holding:a1-h1", "cq:post", "inst:mod-az"),
        (HOLDING, "cq:post", "at most one post (cq:post), a cq:Post", "Violation"),
    ),
    "holding-rank-not-a-rank": (
        _replace("holding:a1-h1", "cq:rank", "person:eirik-kristoffersen"),
        (HOLDING, "cq:rank", "at most one rank", "Violation"),
    ),
    "holding-without-post-or-rank": (
        _delete("holding:a1-h1", "cq:post") + " ; " + _delete("holding:a1-h1", "cq:rank"),
        (HOLDING, None, "has a post (cq:post) or at least a rank", "Violation"),
    ),
    "holding-without-time-is-a-warning": (
        _delete("holding:a1-h1", "cq:attestedOn"),
        (HOLDING, "cq:attestedOn", "no attestation time", "Warning"),
    ),
    "holding-time-not-a-datetime": (
        _replace("holding:a1-h1", "cq:attestedOn", '"2017"'),
        (HOLDING, "cq:attestedOn", "is an xsd:dateTime", "Violation"),
    ),
    "holding-without-article": (
        _delete("holding:a1-h1", "cq:attestedIn"),
        (HOLDING, "cq:attestedIn", "attested in an article", "Violation"),
    ),
    "post-without-title": (
        _delete("post:chief-of-the-general-staff-az", "cq:postTitle"),
        (POST, "cq:postTitle", "A post has a title", "Violation"),
    ),
    "event-without-event-type": (
        _replace("event:a1-ev1", "rdf:type", "cq:Event"),
        (EVENT, "rdf:type", "exactly one event type", "Violation"),
    ),
    "event-with-two-event-types": (
        "INSERT DATA { event:a1-ev1 a cq:Talk }",
        (EVENT, "rdf:type", "exactly one event type", "Violation"),
    ),
    "event-without-participation": (
        "DELETE WHERE { event:a1-ev1 cq:hasParticipation ?p . ?p ?q ?o }",
        (EVENT, "cq:hasParticipation", "at least one participation", "Warning"),
    ),
    "event-participation-not-a-participation": (
        "INSERT DATA { event:a1-ev1 cq:hasParticipation person:karim-valiyev }",
        (EVENT, "cq:hasParticipation", "cq:Participation nodes", "Violation"),
    ),
    "event-without-evidence": (
        _delete("event:a1-ev1", "cq:evidence"),
        (EVENT, "cq:evidence", "An event has evidence", "Violation"),
    ),
    "event-not-reported": (
        _delete("event:a1-ev1", "cq:reportedIn"),
        (EVENT, "cq:reportedIn", "reported in an article", "Violation"),
    ),
    "event-date-not-a-datetime": (
        _replace("event:a1-ev1", "cq:date", '"3 May 2017"'),
        (EVENT, "cq:date", "is an xsd:dateTime", "Violation"),
    ),
    "event-site-not-a-site": (
        _replace("event:a1-ev1", "cq:atSite", "place:baku"),
        (EVENT, "cq:atSite", "is a cq:Site", "Violation"),
    ),
    "participation-without-participant": (
        _delete("part:a1-ev1-p1", "cq:participant"),
        (P1, "cq:participant", "exactly one participant", "Violation"),
    ),
    "participant-not-a-person-institution-or-place": (
        _replace("part:a1-ev1-p1", "cq:participant", "event:a1-ev1"),
        (P1, "cq:participant", "a cq:Person, a cq:Institution or a cq:Place", "Violation"),
    ),
    "participation-without-role": (
        _delete("part:a1-ev1-p1", "cq:role"),
        (P1, "cq:role", "exactly one role", "Violation"),
    ),
    "participation-unknown-role": (
        _replace("part:a1-ev1-p1", "cq:role", "role:chairman"),
        (P1, "cq:role", "one of the role individuals", "Violation"),
    ),
    "evidence-without-article": (
        _delete("evid:a1-e1", "cq:inArticle"),
        (E1, "cq:inArticle", "in exactly one article", "Violation"),
    ),
    "evidence-without-sentence": (
        _delete("evid:a1-e1", "cq:sentence"),
        (E1, "cq:sentence", "has its sentence", "Violation"),
    ),
    "evidence-without-start": (
        _delete("evid:a1-e1", "cq:startOffset"),
        (E1, "cq:startOffset", "one start offset", "Violation"),
    ),
    "evidence-negative-start": (
        _replace("evid:a1-e1", "cq:startOffset", "-1"),
        (E1, "cq:startOffset", "start offset of evidence is not negative", "Violation"),
    ),
    "evidence-start-not-an-integer": (
        _replace("evid:a1-e1", "cq:startOffset", "0.0"),
        (E1, "cq:startOffset", "one start offset", "Violation"),
    ),
    "evidence-without-end": (
        _delete("evid:a1-e1", "cq:endOffset"),
        (E1, "cq:endOffset", "one end offset", "Violation"),
    ),
    "evidence-negative-end": (
        _replace("evid:a1-e1", "cq:endOffset", "-1"),
        (E1, "cq:endOffset", "end offset of evidence is not negative", "Violation"),
        # and then the start (0) is after the end
        (E1, "cq:startOffset", "not after its end offset", "Violation"),
    ),
    "evidence-start-after-end": (
        _replace("evid:a1-e1", "cq:startOffset", "58"),
        (E1, "cq:startOffset", "not after its end offset", "Violation"),
    ),
    "evidence-without-rule": (
        _delete("evid:a1-e1", "cq:rule"),
        (E1, "cq:rule", "names the extraction rule", "Violation"),
    ),
    "evidence-without-confidence": (
        _delete("evid:a1-e1", "cq:confidence"),
        (E1, "cq:confidence", "one confidence", "Violation"),
    ),
    "evidence-confidence-above-one": (
        _replace("evid:a1-e1", "cq:confidence", "1.5"),
        (E1, "cq:confidence", "is from 0 to 1", "Violation"),
    ),
    "evidence-confidence-a-double": (
        _replace("evid:a1-e1", "cq:confidence", "9.0E-1"),
        (E1, "cq:confidence", "an xsd:decimal", "Violation"),
    ),
    "article-without-id": (
        _delete("article:a1", "cq:articleId"),
        (ARTICLE, "cq:articleId", "one identifier", "Violation"),
    ),
    "article-without-title-or-url": (
        _delete("article:a1", "cq:title") + " ; " + _delete("article:a1", "cq:url"),
        (ARTICLE, None, "a title (cq:title) or a URL", "Warning"),
    ),
    "article-url-not-anyuri": (
        _replace("article:a1", "cq:url", '"https://example.org/news/a1"'),
        (ARTICLE, "cq:url", "xsd:anyURI", "Violation"),
    ),
    "xsd-date-literal": (
        "INSERT DATA { event:a1-ev1 cq:quote '2017-05-03'^^xsd:date }",
        (EVENT, "cq:quote", "is an xsd:date", "Violation"),
    ),
}


def test_sample_conforms(sample):
    report = validate_graph(sample)
    assert report.conforms, report.text
    assert report.results == []
    assert report.text == "SHACL: conforms (0 violations, 0 warnings)"


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_shape_violation_is_caught(sample, case):
    update, *expected = CASES[case]
    report = validate_graph(_broken(sample, update))
    # the sample breaks exactly these constraints
    assert len(report.results) == len(expected), report.text
    for focus, path, fragment, severity in expected:
        assert any(
            (r.focus, r.path, r.severity) == (focus, path, severity) and fragment in r.message
            for r in report.results
        ), report.text
        # the readable report names the node and the problem
        assert f"{focus} {path or ''}".strip() in report.text and fragment in report.text
    assert report.conforms is all(e[3] != "Violation" for e in expected)


def test_published_as_xsd_date_is_caught_twice(sample):
    g = _broken(sample, _replace("article:a1", "cq:published", "'2017-05-03'^^xsd:date"))
    report = validate_graph(g)
    assert not report.conforms
    messages = [r.message for r in report.results]
    assert any("is an xsd:date" in m for m in messages)
    assert any("publication time of an article is an xsd:dateTime" in m for m in messages)


def test_every_shape_message_is_exercised():
    shapes = rdflib.Graph().parse(SHAPES_PATH)
    messages = {str(m) for m in shapes.objects(None, rdflib.SH.message)}
    fragments = {e[2] for _, *expected in CASES.values() for e in expected}
    covered = {m for m in messages for frag in fragments if frag in m}
    # the publication-time datatype is covered by test_published_as_xsd_date_is_caught_twice
    uncovered = {m for m in messages - covered if "publication time" not in m}
    assert not uncovered, uncovered


def test_accepts_turtle_text_and_paths():
    text = SAMPLE.read_text(encoding="utf-8")
    assert validate_graph(text).conforms
    assert validate_graph(SAMPLE).conforms
    assert validate_graph(str(SAMPLE)).conforms
    report = validate_graph(f"@prefix cq: <{vocab.CQ_NS}> . <{ID}person/x> a cq:Person .")
    assert not report.conforms
    assert report.results == [
        ValidationResult(
            f"<{ID}person/x>",
            "cq:name",
            "A person has a name (cq:name, a plain string).",
            "Violation",
        )
    ]
    assert f"<{ID}person/x> cq:name: A person has a name" in report.text


def test_accepts_a_pyoxigraph_store_as_the_union_of_its_graphs():
    store = pyoxigraph.Store()
    person = pyoxigraph.NamedNode(f"{ID}person/x")
    rdf_type = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    g1, g2 = pyoxigraph.NamedNode("http://g/1"), pyoxigraph.NamedNode("http://g/2")
    store.add(pyoxigraph.Quad(person, rdf_type, vocab.CQ.Person, g1))
    report = validate_graph(store)
    assert [r.path for r in report.results] == ["cq:name"]
    store.add(pyoxigraph.Quad(person, vocab.CQ.name, pyoxigraph.Literal("X"), g2))
    assert validate_graph(store).conforms


def test_accepts_an_rdflib_dataset(sample):
    ds = rdflib.Dataset()
    g = ds.graph(rdflib.URIRef(f"{ID}graph/a1"))
    for t in sample:
        g.add(t)
    assert validate_graph(ds).conforms
    g.remove(
        (rdflib.URIRef(f"{ID}person/karim-valiyev"), rdflib.URIRef(vocab.CQ_NS + "name"), None)
    )
    assert [r.focus for r in validate_graph(ds).results] == [KARIM]


def test_docstring_examples_run():
    for module in (validate, ontology_check):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_rdfs_inference_option():
    # untyped nodes are not targeted without inference; with RDFS inference over the core
    # ontology, the domain and range of cq:holds make them a person and a post holding
    data = f"<{ID}person/x> <{vocab.CQ_NS}holds> <{ID}holding/h> ."
    assert validate_graph(data).conforms
    report = validate_graph(data, inference="rdfs")
    assert not report.conforms
    found = {(r.focus, r.path) for r in report.violations}
    assert (f"<{ID}person/x>", "cq:name") in found
    assert (f"<{ID}holding/h>", "cq:holder") in found


def test_unparsable_input_is_a_clear_error():
    with pytest.raises(CommuniqueError, match="cannot be parsed"):
        validate_graph("this is not turtle .\n")


# ---------------------------------------------------------------------------------------------
# check_consistency (owlready2 + HermiT)


def test_consistency_of_the_sample_with_inferences(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    report = check_consistency(SAMPLE, [ontology_path(), alignment_path()], infer=True)
    assert report.consistent, report.message
    assert report.unresolved_imports == []
    inferred = set(report.inferred)
    assert (
        f"{ID}event/a1-ev1",
        f"{vocab.CQ_NS}hasParticipant",
        f"{ID}person/karim-valiyev",
    ) in inferred
    assert (
        f"{ID}person/karim-valiyev",
        f"{vocab.ORG_NS}holds",
        f"{ID}post/chief-of-the-general-staff-az",
    ) in inferred
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_inconsistency_is_reported_and_leaves_no_files(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    g = _broken(sample, "INSERT DATA { person:karim-valiyev a cq:Institution }")
    report = check_consistency(g)
    assert report.consistent is False
    assert "inconsistent" in report.message
    assert list(tmp_path.iterdir()) == []  # owlready2's own temporary file was removed too


def test_xsd_date_is_refused_before_reasoning(sample):
    g = _broken(sample, _replace("article:a1", "cq:published", "'2017-05-03'^^xsd:date"))
    with pytest.raises(CommuniqueError, match="xsd:date"):
        check_consistency(g)


def test_ontology_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_ONTOLOGY_DIR", str(tmp_path))
    assert ontology_path() == tmp_path / "communique.ttl"
    monkeypatch.delenv("COMMUNIQUE_ONTOLOGY_DIR")
    assert ontology_path().is_file() and SHAPES_PATH.is_file()


# ---------------------------------------------------------------------------------------------
# article_validator: what `communique ingest --validate` runs on the mapping's triples


def _extraction(with_participants: bool = True):
    import datetime as dt

    from communique.model import (
        Article,
        Event,
        Evidence,
        Extraction,
        Institution,
        Official,
        Participant,
        PostMention,
    )

    text = "Colonel General Karim Valiyev met Colonel Ann Lee at the Ministry of Defense."
    ev = Evidence(0, 29, 0, len(text), rule="rank-name", confidence=0.9)
    art = Article(id="t1", text=text, date=dt.date(2023, 5, 17), title="Valiyev met Lee")
    return Extraction(
        article=art,
        institutions=[Institution(key="i1", name="Ministry of Defense", mentions=[ev])],
        officials=[
            Official(
                key="p1",
                name="Karim Valiyev",
                rank="Colonel General",
                posts=[PostMention("Chief of the General Staff", "i1", ev)],
                mentions=[ev],
            ),
            # a rank without a post: a holding of the rank only
            Official(key="p2", name="Ann Lee", rank="Colonel", mentions=[ev]),
        ],
        events=[
            Event(
                key="e1",
                type="Meeting",
                participants=[Participant("p1", "host"), Participant("p2", "guest")]
                if with_participants
                else [],
                evidence=ev,
            )
        ],
    )


def test_article_validator_accepts_the_mapping_of_a_good_extraction():
    from communique.mapping import map_extraction

    ex = _extraction()
    triples = map_extraction(ex)
    article_validator()(ex.article, triples)  # does not raise
    # and the same graph is consistent with the ontology and the alignment
    g = rdflib.Graph().parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in triples), format="nt")
    report = check_consistency(g, [ontology_path(), alignment_path()])
    assert report.consistent, report.message


def test_article_validator_names_the_article_and_the_violation():
    import dataclasses

    from communique.errors import ValidationError
    from communique.mapping import map_extraction

    ex = _extraction(with_participants=False)
    # an event with no named participant is only a warning: the article is stored
    article_validator()(ex.article, map_extraction(ex))
    ex = _extraction()
    ex.events[0].evidence = dataclasses.replace(ex.events[0].evidence, rule="x", confidence=1.5)
    with pytest.raises(ValidationError, match=r"article t1: 1 SHACL violation.*confidence"):
        article_validator()(ex.article, map_extraction(ex))
