"""The command line, on real stores on disk (in-process via click's runner, and one real
subprocess of the installed console script)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import rdflib
from click.testing import CliRunner

from communique.cli import main
from communique.store import ArticleStore


def _run(store: Path, *args: str):
    return CliRunner().invoke(main, ["--store", str(store), *args], catch_exceptions=False)


def test_query_table_and_json(filled_store_path):
    res = _run(filled_store_path, "query", "officials")
    assert res.exit_code == 0, res.output
    assert "Tomas Ekholm" in res.output and "Major General" in res.output
    res = _run(filled_store_path, "query", "officials", "--format", "json")
    data = json.loads(res.output)
    assert data["head"]["vars"] == ["official", "name", "rank", "post", "institution", "country"]
    names = {b["name"]["value"] for b in data["results"]["bindings"]}
    assert names == {"Tomas Ekholm", "Ines Varro", "Mira Solberg"}


def test_query_with_parameter(filled_store_path):
    iri = "https://w3id.org/communique/id/person/tomas-ekholm"
    res = _run(filled_store_path, "query", "meetings-of", "-p", f"official={iri}", "-f", "csv")
    assert res.exit_code == 0, res.output
    assert "Ines Varro" in res.output


def test_query_errors_are_clear(filled_store_path):
    res = _run(filled_store_path, "query", "meetings-of")
    assert res.exit_code == 2 and "needs parameter 'official'" in res.output
    res = _run(filled_store_path, "query", "nope")
    assert res.exit_code == 2 and "no saved query named 'nope'" in res.output
    res = _run(filled_store_path, "query", "officials", "-p", "novalue")
    assert res.exit_code == 2 and "KEY=VALUE" in res.output


def test_query_on_missing_store(tmp_path):
    res = _run(tmp_path / "none", "query", "officials")
    assert res.exit_code == 2 and "no store at" in res.output


def test_query_file(filled_store_path, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text(
        "# title: Count people\n"
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://w3id.org/communique/ontology#Person> }\n"
    )
    res = _run(filled_store_path, "query", str(rq), "-f", "tsv")
    assert res.exit_code == 0 and res.output.strip().splitlines()[-1] == "3"


def test_stats(filled_store_path):
    res = _run(filled_store_path, "stats")
    assert res.exit_code == 0
    stats = {k.strip(): int(v) for k, v in (ln.split(":") for ln in res.output.splitlines())}
    assert stats["articles"] == 2 and stats["officials"] == 3 and stats["events"] == 5


def test_export_turtle_and_nquads_roundtrip(filled_store_path, tmp_path):
    ttl = tmp_path / "out.ttl"
    assert _run(filled_store_path, "export", "-f", "turtle", "-o", str(ttl)).exit_code == 0
    g = rdflib.Graph().parse(ttl, format="turtle")
    assert len(g) > 50
    nq = tmp_path / "out.nq"
    assert _run(filled_store_path, "export", "-f", "nquads", "-o", str(nq)).exit_code == 0
    ds = rdflib.Dataset().parse(nq, format="nquads")
    graphs = {str(c.identifier) for c in ds.graphs()}
    assert "https://w3id.org/communique/graph/golden-meeting" in graphs
    with ArticleStore(filled_store_path, read_only=True) as s:
        assert len(ds) == s.count_quads()


def test_export_one_article(filled_store_path, tmp_path):
    out = tmp_path / "one.ttl"
    res = _run(filled_store_path, "export", "--article", "golden-visit", "-o", str(out))
    assert res.exit_code == 0
    text = out.read_text()
    assert "mira-solberg" in text and "tomas-ekholm" not in text
    res = _run(filled_store_path, "export", "--article", "missing")
    assert res.exit_code == 2 and "no article 'missing'" in res.output


def test_remove(filled_store_path):
    assert _run(filled_store_path, "remove", "golden-visit").exit_code == 0
    res = _run(filled_store_path, "query", "officials", "-f", "csv")
    assert "Mira Solberg" not in res.output and "Tomas Ekholm" in res.output
    res = _run(filled_store_path, "remove", "golden-visit")
    assert res.exit_code == 2 and "no article" in res.output


def test_console_script_lists_queries():
    exe = shutil.which("communique") or str(
        Path(__import__("sys").executable).parent / "communique"
    )
    proc = subprocess.run([exe, "queries"], capture_output=True, text=True, check=True)
    assert "officials:" in proc.stdout and "-p official=<iri> (required)" in proc.stdout
