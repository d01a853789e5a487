"""`communique serve` as a user starts it: a real subprocess on a free port, spoken to with
curl, holding the store so that an ingest in another process is refused and the store stays
intact."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from test_endpoint import NAMES, fill

from communique.store import ArticleStore

BIN = Path(sys.executable).parent
COMMUNIQUE = str(BIN / "communique")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("served") / "store"
    with ArticleStore(path) as store:
        fill(store)
    return path


@pytest.fixture(scope="module")
def served(store_path):
    port = free_port()
    proc = subprocess.Popen(
        [COMMUNIQUE, "--store", str(store_path), "serve", "--port", str(port),
         "--log-level", "warning"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url + "/sparql", timeout=1)
            break
        except httpx.HTTPError:
            if proc.poll() is not None or time.monotonic() > deadline:
                out, err = proc.communicate(timeout=5)
                pytest.fail(f"communique serve did not start: {err}")
            time.sleep(0.1)
    yield url, proc
    proc.terminate()
    proc.wait(timeout=15)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl(served):
    url, _ = served
    out = subprocess.run(
        ["curl", "-sS", "-w", "\n%{http_code} %{content_type}", "-H", "Accept: text/csv",
         "--data-urlencode", f"query={NAMES}", url + "/sparql"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    body, status = out.rsplit("\n", 1)
    assert status == "200 text/csv; charset=utf-8"
    assert body.splitlines() == [
        "p,name",
        "https://w3id.org/communique/id/person/ines-varro,Ines Varro",
        "https://w3id.org/communique/id/person/oguz-sahin,Oğuz Şahin",
        "https://w3id.org/communique/id/person/tomas-ekholm,Tomas Ekholm",
    ]


def test_the_repository_saved_queries_are_served(served):
    url, _ = served
    listing = httpx.get(url + "/queries").json()["queries"]
    assert {"officials", "meetings-of", "provenance"} <= {q["name"] for q in listing}
    for q in listing:
        if not any(p["required"] for p in q["parameters"]):
            r = httpx.get(url + q["url"], headers={"Accept": "application/sparql-results+json"})
            assert r.status_code == 200, (q["name"], r.text)
    r = httpx.get(url + "/queries/officials", params={"format": "json"})
    names = {b["name"]["value"] for b in r.json()["results"]["bindings"]}
    assert {"Ines Varro", "Oğuz Şahin", "Tomas Ekholm"} <= names


def test_ingest_while_serving_is_refused_and_the_store_stays_intact(served, store_path, tmp_path):
    url, proc = served
    before = httpx.get(url + "/store", headers={"Accept": "application/n-quads"}).text
    article = tmp_path / "new-article.txt"
    article.write_text(
        "Minister of Defence Tomas Ekholm met Rear Admiral Ines Varro in Kestrel.\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [COMMUNIQUE, "--store", str(store_path), "ingest", str(article)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode != 0
    assert "in use by another process" in run.stderr
    assert "communique serve" in run.stderr  # the message says what to do
    assert proc.poll() is None  # the server is unharmed
    after = httpx.get(url + "/store", headers={"Accept": "application/n-quads"}).text
    assert sorted(after.splitlines()) == sorted(before.splitlines())
    second = subprocess.run(
        [COMMUNIQUE, "--store", str(store_path), "serve", "--port", str(free_port())],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert second.returncode == 2 and "in use by another process" in second.stderr


def test_serve_refuses_what_cannot_work(tmp_path):
    missing = subprocess.run(
        [COMMUNIQUE, "--store", str(tmp_path / "nothing"), "serve"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert missing.returncode == 2 and "no store at" in missing.stderr
    env = {k: v for k, v in os.environ.items() if k != "COMMUNIQUE_TOKEN"}
    no_token = subprocess.run(
        [COMMUNIQUE, "--store", str(tmp_path / "nothing"), "serve", "--allow-updates"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert no_token.returncode == 2 and "--token" in no_token.stderr


def test_updates_through_the_served_store(tmp_path):
    """An empty store filled over HTTP with the token from the environment."""
    port = free_port()
    env = {**os.environ, "COMMUNIQUE_TOKEN": "t0ken"}
    proc = subprocess.Popen(
        [COMMUNIQUE, "--store", str(tmp_path / "fresh"), "serve", "--allow-updates",
         "--port", str(port), "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                sd = httpx.get(url + "/sparql", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        assert "SPARQL11Update" in sd.text
        label = "http://www.w3.org/2000/01/rdf-schema#label"
        triple = f'<https://w3id.org/communique/id/x/a> <{label}> "A" .\n'.encode()
        headers = {"Authorization": "Bearer t0ken", "Content-Type": "application/n-triples"}
        graph = {"graph": "https://w3id.org/communique/graph/a"}
        r = httpx.put(url + "/store", params=graph, content=triple, headers=headers)
        assert r.status_code == 201
        got = httpx.get(url + "/sparql", params={"query": "SELECT ?l WHERE { ?s ?p ?l }"})
        assert json.loads(got.text)["results"]["bindings"][0]["l"]["value"] == "A"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    with ArticleStore(tmp_path / "fresh", read_only=True) as store:
        assert store.count_quads() == 1  # written to disk, and the lock was released
