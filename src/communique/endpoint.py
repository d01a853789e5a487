"""The store over HTTP, for analysts and their tools.

* ``/sparql`` — the SPARQL 1.1 Protocol: GET, POST form-encoded, POST direct
  (``application/sparql-query``), ``default-graph-uri`` / ``named-graph-uri``; without them the
  default graph is the union of the article graphs. SELECT/ASK as JSON, XML, CSV, TSV (and an
  HTML table for browsers); CONSTRUCT/DESCRIBE as Turtle (when the client does not say),
  N-Triples, JSON-LD, RDF/XML. A GET without a query answers the service description.
* ``/store`` — the Graph Store Protocol (``?graph=IRI`` / ``?default``). GET always; PUT, POST,
  DELETE and SPARQL Update (``/sparql``, ``/update``) only when the server runs with updates
  enabled *and* the request carries the bearer token.
* ``/queries`` — the saved queries with their parameters; ``/queries/NAME?param=…`` runs one with
  the parameters bound as typed RDF terms.
* ``/`` — a query page for people; ``/id/…`` dereferences the entity IRIs
  (``https://w3id.org/communique/id/…``): HTML for browsers, Turtle/JSON-LD for machines.

Limits that tell the truth
--------------------------
* **Time.** pyoxigraph cannot interrupt a query, but it releases the GIL, so every query runs in
  a worker thread with a deadline. The answer is fully serialised *in* the worker, before any
  status is sent; at the deadline the client gets ``503`` with a message, never a cut-off 200.
  The abandoned worker is told to stop: it is stopped at the next chunk of output it writes
  (streaming evaluation: joins, filters, CONSTRUCT); a blocking operator (ORDER BY, GROUP BY,
  an aggregate) can only finish computing before that point, and then its result is thrown
  away. Such work still occupies a thread; :attr:`Endpoint.abandoned` counts it, and when every
  thread is busy new queries wait and answer ``503`` ("busy") at their own deadline.
  Updates are not time-limited: they are transactions, and answering before they end would
  leave the client unsure whether they applied.
* **Rows.** A result with more rows (or triples) than the limit is refused with ``422`` and a
  message saying how to page through it — never truncated. The counting stops the evaluation
  as soon as the limit is passed, so a refusal is cheap.
* **Body.** Request bodies over the limit get ``413``.
* **Outside requests.** pyoxigraph *does* fetch the IRI of a ``SERVICE`` pattern and of
  ``LOAD``; both are refused (``403``) before anything runs. See :func:`find_outside_access`.
* **CORS** headers only when an origin is configured.

Serving while ingesting: :func:`serve` holds the store open read-write, so an ingest in
another process is refused at once with :class:`~communique.errors.StoreLockedError` (its
message says to stop the server or send the articles through it with Graph Store Protocol
PUTs); a reader never sees a half-written article because every write is one transaction.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import json
import logging
import os
import queue
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .errors import CommuniqueError, QueryError
from .queries import SavedQuery, catalogue
from .store import ArticleStore
from .vocab import CQ_NS, GRAPH_NS, ID_NS, ORG_NS, OWL_NS, PROV_NS, RDF_NS, RDFS_NS, XSD_NS

WEB_DIR = Path(__file__).with_name("web")
log = logging.getLogger(__name__)
PREFIXES = {
    "cq": CQ_NS,
    "id": ID_NS,
    "graph": GRAPH_NS,
    "org": ORG_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "xsd": XSD_NS,
    "prov": PROV_NS,
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
_XSD_STRING = XSD_NS + "string"


# --- configuration ---------------------------------------------------------------------------
@dataclass(frozen=True)
class EndpointConfig:
    """What the server allows. The defaults are safe: read-only, no CORS, loopback in serve()."""

    allow_updates: bool = False
    token: str | None = None
    cors_origin: str | None = None
    timeout: float = 30.0  # seconds per query
    max_rows: int = 100_000  # rows of a SELECT, triples of a CONSTRUCT/DESCRIBE or a GSP GET
    max_body: int = 16 * 1024 * 1024  # bytes of a request body
    queries_dir: Path | None = None  # saved queries (default: the repository's queries/)
    threads: int = 0  # query worker threads; 0 = max(8, 2 × CPUs)

    def check(self) -> None:
        """Raise CommuniqueError for settings that cannot work."""
        if self.allow_updates and not self.token:
            raise CommuniqueError(
                "updates need a credential: pass --token TOKEN (or set COMMUNIQUE_TOKEN) "
                "together with --allow-updates"
            )
        if self.timeout <= 0:
            raise CommuniqueError(f"the time limit must be positive, not {self.timeout}")
        if self.max_rows < 1:
            raise CommuniqueError(f"the row limit must be at least 1, not {self.max_rows}")
        if self.max_body < 1:
            raise CommuniqueError(f"the body limit must be at least 1 byte, not {self.max_body}")


class HTTPError(Exception):
    """An answer other than success: status, a message for people, extra headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


# --- formats and content negotiation ---------------------------------------------------------
@dataclass(frozen=True)
class Format:
    """One serialisation: short name (``?format=``), media type, aliases, pyoxigraph format."""

    name: str
    media: str
    ext: str
    ox: Any = None
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        text = self.media.startswith("text/") or self.media.endswith(("json", "xml"))
        return f"{self.media}; charset=utf-8" if text else self.media


_HTML = Format("html", "text/html", "html", None, ("application/xhtml+xml",))
RESULT_FORMATS = (
    Format(
        "json",
        "application/sparql-results+json",
        "srj",
        QueryResultsFormat.JSON,
        ("application/json", "text/javascript", "application/javascript"),
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        "srx",
        QueryResultsFormat.XML,
        ("application/xml", "text/xml"),
    ),
    Format("csv", "text/csv", "csv", QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", "tsv", QueryResultsFormat.TSV),
    _HTML,
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", "ttl", RdfFormat.TURTLE, ("application/x-turtle",), ("ttl",)),
    Format(
        "ntriples", "application/n-triples", "nt", RdfFormat.N_TRIPLES, ("text/plain",), ("nt",)
    ),
    Format(
        "jsonld",
        "application/ld+json",
        "jsonld",
        RdfFormat.JSON_LD,
        ("application/json",),
        ("json",),
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        "rdf",
        RdfFormat.RDF_XML,
        ("application/xml", "text/xml"),
        ("xml", "rdf", "owl"),
    ),
    _HTML,
)
DATASET_FORMATS = (
    Format("trig", "application/trig", "trig", RdfFormat.TRIG),
    Format("nquads", "application/n-quads", "nq", RdfFormat.N_QUADS, (), ("nq",)),
)
_KINDS = {"results": RESULT_FORMATS, "graph": GRAPH_FORMATS, "dataset": DATASET_FORMATS}
_KIND_TEXT = {
    "results": "SELECT and ASK results",
    "graph": "graphs (CONSTRUCT, DESCRIBE, Graph Store GET)",
    "dataset": "the whole dataset",
}


def _parse_accept(header: str) -> list[tuple[str, float]]:
    ranges = []
    for part in header.split(","):
        items = part.strip().split(";")
        media = items[0].strip().lower()
        if not media:
            continue
        q = 1.0
        for param in items[1:]:
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


@lru_cache(maxsize=1024)
def negotiate(
    accept: str | None, kind: str, fmt_param: str | None = None, fallback: bool = True
) -> Format:
    """The format for a result ``kind`` (results, graph, dataset) from ``?format=`` or Accept.

    >>> negotiate(None, "graph").name
    'turtle'
    >>> negotiate("application/sparql-results+xml, */*;q=0.1", "results").name
    'xml'
    >>> negotiate("text/html,application/xml;q=0.9,*/*;q=0.8", "results").name
    'html'
    """
    formats = _KINDS[kind]
    if fmt_param:
        wanted = fmt_param.strip().lower()
        for f in formats:
            if wanted in (f.name, f.media, f.ext, *f.aliases, *f.names):
                return f
        names = ", ".join(f.name for f in formats)
        raise HTTPError(
            406, f"format {fmt_param!r} is not offered for {_KIND_TEXT[kind]}; use one of {names}"
        )
    if not accept or not accept.strip():
        return formats[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, f in enumerate(formats):
        q, spec = -1.0, -1
        for media in (f.media, *f.aliases):
            major = media.split("/")[0]
            for rng, rq in ranges:
                s = 2 if rng == media else 1 if rng == major + "/*" else 0 if rng == "*/*" else -1
                if s > spec:
                    q, spec = rq, s
        if spec < 0 or q <= 0:
            continue
        # A format the client names beats one it only accepts through a wildcard at equal q;
        # the HTML view is only for clients that name it (browsers).
        if f is _HTML and spec < 2:
            continue
        key = (q, spec, -order)
        if best is None or key > best:
            best, chosen = key, f
    if chosen is None and fallback and kind in ("results", "graph"):
        # A SPARQL client that guessed the other kind of query (rdflib's SPARQLStore asks
        # for results JSON even for CONSTRUCT) gets this kind's default; the Content-Type
        # says what it is. Only a client that accepts nothing we make gets 406.
        other = "graph" if kind == "results" else "results"
        try:
            negotiate(accept, other, fallback=False)
        except HTTPError:
            pass
        else:
            return formats[0]
    if chosen is None:
        offered = ", ".join(f.media for f in formats)
        raise HTTPError(
            406,
            f"none of the accepted media types ({accept}) is offered for "
            f"{_KIND_TEXT[kind]}; this endpoint offers {offered}",
        )
    return chosen


# --- refusing requests that would make the server fetch other URLs ---------------------------
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SKIP = re.compile(
    r"""
      \#[^\n\r]*                                        # comment
    | <[^<>"{}|^`\\\x00-\x20]*>                         # IRI reference
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"               # long strings
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | "(?:[^"\\\n\r]|\\.)*"                             # short strings
    | '(?:[^'\\\n\r]|\\.)*'
    | [?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+         # variable
    | _:[\w\u00B7\u0300-\u036F\u203F-\u2040.:%\\-]*     # blank node label
    | @[A-Za-z]+(?:-[A-Za-z0-9]+)*                      # language tag
    | :(?:[\w\u00B7\u0300-\u036F\u203F-\u2040.:-]|%[0-9A-Fa-f]{2}|\\.)*  # local part of a name
    """,
    re.X | re.S,
)
_WORD = re.compile(r"[^\W\d][\w\u00B7\u0300-\u036F\u203F-\u2040.-]*")


@dataclass(frozen=True)
class OutsideAccess:
    """A keyword that would make the server fetch a URL, and where it is."""

    keyword: str
    line: int
    column: int

    def message(self) -> str:
        what = "SERVICE patterns" if self.keyword == "SERVICE" else "LOAD"
        return (
            f"refused: {what} would make this server fetch data from another server "
            f"(found {self.keyword!r} at line {self.line}, column {self.column}); this endpoint "
            "answers from its own store only — run federated queries from your own SPARQL "
            "engine, with this endpoint as one of its SERVICEs"
        )


def find_outside_access(text: str, update: bool = False) -> OutsideAccess | None:
    """The first ``SERVICE`` (and, in an update, ``LOAD``) keyword of a request, or None.

    A real lexical analysis, conservative towards the engine that runs the query: strings,
    IRIs, comments, variables, blank-node labels, language tags and the local part of
    prefixed names are skipped; every other word *containing* the keyword counts. A parse by
    the grammar would not be enough: Oxigraph's parser reads ``SERVICE:x`` as ``SERVICE :x``
    and ``trueSERVICE`` as ``true SERVICE``, and fetches both. The price is a refusal of a
    prefix such as ``myservice:``. ``\\u`` escapes are decoded first as well, as the SPARQL
    grammar says they are.

    >>> find_outside_access('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }').keyword
    'SERVICE'
    >>> find_outside_access('SELECT ?service { ?s <http://x/SERVICE> "SERVICE" } # SERVICE')
    >>> find_outside_access('LOAD <http://x/data.ttl>', update=True).column
    1
    """
    if len(text) <= 20_000:
        return _find_cached(text, update)
    return _find(text, update)


@lru_cache(maxsize=2048)
def _find_cached(text: str, update: bool) -> OutsideAccess | None:
    return _find(text, update)


def _find(text: str, update: bool) -> OutsideAccess | None:
    keywords = ("service", "load") if update else ("service",)
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    for candidate in (text, decoded) if decoded != text else (text,):
        found = _scan(candidate, keywords)
        if found is not None:
            return found
    return None


def _scan(text: str, keywords: tuple[str, ...]) -> OutsideAccess | None:
    pos, n = 0, len(text)
    while pos < n:
        skip = _SKIP.match(text, pos)
        if skip is not None and skip.end() > pos:
            pos = skip.end()
            continue
        word = _WORD.match(text, pos)
        if word is None:
            pos += 1
            continue
        low = word.group().lower()
        for kw in keywords:
            if kw in low:
                line = text.count("\n", 0, pos) + 1
                col = pos - (text.rfind("\n", 0, pos) + 1) + 1
                return OutsideAccess(kw.upper(), line, col)
        pos = word.end()
        if pos < n and text[pos] == ":":  # a prefix: its local part follows
            continue
    return None


# --- running queries with a deadline and a row limit ----------------------------------------
class _Stop(Exception):
    """Raised inside a worker to abandon a serialisation (deadline passed or rows over)."""


class _Job:
    """One query's deadline and state, shared by the event loop and its worker thread."""

    __slots__ = ("deadline", "cancelled", "started", "done")

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.cancelled = False  # answered without the result: the worker should stop
        self.started = False
        self.done = False

    def expired(self) -> bool:
        return self.cancelled or time.monotonic() > self.deadline


def _detach(exc: BaseException) -> BaseException:
    """The exception to hand from a worker thread to the event loop, without its traceback
    and context: those reference the worker's frames, which hold pyoxigraph result iterators,
    and pyoxigraph refuses to have those dropped on another thread."""
    if not isinstance(exc, HTTPError):
        log.error("request failed in a worker thread", exc_info=exc)
        exc = HTTPError(500, f"internal error: {type(exc).__name__}: {exc}")
    exc.__traceback__ = exc.__context__ = exc.__cause__ = None
    return exc


def _settle(fut: asyncio.Future, value: Any, error: BaseException | None) -> None:
    if fut.done():
        return
    if error is not None:
        fut.set_exception(error)
    else:
        fut.set_result(value)


class _Workers:
    """A fixed set of daemon threads taking jobs from a queue.

    Daemon threads (unlike ``concurrent.futures``, whose threads are joined at exit) let the
    server stop even while an abandoned query is still computing inside pyoxigraph.
    """

    def __init__(self, count: int, name: str) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._loop, name=f"{name}-{i}", daemon=True)
            for i in range(count)
        ]
        for t in self._threads:
            t.start()

    def _loop(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()

    def submit(self, job: Callable[[], None]) -> None:
        self._jobs.put(job)

    def shutdown(self) -> None:
        for _ in self._threads:
            self._jobs.put(None)


class _Sink:
    """A file-like object pyoxigraph serialises into: it keeps the bytes, counts lines against
    a limit and stops the serialisation (and with it the lazy evaluation) when the job's
    deadline passes or the limit is exceeded."""

    __slots__ = ("job", "parts", "lines", "limit", "over")

    def __init__(self, job: _Job, line_limit: int | None) -> None:
        self.job = job
        self.parts: list[bytes] = []
        self.lines = 0
        self.limit = line_limit
        self.over = False

    def write(self, data) -> int:
        if self.job.expired():
            raise _Stop
        data = bytes(data)
        self.parts.append(data)
        if self.limit is not None:
            self.lines += data.count(b"\n")
            if self.lines > self.limit:
                self.over = True
                raise _Stop
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


@dataclass
class Answer:
    """A fully serialised response body."""

    body: bytes
    format: Format
    rows: int | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _time_limit(timeout: float) -> HTTPError:
    return HTTPError(
        503,
        f"the query ran past the time limit of {timeout:g} s and was stopped; nothing of its "
        "result was sent. Narrow it (more specific patterns, LIMIT) or ask the operator for a "
        "longer limit (`communique serve --timeout`).",
        {"Retry-After": str(max(1, round(timeout)))},
    )


def _too_many(limit: int, what: str) -> HTTPError:
    return HTTPError(
        422,
        f"the result has more than {limit:,} {what}, this server's limit; it is refused rather "
        "than cut off. Page through it with ORDER BY, LIMIT and OFFSET, or ask for less "
        "(the limit is set with `communique serve --max-rows`).",
    )


# --- the endpoint ----------------------------------------------------------------------------
class Endpoint:
    """The request handlers over one open ArticleStore (see :func:`create_app`)."""

    def __init__(self, store: ArticleStore, config: EndpointConfig) -> None:
        config.check()
        self.store = store
        self.ox = store.oxigraph
        self.config = config
        threads = config.threads or max(8, 2 * (os.cpu_count() or 2))
        self.pool = _Workers(threads, "communique-query")
        self.writer = _Workers(1, "communique-write")  # writes never wait behind stuck queries
        self.abandoned = 0  # queries past their deadline whose thread has not come back yet
        self._count_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._web = _load_web()

    # -- plumbing -----------------------------------------------------------------------------
    async def run(self, fn: Callable, *args) -> Any:
        """Run ``fn(job, *args)`` on a worker thread; 503 at the deadline (see module doc).

        One future settled from the worker with ``call_soon_threadsafe`` and one timer: the
        least machinery between the event loop and the thread, since this hop is most of what
        a point lookup costs over calling pyoxigraph directly.
        """
        loop = asyncio.get_running_loop()
        timeout = self.config.timeout
        job = _Job(time.monotonic() + timeout)
        fut = loop.create_future()
        lock = self._count_lock

        def work() -> None:
            with lock:
                if job.cancelled:  # answered "busy" before a thread was free: never start
                    return
                job.started = True
            value = error = None
            try:
                value = fn(job, *args)
            except BaseException as exc:  # handed to the request's task
                error = _detach(exc)
            with lock:
                job.done = True
                if job.cancelled:  # answered at the deadline: this thread is free again
                    self.abandoned -= 1
                    return
            try:
                loop.call_soon_threadsafe(_settle, fut, value, error)
            except RuntimeError:  # the loop has closed (server shutting down)
                pass

        def expire() -> None:
            if fut.done() or not self._abandon(job):
                return
            if job.started:
                fut.set_exception(_time_limit(timeout))
                return
            message = (
                f"the server is busy: no worker became free within the time limit of "
                f"{timeout:g} s ({self.abandoned} stopped queries are still finishing); "
                "try again shortly"
            )
            fut.set_exception(HTTPError(503, message, {"Retry-After": str(max(1, round(timeout)))}))

        self.pool.submit(work)
        timer = loop.call_later(timeout, expire)
        try:
            return await fut
        except asyncio.CancelledError:  # the client went away: stop the work too
            self._abandon(job)
            raise
        finally:
            timer.cancel()

    def _abandon(self, job: _Job) -> bool:
        """Mark a job as answered without its result; False when it has already finished."""
        with self._count_lock:
            if job.done or job.cancelled:
                return False
            job.cancelled = True
            if job.started:
                self.abandoned += 1
            return True

    async def write(self, fn: Callable, *args) -> Any:
        """Run a write on the writer thread, one at a time, to its end (no deadline)."""
        loop = asyncio.get_running_loop()
        fut = loop.create_future()

        def work() -> None:
            value = error = None
            try:
                value = fn(*args)
            except BaseException as exc:
                error = _detach(exc)
            try:
                loop.call_soon_threadsafe(_settle, fut, value, error)
            except RuntimeError:
                pass

        self.writer.submit(work)
        return await fut

    def dataset(self, default: list[str], named: list[str]) -> dict:
        """pyoxigraph keyword arguments for the protocol's dataset parameters."""
        if not default and not named:
            return {"use_default_graph_as_union": True}
        try:
            return {
                "default_graph": [NamedNode(i) for i in default],
                "named_graphs": [NamedNode(i) for i in named],
            }
        except ValueError as exc:
            raise HTTPError(400, f"default-graph-uri / named-graph-uri: {exc}") from None

    def execute(
        self,
        job: _Job,
        sparql: str,
        kwargs: dict,
        accept: str | None,
        fmt: str | None,
        title: str = "",
    ) -> Answer:
        """Evaluate and fully serialise one query (runs on a worker thread)."""
        try:
            result = self.ox.query(sparql, **kwargs)
            if isinstance(result, QuerySolutions):
                return self._solutions(job, result, negotiate(accept, "results", fmt), title)
            if isinstance(result, QueryBoolean):
                f = negotiate(accept, "results", fmt)
                if f is _HTML:
                    body = _html_results(title or "Answer", [], [[Literal(str(bool(result)))]])
                    return Answer(body, f, 1)
                return Answer(result.serialize(format=f.ox), f, 1)
            return self._triples(job, result, negotiate(accept, "graph", fmt), title)
        except _Stop:  # the deadline passed while serialising
            raise _time_limit(self.config.timeout) from None
        except SyntaxError as exc:
            raise HTTPError(400, f"malformed query: {exc}") from None
        except (ValueError, TypeError) as exc:
            raise HTTPError(400, f"query cannot be run: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise HTTPError(500, f"query evaluation failed: {exc}") from None

    def _solutions(self, job: _Job, result: QuerySolutions, f: Format, title: str) -> Answer:
        # TSV first: one solution per line (newlines in literals are escaped), so counting
        # lines counts rows exactly, and the sink stops the evaluation past the limit.
        sink = _Sink(job, self.config.max_rows + 1)
        try:
            result.serialize(sink, format=QueryResultsFormat.TSV)
        except _Stop:
            if sink.over:
                raise _too_many(self.config.max_rows, "rows") from None
            raise
        tsv = sink.getvalue()
        rows = max(0, tsv.count(b"\n") - 1)
        if f.ox is QueryResultsFormat.TSV:
            return Answer(tsv, f, rows)
        parsed = parse_query_results(tsv, format=QueryResultsFormat.TSV)
        if f is _HTML:
            names = [v.value for v in parsed.variables]
            table = [[sol[v] for v in names] for sol in parsed]
            return Answer(_html_results(title or "Results", names, table), f, rows)
        return Answer(parsed.serialize(format=f.ox), f, rows)

    def _triples(self, job: _Job, triples: Iterable[Triple], f: Format, title: str) -> Answer:
        limit = self.config.max_rows
        out: list[Triple] = []
        for n, t in enumerate(triples, start=1):
            if n > limit:
                raise _too_many(limit, "triples")
            if not n % 1024 and job.expired():
                raise _Stop
            out.append(t)
        if f is _HTML:
            table = [[t.subject, t.predicate, t.object] for t in out]
            return Answer(
                _html_results(title or "Graph", ["subject", "predicate", "object"], table),
                f,
                len(out),
            )
        prefixes = PREFIXES if f.ox in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
        return Answer(serialize(out, format=f.ox, prefixes=prefixes), f, len(out))

    def require_write(self, request: Request) -> None:
        """403 unless updates are enabled; 401 unless the right bearer token is presented."""
        if not self.config.allow_updates:
            raise HTTPError(
                403,
                "updates are disabled: this server is read-only. Start it with "
                "`communique serve --allow-updates --token TOKEN` and send "
                "`Authorization: Bearer TOKEN`.",
            )
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPError(
                401,
                "updates need the server's token: send `Authorization: Bearer TOKEN`",
                {"WWW-Authenticate": 'Bearer realm="communique"'},
            )
        if not hmac.compare_digest(given.strip().encode(), (self.config.token or "").encode()):
            raise HTTPError(
                401,
                "the bearer token is not this server's token",
                {"WWW-Authenticate": 'Bearer realm="communique", error="invalid_token"'},
            )

    async def body(self, request: Request) -> bytes:
        limit = self.config.max_body
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise _body_too_large(limit, int(declared))
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _body_too_large(limit, size)
            chunks.append(chunk)
        return b"".join(chunks)

    def refuse_outside(self, text: str, update: bool = False) -> None:
        found = find_outside_access(text, update)
        if found is not None:
            raise HTTPError(403, found.message())

    # -- /sparql and /update --------------------------------------------------------------------
    async def sparql(self, request: Request) -> Response:
        params = request.query_params
        query = params.get("query")
        update = params.get("update")
        default = params.getlist("default-graph-uri")
        named = params.getlist("named-graph-uri")
        if request.method == "POST":
            ctype = _media(request)
            body = await self.body(request)
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(
                    body.decode("utf-8", "replace"), keep_blank_values=True
                )
                if query is not None or update is not None:
                    raise HTTPError(400, "send query/update in the URL or in the form, not both")
                query = _one(form, "query")
                update = _one(form, "update")
                default = default + form.get("default-graph-uri", [])
                named = named + form.get("named-graph-uri", [])
                if update is not None:
                    for key in ("using-graph-uri", "using-named-graph-uri"):
                        if form.get(key) or params.getlist(key):
                            raise HTTPError(
                                400,
                                f"{key} is not supported: name the graphs "
                                "with USING / WITH in the update",
                            )
            elif ctype == "application/sparql-query":
                query = _utf8(body)
            elif ctype == "application/sparql-update":
                update = _utf8(body)
            else:
                raise HTTPError(
                    415,
                    f"unsupported Content-Type {ctype or '(none)'!r}: POST a form "
                    "(application/x-www-form-urlencoded with query= or update=), "
                    "application/sparql-query or application/sparql-update",
                )
        if query is not None and update is not None:
            raise HTTPError(400, "a request carries either a query or an update, not both")
        if update is not None:
            if request.method != "POST":
                raise HTTPError(405, "updates must be POSTed", {"Allow": "POST"})
            return await self._update(request, update)
        if query is None:
            if request.method == "POST":
                raise HTTPError(400, "no query: send query= (or update=)")
            return self._service_description(request)
        self.refuse_outside(query)
        kwargs = self.dataset(default, named)
        answer = await self.run(
            self.execute,
            query,
            kwargs,
            request.headers.get("accept"),
            params.get("format") or params.get("output"),
        )
        return _respond(answer, request, "result")

    async def fast_query(self, scope: dict, send: Callable) -> bool:
        """``GET /sparql?query=…`` answered without the framework's request and response
        objects: the request analysts' tools make most, where a tenth of a millisecond is a
        tenth of the latency. The same steps as :meth:`sparql`; False hands anything else
        (updates, no query) to the full handler."""
        params = urllib.parse.parse_qs(scope["query_string"].decode("latin-1"),
                                       keep_blank_values=True)  # fmt: skip
        if "query" not in params or "update" in params:
            return False
        accept = None
        for key, value in scope["headers"]:
            if key == b"accept":
                accept = value.decode("latin-1")
        try:
            query = _one(params, "query")
            self.refuse_outside(query)
            kwargs = self.dataset(params.get("default-graph-uri", []),
                                  params.get("named-graph-uri", []))  # fmt: skip
            fmt = (params.get("format") or params.get("output") or [None])[0]
            answer = await self.run(self.execute, query, kwargs, accept, fmt)
            status, body = 200, answer.body
            headers = _answer_headers(answer, bool(params.get("download", [""])[0]), "result")
        except HTTPError as exc:
            status, body = exc.status, (exc.message + "\n").encode("utf-8")
            headers = {"Content-Type": "text/plain; charset=utf-8", **exc.headers}
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        raw.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})
        return True

    async def update_route(self, request: Request) -> Response:
        ctype = _media(request)
        body = await self.body(request)
        if ctype == "application/sparql-update":
            return await self._update(request, _utf8(body))
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            text = _one(form, "update")
            if text is not None:
                return await self._update(request, text)
        raise HTTPError(400, "POST an update: application/sparql-update, or a form with update=")

    async def _update(self, request: Request, text: str) -> Response:
        self.require_write(request)
        self.refuse_outside(text, update=True)

        def apply():
            try:
                self.ox.update(text)
            except SyntaxError as exc:
                raise HTTPError(400, f"malformed update: {exc}") from None
            except (OSError, RuntimeError, ValueError) as exc:
                raise HTTPError(500, f"update failed (nothing was written): {exc}") from None

        await self.write(apply)
        return Response(status_code=204)

    def _service_description(self, request: Request) -> Response:
        accept = request.headers.get("accept") or ""
        fmt_param = request.query_params.get("format")
        f = negotiate(accept, "graph", fmt_param)
        if f is _HTML:
            return RedirectResponse("/", status_code=303)
        base = str(request.base_url).rstrip("/")
        sd = "http://www.w3.org/ns/sparql-service-description#"
        formats = "http://www.w3.org/ns/formats/"
        me = NamedNode(base + "/sparql")
        rdf_type = NamedNode(RDF_NS + "type")
        ds, dg = BlankNode("dataset"), BlankNode("defaultGraph")
        languages = ["SPARQL11Query"] + (["SPARQL11Update"] if self.config.allow_updates else [])
        results = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                   "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"]  # fmt: skip
        comment = (
            "The default graph is the union of the article graphs (one named graph per "
            f"article, {GRAPH_NS}…). Limits: {self.config.timeout:g} s per query, "
            f"{self.config.max_rows} result rows or triples (refused, never truncated), "
            f"{self.config.max_body} request bytes; SERVICE and LOAD are refused."
        )
        triples = [
            Triple(me, rdf_type, NamedNode(sd + "Service")),
            Triple(me, NamedNode(RDFS_NS + "label"), Literal("Communique SPARQL endpoint")),
            Triple(me, NamedNode(RDFS_NS + "comment"), Literal(comment)),
            Triple(me, NamedNode(sd + "endpoint"), me),
            *(Triple(me, NamedNode(sd + "supportedLanguage"), NamedNode(sd + x))
              for x in languages),
            Triple(me, NamedNode(sd + "feature"), NamedNode(sd + "UnionDefaultGraph")),
            *(Triple(me, NamedNode(sd + "resultFormat"), NamedNode(formats + x))
              for x in results),
            Triple(me, NamedNode(sd + "defaultDataset"), ds),
            Triple(ds, rdf_type, NamedNode(sd + "Dataset")),
            Triple(ds, NamedNode(sd + "defaultGraph"), dg),
            Triple(dg, rdf_type, NamedNode(sd + "Graph")),
        ]  # fmt: skip
        prefixes = {"sd": sd, "formats": formats, "rdfs": RDFS_NS}
        body = serialize(triples, format=f.ox, prefixes=prefixes if f.name == "turtle" else None)
        return Response(body, headers={"Content-Type": f.content_type, "Vary": "Accept"})

    # -- /store: the Graph Store Protocol ----------------------------------------------------
    def _target(self, request: Request) -> NamedNode | None:
        """The graph of a GSP request: a NamedNode, None for ``?default``; 400 otherwise."""
        params = request.query_params
        graph, default = params.get("graph"), "default" in params
        if graph is not None and default:
            raise HTTPError(400, "give either ?graph=IRI or ?default, not both")
        if graph is not None:
            try:
                return NamedNode(graph)
            except ValueError as exc:
                raise HTTPError(400, f"graph={graph!r} is not an IRI: {exc}") from None
        if default:
            return None
        raise _NoTarget

    async def graph_store(self, request: Request) -> Response:
        try:
            target = self._target(request)
        except _NoTarget:
            return await self._whole_dataset(request)
        if request.method in ("GET", "HEAD"):
            return await self._gsp_get(request, target)
        self.require_write(request)
        if target is None:
            raise HTTPError(
                400,
                "the default graph is the union of the article graphs and cannot be written "
                "as such: write a named graph (?graph=IRI)",
            )
        if request.method == "DELETE":

            def drop():
                if not self.ox.contains_named_graph(target):
                    raise HTTPError(404, f"no graph {target.value}")
                self.ox.remove_graph(target)

            await self.write(drop)
            return Response(status_code=204)
        body = await self.body(request)
        fmt = _rdf_input_format(request, dataset=False)
        replace = request.method == "PUT"

        def store_graph() -> bool:
            quads = _parse_body(body, fmt, target)
            existed = self.ox.contains_named_graph(target)
            if replace:
                _replace_graph(self.ox, target, quads)
            else:
                self.ox.extend(quads)
                self.ox.add_graph(target)
            return existed

        existed = await self.write(store_graph)
        return Response(status_code=204 if existed else 201)

    async def _gsp_get(self, request: Request, target: NamedNode | None) -> Response:
        if target is None:
            query, kwargs = (
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                {"use_default_graph_as_union": True},
            )
        else:
            if not self.ox.contains_named_graph(target):
                raise HTTPError(404, f"no graph {target.value} in this store")
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {target} {{ ?s ?p ?o }} }}"
            kwargs = {}
        fmt = request.query_params.get("format")
        answer = await self.run(self.execute, query, kwargs, request.headers.get("accept"), fmt)
        return _respond(answer, request, "graph", head=request.method == "HEAD")

    async def _whole_dataset(self, request: Request) -> Response:
        if request.method == "POST":  # add the quads of an N-Quads/TriG body
            self.require_write(request)
            body = await self.body(request)
            fmt = _rdf_input_format(request, dataset=True)

            def add():
                quads = _parse_body(body, fmt, None)
                self.ox.extend(quads)
                for g in {q.graph_name for q in quads if isinstance(q.graph_name, NamedNode)}:
                    self.ox.add_graph(g)

            await self.write(add)
            return Response(status_code=204)
        if request.method != "GET" and request.method != "HEAD":
            raise HTTPError(400, "name the graph: ?graph=IRI (or ?default)")
        f = negotiate(request.headers.get("accept"), "dataset", request.query_params.get("format"))

        def dump(job: _Job) -> Answer:
            n = len(self.ox)
            if n > self.config.max_rows:
                raise _too_many(self.config.max_rows, "quads (use `communique export`)")
            sink = _Sink(job, None)
            self.ox.dump(sink, f.ox, prefixes=PREFIXES if f.name == "trig" else None)
            return Answer(sink.getvalue(), f, n)

        answer = await self.run(dump)
        return _respond(answer, request, "dataset", head=request.method == "HEAD")

    # -- /queries ---------------------------------------------------------------------------
    def _catalogue(self) -> dict[str, SavedQuery]:
        try:
            return catalogue(self.config.queries_dir)
        except QueryError as exc:
            raise HTTPError(500, f"the saved queries cannot be read: {exc}") from None

    async def list_queries(self, request: Request) -> Response:
        cat = self._catalogue()
        if _wants_html(request):
            return _html_response(_html_catalogue(cat))
        data = {
            "queries": [
                {
                    "name": q.name,
                    "title": q.title,
                    "description": q.description,
                    "url": f"/queries/{urllib.parse.quote(q.name)}",
                    "parameters": [
                        {
                            "name": p.name,
                            "type": p.type,
                            "required": p.required,
                            "default": p.default,
                            "description": p.description,
                        }
                        for p in q.parameters
                    ],
                    "sparql": q.text,
                }
                for q in cat.values()
            ]
        }
        return Response(
            json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
            headers={"Content-Type": "application/json", "Vary": "Accept"},
        )

    async def run_saved(self, request: Request) -> Response:
        name = request.path_params["name"]
        cat = self._catalogue()
        saved = cat.get(name)
        if saved is None:
            raise HTTPError(404, f"no saved query named {name!r}; see /queries")
        reserved = {"format", "output", "download"}
        values = {k: v for k, v in request.query_params.items() if k not in reserved}
        try:
            subs = saved.bind(values)
        except QueryError as exc:
            raise HTTPError(400, str(exc).replace("pass it with -p", "pass it as ?")) from None
        params = request.query_params
        answer = await self.run(
            self.execute,
            saved.text,
            {"use_default_graph_as_union": True, "substitutions": subs or None},
            request.headers.get("accept"),
            params.get("format") or params.get("output"),
            saved.title,
        )
        return _respond(answer, request, name)

    # -- /id/…: entity IRIs ------------------------------------------------------------------
    async def entity(self, request: Request) -> Response:
        try:
            iri = NamedNode(ID_NS + request.path_params["path"])
        except ValueError:
            raise HTTPError(404, f"{request.url.path} is not an entity IRI of this store") from None
        fmt = request.query_params.get("format")
        accept = request.headers.get("accept")
        f = negotiate(accept, "graph", fmt)
        if f is not _HTML:
            query = (
                f"CONSTRUCT {{ {iri} ?p ?o . ?s ?q {iri} . ?e ?ep ?eo }} WHERE {{ "
                f"{{ {iri} ?p ?o }} UNION {{ ?s ?q {iri} }} UNION "
                f"{{ {iri} <{CQ_NS}evidence> ?e . ?e ?ep ?eo }} }}"
            )
            answer = await self.run(
                self.execute, query, {"use_default_graph_as_union": True}, accept, fmt
            )
            if not answer.rows:
                raise HTTPError(404, f"this store says nothing about {iri.value}")
            return _respond(answer, request, iri.value.rsplit("/", 1)[-1])
        page = await self.run(self._entity_page, iri)
        if page is None:
            return _html_response(
                _html_page(
                    "Not found",
                    f"<p>This store says nothing about <code>{_e(iri.value)}</code>.</p>",
                ),
                status=404,
            )
        return _html_response(page)

    def _entity_page(self, job: _Job, iri: NamedNode) -> bytes | None:
        def select(q: str) -> list[dict]:
            res = self.ox.query(
                _ENTITY_PREFIXES + q.replace("$IRI", str(iri)), use_default_graph_as_union=True
            )
            names = [v.value for v in res.variables]
            rows = [{n: sol[n] for n in names} for sol in res]
            if job.expired():
                raise _Stop
            return rows

        out = select(_Q_OUT)
        incoming = select(_Q_IN)
        if not out and not incoming:
            return None
        articles = select(_Q_ARTICLES)
        evidence = select(_Q_EVIDENCE)
        return _html_entity(iri, out, incoming, articles, evidence)

    # -- the page for people -------------------------------------------------------------------
    async def index(self, request: Request) -> Response:
        return _html_response(self._web["index.html"])

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in self._web or name == "index.html":
            raise HTTPError(404, f"no file {name}")
        media = {"js": "text/javascript", "css": "text/css"}.get(name.rsplit(".", 1)[-1])
        return Response(
            self._web[name],
            headers={"Content-Type": f"{media}; charset=utf-8", "Cache-Control": "no-cache"},
        )


class _NoTarget(Exception):
    pass


def _body_too_large(limit: int, size: int) -> HTTPError:
    return HTTPError(
        413,
        f"the request body ({size:,} bytes or more) is over this server's limit of "
        f"{limit:,} bytes; send less at a time (the limit is set with "
        "`communique serve --max-body`)",
    )


def _media(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPError(400, f"the request body is not UTF-8: {exc}") from None


def _one(form: dict[str, list[str]], key: str) -> str | None:
    values = form.get(key)
    if not values:
        return None
    if len(values) > 1:
        raise HTTPError(400, f"{key}= is given {len(values)} times; send one")
    return values[0]


_INPUT_FORMATS = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
}


def _rdf_input_format(request: Request, dataset: bool) -> RdfFormat:
    ctype = _media(request)
    fmt = _INPUT_FORMATS.get(ctype)
    ok = (
        (RdfFormat.N_QUADS, RdfFormat.TRIG)
        if dataset
        else (RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.RDF_XML, RdfFormat.JSON_LD)
    )
    if fmt not in ok:
        names = ", ".join(sorted(k for k, v in _INPUT_FORMATS.items() if v in ok))
        raise HTTPError(415, f"unsupported Content-Type {ctype or '(none)'!r} here; use {names}")
    return fmt


def _parse_body(body: bytes, fmt: RdfFormat, graph: NamedNode | None) -> list[Quad]:
    base = graph.value if graph is not None else None
    try:
        quads = list(parse(body, format=fmt, base_iri=base))
    except SyntaxError as exc:
        raise HTTPError(400, f"the body is not valid {fmt.name}: {exc}") from None
    except ValueError as exc:
        raise HTTPError(400, f"the body cannot be read: {exc}") from None
    if graph is None:
        return quads
    out = []
    for q in quads:
        if not isinstance(q.graph_name, DefaultGraph):
            raise HTTPError(400, "the body names graphs of its own; PUT/POST one graph's triples")
        out.append(Quad(q.subject, q.predicate, q.object, graph))
    return out


def _replace_graph(ox, graph: NamedNode, quads: list[Quad]) -> None:
    """Replace a named graph in one transaction (as ArticleStore.replace_article does)."""
    body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    ox.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body} }} }}")
    ox.add_graph(graph)


def _answer_headers(answer: Answer, download: bool, stem: str) -> dict[str, str]:
    f = answer.format
    headers = {"Content-Type": f.content_type, "Vary": "Accept", **answer.headers}
    if answer.rows is not None:
        headers["Communique-Result-Rows"] = str(answer.rows)
    if download:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "result"
        headers["Content-Disposition"] = f'attachment; filename="{safe}.{f.ext}"'
    if f is _HTML:
        headers.update(_HTML_HEADERS)
    return headers


def _respond(answer: Answer, request: Request, stem: str, head: bool = False) -> Response:
    headers = _answer_headers(answer, bool(request.query_params.get("download")), stem)
    if head:
        headers["Content-Length"] = str(len(answer.body))
        return Response(b"", headers=headers)
    return Response(answer.body, headers=headers)


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept") or ""
    fmt = request.query_params.get("format")
    if fmt:
        return fmt == "html"
    html_q = json_q = 0.0
    for media, q in _parse_accept(accept):
        if media in ("text/html", "application/xhtml+xml"):
            html_q = max(html_q, q)
        elif media in ("application/json", "*/*", "application/*"):
            json_q = max(json_q, q if media == "application/json" else q - 0.001)
    return html_q > json_q


# --- HTML ----------------------------------------------------------------------------------
_HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_response(body: bytes | str, status: int = 200) -> Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    headers = {"Content-Type": "text/html; charset=utf-8", "Vary": "Accept", **_HTML_HEADERS}
    return Response(data, status_code=status, headers=headers)


def _html_page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_e(title)} — Communique</title><link rel="stylesheet" href="/static/style.css">'
        '</head><body><header><a class="home" href="/">Communique</a> '
        '<nav><a href="/">query</a> <a href="/queries">saved queries</a> '
        '<a href="/sparql?format=turtle">service description</a></nav></header>'
        f"<main>{body}</main></body></html>\n"
    )


def compact(iri: str) -> str:
    """``cq:name`` for an IRI under a known prefix, else the IRI.

    >>> compact("https://w3id.org/communique/ontology#Person")
    'cq:Person'
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, prefix
    if best:
        return f"{name}:{iri[len(best) :]}"
    return iri


def local_href(iri: str) -> str | None:
    """Where this server shows an IRI: entity IRIs at /id/…, article graphs at /store."""
    if iri.startswith(ID_NS):
        return "/id/" + urllib.parse.quote(iri[len(ID_NS) :], safe="/-._~")
    if iri.startswith(GRAPH_NS):
        return "/store?" + urllib.parse.urlencode({"graph": iri, "format": "turtle"})
    return None


def _term_html(term, label: str | None = None) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        text = _e(label or compact(term.value))
        href = local_href(term.value)
        if href is None:
            return f'<span class="iri" title="{_e(term.value)}">{text}</span>'
        return f'<a href="{_e(href)}" title="{_e(term.value)}">{text}</a>'
    if isinstance(term, BlankNode):
        return f'<span class="bnode">_:{_e(term.value)}</span>'
    if isinstance(term, Literal):
        extra = ""
        if term.language:
            extra = f'<span class="lang">@{_e(term.language)}</span>'
        elif term.datatype.value != _XSD_STRING:
            extra = f'<span class="dt">{_e(compact(term.datatype.value))}</span>'
        return f'<span class="lit">{_e(term.value)}</span>{extra}'
    return _e(str(term))


def _html_results(title: str, names: list[str], rows: list[list]) -> bytes:
    head = "".join(f"<th>{_e(n)}</th>" for n in names)
    body = "".join(
        "<tr>" + "".join(f"<td>{_term_html(t)}</td>" for t in row) + "</tr>" for row in rows
    )
    n = len(rows)
    table = f'<table class="results"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return _html_page(
        title, f"<h1>{_e(title)}</h1><p>{n} row{'s' if n != 1 else ''}</p>{table}"
    ).encode("utf-8")


def _html_catalogue(cat: dict[str, SavedQuery]) -> str:
    parts = ["<h1>Saved queries</h1>"]
    for q in cat.values():
        inputs = []
        for p in q.parameters:
            kind = {"integer": "number", "decimal": "number", "date": "date"}.get(p.type, "text")
            req = " required" if p.required else ""
            value = f' value="{_e(p.default)}"' if p.default else ""
            inputs.append(
                f"<label>{_e(p.name)} <small>({_e(p.type)}{', required' if p.required else ''})"
                f'</small> <input name="{_e(p.name)}" type="{kind}"{req}{value} '
                f'placeholder="{_e(p.description)}"></label>'
            )
        formats = "".join(
            f'<option value="{f.name}">{f.name}</option>' for f in RESULT_FORMATS[::-1]
        )
        parts.append(
            f'<section class="saved" id="q-{_e(q.name)}"><h2>{_e(q.title)} '
            f"<code>{_e(q.name)}</code></h2><p>{_e(q.description)}</p>"
            f'<form method="get" action="/queries/{_e(q.name)}">{"".join(inputs)}'
            f'<label>format <select name="format">{formats}</select></label>'
            '<button type="submit">Run</button></form>'
            f"<details><summary>SPARQL</summary><pre>{_e(q.text)}</pre></details></section>"
        )
    return _html_page("Saved queries", "".join(parts))


_ENTITY_PREFIXES = f"PREFIX cq: <{CQ_NS}>\nPREFIX rdfs: <{RDFS_NS}>\n"
_Q_OUT = """SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE {
  $IRI ?p ?o . OPTIONAL { ?o rdfs:label ?l } } GROUP BY ?p ?o ORDER BY ?p ?o LIMIT 2001"""
_Q_IN = """SELECT ?s ?p (SAMPLE(?l) AS ?label) WHERE {
  ?s ?p $IRI . OPTIONAL { ?s rdfs:label ?l } } GROUP BY ?s ?p ORDER BY ?p ?s LIMIT 501"""
_Q_ARTICLES = """SELECT DISTINCT ?article ?title ?date ?url ?source WHERE {
  GRAPH ?g { { $IRI ?p ?o } UNION { ?s ?p $IRI } }
  GRAPH ?g { ?article a cq:Article }
  OPTIONAL { ?article cq:title ?title } OPTIONAL { ?article cq:published ?date }
  OPTIONAL { ?article cq:url ?url } OPTIONAL { ?article cq:source ?source }
} ORDER BY ?date ?article LIMIT 501"""
_Q_EVIDENCE = """SELECT DISTINCT ?via ?sentence ?span ?start ?rule ?confidence ?article ?title
WHERE {
  { BIND($IRI AS ?via) } UNION { ?via cq:holder $IRI } UNION { ?via cq:participant $IRI }
  UNION { $IRI cq:hasParticipation ?via } UNION { ?via cq:atSite $IRI }
  ?via cq:evidence ?e . ?e cq:sentence ?sentence ; cq:inArticle ?article .
  OPTIONAL { ?e cq:spanText ?span } OPTIONAL { ?e cq:startOffset ?start }
  OPTIONAL { ?e cq:rule ?rule } OPTIONAL { ?e cq:confidence ?confidence }
  OPTIONAL { ?article cq:title ?title }
} ORDER BY ?article ?start LIMIT 501"""


def _more(rows: list, limit: int) -> str:
    if len(rows) > limit:
        return f'<p class="note">Only the first {limit} are shown; query /sparql for all.</p>'
    return ""


def _html_entity(iri: NamedNode, out, incoming, articles, evidence) -> bytes:
    names = [r["o"].value for r in out if r["p"].value in (CQ_NS + "name", RDFS_NS + "label")]
    types = [
        compact(r["o"].value)
        for r in out
        if r["p"].value == RDF_NS + "type" and r["o"].value != OWL_NS + "NamedIndividual"
    ]
    title = names[0] if names else compact(iri.value)
    stem = urllib.parse.quote(iri.value[len(ID_NS) :], safe="/-._~")
    downloads = " ".join(
        f'<a href="/id/{stem}?format={f.name}&amp;download=1" download>{f.name}</a>'
        for f in GRAPH_FORMATS[:-1]
    )
    parts = [
        f"<h1>{_e(title)} <small>{_e(', '.join(types))}</small></h1>",
        f'<p class="iri"><code>{_e(iri.value)}</code></p>',
        f'<p class="downloads">As data: {downloads}</p>',
        "<h2>What the graph says about it</h2>",
        '<table class="props"><tbody>',
    ]
    for r in out[:2000]:
        label = r["label"].value if r.get("label") is not None else None
        parts.append(f"<tr><th>{_term_html(r['p'])}</th><td>{_term_html(r['o'], label)}</td></tr>")
    parts.append("</tbody></table>" + _more(out, 2000))
    if incoming:
        parts.append('<h2>What points to it</h2><table class="props"><tbody>')
        for r in incoming[:500]:
            label = r["label"].value if r.get("label") is not None else None
            parts.append(
                f"<tr><td>{_term_html(r['s'], label)}</td><th>{_term_html(r['p'])}</th></tr>"
            )
        parts.append("</tbody></table>" + _more(incoming, 500))
    if articles:
        parts.append('<h2>Articles that attest it</h2><ul class="articles">')
        for r in articles[:500]:
            title_ = r["title"].value if r.get("title") is not None else None
            date = r["date"].value[:10] if r.get("date") is not None else ""
            source = f" — {_e(r['source'].value)}" if r.get("source") is not None else ""
            url = r.get("url")
            link = f' <a class="ext" href="{_e(url.value)}">source</a>' if url is not None else ""
            parts.append(f"<li>{_e(date)} {_term_html(r['article'], title_)}{source}{link}</li>")
        parts.append("</ul>" + _more(articles, 500))
    if evidence:
        parts.append(
            '<h2>Evidence</h2><table class="evidence"><thead><tr><th>sentence</th>'
            "<th>article</th><th>about</th><th>rule</th><th>confidence</th></tr></thead><tbody>"
        )
        for r in evidence[:500]:
            sentence = r["sentence"].value
            span = r["span"].value if r.get("span") is not None else ""
            text = _e(sentence)
            if span and span in sentence:
                i = sentence.index(span)
                text = _e(sentence[:i]) + f"<mark>{_e(span)}</mark>" + _e(sentence[i + len(span) :])
            title_ = r["title"].value if r.get("title") is not None else None
            via = r["via"]
            about = "" if via == iri else _term_html(via)
            parts.append(
                f'<tr><td class="sentence">{text}</td><td>{_term_html(r["article"], title_)}</td>'
                f"<td>{about}</td><td>{_term_html(r.get('rule'))}</td>"
                f"<td>{_term_html(r.get('confidence'))}</td></tr>"
            )
        parts.append("</tbody></table>" + _more(evidence, 500))
    return _html_page(title, "".join(parts)).encode("utf-8")


def _load_web() -> dict[str, bytes]:
    files = {}
    for name in ("index.html", "app.js", "style.css"):
        path = WEB_DIR / name
        if not path.is_file():
            raise CommuniqueError(f"the web page files are missing: {path} not found")
        files[name] = path.read_bytes()
    files["index.html"] = files["index.html"].replace(b"{{ID_NS}}", _e(ID_NS).encode())
    return files


# --- the application -------------------------------------------------------------------------
async def ontology_page(request: Request) -> Response:
    """The ontology: its pyLODE documentation for browsers, the Turtle file for machines."""
    from .paths import REPO_ROOT, ontology_dir

    accept = request.headers.get("accept", "")
    html = REPO_ROOT / "docs" / "ontology.html"
    if "text/html" in accept and html.is_file():
        return Response(html.read_bytes(), headers={"Content-Type": "text/html; charset=utf-8"})
    ttl = ontology_dir() / "communique.ttl"
    if not ttl.is_file():
        raise HTTPError(404, f"no ontology file at {ttl} (set COMMUNIQUE_ONTOLOGY_DIR)")
    return Response(ttl.read_bytes(), headers={"Content-Type": "text/turtle; charset=utf-8"})


def create_app(store: ArticleStore, config: EndpointConfig | None = None) -> Starlette:
    """The ASGI application over an open store. ``app.state.endpoint`` is the :class:`Endpoint`.

    >>> app = create_app(ArticleStore(None))
    >>> sorted(r.path for r in app.routes)[:3]
    ['/', '/id/{path:path}', '/queries']
    """
    ep = Endpoint(store, config or EndpointConfig())

    async def on_error(request: Request, exc: HTTPError) -> Response:
        return Response(
            (exc.message + "\n").encode("utf-8"),
            status_code=exc.status,
            headers={"Content-Type": "text/plain; charset=utf-8", **exc.headers},
        )

    write = ["PUT", "POST", "DELETE"]
    routes = [
        Route("/", ep.index, methods=["GET"]),
        Route("/sparql", ep.sparql, methods=["GET", "POST"]),
        Route("/update", ep.update_route, methods=["POST"]),
        Route("/store", ep.graph_store, methods=["GET", "HEAD", *write]),
        Route("/queries", ep.list_queries, methods=["GET"]),
        Route("/queries/{name}", ep.run_saved, methods=["GET"]),
        Route("/id/{path:path}", ep.entity, methods=["GET"]),
        Route("/static/{name}", ep.static, methods=["GET"]),
        Route("/ontology", ontology_page, methods=["GET"]),
    ]
    middleware = []
    if ep.config.cors_origin:
        origins = [o.strip() for o in ep.config.cors_origin.split(",") if o.strip()]
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST", "HEAD"] + (write if ep.config.allow_updates else []),
                allow_headers=["Accept", "Authorization", "Content-Type"],
                expose_headers=["Communique-Result-Rows", "Content-Disposition"],
            )
        )

    @asynccontextmanager
    async def lifespan(app):
        yield
        ep.pool.shutdown()
        ep.writer.shutdown()

    app = _App(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPError: on_error},
        lifespan=lifespan,
    )
    app.state.endpoint = ep
    app.fast = None if middleware else ep.fast_query  # CORS headers come from the middleware
    return app


class _App(Starlette):
    """Starlette, with ``GET /sparql`` taken straight to :meth:`Endpoint.fast_query`."""

    fast: Callable | None = None

    async def __call__(self, scope, receive, send) -> None:
        if (
            self.fast is not None
            and scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] == "/sparql"
            and await self.fast(scope, send)
        ):
            return
        await super().__call__(scope, receive, send)


class BackgroundServer:
    """The endpoint served from a thread on a (by default free) loopback port, for tests and
    notebooks; a context manager. ``url`` is the base URL, ``endpoint`` the handlers.

    >>> with BackgroundServer(ArticleStore(None)) as srv:
    ...     srv.url.startswith("http://127.0.0.1:")
    True
    """

    def __init__(self, store: ArticleStore, config: EndpointConfig | None = None,
                 host: str = "127.0.0.1", port: int = 0) -> None:  # fmt: skip
        import uvicorn

        self.app = create_app(store, config)
        self.endpoint: Endpoint = self.app.state.endpoint
        self._server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                host=host,
                port=port,
                log_level="warning",
                access_log=False,
                server_header=False,
            )  # fmt: skip
        )
        self._thread = threading.Thread(target=self._server.run, name="communique-http",
                                        daemon=True)  # fmt: skip
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise CommuniqueError(f"the endpoint did not start on {host}:{port}")
            time.sleep(0.01)
        sock = self._server.servers[0].sockets[0]
        self.port = sock.getsockname()[1]
        self.url = f"http://{host}:{self.port}"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> BackgroundServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(
    store_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    allow_updates: bool = False,
    token: str | None = None,
    cors_origin: str | None = None,
    timeout: float = 30.0,
    max_rows: int = 100_000,
    max_body: int = 16 * 1024 * 1024,
    queries_dir: Path | None = None,
    log_level: str = "info",
) -> None:
    """Serve the store at ``store_path`` until interrupted (what ``communique serve`` runs).

    The store is held open read-write, so a second writer (an ingest) is refused with a clear
    message instead of racing the server; one process, one event loop, a pool of query
    threads (pyoxigraph releases the GIL, and RocksDB allows one writer process, so several
    worker processes are not an option).
    """
    import uvicorn

    config = EndpointConfig(
        allow_updates=allow_updates,
        token=token,
        cors_origin=cors_origin,
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        queries_dir=queries_dir,
    )
    config.check()
    path = Path(store_path)
    if not allow_updates and not (path / "CURRENT").exists():
        raise CommuniqueError(
            f"no store at {path}: build one first with `communique --store {path} ingest …` "
            "(or start with --allow-updates to fill an empty store over HTTP)"
        )
    store = ArticleStore(path)
    try:
        app = create_app(store, config)
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                host=host,
                port=port,
                log_level=log_level,
                access_log=log_level in ("info", "debug"),
                server_header=False,
                timeout_graceful_shutdown=5,
            )
        )
        server.run()
    finally:
        store.close()


__all__ = [
    "BackgroundServer",
    "Endpoint",
    "EndpointConfig",
    "HTTPError",
    "OutsideAccess",
    "create_app",
    "find_outside_access",
    "negotiate",
    "serve",
]
