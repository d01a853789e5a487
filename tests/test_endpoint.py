"""The HTTP endpoint, served for real on free loopback ports and spoken to by real clients:
httpx for every format and error, SPARQLWrapper and rdflib's SPARQLStore as analysts' tools.

Three servers share the module: ``ro`` (defaults: read-only, no CORS), ``rw`` (updates with a
token, CORS for one origin, small row and body limits) and ``slow`` (a short time limit).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import socket
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, Store
from pyparsing import ParseResults
from rdflib.compare import isomorphic
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from communique.endpoint import (
    BackgroundServer,
    Endpoint,
    EndpointConfig,
    HTTPError,
    find_outside_access,
    negotiate,
)
from communique.mapping import map_extraction
from communique.model import extraction_from_dict
from communique.queries import catalogue
from communique.store import ArticleStore, graph_iri
from communique.vocab import CQ_NS, ID_NS

DATA = Path(__file__).parent / "data" / "endpoint"
QUERIES = DATA / "queries"
TOKEN = "s3cret-token"
ORIGIN = "http://analyst.example"
VARRO = ID_NS + "person/ines-varro"
SAHIN = ID_NS + "person/oguz-sahin"
PREFIX = f"PREFIX cq: <{CQ_NS}>\n"
SRJ = "application/sparql-results+json"


def fill(store: ArticleStore) -> None:
    """The two hand-made articles of tests/data/endpoint, mapped and stored."""
    for path in sorted(DATA.glob("*.json")):
        ex = extraction_from_dict(json.loads(path.read_text(encoding="utf-8")))
        store.replace_article(ex.article.id, map_extraction(ex))


@pytest.fixture(scope="module")
def ro(tmp_path_factory):
    store = ArticleStore(tmp_path_factory.mktemp("ro") / "store")
    fill(store)
    with BackgroundServer(store, EndpointConfig(queries_dir=QUERIES)) as srv:
        yield srv
    store.close()


@pytest.fixture(scope="module")
def rw(tmp_path_factory):
    store = ArticleStore(tmp_path_factory.mktemp("rw") / "store")
    fill(store)
    config = EndpointConfig(
        allow_updates=True,
        token=TOKEN,
        cors_origin=ORIGIN,
        max_rows=200,
        max_body=64 * 1024,
        queries_dir=QUERIES,
    )
    with BackgroundServer(store, config) as srv:
        yield srv
    store.close()


@pytest.fixture(scope="module")
def slow(tmp_path_factory):
    store = ArticleStore(tmp_path_factory.mktemp("slow") / "store")
    fill(store)
    p = NamedNode("http://example.org/p")
    filler = [(NamedNode(f"http://example.org/s{i}"), p, Literal(str(i))) for i in range(400)]
    store.replace_article("filler", filler)
    config = EndpointConfig(timeout=0.4, max_rows=10**9, queries_dir=QUERIES, threads=2)
    with BackgroundServer(store, config) as srv:
        yield srv
    store.close()


def sparql(srv, query: str, accept: str | None = SRJ, **params) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(srv.url + "/sparql", params={"query": query, **params}, headers=headers)


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- SPARQL 1.1 Protocol -----------------------------------------------------------------------
NAMES = PREFIX + "SELECT DISTINCT ?p ?name WHERE { ?p a cq:Person ; cq:name ?name } ORDER BY ?name"
EXPECTED_NAMES = ["Ines Varro", "Oğuz Şahin", "Tomas Ekholm"]


def test_get_post_form_and_post_direct_agree(ro):
    url = ro.url + "/sparql"
    h = {"Accept": SRJ}
    answers = [
        httpx.get(url, params={"query": NAMES}, headers=h),
        httpx.post(url, data={"query": NAMES}, headers=h),
        httpx.post(url, content=NAMES.encode(),
                   headers={**h, "Content-Type": "application/sparql-query"}),
    ]  # fmt: skip
    for r in answers:
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(SRJ)
        names = [b["name"]["value"] for b in r.json()["results"]["bindings"]]
        assert names == EXPECTED_NAMES  # the default graph is the union of both articles
        assert r.headers["communique-result-rows"] == "3"


def _rows(fmt: str, r: httpx.Response) -> list[str]:
    if fmt == "json":
        return [b["name"]["value"] for b in r.json()["results"]["bindings"]]
    if fmt == "xml":
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(r.content)
        return [e.text for e in root.findall(".//s:binding[@name='name']/s:literal", ns)]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["p", "name"]
        return [row[1] for row in rows[1:]]
    lines = r.text.splitlines()
    assert lines[0] == "?p\t?name"
    return [json.loads(line.split("\t")[1]) for line in lines[1:]]


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        (SRJ, "json", SRJ),
        ("application/json", "json", SRJ),
        ("application/sparql-results+xml", "xml", "application/sparql-results+xml"),
        ("text/csv", "csv", "text/csv"),
        ("text/tab-separated-values", "tsv", "text/tab-separated-values"),
        (None, "json", SRJ),  # no Accept: JSON
        ("*/*", "json", SRJ),
        ("text/csv;q=0.5, text/tab-separated-values", "tsv", "text/tab-separated-values"),
    ],
)
def test_select_formats(ro, accept, fmt, media):
    r = sparql(ro, NAMES, accept)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    assert _rows(fmt, r) == EXPECTED_NAMES


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_format_parameter_and_download(ro, fmt):
    r = sparql(ro, NAMES, "text/turtle", format=fmt, download="1")
    assert r.status_code == 200, r.text
    assert _rows(fmt, r) == EXPECTED_NAMES
    assert r.headers["content-disposition"].startswith("attachment; filename=")


def test_ask(ro):
    q = PREFIX + f"ASK {{ <{VARRO}> a cq:Person }}"
    assert sparql(ro, q).json()["boolean"] is True
    r = sparql(ro, q, "application/sparql-results+xml")
    assert b"<boolean>true</boolean>" in r.content


GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


def test_construct_formats_all_say_the_same(ro):
    q = PREFIX + f"CONSTRUCT {{ <{VARRO}> ?p ?o }} WHERE {{ <{VARRO}> ?p ?o }}"
    default = sparql(ro, q, None)
    assert default.headers["content-type"].startswith("text/turtle")  # Turtle when not told
    graphs = []
    for media, rdflib_format in GRAPH_MEDIA.items():
        r = sparql(ro, q, media)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].split(";")[0] == media
        graphs.append(rdflib.Graph().parse(data=r.content, format=rdflib_format))
    assert len(graphs[0]) > 5
    assert all(isomorphic(graphs[0], g) for g in graphs[1:])
    assert isomorphic(graphs[0], rdflib.Graph().parse(data=default.content, format="turtle"))


def test_describe(ro):
    r = sparql(ro, f"DESCRIBE <{SAHIN}>", "application/n-triples")
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.content, format="nt")
    assert (rdflib.URIRef(SAHIN), rdflib.URIRef(CQ_NS + "name"), rdflib.Literal("Oğuz Şahin")) in g


def test_protocol_dataset_parameters(ro):
    q = PREFIX + "SELECT ?id WHERE { ?a a cq:Article ; cq:articleId ?id } ORDER BY ?id"
    ids = [b["id"]["value"] for b in sparql(ro, q).json()["results"]["bindings"]]
    assert ids == ["endpoint-meeting", "endpoint-visit"]
    g1 = graph_iri("endpoint-meeting").value
    only = sparql(ro, q, **{"default-graph-uri": g1}).json()["results"]["bindings"]
    assert [b["id"]["value"] for b in only] == ["endpoint-meeting"]
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    g2 = graph_iri("endpoint-visit").value
    r = sparql(ro, named, **{"named-graph-uri": g2})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [g2]
    # named graphs only: the default graph is then empty, as the protocol says
    assert sparql(ro, q, **{"named-graph-uri": g2}).json()["results"]["bindings"] == []
    # the same parameters in a form POST
    r = httpx.post(ro.url + "/sparql", data={"query": q, "default-graph-uri": g1},
                   headers={"Accept": SRJ})  # fmt: skip
    assert [b["id"]["value"] for b in r.json()["results"]["bindings"]] == ["endpoint-meeting"]


def test_service_description(ro):
    r = httpx.get(ro.url + "/sparql")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.content, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    me = rdflib.URIRef(ro.url + "/sparql")
    assert (me, rdflib.RDF.type, sd.Service) in g
    assert (me, sd.endpoint, me) in g
    assert (me, sd.feature, sd.UnionDefaultGraph) in g
    assert (me, sd.supportedLanguage, sd.SPARQL11Update) not in g  # read-only server
    jsonld = httpx.get(ro.url + "/sparql", headers={"Accept": "application/ld+json"})
    assert isomorphic(g, rdflib.Graph().parse(data=jsonld.content, format="json-ld"))
    browser = httpx.get(ro.url + "/sparql", headers={"Accept": "text/html"})
    assert browser.status_code == 303 and browser.headers["location"] == "/"


def test_malformed_query_is_400_with_position(ro):
    r = sparql(ro, "SELECT * WHERE { ?s ?p }")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/plain")
    assert "error at 1:" in r.text and "malformed query" in r.text


@pytest.mark.parametrize(
    ("call", "status", "words"),
    [
        (lambda u: httpx.get(u, params={"query": NAMES}, headers={"Accept": "image/png"}),
         406, "image/png"),
        (lambda u: httpx.get(u, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                             headers={"Accept": "image/png, text/csv;q=0"}), 406, "text/turtle"),
        (lambda u: httpx.post(u, content=b"x", headers={"Content-Type": "text/plain"}),
         415, "application/sparql-query"),
        (lambda u: httpx.post(u, data={"query": NAMES, "update": "CLEAR ALL"}), 400, "not both"),
        (lambda u: httpx.post(u, data={"foo": "bar"}), 400, "no query"),
        (lambda u: httpx.get(u, params={"update": "CLEAR ALL"}), 405, "POST"),
        (lambda u: httpx.get(u, params={"query": NAMES, "format": "turtle"}), 406, "turtle"),
        (lambda u: httpx.get(u, params={"query": NAMES, "default-graph-uri": "not an iri"}),
         400, "default-graph-uri"),
    ],
)  # fmt: skip
def test_protocol_errors(ro, call, status, words):
    r = call(ro.url + "/sparql")
    assert r.status_code == status, r.text
    assert words in r.text


def test_browsers_get_an_html_table(ro):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = sparql(ro, NAMES, accept)
    assert r.headers["content-type"].startswith("text/html")
    assert "Oğuz Şahin" in r.text and 'href="/id/person/oguz-sahin"' in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]


# --- limits that tell the truth ---------------------------------------------------------------
def test_service_is_refused_before_any_request_leaves(ro):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    port = listener.getsockname()[1]
    try:
        for q in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"PREFIX : <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        ):
            r = sparql(ro, q)
            assert r.status_code == 403, r.text
            assert "SERVICE" in r.text and "line 1" in r.text
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody came
    finally:
        listener.close()
    ok = PREFIX + "SELECT ?service WHERE { ?service cq:name 'SERVICE' } # SERVICE"
    assert sparql(ro, ok).status_code == 200


def test_row_limit_refuses_never_truncates(rw):
    everything = "SELECT * WHERE { ?s ?p ?o }"
    r = sparql(rw, everything)
    assert r.status_code == 422
    assert "more than 200 rows" in r.text and "LIMIT" in r.text
    for fmt in ("csv", "xml"):
        assert sparql(rw, everything, format=fmt).status_code == 422
    exact = sparql(rw, everything + " LIMIT 200")
    assert exact.status_code == 200
    assert len(exact.json()["results"]["bindings"]) == 200
    r = sparql(rw, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert r.status_code == 422 and "triples" in r.text
    assert httpx.get(rw.url + "/store", params={"default": ""}).status_code == 422


def test_time_limit_answers_503_and_stops_the_work(slow):
    ep: Endpoint = slow.endpoint
    cartesian = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^8 rows, streamed
    started = time.monotonic()
    r = sparql(slow, cartesian)
    assert r.status_code == 503, r.text[:200]
    assert time.monotonic() - started < 3
    assert "time limit of 0.4 s" in r.text and "stopped" in r.text
    assert r.headers["retry-after"] == "1"
    deadline = time.monotonic() + 5  # the worker stops at its next chunk of output
    while ep.abandoned and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ep.abandoned == 0
    assert sparql(slow, NAMES).status_code == 200  # and the server is fine


def test_busy_and_abandoned_workers_are_answered_honestly():
    """One worker thread, held by work that cannot be interrupted (a sleep stands in for a
    blocking operator such as ORDER BY): the first request is answered 503 'stopped' at its
    deadline, a second one 503 'busy' since no thread came free; the count of abandoned work
    returns to zero when the thread finishes."""
    ep = Endpoint(ArticleStore(None), EndpointConfig(timeout=0.2, threads=1))

    def blocking(job, seconds):
        time.sleep(seconds)
        return "late"

    async def scenario():
        results = await asyncio.gather(
            ep.run(blocking, 0.6), ep.run(blocking, 0.0), return_exceptions=True
        )
        return results

    first, second = asyncio.run(scenario())
    assert isinstance(first, HTTPError) and first.status == 503 and "stopped" in first.message
    assert isinstance(second, HTTPError) and second.status == 503 and "busy" in second.message
    assert ep.abandoned == 1
    time.sleep(0.7)
    assert ep.abandoned == 0
    assert asyncio.run(ep.run(blocking, 0.0)) == "late"
    ep.pool.shutdown()
    ep.writer.shutdown()


def test_body_limit(rw):
    big = PREFIX + "SELECT * WHERE { ?s ?p ?o } #" + "x" * (70 * 1024)
    r = httpx.post(rw.url + "/sparql", content=big.encode(),
                   headers={"Content-Type": "application/sparql-query"})  # fmt: skip
    assert r.status_code == 413 and "65,536 bytes" in r.text

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(20):
            yield b"#" + b"x" * 8191

    r = httpx.post(rw.url + "/sparql", content=chunks(),
                   headers={"Content-Type": "application/sparql-query"})  # fmt: skip
    assert r.status_code == 413


def test_cors_only_when_enabled(ro, rw):
    h = {"Origin": ORIGIN, "Accept": SRJ}
    r = httpx.get(rw.url + "/sparql", params={"query": NAMES}, headers=h)
    assert r.headers["access-control-allow-origin"] == ORIGIN
    pre = httpx.options(rw.url + "/store", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization, content-type"})  # fmt: skip
    assert pre.status_code == 200 and "PUT" in pre.headers["access-control-allow-methods"]
    other = httpx.get(rw.url + "/sparql", params={"query": NAMES},
                      headers={"Origin": "http://elsewhere.example"})  # fmt: skip
    assert "access-control-allow-origin" not in other.headers
    r = httpx.get(ro.url + "/sparql", params={"query": NAMES}, headers=h)
    assert "access-control-allow-origin" not in r.headers
    assert httpx.options(ro.url + "/sparql", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST"}).status_code == 405  # fmt: skip


# --- updates and the Graph Store Protocol -----------------------------------------------------
G = "https://w3id.org/communique/graph/gsp-test"
TTL = f"""@prefix cq: <{CQ_NS}> .
<{ID_NS}person/ann-lee> a cq:Person ; cq:name "Ann Lee" .
<{ID_NS}person/bo-kim> a cq:Person ; cq:name "Bo Kim" .
"""


def test_read_only_server_refuses_every_write(ro):
    u = ro.url
    for r in (
        httpx.post(u + "/sparql", data={"update": "CLEAR ALL"}, headers=auth()),
        httpx.post(u + "/update", content=b"CLEAR ALL",
                   headers={**auth(), "Content-Type": "application/sparql-update"}),
        httpx.put(u + "/store", params={"graph": G}, content=TTL.encode(),
                  headers={**auth(), "Content-Type": "text/turtle"}),
        httpx.delete(u + "/store", params={"graph": graph_iri("endpoint-visit").value},
                     headers=auth()),
    ):  # fmt: skip
        assert r.status_code == 403, r.text
        assert "--allow-updates" in r.text
    assert len(sparql(ro, NAMES).json()["results"]["bindings"]) == 3


def test_updates_need_the_token(rw):
    upd = f'INSERT DATA {{ GRAPH <{G}-upd> {{ <{ID_NS}person/x> <{CQ_NS}name> "X" }} }}'
    h = {"Content-Type": "application/sparql-update"}
    missing = httpx.post(rw.url + "/update", content=upd.encode(), headers=h)
    assert missing.status_code == 401 and "Bearer" in missing.headers["www-authenticate"]
    wrong = httpx.post(rw.url + "/update", content=upd.encode(), headers={**h, **auth("nope")})
    assert wrong.status_code == 401 and "not this server's token" in wrong.text
    ok = httpx.post(rw.url + "/sparql", content=upd.encode(), headers={**h, **auth()})
    assert ok.status_code == 204
    assert sparql(rw, f'ASK {{ <{ID_NS}person/x> <{CQ_NS}name> "X" }}').json()["boolean"]
    form = httpx.post(rw.url + "/sparql", data={"update": f"DROP GRAPH <{G}-upd>"},
                      headers=auth())  # fmt: skip
    assert form.status_code == 204
    assert not sparql(rw, f"ASK {{ <{ID_NS}person/x> ?p ?o }}").json()["boolean"]
    bad = httpx.post(rw.url + "/update", content=b"INSERT NONSENSE", headers={**h, **auth()})
    assert bad.status_code == 400 and "malformed update" in bad.text


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "load silent <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://g>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }",
    ],
)
def test_load_and_service_refused_in_updates(rw, update):
    r = httpx.post(rw.url + "/update", content=update.encode(),
                   headers={**auth(), "Content-Type": "application/sparql-update"})  # fmt: skip
    assert r.status_code == 403 and "fetch data from another server" in r.text


def test_graph_store_protocol_cycle(rw):
    url, params = rw.url + "/store", {"graph": G}
    ttl = {**auth(), "Content-Type": "text/turtle"}
    assert httpx.get(url, params=params).status_code == 404
    assert httpx.put(url, params=params, content=TTL.encode(), headers=ttl).status_code == 201
    got = httpx.get(url, params=params)
    assert got.headers["content-type"].startswith("text/turtle")
    assert isomorphic(rdflib.Graph().parse(data=got.content, format="turtle"),
                      rdflib.Graph().parse(data=TTL, format="turtle"))  # fmt: skip
    # PUT replaces: Bo Kim is gone, Cy Park is there
    new = f'<{ID_NS}person/cy-park> <{CQ_NS}name> "Cy Park" .\n'
    nt = {**auth(), "Content-Type": "application/n-triples"}
    assert httpx.put(url, params=params, content=new.encode(), headers=nt).status_code == 204
    names = sparql(rw, f"SELECT ?n WHERE {{ GRAPH <{G}> {{ ?s <{CQ_NS}name> ?n }} }}").json()
    assert [b["n"]["value"] for b in names["results"]["bindings"]] == ["Cy Park"]
    # POST merges
    assert httpx.post(url, params=params, content=TTL.encode(), headers=ttl).status_code == 204
    nt_back = httpx.get(url, params=params, headers={"Accept": "application/n-triples"})
    assert len(rdflib.Graph().parse(data=nt_back.content, format="nt")) == 5
    # a body that does not parse changes nothing
    broken = httpx.put(url, params=params, content=b"<a> <b> .", headers=ttl)
    assert broken.status_code == 400 and "not valid" in broken.text
    assert len(rdflib.Graph().parse(data=httpx.get(url, params=params).content)) == 5
    assert httpx.put(url, params=params, content=b"{}", headers={**auth(),
                     "Content-Type": "image/png"}).status_code == 415  # fmt: skip
    assert httpx.put(url, params={"default": ""}, content=TTL.encode(),
                     headers=ttl).status_code == 400  # fmt: skip
    assert httpx.delete(url, params=params, headers=auth()).status_code == 204
    assert httpx.get(url, params=params).status_code == 404
    assert httpx.delete(url, params=params, headers=auth()).status_code == 404
    assert httpx.put(url, params=params, content=TTL.encode()).status_code == 401


def test_graph_store_put_of_an_article_is_atomic(rw):
    """While one client replaces an article graph again and again (alternating 20 and 60
    triples), readers only ever see one version or the other, never a mix."""
    url, params = rw.url + "/store", {"graph": G + "-atomic"}
    h = {**auth(), "Content-Type": "application/n-triples"}

    def version(n: int, tag: str) -> bytes:
        return "".join(
            f'<{ID_NS}x/{tag}{i}> <{CQ_NS}name> "{tag}{i}" .\n' for i in range(n)
        ).encode()

    small, large = version(20, "a"), version(60, "b")
    assert httpx.put(url, params=params, content=small, headers=h).status_code == 201
    seen: set[int] = set()
    stop = threading.Event()
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}-atomic> {{ ?s ?p ?o }} }}"

    def reader():
        with httpx.Client() as c:
            while not stop.is_set():
                r = c.get(rw.url + "/sparql", params={"query": count}, headers={"Accept": SRJ})
                seen.add(int(r.json()["results"]["bindings"][0]["n"]["value"]))

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    with httpx.Client() as c:
        for i in range(30):
            body = large if i % 2 == 0 else small
            assert c.put(url, params=params, content=body, headers=h).status_code == 204
    stop.set()
    for t in threads:
        t.join()
    assert seen <= {20, 60} and seen


def test_whole_dataset_get_and_post(rw):
    r = httpx.get(rw.url + "/store", headers={"Accept": "application/n-quads"})
    # the rw store holds more quads than its 200-row limit: refused, not cut
    assert r.status_code == 422
    quad = f'<{ID_NS}x/q> <{CQ_NS}name> "Q" <{G}-dataset> .\n'
    h = {**auth(), "Content-Type": "application/n-quads"}
    assert httpx.post(rw.url + "/store", content=quad.encode(), headers=h).status_code == 204
    one = httpx.get(rw.url + "/store", params={"graph": G + "-dataset"},
                    headers={"Accept": "application/n-triples"})  # fmt: skip
    assert one.text.strip() == quad.replace(f" <{G}-dataset>", "").strip()


# --- saved queries over HTTP ------------------------------------------------------------------
def test_queries_listing_json_and_html(ro):
    data = httpx.get(ro.url + "/queries").json()
    by_name = {q["name"]: q for q in data["queries"]}
    assert set(by_name) == set(catalogue(QUERIES))
    params = {p["name"]: p for p in by_name["meetings-of"]["parameters"]}
    official = params["official"]
    assert (official["type"], official["required"], official["default"]) == ("iri", True, None)
    assert params["since"]["type"] == "date" and not params["since"]["required"]
    assert by_name["meetings-of"]["url"] == "/queries/meetings-of"
    page = httpx.get(ro.url + "/queries", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert 'action="/queries/meetings-of"' in page.text and 'name="official"' in page.text


def test_saved_query_with_parameters(ro):
    url = ro.url + "/queries/meetings-of"
    r = httpx.get(url, params={"official": VARRO}, headers={"Accept": SRJ})
    assert r.status_code == 200, r.text
    others = [b["otherName"]["value"] for b in r.json()["results"]["bindings"]]
    assert others == ["Oğuz Şahin", "Tomas Ekholm"]
    since = httpx.get(url, params={"official": VARRO, "since": "2025-03-05"},
                      headers={"Accept": SRJ})  # fmt: skip
    assert [b["otherName"]["value"] for b in since.json()["results"]["bindings"]] == [
        "Tomas Ekholm"
    ]
    as_csv = httpx.get(url, params={"official": VARRO, "format": "csv", "download": "1"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert 'filename="meetings-of.csv"' in as_csv.headers["content-disposition"]
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == 3
    xml = httpx.get(url, params={"official": VARRO},
                    headers={"Accept": "application/sparql-results+xml"})  # fmt: skip
    assert xml.content.count(b"<result>") == 2
    html = httpx.get(url, params={"official": VARRO}, headers={"Accept": "text/html"})
    assert "Meetings of an official" in html.text and 'href="/id/person/tomas-ekholm"' in html.text


def test_a_parameter_is_a_term_not_query_text(ro):
    """An injection attempt is one (unmatched) string literal, not a change to the query."""
    url = ro.url + "/queries/officials"
    evil = 'x" } UNION { ?official ?p ?name } #'
    r = httpx.get(url, params={"name": evil}, headers={"Accept": SRJ})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    one = httpx.get(url, params={"name": "Oğuz Şahin"}, headers={"Accept": SRJ})
    assert [b["rank"]["value"] for b in one.json()["results"]["bindings"]] == ["Lieutenant General"]


@pytest.mark.parametrize(
    ("path", "params", "status", "words"),
    [
        ("/queries/meetings-of", {}, 400, "'official'"),
        ("/queries/meetings-of", {"official": "not an iri"}, 400, "'official'"),
        ("/queries/meetings-of", {"official": VARRO, "since": "last week"}, 400, "'since'"),
        ("/queries/meetings-of", {"official": VARRO, "colour": "red"}, 400, "'colour'"),
        ("/queries/no-such-query", {}, 404, "no saved query"),
        ("/queries/..%2F..%2Fpyproject.toml", {}, 404, "Not Found"),
    ],
)
def test_saved_query_errors_name_the_parameter(ro, path, params, status, words):
    r = httpx.get(ro.url + path, params=params)
    assert r.status_code == status, r.text
    assert words in r.text


# --- entity IRIs ----------------------------------------------------------------------------
def test_entity_page_for_people(ro):
    r = httpx.get(ro.url + "/id/person/ines-varro", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<h1>Ines Varro" in page and "cq:Person" in page
    assert "Admiral visits the Alley of Honour" in page  # the articles it comes from
    assert "Marenian chief meets admiral" in page
    assert "<mark>Rear Admiral Ines Varro</mark> visited the Alley of Honour" in page  # evidence
    assert 'href="/id/holding/endpoint-visit/ines-varro/rank"' in page  # outgoing, linked
    assert "What points to it" in page and 'href="/id/event/endpoint-visit/1/p1"' in page


@pytest.mark.parametrize("media", list(GRAPH_MEDIA))
def test_entity_for_machines(ro, media):
    r = httpx.get(ro.url + "/id/person/oguz-sahin", headers={"Accept": media})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    g = rdflib.Graph().parse(data=r.content, format=GRAPH_MEDIA[media])
    me = rdflib.URIRef(SAHIN)
    cq = rdflib.Namespace(CQ_NS)
    assert (me, cq.name, rdflib.Literal("Oğuz Şahin")) in g
    assert any(g.triples((None, cq.holder, me)))  # incoming
    evidence = list(g.objects(me, cq.evidence))
    assert evidence and all(any(g.triples((e, cq.sentence, None))) for e in evidence)


def test_unknown_entity_is_404(ro):
    for accept in ("text/html", "text/turtle"):
        r = httpx.get(ro.url + "/id/person/nobody", headers={"Accept": accept})
        assert r.status_code == 404 and "says nothing about" in r.text
    r = httpx.get(ro.url + "/id/person/a%3E%20%7B%20", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and "not an entity IRI" in r.text


def test_page_and_static_files(ro):
    page = httpx.get(ro.url + "/")
    assert page.status_code == 200 and 'content="https://w3id.org/communique/id/"' in page.text
    assert '<script src="/static/app.js"' in page.text
    assert 'src="http' not in page.text and 'href="http' not in page.text  # works offline
    js = httpx.get(ro.url + "/static/app.js")
    assert js.headers["content-type"].startswith("text/javascript") and "ID_NS" in js.text
    assert httpx.get(ro.url + "/static/style.css").status_code == 200
    assert httpx.get(ro.url + "/static/../endpoint.py").status_code == 404


# --- analysts' tools ----------------------------------------------------------------------------
def test_sparqlwrapper(ro):
    from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    sw = SPARQLWrapper(ro.url + "/sparql")
    sw.setQuery(NAMES)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert [b["name"]["value"] for b in rows] == EXPECTED_NAMES
    sw.setReturnFormat(XML)
    assert len(sw.query().convert().getElementsByTagName("result")) == 3
    sw.setReturnFormat(CSV)
    assert sw.query().convert().decode().splitlines()[0] == "p,name"
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setQuery(PREFIX + f"ASK {{ <{VARRO}> cq:name 'Ines Varro' }}")
    assert sw.query().convert()["boolean"] is True
    sw.setQuery(f"CONSTRUCT {{ <{VARRO}> ?p ?o }} WHERE {{ <{VARRO}> ?p ?o }}")
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert (rdflib.URIRef(VARRO), rdflib.URIRef(CQ_NS + "name"), rdflib.Literal("Ines Varro")) in g
    sw.setQuery("SELECT * WHERE { ?s ?p }")
    sw.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        sw.query()


def test_rdflib_sparqlstore(ro):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(store=SPARQLStore(ro.url + "/sparql", returnFormat="json"))
    rows = list(g.query(NAMES))
    assert [str(r.name) for r in rows] == EXPECTED_NAMES
    cq = rdflib.Namespace(CQ_NS)
    names = {str(o) for o in g.objects(rdflib.URIRef(SAHIN), cq.name)}
    assert names == {"Oğuz Şahin"}
    assert (rdflib.URIRef(SAHIN), rdflib.RDF.type, cq.Person) in g
    constructed = g.query(f"CONSTRUCT {{ <{SAHIN}> ?p ?o }} WHERE {{ <{SAHIN}> ?p ?o }}").graph
    assert (rdflib.URIRef(SAHIN), cq.name, rdflib.Literal("Oğuz Şahin")) in constructed


# --- negotiation and the SERVICE/LOAD guard, without a server ----------------------------------
@pytest.mark.parametrize(
    ("accept", "kind", "name"),
    [
        (None, "results", "json"),
        ("", "graph", "turtle"),
        ("*/*", "graph", "turtle"),
        ("application/sparql-results+xml", "results", "xml"),
        ("application/json", "graph", "jsonld"),
        ("text/*", "graph", "turtle"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.3", "graph", "rdfxml"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "graph", "html"),
        ("application/n-quads", "dataset", "nquads"),
    ],
)
def test_negotiate(accept, kind, name):
    assert negotiate(accept, kind).name == name


FLAGGED = [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "select * where { service silent <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL{SERVICE<http://x/>{?s ?p ?o}} }",
    "SELECT * WHERE { BIND(<http://x/> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    "SELECT * WHERE {\n  # a comment\n  SERVICE\n<http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 'a' SERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 1 SERVICE <http://x/> { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p """a "" b""" SERVICE <http://x/> { ?s ?p ?o } }',
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 \\u0053ERVICE",  # \u escapes are decoded first
    "SELECT * WHERE { ?s ?p 'unterminated\n SERVICE <http://x/> { ?s ?p ?o } }",
]
NOT_FLAGGED = [
    "SELECT ?service WHERE { ?service ?p ?o }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> 'SERVICE' }",
    'SELECT * WHERE { ?s ?p """a "SERVICE" b""" }',
    "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>\n"
    "SELECT ?x WHERE { ?x a sd:Service ; sd:endpoint ?e } # SERVICE here is a comment",
    "SELECT * WHERE { _:service ?p ?o . ?s ?p 'x'@service }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?s<?o) }",
]


@pytest.mark.parametrize("query", FLAGGED)
def test_service_is_found(query):
    found = find_outside_access(query)
    assert found is not None and found.keyword == "SERVICE"


@pytest.mark.parametrize("query", NOT_FLAGGED)
def test_service_is_not_imagined(query):
    assert find_outside_access(query) is None


def _rdflib_has_service(query: str) -> bool:
    found = []

    def walk(node):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found.append(node)
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list | tuple | ParseResults):
            for value in node:
                walk(value)

    walk(parseQuery(query))
    return bool(found)


def test_guard_never_misses_what_rdflibs_parser_sees():
    """Against a real SPARQL parser: wherever rdflib's parse tree holds a SERVICE pattern, the
    guard refuses the query; the saved queries and the look-alikes above pass."""
    saved = [q.text for q in catalogue().values()] + [q.text for q in catalogue(QUERIES).values()]
    checked = 0
    for query in FLAGGED + NOT_FLAGGED + saved:
        try:
            has_service = _rdflib_has_service(query)
        except Exception:  # rdflib cannot parse it (an unterminated string, …)
            continue
        flagged = find_outside_access(query) is not None
        assert flagged == has_service, query
        checked += 1
    assert checked >= len(saved) + 10


@pytest.mark.parametrize(
    "query",
    [
        "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { ?s ?p ?o SERVICE:x { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p trueSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 1e1SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    ],
)
def test_guard_follows_oxigraphs_parser_not_the_grammar(query):
    """Why the guard counts every word that contains the keyword: by the grammar these are a
    prefixed name or a malformed literal, but Oxigraph reads a SERVICE in each — and tries
    the fetch (port 9 is refused by its HTTP client, so nothing leaves)."""
    store = Store()
    xsd = "http://www.w3.org/2001/XMLSchema#"
    s, p = NamedNode("http://example.org/s"), NamedNode("http://example.org/p")
    for value, datatype in (("true", "boolean"), ("1e1", "double"), ("x", "string")):
        store.add(Quad(s, p, Literal(value, datatype=NamedNode(xsd + datatype))))
    with pytest.raises(OSError, match="port 9"):
        list(store.query(query))
    assert find_outside_access(query) is not None


def test_load_is_found_in_updates_only():
    assert find_outside_access("LOAD <http://x/a.ttl>", update=True).keyword == "LOAD"
    assert find_outside_access("SELECT ?load WHERE { ?load ?p 'LOAD' }", update=True) is None
    u = "INSERT DATA { <http://x/a> <http://x/load> 'LOAD' }"
    assert find_outside_access(u, update=True) is None
    parseUpdate(u)


def test_ontology_is_reachable_as_html_docs_and_as_turtle(ro):
    html = httpx.get(ro.url + "/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "Communique" in html.text
    ttl = httpx.get(ro.url + "/ontology", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=ttl.text, format="turtle")
    onto = rdflib.URIRef("https://w3id.org/communique/ontology")
    assert (onto, rdflib.RDF.type, rdflib.OWL.Ontology) in g
    page = httpx.get(ro.url + "/", headers={"Accept": "text/html"})
    assert 'href="/ontology"' in page.text
