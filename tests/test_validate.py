"""SHACL validation (ontology/shapes.ttl) and the HermiT consistency check of validate.py."""

from __future__ import annotations

import doctest
import json
import tempfile
from pathlib import Path

import pyoxigraph
import pytest
import rdflib

from communique import ontology_check, shape_queries, validate, vocab
from communique.errors import CommuniqueError
from communique.validate import (
    SHAPES_PATH,
    ValidationResult,
    alignment_path,
    article_validator,
    check_consistency,
    ontology_path,
    validate_compiled,
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
    for module in (validate, ontology_check, shape_queries):
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


# ---------------------------------------------------------------------------------------------
# The compiled validator (shape_queries, what ingest runs) agrees with pyshacl (the reference)

DATA = Path(__file__).parent / "data"
EX = rdflib.Namespace("http://example.org/mutation/")
SH = rdflib.SH
RDF = rdflib.RDF
XSD = rdflib.XSD


def _copy(graph: rdflib.Graph) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in graph:
        g.add(t)
    return g


def _agree(data) -> tuple[validate.ValidationReport, validate.ValidationReport]:
    """Both reports for ``data``; fails unless they hold the same results, messages included."""
    ref, fast = validate_graph(data), validate_compiled(data)
    assert (fast.conforms, fast.results) == (ref.conforms, ref.results), (
        f"pyshacl:\n{ref.text}\ncompiled:\n{fast.text}"
    )
    return ref, fast


def _store(triples) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.extend(pyoxigraph.Quad(*t) for t in triples)
    return store


def _mapped_graphs() -> dict[str, list]:
    """The mapped triples of every article under tests/data/dev*/ and every mapping case."""
    from communique.articles import iter_articles
    from communique.errors import ArticleError
    from communique.extract import extract
    from communique.mapping import map_extraction
    from communique.model import extraction_from_dict

    graphs = {}
    for article in iter_articles(sorted(DATA.glob("dev*"))):
        if not isinstance(article, ArticleError):
            graphs[f"article {article.id}"] = map_extraction(extract(article))
    for case in sorted((DATA / "mapping").glob("*.json")):
        ex = extraction_from_dict(json.loads(case.read_text(encoding="utf-8")))
        graphs[f"mapping case {case.stem}"] = map_extraction(ex)
    return graphs


def test_compiled_validator_agrees_on_every_mapped_article():
    graphs = _mapped_graphs()
    assert len(graphs) >= 60
    results = 0
    for name, triples in graphs.items():
        try:
            ref, _ = _agree(_store(triples))
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None
        results += len(ref.results)
    assert results > 0  # the warnings of real articles (undated holdings, …) are compared too


# Mutations, derived from the compiled checks themselves: every constraint of every shape gets
# at least one graph that breaks it, and a constraint kind without a mutation fails the test.


def _targets(shapes: rdflib.Graph, shape, g: rdflib.Graph) -> list:
    nodes = {n for c in shapes.objects(shape, SH.targetClass) for n in g.subjects(RDF.type, c)}
    nodes |= {n for p in shapes.objects(shape, SH.targetSubjectsOf) for n in g.subjects(p, None)}
    return sorted(nodes)


def _another(g: rdflib.Graph, value, i: int):
    """A value distinct from ``value`` and as well-formed: a copy of a node, or the next
    number, date or string."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, rdflib.Literal):
        v = value.value
        if isinstance(v, bool) or v is None:
            return rdflib.Literal(f"{value}{i}", datatype=value.datatype)
        if isinstance(v, int):
            return rdflib.Literal(v + i)
        if isinstance(v, Decimal):
            return rdflib.Literal((v / (i + 1)).quantize(Decimal("0.001")), datatype=value.datatype)
        if isinstance(v, dt.datetime):
            return rdflib.Literal(v + dt.timedelta(days=i), datatype=value.datatype)
        return rdflib.Literal(f"{value} ({i})", lang=value.language, datatype=value.datatype)
    copy = EX[f"copy{i}"]
    for p, o in list(g.predicate_objects(value)):
        g.add((copy, p, o))
    return copy


def _mutations(shapes: rdflib.Graph, check, g0: rdflib.Graph):
    """(variant, focus, result path, mutate) for one compiled check; [] when ``g0`` has no
    focus node for its shape."""
    top = check.node if check.path is None else next(shapes.subjects(SH.property, check.node))
    candidates = _targets(shapes, top, g0)
    if not candidates:
        return []
    node, path, comp = check.node, check.path, check.component
    with_values = [n for n in candidates if path is None or (n, path, None) in g0]
    focus = (with_values or candidates)[0]

    def param(pred):
        return shapes.value(node, pred)

    def replace(value):
        def mutate(g):
            g.remove((focus, path, None))
            g.add((focus, path, value))

        return mutate

    def listed(shape) -> list:
        lists = list(shapes.objects(shape, SH["in"]))
        assert lists, f"add a mutation for the qualified value shape of {check.shape}"
        return list(rdflib.collection.Collection(shapes, lists[0]))

    out = []
    if comp == "sh:minCount":
        out.append(("remove", lambda g: g.remove((focus, path, None))))
    elif comp == "sh:maxCount":

        def more(g):
            values = sorted(g.objects(focus, path)) or [rdflib.Literal("x")]
            for i in range(1, param(SH.maxCount).value + 2):
                g.add((focus, path, _another(g, values[0], i)))

        out.append(("one-too-many", more))
    elif comp == "sh:datatype":
        dtype = param(SH.datatype)
        wrong = rdflib.Literal("x", lang="en") if dtype == XSD.string else rdflib.Literal("x")
        out += [("other-datatype", replace(wrong)), ("iri", replace(EX.iri))]
        # pyshacl compares an ill-formed literal erratically (see
        # test_ill_formed_numbers_compare_with_nothing): only where nothing compares it
        compared = set(shapes.objects(None, SH.lessThanOrEquals))
        for pred in (SH.lessThanOrEquals, SH.minInclusive, SH.maxInclusive):
            compared |= {shapes.value(s, SH.path) for s in shapes.subjects(pred)}
        if dtype in (XSD.integer, XSD.decimal, XSD.dateTime) and path not in compared:
            out.append(("ill-formed", replace(rdflib.Literal("not-a-value", datatype=dtype))))
    elif comp == "sh:class":
        cls = param(SH["class"])
        other = next(s for s in sorted(set(g0.subjects(RDF.type))) if (s, RDF.type, cls) not in g0)
        out += [
            ("untyped-iri", replace(EX.untyped)),
            ("literal", replace(rdflib.Literal("x"))),
            ("other-class", replace(other)),
        ]
    elif comp == "sh:in":
        out += [("not-listed", replace(EX.unlisted)), ("literal", replace(rdflib.Literal("x")))]
    elif comp == "sh:minInclusive":
        low = param(SH.minInclusive).value
        out += [
            ("below", replace(rdflib.Literal(low - 1))),
            ("incomparable", replace(rdflib.Literal("abc"))),
        ]
    elif comp == "sh:maxInclusive":
        out.append(("above", replace(rdflib.Literal(param(SH.maxInclusive).value + 1))))
    elif comp == "sh:lessThanOrEquals":
        other = param(SH.lessThanOrEquals)

        def after(g):
            bound = g.value(focus, other)
            if bound is None:
                bound = rdflib.Literal(0)
                g.add((focus, other, bound))
            replace(rdflib.Literal(bound.value + 1))(g)

        out += [("after", after), ("incomparable", replace(rdflib.Literal("abc")))]
    elif comp == "sh:qualifiedMaxCount":
        inner = param(SH.qualifiedValueShape)

        def extra(g):
            for value in listed(inner):
                g.add((focus, path, value))

        out.append(("all-listed", extra))
    elif comp == "sh:qualifiedMinCount":
        inner = param(SH.qualifiedValueShape)

        def none(g):
            for value in listed(inner):
                g.remove((focus, path, value))
            if path == RDF.type:  # stay a focus node of the shape
                keep = set(shapes.objects(top, SH.targetClass)) - set(listed(inner))
                g.add((focus, RDF.type, sorted(keep)[0]))

        out.append(("none-listed", none))
    elif comp == "sh:or" and path is None:

        def neither(g):
            for member in rdflib.collection.Collection(shapes, param(SH["or"])):
                g.remove((focus, shapes.value(member, SH.path), None))

        out.append(("no-member", neither))
    elif comp == "sh:or":
        out += [("untyped-iri", replace(EX.untyped)), ("literal", replace(rdflib.Literal("x")))]
    elif comp == "sh:sparql":
        path = EX.when
        for variant, lit in (("xsd-date", "2017-05-03"), ("odd-lexical", 'May "3"\\n')):
            value = rdflib.Literal(lit, datatype=XSD.date)
            out.append((variant, lambda g, v=value: g.add((focus, EX.when, v))))
    else:
        pytest.fail(f"no mutation for {comp} of {check.shape}: add one to _mutations")
    return [(variant, focus, path, mutate) for variant, mutate in out]


def _mapped_meeting() -> rdflib.Graph:
    from communique.mapping import map_extraction
    from communique.model import extraction_from_dict

    ex = extraction_from_dict(json.loads((DATA / "mapping" / "meeting.json").read_text("utf-8")))
    nt = "".join(f"{s} {p} {o} .\n" for s, p, o in map_extraction(ex))
    return rdflib.Graph().parse(data=nt, format="nt")


@pytest.mark.parametrize("base", ["sample", "mapped-meeting"])
def test_compiled_validator_agrees_on_every_mutation(base, sample):
    from communique.shape_queries import compile_shapes

    shapes = rdflib.Graph().parse(SHAPES_PATH)
    checks = compile_shapes(shapes).checks
    g0 = sample if base == "sample" else _mapped_meeting()
    _agree(g0)
    done, covered = 0, set()
    for check in checks:
        for variant, focus, path, mutate in _mutations(shapes, check, g0):
            g = _copy(g0)
            mutate(g)
            where = f"{check.shape} {check.component} {variant}"
            try:
                ref, _ = _agree(g)
            except AssertionError as exc:
                raise AssertionError(f"{where}: {exc}") from None
            # the mutation breaks the constraint it was made for (so the test could fail)
            expected = (validate._shorten(focus), validate._shorten(path), check.severity)
            assert expected in {(r.focus, r.path, r.severity) for r in ref.results}, (
                f"{where}: {expected} not in\n{ref.text}"
            )
            done += 1
            covered.add(check)
    if base == "sample":  # the sample has a focus node for every shape
        assert covered == set(checks)
        assert done >= 90
    else:
        assert len(covered) >= len(checks) // 2


ORDER = "The start offset of evidence is not after its end offset."


@pytest.mark.parametrize(
    "path,extra",
    [
        ("cq:startOffset", {("cq:startOffset", ORDER)}),  # pyshacl raises a TypeError
        ("cq:endOffset", {("cq:startOffset", ORDER)}),  # pyshacl: in order
        ("cq:confidence", set()),  # pyshacl: not from 0 to 1 once, below 1 passes
    ],
)
def test_ill_formed_numbers_compare_with_nothing(sample, path, extra):
    # SHACL compares with SPARQL's operators, and an ill-formed number compares with nothing:
    # the compiled validator reports every comparison of it. pyshacl (through rdflib)
    # compares them erratically; both reject the graph for the ill-formed literal anyway.
    dtype = "xsd:decimal" if path == "cq:confidence" else "xsd:integer"
    g = _broken(sample, _replace("evid:a1-e1", path, f"'not-a-value'^^{dtype}"))
    report = validate_compiled(g)
    found = {(r.path, r.message.split(" (value")[0]) for r in report.results}
    shape = rdflib.Graph().parse(SHAPES_PATH)
    cq_path = rdflib.URIRef(vocab.CQ_NS + path.split(":")[1])
    own = {
        str(m)
        for s in shape.subjects(SH.path, cq_path)
        for m in shape.objects(s, SH.message)
        if (s, SH.minCount, None) in shape or (s, SH.minInclusive, None) in shape
    }
    assert found == {(path, m) for m in own} | extra
    # the range shape of cq:confidence has two constraints: both fail, two results
    assert len(report.results) == len(own) + len(extra) + (path == "cq:confidence")
    assert not report.conforms


def test_compiled_validator_agrees_on_subclasses_blank_nodes_and_stores(sample):
    sub = f"""
        <{EX}Officer> <http://www.w3.org/2000/01/rdf-schema#subClassOf> cq:Person .
    """
    # an instance of a subclass is a focus node, and satisfies sh:class
    ref, _ = _agree(_broken(sample, f"INSERT DATA {{ {sub} <{EX}p> a <{EX}Officer> }}"))
    assert [(r.focus, r.path) for r in ref.results] == [(f"<{EX}p>", "cq:name")]
    update = f"INSERT DATA {{ {sub} <{EX}q> a <{EX}Officer> ; cq:name 'Q' }} ; " + _replace(
        "holding:a1-h1", "cq:holder", f"<{EX}q>"
    )
    ref, _ = _agree(_broken(sample, update))
    assert ref.conforms and ref.results == []
    # numbers Oxigraph cannot hold exactly are still well-formed, and compare
    for path, value in (
        ("cq:confidence", "'0.2666666666666666666666666667'^^xsd:decimal"),
        ("cq:endOffset", "123456789012345678901234567890"),
        ("cq:confidence", "1.0000000000000000000000000001"),
    ):
        ref, _ = _agree(_broken(sample, _replace("evid:a1-e1", path, value)))
        assert ref.conforms == (not value.startswith("1.0")), ref.text
    # a blank node focus
    ref, _ = _agree(_broken(sample, "INSERT DATA { [] a cq:Person }"))
    assert len(ref.results) == 1
    # a store's named graphs are validated as their union, as pyshacl does
    store = pyoxigraph.Store()
    person = pyoxigraph.NamedNode(f"{ID}person/x")
    rdf_type = pyoxigraph.NamedNode(str(RDF.type))
    store.add(
        pyoxigraph.Quad(person, rdf_type, vocab.CQ.Person, pyoxigraph.NamedNode("http://g/1"))
    )
    ref, _ = _agree(store)
    assert [r.path for r in ref.results] == ["cq:name"]


def test_the_ingest_error_is_the_same_with_either_validator():
    import dataclasses

    from communique.errors import ValidationError
    from communique.mapping import map_extraction

    ex = _extraction()
    ex.events[0].evidence = dataclasses.replace(ex.events[0].evidence, rule="x", confidence=1.5)
    # and the persons have no names: three violations, two shown
    triples = [t for t in map_extraction(ex) if t[1] != vocab.CQ.name]
    errors = []
    for reference in (False, True):
        with pytest.raises(ValidationError) as info:
            article_validator(reference=reference, max_lines=2)(ex.article, triples)
        errors.append(str(info.value))
    assert errors[0] == errors[1]
    assert errors[0].startswith("article t1: 3 SHACL violation(s) of ontology/shapes.ttl: ")
    assert errors[0].endswith("; and 1 more")


UNSUPPORTED = {
    "target-node": "cqsh:PersonShape sh:targetNode cq:x .",
    "complex-path": "cqsh:PostShape sh:property [ sh:path [ sh:inversePath cq:post ] ; "
    "sh:minCount 1 ; sh:message 'm' ] .",
    "pattern": "cqsh:PostShape sh:property [ sh:path cq:postTitle ; sh:pattern 'x' ; "
    "sh:message 'm' ] .",
    "node": "cqsh:PostShape sh:node cqsh:PersonShape .",
    "no-message": "cqsh:PostShape sh:property [ sh:path cq:postTitle ; sh:maxCount 1 ] .",
    "literal-in": "cqsh:PostShape sh:property [ sh:path cq:postTitle ; sh:in ( 'a' ) ; "
    "sh:message 'm' ] .",
    "float-datatype": "cqsh:PostShape sh:property [ sh:path cq:x ; sh:datatype xsd:float ; "
    "sh:message 'm' ] .",
    "big-count": "cqsh:PostShape sh:property [ sh:path cq:x ; sh:maxCount 9 ; sh:message 'm' ] .",
    "nested-severity": "cqsh:PostShape sh:or ( [ sh:path cq:x ; sh:minCount 1 ; "
    "sh:severity sh:Warning ] ) ; sh:message 'm' .",
    "disjoint": "cqsh:PostShape sh:property [ sh:path cq:x ; sh:qualifiedValueShape "
    "[ sh:class cq:Post ] ; sh:qualifiedMinCount 1 ; sh:qualifiedValueShapesDisjoint true ; "
    "sh:message 'm' ] .",
    "untargeted-shape": "cq:Other a sh:NodeShape ; sh:closed true .",
    "sparql-prefixes": "cqsh:PostShape sh:sparql [ a sh:SPARQLConstraint ; sh:message 'm' ; "
    "sh:prefixes cqsh: ; sh:select 'SELECT $this WHERE { $this ?p ?o }' ] .",
    "sparql-minus": "cqsh:PostShape sh:sparql [ a sh:SPARQLConstraint ; sh:message 'm' ; "
    "sh:select 'SELECT $this WHERE { $this ?p ?o MINUS { $this a cq:X } }' ] .",
    "rule": "cqsh:PostShape sh:rule [ a sh:TripleRule ] .",
}


@pytest.mark.parametrize("case", list(UNSUPPORTED), ids=list(UNSUPPORTED))
def test_unsupported_shacl_is_refused_when_the_shapes_are_loaded(case):
    from communique.shape_queries import UnsupportedShapes, compile_shapes

    text = SHAPES_PATH.read_text(encoding="utf-8") + "\n" + UNSUPPORTED[case] + "\n"
    with pytest.raises(UnsupportedShapes, match="shape_queries.py"):
        compile_shapes(rdflib.Graph().parse(data=text, format="turtle"))


def test_article_validator_refuses_unsupported_shapes_before_any_article(tmp_path, monkeypatch):
    from communique.shape_queries import UnsupportedShapes

    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES_PATH.read_text(encoding="utf-8") + UNSUPPORTED["pattern"] + "\n")
    monkeypatch.setattr(validate, "SHAPES_PATH", path)
    with pytest.raises(UnsupportedShapes, match="sh:pattern"):
        article_validator()
    article_validator(reference=True)  # pyshacl, the reference, takes any SHACL
