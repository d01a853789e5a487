"""The on-disk store: replace-on-reingest, removal, union queries, the second-writer lock."""

from __future__ import annotations

import subprocess
import sys

import pytest

from communique.errors import StoreLockedError
from communique.mapping import map_extraction
from communique.store import ArticleStore, graph_iri
from communique.vocab import CQ


def _people(store):
    return {r["p"].value for r in store.query(f"SELECT ?p WHERE {{ ?p a {CQ.Person} }}")}


def test_replace_article_is_idempotent(store, golden_extractions):
    ex = golden_extractions["meeting"]
    triples = map_extraction(ex)
    assert store.replace_article(ex.article.id, triples) == len(triples)
    before = store.count_quads()
    store.replace_article(ex.article.id, triples)
    assert store.count_quads() == before == len(triples)


def test_reingest_replaces_exactly_the_articles_facts(store, golden_extractions):
    meeting, visit = golden_extractions["meeting"], golden_extractions["visit"]
    store.replace_article(meeting.article.id, map_extraction(meeting))
    store.replace_article(visit.article.id, map_extraction(visit))
    visit_quads = store.count_quads() - len(map_extraction(meeting))
    meeting.officials = meeting.officials[:1]  # the article now names one person only
    meeting.events = [e for e in meeting.events if e.type == "Statement"]
    new = map_extraction(meeting)
    store.replace_article(meeting.article.id, new)
    assert store.count_quads() == len(new) + visit_quads
    people = _people(store)
    assert any(p.endswith("tomas-ekholm") for p in people)
    assert not any(p.endswith("ines-varro") for p in people)
    assert any(p.endswith("mira-solberg") for p in people), "the other article is untouched"


def test_remove_article_keeps_shared_nodes_attested_elsewhere(store, golden_extractions):
    ex = golden_extractions["meeting"]
    store.replace_article("a", map_extraction(ex))
    ex.article.id = "b"
    store.replace_article("b", map_extraction(ex))
    assert store.remove_article("a") is True
    assert store.remove_article("a") is False
    assert any(p.endswith("tomas-ekholm") for p in _people(store))
    store.remove_article("b")
    assert not _people(store)


def test_union_query_sees_every_article(store, golden_extractions):
    for ex in golden_extractions.values():
        store.replace_article(ex.article.id, map_extraction(ex))
    assert len(_people(store)) == 2 + 1
    assert set(store.article_ids()) == {"golden-meeting", "golden-visit"}
    assert {g.value for g in store.graphs()} >= {
        graph_iri("golden-meeting").value,
        graph_iri("golden-visit").value,
    }


def test_count_triples_is_distinct_over_graphs(store, golden_extractions):
    ex = golden_extractions["meeting"]
    triples = map_extraction(ex)
    store.replace_article("a", triples)
    store.replace_article("b", triples)
    assert store.count_quads() == 2 * len(triples)
    assert store.count_triples() == len(triples)


def test_second_writer_gets_a_clear_message(tmp_path):
    path = tmp_path / "locked"
    holder = ArticleStore(path)
    try:
        code = (
            "import sys\n"
            "from communique.store import ArticleStore\n"
            "from communique.errors import StoreLockedError\n"
            f"try:\n    ArticleStore({str(path)!r})\n"
            "except StoreLockedError as e:\n    print(e); sys.exit(3)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode == 3, proc.stderr
        assert "in use by another process" in proc.stdout
        assert "Traceback" not in proc.stdout + proc.stderr
    finally:
        holder.close()


def test_same_process_second_open_is_also_reported(tmp_path):
    path = tmp_path / "twice"
    first = ArticleStore(path)
    try:
        with pytest.raises(StoreLockedError, match="in use"):
            ArticleStore(path)
    finally:
        first.close()


def test_read_only_open_of_missing_store_says_how_to_build_one(tmp_path):
    with pytest.raises(Exception, match="ingest"):
        ArticleStore(tmp_path / "nothing", read_only=True)
