"""The orchestration: read → extract → map → (validate) → store, one article at a time.

A malformed article is reported and skipped; the rest of the batch goes on. Each article is
written in one transaction, so an interrupted ingest never leaves a half-written article.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, parse

from .articles import iter_articles
from .errors import ArticleError, ValidationError
from .extract import extract
from .identity import Identity, Transaction
from .mapping import map_article
from .model import Article, Extraction
from .paths import ontology_dir
from .store import ArticleStore
from .vocab import GRAPH_NS

ONTOLOGY_GRAPH = NamedNode(GRAPH_NS + "ontology")


@dataclass
class Failure:
    """An article that was not stored, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class IngestReport:
    """What a batch did: counts for the summary line, failures for the exit status."""

    articles: int = 0  # stored
    officials: int = 0
    institutions: int = 0
    events: int = 0
    triples: int = 0  # triples written (sum over article graphs)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    article_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.articles} articles stored, {len(self.failures)} failed; "
            f"{self.officials} officials, {self.institutions} institutions, "
            f"{self.events} events, {self.triples} triples in {self.seconds:.2f}s "
            f"({rate:.0f} articles/s)"
        )


def load_ontology(store: ArticleStore) -> int:
    """Put ontology/communique.ttl into its own named graph (replaced each time) so queries
    and exports can use class labels and the hierarchy; 0 when the file is absent."""
    path = ontology_dir() / "communique.ttl"
    if not path.is_file():
        return 0
    bnodes: dict[BlankNode, BlankNode] = {}

    def stable(term):
        # the parser mints fresh blank-node ids each time; number them in file order instead
        # so that re-loading the same ontology changes nothing in the store
        if isinstance(term, BlankNode):
            return bnodes.setdefault(term, BlankNode(f"ontology{len(bnodes)}"))
        return term

    quads = [
        Quad(stable(t.subject), t.predicate, stable(t.object), ONTOLOGY_GRAPH)
        for t in parse(path=str(path), format=RdfFormat.TURTLE)
    ]
    if store.oxigraph.contains_named_graph(ONTOLOGY_GRAPH):
        store.oxigraph.remove_graph(ONTOLOGY_GRAPH)
    store.oxigraph.extend(quads)
    return len(quads)


def prepare_article(article: Article, validator: Callable | None = None):
    """Extract and map one article (and validate its graph); returns (extraction, mapped)."""
    ex = extract(article)
    mapped = map_article(ex)
    if validator is not None:
        validator(article, mapped.triples)
    return ex, mapped


def ingest_article(
    store: ArticleStore,
    article: Article,
    validator: Callable | None = None,
    identity: Identity | None = None,
):
    """Extract, map and store one article with cross-article identity; returns
    (extraction, triple count)."""
    ex, mapped = prepare_article(article, validator)
    return ex, (identity or Identity(store)).put(mapped)


def remove_article(store: ArticleStore, article_id: str) -> bool:
    """Remove an article and everything only it attested (identity follows); False when
    the article is not stored."""
    return Identity(store).remove(article_id)


# Committed articles between two flushes of the store's write buffers. RocksDB keeps every
# write in memory tables until they fill (64 MB per column family, of which Oxigraph has a
# dozen): peak memory grew by 0.5 MB per article, and inserts into the larger tables were
# slower. Flushing every 100 articles (~60k quads) kept 1000 articles under 350 MB.
FLUSH_EVERY = 100


def _commit(identity: Identity, planned: Transaction, started: threading.Event) -> int:
    """Run one planned transaction in the writer thread. ``started`` tells the ingest thread,
    which waits for it, that this thread holds the GIL: without that handshake the writer
    would wait for the ingest thread's switch interval (5 ms) before it could even start."""
    started.set()
    return identity.commit(planned)


def ingest_paths(
    store: ArticleStore,
    paths: Iterable[str | Path],
    validator: Callable | None = None,
    on_article: Callable[[str, bool], None] | None = None,
) -> IngestReport:
    """Ingest every article under ``paths``; never raises for a single bad article.

    Each article is one transaction: its graph and the identity changes it makes. This thread
    plans the transaction and one writer thread runs it; pyoxigraph releases the GIL while it
    writes, so the next article is read, extracted and mapped meanwhile. Planning waits for
    the previous commit, because identity decisions read what the store holds. All other
    Python work stays in this thread: a second thread running Python would only fight for the
    GIL (identity planning in the writer thread made ingest slower than no thread at all).
    """
    report = IngestReport()
    start = time.perf_counter()
    load_ontology(store)
    identity = Identity(store)
    seen: dict[str, str] = {}
    pending: tuple[Future[int], str, str, Extraction] | None = None

    def done(src: str, failure: str | None = None, ex=None, aid: str = "", n: int = 0) -> None:
        if failure is not None:
            report.failures.append(Failure(src, failure))
        else:
            report.articles += 1
            report.article_ids.append(aid)
            report.officials += len(ex.officials)
            report.institutions += len(ex.institutions)
            report.events += len(ex.events)
            report.triples += n
        if on_article:
            on_article(src, failure is None)

    def settle() -> None:
        """Wait for the commit in flight, if any, and report it."""
        nonlocal pending
        if pending is None:
            return
        future, src, aid, ex = pending
        pending = None
        try:
            n = future.result()
        except Exception as exc:  # noqa: BLE001 - report, keep the batch going
            done(src, f"could not be stored: {type(exc).__name__}: {exc}")
        else:
            done(src, None, ex, aid, n)
            if report.articles % FLUSH_EVERY == 0:
                store.flush()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="communique-writer") as writer:
        try:
            for item in iter_articles(paths):
                if isinstance(item, ArticleError):
                    done(item.source + (f":{item.line}" if item.line else ""), item.reason)
                    continue
                src = item.path or item.id
                if item.id in seen and seen[item.id] != src:
                    done(
                        src,
                        f"article id {item.id!r} is also used by {seen[item.id]}; give the "
                        "record a unique `id` (the later one was skipped so the first is not "
                        "overwritten)",
                    )
                    continue
                seen[item.id] = src
                try:
                    ex, mapped = prepare_article(item, validator)
                except ArticleError as exc:
                    done(src, exc.reason)
                    continue
                except ValidationError as exc:
                    done(src, f"not stored: {exc}")
                    continue
                except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                    done(src, f"could not be processed: {type(exc).__name__}: {exc}")
                    continue
                settle()
                try:
                    planned = identity.plan(mapped)
                except Exception as exc:  # noqa: BLE001 - report, keep the batch going
                    done(src, f"could not be stored: {type(exc).__name__}: {exc}")
                    continue
                started = threading.Event()
                pending = (writer.submit(_commit, identity, planned, started), src, item.id, ex)
                started.wait()
        finally:
            settle()
    store.flush()
    report.seconds = time.perf_counter() - start
    return report
