"""Saved queries: headers, typed parameters bound as terms, the four contract result columns."""

from __future__ import annotations

import pytest

from communique.errors import QueryError
from communique.paths import queries_dir
from communique.queries import catalogue, load_query, parse_saved_query, run_query
from communique.results import render

CONTRACT = {
    "officials": ["official", "name", "rank", "post", "institution", "country"],
    "institutions": ["institution", "name", "alias", "parent"],
    "sites": ["site", "name", "place"],
    "events": [
        "event",
        "type",
        "date",
        "participant",
        "participantName",
        "role",
        "site",
        "siteName",
        "article",
    ],
}
ALL_QUERIES = sorted(p.stem for p in queries_dir().glob("*.rq"))


def _rows(result):
    names = [v.value for v in result.variables]
    return names, [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]


def test_catalogue_has_every_file_with_title_and_description():
    cat = catalogue()
    assert sorted(cat) == ALL_QUERIES
    for q in cat.values():
        assert q.title and q.title != q.name
        assert q.description


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_columns(filled_store, name):
    names, rows = _rows(run_query(filled_store, load_query(name)))
    assert names == CONTRACT[name]
    assert rows


def _example_values(filled_store, q):
    """Real values from the golden store for each parameter of a query."""
    picks = {
        "official": "https://w3id.org/communique/id/person/tomas-ekholm",
        "subject": "https://w3id.org/communique/id/person/tomas-ekholm",
        "participant": "https://w3id.org/communique/id/person/tomas-ekholm",
        "site": "https://w3id.org/communique/id/site/eternal-flame-memorial--tallow",
        "institution": "https://w3id.org/communique/id/institution/army--kestria",
        "country": "Marenia",
        "name": "Tomas Ekholm",
        "place": "Tallow",
        "post": "Chief of the General Staff",
        "type": "Visit",
    }
    if q.name == "institutions":
        picks["name"] = "General Staff"
    return {p.name: picks[p.name] for p in q.parameters}


@pytest.mark.parametrize("name", ALL_QUERIES)
def test_every_saved_query_runs_with_parameters_and_answers(filled_store, name):
    q = load_query(name)
    values = _example_values(filled_store, q)
    names, rows = _rows(run_query(filled_store, q, values))
    assert rows, f"{name} gave no rows for {values}"
    for key, value in values.items():
        if key in names:
            assert {r[key] for r in rows} == {value}, f"{name}: {key} not bound"


def test_officials_rows(filled_store):
    _, rows = _rows(run_query(filled_store, load_query("officials")))
    by_name = {r["name"]: r for r in rows}
    assert by_name["Tomas Ekholm"]["rank"] == "Major General"
    assert by_name["Tomas Ekholm"]["post"] == "Minister of Defence"
    assert by_name["Tomas Ekholm"]["institution"] == "Ministry of Defence"
    assert by_name["Tomas Ekholm"]["country"] == "Marenia"
    assert by_name["Ines Varro"]["post"] is None and by_name["Ines Varro"]["rank"]


def test_events_rows(filled_store):
    _, rows = _rows(run_query(filled_store, load_query("events")))
    meeting = {(r["participantName"], r["role"]) for r in rows if r["type"] == "Meeting"}
    assert meeting == {("Tomas Ekholm", "host"), ("Ines Varro", "guest")}
    visited = {
        r["participantName"] for r in rows if r["type"] == "Visit" and r["role"] == "visited"
    }
    assert visited == {"Naval Academy"}
    assert {r["siteName"] for r in rows if r["type"] == "Commemoration"} == {
        "Eternal Flame memorial"
    }
    assert all(r["date"].endswith("T00:00:00") for r in rows)


def test_institution_parent_is_an_iri(filled_store):
    _, rows = _rows(run_query(filled_store, load_query("institutions")))
    parents = {r["name"]: r["parent"] for r in rows}
    assert parents["General Staff"].endswith("/institution/army--kestria")


def test_parameter_value_cannot_change_the_query(filled_store):
    q = load_query("officials")
    evil = 'x" } UNION { ?official ?p ?o } #'
    _, rows = _rows(run_query(filled_store, q, {"name": evil}))
    assert rows == []


def test_missing_required_parameter_is_named():
    with pytest.raises(QueryError, match="needs parameter 'official'"):
        load_query("meetings-of").bind({})


def test_unknown_parameter_is_named():
    with pytest.raises(QueryError, match="no parameter 'colour'"):
        load_query("officials").bind({"colour": "red"})


@pytest.mark.parametrize(
    ("query", "param", "value", "message"),
    [
        ("meetings-of", "official", "not an iri", "not an absolute IRI"),
        ("meetings-of", "official", "http://x/a b", "not an absolute IRI"),
    ],
)
def test_ill_typed_parameter(query, param, value, message):
    with pytest.raises(QueryError, match=message):
        load_query(query).bind({param: value})


@pytest.mark.parametrize(
    ("ptype", "value", "ok"),
    [
        ("integer", "12", True),
        ("integer", "twelve", False),
        ("date", "2024-10-09", True),
        ("date", "09/10/2024", False),
        ("decimal", "0.5", True),
        ("boolean", "yes", False),
        ("boolean", "true", True),
    ],
)
def test_parameter_types(ptype, value, ok):
    q = parse_saved_query(f"# param: v {ptype} required  a value\nSELECT ?v WHERE {{}}", "t")
    if ok:
        assert q.bind({"v": value})
    else:
        with pytest.raises(QueryError, match="parameter 'v'"):
            q.bind({"v": value})


def test_unknown_query_lists_the_available_ones():
    with pytest.raises(QueryError, match="available: .*officials"):
        load_query("no-such-query")


def test_malformed_header_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Bad\n# param: who person required\nSELECT ?who WHERE {}\n")
    with pytest.raises(QueryError, match=r"bad.rq:2: malformed parameter line"):
        load_query(str(bad))


def test_parameter_must_be_projected():
    with pytest.raises(QueryError, match="SELECT projection"):
        parse_saved_query("# param: x string optional\nSELECT ?y WHERE { ?y ?p ?x }", "t")


def test_malformed_sparql_is_a_query_error(tmp_path, filled_store):
    bad = tmp_path / "broken.rq"
    bad.write_text("# title: Broken\nSELECT ?x WHERE { ?x ?p }\n")
    with pytest.raises(QueryError, match="broken.*malformed"):
        run_query(filled_store, load_query(str(bad)))


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv", "xml"])
def test_render_formats(filled_store, fmt):
    out = render(run_query(filled_store, load_query("sites")), fmt).decode()
    assert "Eternal Flame memorial" in out
    if fmt == "json":
        import json

        data = json.loads(out)
        assert data["head"]["vars"] == CONTRACT["sites"]
