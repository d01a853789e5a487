"""End-to-end ingest on real files: the data/ folder, bad input in a batch, re-ingest, and an
interrupted ingest that must leave no half-written article."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from communique.articles import iter_articles
from communique.cli import main
from communique.extract import extract
from communique.ingest import ingest_paths
from communique.mapping import map_extraction
from communique.store import ArticleStore, graph_iri

REPO = Path(__file__).resolve().parents[1]
GOOD = (
    " date 2024-02-20\n\nMarenian Minister of Defence Tomas Ekholm met with Kestrian Chief of "
    "the General Staff, Lieutenant General Mira Solberg, in Tallow on Monday.\n"
)


def _bad_batch(folder: Path) -> dict[str, str]:
    """Write one good article and every kind of bad one; return file name -> expected words."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (folder / "latin1.txt").write_bytes(b" date 2024-01-01\n\nMinister \xe9t\xe9.")
    lines = [
        json.dumps({"id": "rec-ok", "date": "2024-03-01", "text": GOOD.split("\n", 2)[2]}),
        '{"id": "rec-broken", "date": ',
        json.dumps({"id": "rec-notext", "date": "2024-03-01"}),
        json.dumps({"id": "rec-nodate", "text": "Minister Ekholm spoke."}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    big = " date 2024-01-01\n\n" + ("Minister Ekholm met officials. " * 340_000)
    (folder / "huge.txt").write_text(big, encoding="utf-8")
    return {
        "empty.txt": "empty",
        "binary.txt:1": "binary",
        "latin1.txt:3": "UTF-8",
        "feed.jsonl:2": "JSON",
        "feed.jsonl:3": "text",
        "feed.jsonl:4": "date",
        "huge.txt": "limit",
    }


def test_data_folder_ingests_cleanly(store):
    report = ingest_paths(store, [REPO / "data"])
    assert report.ok, [str(f) for f in report.failures]
    assert report.articles >= 8 and report.officials > 10 and report.events > 10
    # the ontology and the derived identity graph are not article triples
    assert report.triples == store.count_quads() - _graph_quads(store, "ontology", "identity")


def _graph_quads(store, *names: str) -> int:
    total = 0
    for name in names:
        q = (
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/communique/graph/{name}> "
            "{ ?s ?p ?o } }"
        )
        total += int(next(iter(store.oxigraph.query(q)))["n"].value)
    return total


def test_reingest_changes_nothing(store):
    ingest_paths(store, [REPO / "data"])
    before = sorted(str(q) for q in store.oxigraph)
    ingest_paths(store, [REPO / "data"])
    assert sorted(str(q) for q in store.oxigraph) == before


def test_bad_input_is_reported_and_skipped(tmp_path, store):
    expected = _bad_batch(tmp_path / "batch")
    report = ingest_paths(store, [tmp_path / "batch"])
    assert set(report.article_ids) == {"good", "rec-ok"}
    failed = {Path(f.source).name: f.reason for f in report.failures}
    assert set(failed) == set(expected), failed
    for name, word in expected.items():
        assert word.lower() in failed[name].lower(), (name, failed[name])


def test_cli_ingest_exit_status_and_summary(tmp_path):
    expected = _bad_batch(tmp_path / "batch")
    res = CliRunner().invoke(
        main, ["--store", str(tmp_path / "s"), "ingest", str(tmp_path / "batch")]
    )
    assert res.exit_code == 1
    assert "2 articles stored, 7 failed" in res.output
    assert res.output.count("skipped ") == len(expected)
    res = CliRunner().invoke(main, ["--store", str(tmp_path / "s2"), "ingest", str(REPO / "data")])
    assert res.exit_code == 0, res.output
    assert "0 failed" in res.output


def test_ingest_refused_while_store_is_held(tmp_path):
    path = tmp_path / "held"
    holder = ArticleStore(path)
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "communique.cli",
                "--store",
                str(path),
                "ingest",
                str(REPO / "data"),
            ],
            capture_output=True,
            text=True,
        )
    finally:
        holder.close()
    assert proc.returncode == 2
    assert "in use by another process" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_interrupted_ingest_leaves_only_whole_articles(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from generate import article

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        aid, text = article(i, seed=3)
        (folder / f"{aid}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "store"
    child = (
        "import sys\n"
        "from communique.ingest import ingest_paths\n"
        "from communique.store import ArticleStore\n"
        "s = ArticleStore(sys.argv[1])\n"
        "ingest_paths(s, [sys.argv[2]], on_article=lambda src, ok: print(src, flush=True))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", child, str(path), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    for _ in range(25):  # let it store some articles, then kill it mid-batch
        assert proc.stdout.readline(), "the ingest ended before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    articles = {a.id: a for a in iter_articles([folder])}
    with ArticleStore(path) as s:
        stored = [g for g in s.graphs() if g.value.rsplit("/", 1)[-1] in articles]
        for g in stored:
            aid = g.value.rsplit("/", 1)[-1]
            n = sum(1 for _ in s.oxigraph.quads_for_pattern(None, None, None, graph_iri(aid)))
            assert n == len(set(map_extraction(extract(articles[aid])))), aid
    assert 25 <= len(stored) < len(articles), "interrupted mid-batch, whole articles kept"
